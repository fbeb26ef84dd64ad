import { describe, expect, it } from 'vitest'
import {
  changedSettings, DEFAULT_API_HOST, DEFAULT_SETTINGS, definitionOf, hostNamesIn, invalidSettingName, parseSettings, SETTING_KEYS,
  settingsInputSchema, validateApiHost, type Settings,
} from './settings.ts'
import { NOT_SAMPLE_KINDS } from './sample-judgement.ts'

/** Every kind of non-sample hex the judgement names (sample-judgement.ts), each switched to `isOn`. */
const everyKind = (isOn: boolean) => Object.fromEntries(NOT_SAMPLE_KINDS.map((kind) => [kind, isOn])) as Settings['skipNotSamples']

const EXPECTED_DEFAULTS: Settings = {
  timeoutSeconds: 30,
  verdictTtlDays: 7,
  unknownTtlDays: 1,
  cacheMaxEntries: 100_000,
  lookupMode: 'automatic',
  perPageCap: 1000,
  perSiteDailyBudget: 2000,
  totalDailyBudget: 0,
  trustedSites: [],
  idleSites: [],
  pivots: [],
  noiseFilters: { skipSingleClassRuns: true, skipMixedCase: true, skipAssetFingerprints: true, skipGitObjectLinks: true },
  skipNotSamples: everyKind(true),
  openPdfsInHashLens: false,
  checkDownloads: false,
  downloadNotifications: 'threats',
  downloadMaxMegabytes: 200,
  downloadSkipDocuments: false,
  downloadExcludedSites: [],
}

describe('parseSettings: defaults', () => {
  it('DEFAULT_SETTINGS are the documented defaults', () => {
    expect(DEFAULT_SETTINGS).toEqual(EXPECTED_DEFAULTS)
    expect(DEFAULT_API_HOST).toBe('https://data.reversinglabs.com')
  })

  it('{} gives every default', () => {
    expect(parseSettings({})).toEqual(EXPECTED_DEFAULTS)
  })

  it('null and undefined give every default', () => {
    expect(parseSettings(null)).toEqual(EXPECTED_DEFAULTS)
    expect(parseSettings(undefined)).toEqual(EXPECTED_DEFAULTS)
  })

  it('garbage (a string, a number, an array, a boolean) gives every default', () => {
    for (const garbage of ['{"timeoutSeconds": 60}', 42, [1, 2, 3], true]) {
      expect(parseSettings(garbage)).toEqual(EXPECTED_DEFAULTS)
    }
  })

  it('a complete valid object is kept as stored', () => {
    const stored: Settings = {
      timeoutSeconds: 60,
      verdictTtlDays: 14,
      unknownTtlDays: 0.5,
      cacheMaxEntries: 5000,
      lookupMode: 'hover',
      perPageCap: 250,
      perSiteDailyBudget: 300,
      totalDailyBudget: 4000,
      trustedSites: ['siem.example.com'],
      idleSites: ['mail.example.com', 'intranet.local'],
      pivots: [{ name: 'Spectra Analyze', urlTemplate: 'https://a1000.example.com/{hash}' }],
      noiseFilters: { skipSingleClassRuns: false, skipMixedCase: true, skipAssetFingerprints: false, skipGitObjectLinks: true },
      skipNotSamples: { ...everyKind(true), 'commit-id': false },
      openPdfsInHashLens: true,
    checkDownloads: true,
    downloadNotifications: 'all',
    downloadMaxMegabytes: 50,
    downloadSkipDocuments: true,
    downloadExcludedSites: ['files.example.com'],
    }
    expect(parseSettings(structuredClone(stored))).toEqual(stored)
  })

  it('unknown extra keys are dropped', () => {
    expect(parseSettings({ lookupMode: 'off', password: 'should-not-be-here' })).toEqual({ ...EXPECTED_DEFAULTS, lookupMode: 'off' })
  })
})

describe('parseSettings: a bad field falls back alone', () => {
  it('a wrong-typed field takes its default while the good fields stay', () => {
    expect(parseSettings({ timeoutSeconds: 'sixty', lookupMode: 'hover', perPageCap: 50 })).toEqual({
      ...EXPECTED_DEFAULTS, lookupMode: 'hover', perPageCap: 50,
    })
  })

  it('out-of-range numbers take their defaults', () => {
    expect(parseSettings({ timeoutSeconds: 1, verdictTtlDays: 0, unknownTtlDays: 1000, cacheMaxEntries: 10, perPageCap: 0 }))
      .toEqual(EXPECTED_DEFAULTS)
    expect(parseSettings({ timeoutSeconds: 301 }).timeoutSeconds).toBe(30)
  })

  it('a non-integer where an integer is needed takes its default; fractional TTLs are fine', () => {
    expect(parseSettings({ timeoutSeconds: 12.5, cacheMaxEntries: 1000.5, verdictTtlDays: 2.5 })).toEqual({
      ...EXPECTED_DEFAULTS, verdictTtlDays: 2.5,
    })
  })

  it('an unknown lookup mode takes the default', () => {
    expect(parseSettings({ lookupMode: 'sometimes', perPageCap: 7 })).toEqual({ ...EXPECTED_DEFAULTS, perPageCap: 7 })
  })

  it('idleSites that is not a list of strings takes the default', () => {
    expect(parseSettings({ idleSites: 'example.com' }).idleSites).toEqual([])
    expect(parseSettings({ idleSites: ['ok.com', 5] }).idleSites).toEqual([])
  })

  it('a bad noise filter falls back alone inside noiseFilters', () => {
    expect(parseSettings({ noiseFilters: { skipSingleClassRuns: false, skipMixedCase: 'no', skipAssetFingerprints: false } }).noiseFilters)
      .toEqual({ skipSingleClassRuns: false, skipMixedCase: true, skipAssetFingerprints: false, skipGitObjectLinks: true })
  })

  it('a kind of skipNotSamples stored by no version (or a later one\'s) is dropped; one missing takes its default, on', () => {
    const parsed = parseSettings({ skipNotSamples: { 'commit-id': false, 'made-up-kind': false } }).skipNotSamples
    expect(parsed).toEqual({ ...everyKind(true), 'commit-id': false })
  })

  it('noiseFilters that is not an object takes the default filters and leaves other fields alone', () => {
    expect(parseSettings({ noiseFilters: 'all', timeoutSeconds: 90 })).toEqual({ ...EXPECTED_DEFAULTS, timeoutSeconds: 90 })
  })
})

/** A valid value other than the default for every setting. */
const CHANGED: Settings = {
  timeoutSeconds: 60,
  verdictTtlDays: 14,
  unknownTtlDays: 0.5,
  cacheMaxEntries: 5000,
  lookupMode: 'hover',
  perPageCap: 250,
  perSiteDailyBudget: 300,
  totalDailyBudget: 4000,
  trustedSites: ['siem.example.com'],
  idleSites: ['mail.example.com', 'intranet.local'],
  pivots: [{ name: 'VirusTotal', urlTemplate: 'https://www.virustotal.com/gui/file/{hash}' }],
  noiseFilters: { skipSingleClassRuns: false, skipMixedCase: false, skipAssetFingerprints: false, skipGitObjectLinks: false },
  skipNotSamples: everyKind(false),
  openPdfsInHashLens: true,
  checkDownloads: true,
  downloadNotifications: 'all',
  downloadMaxMegabytes: 50,
  downloadSkipDocuments: true,
  downloadExcludedSites: ['files.example.com'],
}

describe('the setting definitions', () => {
  it('declare every setting the type has, each with a default its own rule accepts', () => {
    expect([...SETTING_KEYS].sort()).toEqual(Object.keys(EXPECTED_DEFAULTS).sort())
    for (const key of SETTING_KEYS) expect(definitionOf(key).schema.safeParse(definitionOf(key).default).success, key).toBe(true)
  })

  it('CHANGED differs from the defaults in every setting (the tests below rely on it)', () => {
    for (const key of SETTING_KEYS) expect(CHANGED[key], key).not.toEqual(DEFAULT_SETTINGS[key])
    expect(settingsInputSchema.safeParse(CHANGED).success).toBe(true)
  })

  it('read back any one setting that does not fit as its default, and leave every other one as stored', () => {
    for (const key of SETTING_KEYS) {
      for (const wrong of [{ not: 'a setting' }, null, Symbol.for('x'), Number.NaN]) {
        expect(parseSettings({ ...CHANGED, [key]: wrong }), `${key}: ${String(wrong)}`).toEqual({ ...CHANGED, [key]: DEFAULT_SETTINGS[key] })
      }
      const withoutIt: Partial<Settings> = { ...CHANGED }
      delete withoutIt[key]
      expect(parseSettings(withoutIt), `${key} missing`).toEqual({ ...CHANGED, [key]: DEFAULT_SETTINGS[key] })
    }
  })

  it('give every parse its own copy of a default list or group', () => {
    const first = parseSettings({})
    first.idleSites.push('changed.example')
    first.noiseFilters.skipMixedCase = false
    expect(parseSettings({})).toEqual(EXPECTED_DEFAULTS)
    expect(DEFAULT_SETTINGS).toEqual(EXPECTED_DEFAULTS)
  })
})

describe('settingsInputSchema: what the options page must send', () => {
  it('accepts complete valid settings', () => {
    expect(settingsInputSchema.parse(CHANGED)).toEqual(CHANGED)
    expect(settingsInputSchema.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS)
  })

  it('refuses settings with any one field missing or wrong, and says which', () => {
    for (const key of SETTING_KEYS) {
      const withoutIt: Partial<Settings> = { ...CHANGED }
      delete withoutIt[key]
      expect(settingsInputSchema.safeParse(withoutIt).success, `${key} missing`).toBe(false)
      const result = settingsInputSchema.safeParse({ ...CHANGED, [key]: { not: 'a setting' } })
      expect(new Set(result.error?.issues.map((issue) => issue.path[0])), key).toEqual(new Set([key]))
    }
  })
})

describe('invalidSettingName', () => {
  it('names a field as the options page does, with the range where there is one', () => {
    expect(invalidSettingName('perPageCap')).toBe('Automatic lookups per page (1 to 100,000)')
    expect(invalidSettingName('timeoutSeconds')).toBe('Request timeout (5 to 300 seconds)')
    expect(invalidSettingName('lookupMode')).toBe('Lookup mode')
    expect(invalidSettingName('noiseFilters')).toBe('Noise filters')
  })

  it('has a name for every setting, and passes anything else through as it is', () => {
    for (const key of SETTING_KEYS) expect(invalidSettingName(key), key).not.toBe(key)
    expect(invalidSettingName('toString')).toBe('toString')
    expect(invalidSettingName('')).toBe('')
  })
})

describe('changedSettings: what storage keeps', () => {
  it('keeps nothing for the defaults', () => {
    expect(changedSettings(DEFAULT_SETTINGS)).toEqual({})
    expect(changedSettings(parseSettings({}))).toEqual({})
  })

  it('keeps only the settings that differ from their defaults', () => {
    expect(changedSettings({ ...DEFAULT_SETTINGS, timeoutSeconds: 45, idleSites: ['a.example'] })).toEqual({ timeoutSeconds: 45, idleSites: ['a.example'] })
  })

  it('keeps only the members of a group that differ', () => {
    expect(changedSettings({ ...DEFAULT_SETTINGS, noiseFilters: { ...DEFAULT_SETTINGS.noiseFilters, skipMixedCase: false } }))
      .toEqual({ noiseFilters: { skipMixedCase: false } })
  })

  it('reads back as the settings it was made from', () => {
    const samples = [DEFAULT_SETTINGS, CHANGED, ...SETTING_KEYS.map((key) => ({ ...CHANGED, [key]: DEFAULT_SETTINGS[key] }))]
    for (const settings of samples) expect(parseSettings(JSON.parse(JSON.stringify(changedSettings(settings))))).toEqual(settings)
  })

  it('shares no list or group with the settings it was made from', () => {
    const settings = structuredClone(CHANGED)
    const stored = changedSettings(settings)
    settings.idleSites.push('later.example')
    expect(stored.idleSites).toEqual(CHANGED.idleSites)
  })

  it('compares with other defaults when given them (a migration from an older version)', () => {
    const older = { ...DEFAULT_SETTINGS, perPageCap: 500 }
    expect(changedSettings({ ...DEFAULT_SETTINGS, perPageCap: 500 }, older)).toEqual({})
    expect(changedSettings(DEFAULT_SETTINGS, older)).toEqual({ perPageCap: 1000 })
  })
})

describe('hostNamesIn', () => {
  it('reads host names typed one per line (or space-separated), in lower case', () => {
    expect(hostNamesIn('Mail.Example.com\n\n  intranet.local  other.example\t')).toEqual(['mail.example.com', 'intranet.local', 'other.example'])
    expect(hostNamesIn(' \n ')).toEqual([])
  })
})

describe('validateApiHost', () => {
  it('accepts https and returns the origin', () => {
    expect(validateApiHost('https://data.reversinglabs.com')).toEqual({ ok: true, origin: 'https://data.reversinglabs.com' })
  })

  it('keeps a non-default port', () => {
    expect(validateApiHost('https://proxy.corp.example:8443')).toEqual({ ok: true, origin: 'https://proxy.corp.example:8443' })
  })

  it('accepts http://localhost:8787 (the simulator)', () => {
    expect(validateApiHost('http://localhost:8787')).toEqual({ ok: true, origin: 'http://localhost:8787' })
  })

  it('accepts http://127.0.0.1 and http://[::1]', () => {
    expect(validateApiHost('http://127.0.0.1')).toEqual({ ok: true, origin: 'http://127.0.0.1' })
    expect(validateApiHost('http://[::1]:8080')).toEqual({ ok: true, origin: 'http://[::1]:8080' })
  })

  it('rejects plain http to any other host, including look-alikes of localhost', () => {
    for (const input of ['http://example.com', 'http://data.reversinglabs.com', 'http://localhost.evil.example', 'http://127.0.0.1.nip.io']) {
      const result = validateApiHost(input)
      expect(result.ok).toBe(false)
      expect(!result.ok && result.error).toMatch(/https/)
    }
  })

  it('rejects other schemes (ftp, javascript, file)', () => {
    for (const input of ['ftp://data.reversinglabs.com', 'javascript:alert(1)', 'file:///etc/passwd']) {
      expect(validateApiHost(input).ok).toBe(false)
    }
  })

  it('rejects credentials in the URL and says where they belong', () => {
    for (const input of ['https://user:pass@data.reversinglabs.com', 'https://user@data.reversinglabs.com']) {
      const result = validateApiHost(input)
      expect(result.ok).toBe(false)
      expect(!result.ok && result.error).toMatch(/Username and Password/)
    }
  })

  it('rejects a path, query or fragment (it would be dropped and every lookup would 404), and lower-cases the host', () => {
    for (const input of ['https://data.reversinglabs.com/api/databrowser/', 'https://proxy.example/spectra', 'https://h.example/?x=1', 'https://h.example/#top']) {
      const result = validateApiHost(input)
      expect(!result.ok && result.error).toMatch(/no path/)
    }
    expect(validateApiHost('HTTPS://Data.ReversingLabs.COM')).toEqual({ ok: true, origin: 'https://data.reversinglabs.com' })
    expect(validateApiHost('https://data.reversinglabs.com/')).toEqual({ ok: true, origin: 'https://data.reversinglabs.com' })
  })

  it('trims surrounding white space', () => {
    expect(validateApiHost('  https://data.reversinglabs.com \n')).toEqual({ ok: true, origin: 'https://data.reversinglabs.com' })
  })

  it('rejects garbage with a sentence that shows an example', () => {
    for (const input of ['', 'not a url', 'data.reversinglabs.com', 'https://']) {
      const result = validateApiHost(input)
      expect(result.ok).toBe(false)
      expect(!result.ok && result.error.length).toBeGreaterThan(0)
    }
    const result = validateApiHost('not a url')
    expect(!result.ok && result.error).toContain('https://data.reversinglabs.com')
  })
})
