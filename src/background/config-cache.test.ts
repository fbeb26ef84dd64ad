/** Settings and credentials in effect are read once, and again only after storage (or the managed policy) changes. */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_API_HOST } from '../shared/settings.ts'

let managed: Record<string, unknown> = {}
const local = new Map<string, unknown>()
const localGet = vi.fn(async (key: string) => (local.has(key) ? { [key]: structuredClone(local.get(key)) } : {}))
const managedGet = vi.fn(async () => structuredClone(managed))
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      managed: { get: () => managedGet() },
      local: {
        get: (key: string) => localGet(key),
        set: async (items: Record<string, unknown>) => { for (const [key, value] of Object.entries(items)) local.set(key, structuredClone(value)) },
      },
    },
  },
}))

const { forgetSettingsOnChange, loadSettings, saveSettings, SETTINGS_KEY } = await import('./settings-store.ts')
const { CREDENTIALS_KEY, forgetCredentialsOnChange, loadCredentials } = await import('./credentials-store.ts')
const { forgetManagedPolicy, POLICY_COPY_KEY, refreshManagedPolicy } = await import('./managed-policy.ts')
const { LazyValue } = await import('./lazy-value.ts')

/** How often storage.local was asked for `key`. */
function readsOf(key: string): number {
  return localGet.mock.calls.filter(([asked]) => asked === key).length
}

/** What the worker's storage.onChanged listener does with a change. */
function storageChanged(area: string, changes: Record<string, unknown>): void {
  forgetSettingsOnChange(changes, area)
  forgetCredentialsOnChange(changes, area)
}

beforeEach(async () => {
  local.clear()
  managed = {}
  forgetManagedPolicy()
  await refreshManagedPolicy()
  storageChanged('managed', {}) // start every test with nothing kept
  localGet.mockClear()
})

describe('settings and credentials kept in the worker', () => {
  it('reads the settings from storage once, then from memory', async () => {
    local.set(SETTINGS_KEY, { lookupMode: 'hover', perPageCap: 40 })
    expect((await loadSettings()).lookupMode).toBe('hover')
    const reads = readsOf(SETTINGS_KEY)
    expect(reads).toBe(1)
    const again = await loadSettings()
    expect(again.perPageCap).toBe(40)
    expect(readsOf(SETTINGS_KEY)).toBe(reads)
    expect(localGet).toHaveBeenCalledTimes(1) // not the policy's copy either: the live policy is in memory
  })

  it('reads the credentials from storage once, then from memory', async () => {
    local.set(CREDENTIALS_KEY, { username: 'u/acme/me', password: 'pw', apiHost: DEFAULT_API_HOST })
    expect((await loadCredentials()).username).toBe('u/acme/me')
    await loadCredentials()
    await loadCredentials()
    expect(readsOf(CREDENTIALS_KEY)).toBe(1)
  })

  it('reads them again after a change in storage.local', async () => {
    local.set(SETTINGS_KEY, { lookupMode: 'hover' })
    local.set(CREDENTIALS_KEY, { username: 'u/acme/me', password: 'pw', apiHost: DEFAULT_API_HOST })
    await loadSettings()
    await loadCredentials()

    local.set(SETTINGS_KEY, { lookupMode: 'off' })
    storageChanged('local', { [SETTINGS_KEY]: { newValue: { lookupMode: 'off' } } })
    expect((await loadSettings()).lookupMode).toBe('off')
    expect(readsOf(SETTINGS_KEY)).toBe(2)
    expect(readsOf(CREDENTIALS_KEY)).toBe(1) // a settings change leaves the credentials kept

    local.set(CREDENTIALS_KEY, { username: 'u/acme/other', password: 'pw2', apiHost: DEFAULT_API_HOST })
    storageChanged('local', { [CREDENTIALS_KEY]: {} })
    expect((await loadCredentials()).username).toBe('u/acme/other')
    expect(readsOf(CREDENTIALS_KEY)).toBe(2)
  })

  it('keeps them through changes that cannot affect them', async () => {
    await loadSettings()
    await loadCredentials()
    storageChanged('local', { engineState: {} })
    storageChanged('session', { [SETTINGS_KEY]: {}, [CREDENTIALS_KEY]: {} })
    await loadSettings()
    await loadCredentials()
    expect(readsOf(SETTINGS_KEY)).toBe(1)
    expect(readsOf(CREDENTIALS_KEY)).toBe(1)
  })

  it('reads them again after a change of the managed policy', async () => {
    local.set(SETTINGS_KEY, { lookupMode: 'hover' })
    local.set(CREDENTIALS_KEY, { username: 'u/acme/me', password: 'pw', apiHost: DEFAULT_API_HOST })
    expect((await loadSettings()).lookupMode).toBe('hover')
    await loadCredentials()

    managed = { lookupMode: 'off', username: 'u/corp/soc' }
    // What the worker does on a change in 'managed': forget the policy, then the values merged with it.
    forgetManagedPolicy()
    storageChanged('managed', { lookupMode: { newValue: 'off' } })
    await refreshManagedPolicy()
    expect((await loadSettings()).lookupMode).toBe('off')
    expect((await loadCredentials()).username).toBe('u/corp/soc')
    expect(readsOf(SETTINGS_KEY)).toBe(2)
    expect(readsOf(CREDENTIALS_KEY)).toBe(2)
  })

  it('reads them again when the policy copy in storage.local changes', async () => {
    await loadSettings()
    await loadCredentials()
    storageChanged('local', { [POLICY_COPY_KEY]: { newValue: {} } })
    await loadSettings()
    await loadCredentials()
    expect(readsOf(SETTINGS_KEY)).toBe(2)
    expect(readsOf(CREDENTIALS_KEY)).toBe(2)
  })

  it('sees its own save at once, before storage.onChanged arrives', async () => {
    local.set(SETTINGS_KEY, { lookupMode: 'hover' })
    const before = await loadSettings()
    await saveSettings({ ...before, lookupMode: 'automatic' })
    expect((await loadSettings()).lookupMode).toBe('automatic')
  })
})

describe('LazyValue', () => {
  it('does not keep a failed read', async () => {
    let calls = 0
    const value = new LazyValue(async () => {
      calls++
      if (calls === 1) throw new Error('storage failed')
      return calls
    })
    await expect(value.get()).rejects.toThrow('storage failed')
    expect(await value.get()).toBe(2)
    expect(await value.get()).toBe(2)
  })

  it('does not keep a read that was under way when the value changed', async () => {
    let stored = 'old'
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => { release = resolve })
    const value = new LazyValue(async () => {
      const seen = stored
      await gate
      return seen
    })
    const early = value.get()
    stored = 'new'
    value.invalidate()
    release()
    expect(await early).toBe('old')
    expect(await value.get()).toBe('new')
  })
})
