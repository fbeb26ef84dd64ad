import { beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings.ts'

const local = new Map<string, unknown>()
/** Set to hold storage.local.get until released. */
let heldGet: Promise<void> | null = null
const localSet = vi.fn(async (items: Record<string, unknown>) => {
  for (const [key, value] of Object.entries(items)) local.set(key, structuredClone(value))
})
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      managed: { get: async () => ({}) },
      local: {
        get: async (keys: string | string[]) => {
          const answer = Object.fromEntries([keys].flat().filter((key) => local.has(key)).map((key) => [key, structuredClone(local.get(key))]))
          if (heldGet) await heldGet
          return answer
        },
        set: (items: Record<string, unknown>) => localSet(items),
      },
    },
  },
}))

const { forgetSettings, loadSettings, loadStoredSettings, migrateStoredSettings, saveSettings, SETTINGS_KEY, SETTINGS_VERSION_KEY } = await import('./settings-store.ts')
const { forgetManagedPolicy, refreshManagedPolicy } = await import('./managed-policy.ts')

/** Settings as version 0 stored them on every Save: all of them, defaults included. */
const VERSION_0_SAVED: Settings = { ...structuredClone(DEFAULT_SETTINGS), timeoutSeconds: 45, lookupMode: 'hover' }

beforeEach(async () => {
  local.clear()
  heldGet = null
  forgetManagedPolicy()
  await refreshManagedPolicy()
  forgetSettings()
  localSet.mockClear()
})

describe('saving settings', () => {
  it('stores only what differs from the defaults, with the version of that form', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, perPageCap: 50, noiseFilters: { ...DEFAULT_SETTINGS.noiseFilters, skipGitObjectLinks: false } })
    expect(local.get(SETTINGS_KEY)).toEqual({ perPageCap: 50, noiseFilters: { skipGitObjectLinks: false } })
    expect(local.get(SETTINGS_VERSION_KEY)).toBe(2)
  })

  it('stores nothing but the version for the defaults', async () => {
    await saveSettings(structuredClone(DEFAULT_SETTINGS))
    expect(local.get(SETTINGS_KEY)).toEqual({})
    expect(local.get(SETTINGS_VERSION_KEY)).toBe(2)
  })

  it('reads back what it saved', async () => {
    const settings: Settings = { ...structuredClone(DEFAULT_SETTINGS), idleSites: ['a.example'], verdictTtlDays: 3 }
    await saveSettings(settings)
    expect(await loadStoredSettings()).toEqual(settings)
    expect(await loadSettings()).toEqual(settings)
  })
})

describe('reading settings', () => {
  it('reads the whole object version 0 stored, before any migration', async () => {
    local.set(SETTINGS_KEY, VERSION_0_SAVED)
    expect(await loadStoredSettings()).toEqual(VERSION_0_SAVED)
    expect(await loadSettings()).toEqual(VERSION_0_SAVED)
  })

  it('gives the defaults for what is not stored', async () => {
    local.set(SETTINGS_KEY, { lookupMode: 'off' })
    expect(await loadStoredSettings()).toEqual({ ...DEFAULT_SETTINGS, lookupMode: 'off' })
    expect(await loadStoredSettings()).toEqual({ ...DEFAULT_SETTINGS, lookupMode: 'off' })
  })
})

describe('migrateStoredSettings (on install and update)', () => {
  it('rewrites what version 0 stored as only the changed values, meaning the same settings', async () => {
    local.set(SETTINGS_KEY, VERSION_0_SAVED)
    await migrateStoredSettings()
    expect(local.get(SETTINGS_KEY)).toEqual({ timeoutSeconds: 45, lookupMode: 'hover' })
    expect(local.get(SETTINGS_VERSION_KEY)).toBe(2)
    expect(await loadStoredSettings()).toEqual(VERSION_0_SAVED)
  })

  it('creates no settings on a new install, only the version', async () => {
    await migrateStoredSettings()
    expect(local.has(SETTINGS_KEY)).toBe(false)
    expect(local.get(SETTINGS_VERSION_KEY)).toBe(2)
  })

  it('makes the Spectra Analyze link version 1 stored the first pivot, which the worker then reads', async () => {
    local.set(SETTINGS_KEY, { analyzeUrlTemplate: 'https://a1000.example.com/{hash}/', perPageCap: 50 })
    local.set(SETTINGS_VERSION_KEY, 1)
    await migrateStoredSettings()
    const pivots = [{ name: 'Spectra Analyze', urlTemplate: 'https://a1000.example.com/{hash}/' }]
    expect(local.get(SETTINGS_KEY)).toEqual({ perPageCap: 50, pivots })
    expect((await loadSettings()).pivots).toEqual(pivots)
  })

  it('writes nothing once storage is current', async () => {
    local.set(SETTINGS_KEY, VERSION_0_SAVED)
    await migrateStoredSettings()
    localSet.mockClear()
    await migrateStoredSettings()
    expect(localSet).not.toHaveBeenCalled()
  })

  it('does not undo a Save made while it reads', async () => {
    local.set(SETTINGS_KEY, VERSION_0_SAVED)
    let release: () => void = () => undefined
    heldGet = new Promise((resolve) => { release = resolve })
    const migrating = migrateStoredSettings()
    const saving = saveSettings({ ...VERSION_0_SAVED, timeoutSeconds: 90 })
    heldGet = null
    release()
    await Promise.all([migrating, saving])
    expect(local.get(SETTINGS_KEY)).toEqual({ timeoutSeconds: 90, lookupMode: 'hover' })
  })

  it('drops the settings the worker kept, so a default that changed applies at once', async () => {
    local.set(SETTINGS_KEY, VERSION_0_SAVED)
    expect((await loadSettings()).timeoutSeconds).toBe(45)
    local.set(SETTINGS_KEY, {})
    await migrateStoredSettings()
    expect((await loadSettings()).timeoutSeconds).toBe(DEFAULT_SETTINGS.timeoutSeconds)
  })
})
