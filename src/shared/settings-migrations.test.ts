import { describe, expect, it } from 'vitest'
import { migrateSettings, SETTINGS_VERSION } from './settings-migrations.ts'
import { DEFAULT_SETTINGS, parseSettings } from './settings.ts'

/** What version 0 stored after any Save: every setting it had, defaults included. */
const VERSION_0_SAVED = {
  timeoutSeconds: 45,
  verdictTtlDays: 7,
  unknownTtlDays: 1,
  cacheMaxEntries: 100_000,
  lookupMode: 'automatic',
  perPageCap: 1000,
  idleSites: ['mail.example.com'],
  analyzeUrlTemplate: '',
  noiseFilters: { skipSingleClassRuns: true, skipMixedCase: false, skipAssetFingerprints: true, skipGitObjectLinks: true },
} as const

const ANALYZE = 'https://a1000.example.com/{hash}/'

describe('migrateSettings: version 0 to 1', () => {

  it('keeps only what the user changed from the defaults', () => {
    expect(migrateSettings(VERSION_0_SAVED, undefined)).toEqual({
      version: 2,
      settings: { timeoutSeconds: 45, idleSites: ['mail.example.com'], noiseFilters: { skipMixedCase: false } },
    })
  })

  it('keeps nothing when version 0 had saved the defaults', () => {
    expect(migrateSettings(structuredClone(DEFAULT_SETTINGS), undefined)).toEqual({ version: 2, settings: {} })
  })

  it('means the same settings afterwards', () => {
    const migrated = migrateSettings(VERSION_0_SAVED, undefined)
    const stillSettings: Record<string, unknown> = { ...VERSION_0_SAVED }
    delete stillSettings.analyzeUrlTemplate
    expect(parseSettings(migrated?.settings)).toEqual({ ...DEFAULT_SETTINGS, ...stillSettings })
  })

  it('stores nothing where nothing was stored (a new install), and only says which form storage is in', () => {
    expect(migrateSettings(undefined, undefined)).toEqual({ version: 2, settings: undefined })
  })

  it('reads a stored version 0 that was partial (hand-written, or from before a setting existed)', () => {
    expect(migrateSettings({ lookupMode: 'off' }, undefined)).toEqual({ version: 2, settings: { lookupMode: 'off' } })
  })
})

describe('migrateSettings: the Spectra Analyze link becomes the first pivot (version 1 to 2)', () => {
  it('is at version 2', () => {
    expect(SETTINGS_VERSION).toBe(2)
  })

  it('turns a stored link into a pivot named Spectra Analyze, and stores no analyzeUrlTemplate', () => {
    expect(migrateSettings({ analyzeUrlTemplate: ANALYZE, perPageCap: 50 }, 1)).toEqual({
      version: 2, settings: { perPageCap: 50, pivots: [{ name: 'Spectra Analyze', urlTemplate: ANALYZE }] },
    })
  })

  it('does so for version 0 too, which stored every setting', () => {
    expect(migrateSettings({ ...VERSION_0_SAVED, analyzeUrlTemplate: ANALYZE }, 0)?.settings).toEqual({
      timeoutSeconds: 45, idleSites: ['mail.example.com'], noiseFilters: { skipMixedCase: false },
      pivots: [{ name: 'Spectra Analyze', urlTemplate: ANALYZE }],
    })
  })

  it('drops an empty link, and one it could never open (javascript:, no {hash}), with nothing else', () => {
    for (const analyzeUrlTemplate of ['', '  ', 'javascript:alert("{hash}")', 'https://a1000.example.com/', 42]) {
      expect(migrateSettings({ analyzeUrlTemplate, perPageCap: 50 }, 1), String(analyzeUrlTemplate)).toEqual({ version: 2, settings: { perPageCap: 50 } })
    }
  })

  it('means the same card button afterwards: "Open in Spectra Analyze" at the same URL', () => {
    const settings = parseSettings(migrateSettings({ analyzeUrlTemplate: ANALYZE }, 1)?.settings)
    expect(settings.pivots).toEqual([{ name: 'Spectra Analyze', urlTemplate: ANALYZE }])
  })
})

describe('migrateSettings: once is enough', () => {
  it('does nothing at the current version', () => {
    const once = migrateSettings(VERSION_0_SAVED, undefined)!
    expect(migrateSettings(once.settings, once.version)).toBeNull()
    expect(migrateSettings(undefined, SETTINGS_VERSION)).toBeNull()
  })

  it('gives the same result when run again on its own result as version 0', () => {
    const once = migrateSettings(VERSION_0_SAVED, undefined)!
    expect(migrateSettings(once.settings, 0)).toEqual(once)
  })

  it('leaves alone what a newer version stored', () => {
    expect(migrateSettings({ futureSetting: true, timeoutSeconds: 30 }, SETTINGS_VERSION + 1)).toBeNull()
  })
})

describe('migrateSettings: unknown and corrupt values', () => {
  it('reads a version that is not a whole number, or below 0, as version 0', () => {
    for (const version of ['1', 1.5, -1, null, {}, Number.NaN]) {
      expect(migrateSettings(VERSION_0_SAVED, version), String(version)).toEqual(migrateSettings(VERSION_0_SAVED, 0))
    }
  })

  it('drops fields that do not fit, and keeps the rest', () => {
    expect(migrateSettings({ ...VERSION_0_SAVED, perPageCap: 0, lookupMode: 'sometimes', idleSites: 'example.com' }, 0)).toEqual({
      version: 2,
      settings: { timeoutSeconds: 45, noiseFilters: { skipMixedCase: false } },
    })
  })

  it('drops keys no setting has', () => {
    expect(migrateSettings({ timeoutSeconds: 60, password: 'not-here', legacyOption: 1 }, 0)).toEqual({ version: 2, settings: { timeoutSeconds: 60 } })
  })

  it('stores no settings from garbage', () => {
    for (const garbage of ['{"timeoutSeconds": 60}', 42, [1, 2, 3], true, null]) {
      expect(migrateSettings(garbage, 0), JSON.stringify(garbage)).toEqual({ version: 2, settings: {} })
    }
  })
})
