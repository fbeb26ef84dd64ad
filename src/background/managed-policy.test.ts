import { beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_API_HOST, DEFAULT_SETTINGS, POLICY_SETTING_KEYS, type Settings } from '../shared/settings.ts'

const managedGet = vi.fn<() => Promise<Record<string, unknown>>>()
const local = new Map<string, unknown>()
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      managed: { get: () => managedGet() },
      local: {
        get: async (key: string) => (local.has(key) ? { [key]: structuredClone(local.get(key)) } : {}),
        set: async (items: Record<string, unknown>) => { for (const [key, value] of Object.entries(items)) local.set(key, structuredClone(value)) },
      },
    },
  },
}))

const {
  applyPolicy, applySettingsPolicy, changedManagedSetting, forgetManagedPolicy, loadManagedPolicy, managedFieldsOf, parseManagedPolicy,
  POLICY_COPY_KEY, refreshManagedPolicy, withoutManagedSettings,
} = await import('./managed-policy.ts')

const userSettings: Settings = {
  ...structuredClone(DEFAULT_SETTINGS),
  lookupMode: 'hover',
  perPageCap: 50,
  idleSites: ['mail.example.com'],
  pivots: [{ name: 'Mine', urlTemplate: 'https://mine.example/{hash}' }],
  timeoutSeconds: 45,
}
const ANALYZE = { name: 'Spectra Analyze', urlTemplate: 'https://analyze.corp/{hash}' }
const VT = { name: 'VirusTotal', urlTemplate: 'https://www.virustotal.com/gui/file/{hash}' }
const userCredentials = { username: 'u/acme/me', password: 'my-password', apiHost: DEFAULT_API_HOST }

describe('parseManagedPolicy', () => {
  it('keeps every valid field, normalised', () => {
    expect(parseManagedPolicy({
      apiHost: 'https://Proxy.Corp.Example/',
      username: ' u/corp/analyst ',
      lookupMode: 'off',
      perPageCap: 200,
      idleSites: ['Intranet.Example', ' a.example  b.example ', ''],
      analyzeUrlTemplate: 'https://analyze.corp/{hash}',
    })).toEqual({
      apiHost: 'https://proxy.corp.example',
      username: 'u/corp/analyst',
      lookupMode: 'off',
      perPageCap: 200,
      idleSites: ['intranet.example', 'a.example', 'b.example'],
      pivots: [ANALYZE],
    })
  })

  it('drops each wrong field and keeps the rest', () => {
    expect(parseManagedPolicy({
      apiHost: 'http://proxy.corp.example', // plain http to another machine
      username: 'u/corp:analyst',
      password: '',
      lookupMode: 'sometimes',
      perPageCap: 0,
      idleSites: 'intranet.example',
      analyzeUrlTemplate: 42,
      pivots: 'https://x/{hash}',
      unknownKey: true,
    })).toEqual({})
    expect(parseManagedPolicy({ perPageCap: 1.5, lookupMode: 'hover' })).toEqual({ lookupMode: 'hover' })
  })

  it('reads a managed Spectra Analyze link as the first pivot, before the managed pivots, once', () => {
    expect(parseManagedPolicy({ pivots: [VT, ANALYZE], analyzeUrlTemplate: ANALYZE.urlTemplate })).toEqual({ pivots: [ANALYZE, VT] })
    expect(parseManagedPolicy({ pivots: [VT], analyzeUrlTemplate: ANALYZE.urlTemplate })).toEqual({ pivots: [ANALYZE, VT] })
    expect(managedFieldsOf(parseManagedPolicy({ analyzeUrlTemplate: ANALYZE.urlTemplate }))).toEqual(['pivots'])
  })

  it('reads an empty or unusable managed Spectra Analyze link as none, still fixing the list as before', () => {
    expect(parseManagedPolicy({ analyzeUrlTemplate: '' })).toEqual({ pivots: [] })
    expect(parseManagedPolicy({ analyzeUrlTemplate: 'javascript:alert("{hash}")', pivots: [VT] })).toEqual({ pivots: [VT] })
  })

  it('drops each bad managed pivot alone', () => {
    expect(parseManagedPolicy({ pivots: [{ name: 'JS', urlTemplate: 'javascript:{hash}' }, VT, { name: 7 }, { name: 'x'.repeat(41), urlTemplate: VT.urlTemplate }] }))
      .toEqual({ pivots: [VT] })
  })

  it('reads no policy from nothing, null or a non-object', () => {
    for (const raw of [undefined, null, 'x', 3, []]) expect(parseManagedPolicy(raw)).toEqual({})
  })

  it('pins the API host to the default when the policy gives a password but no host', () => {
    expect(parseManagedPolicy({ username: 'u/corp/svc', password: 'p' })).toEqual({ username: 'u/corp/svc', password: 'p', apiHost: DEFAULT_API_HOST })
  })
})

describe('applyPolicy', () => {
  it('changes nothing without a policy', () => {
    expect(applyPolicy(userSettings, userCredentials, {})).toEqual({ settings: userSettings, credentials: userCredentials, managed: [] })
  })

  it('puts managed settings over the user\'s and leaves the others alone', () => {
    const { settings, managed } = applyPolicy(userSettings, userCredentials, { lookupMode: 'off', perPageCap: 10, idleSites: ['x.example'] })
    expect(settings).toEqual({ ...userSettings, lookupMode: 'off', perPageCap: 10, idleSites: ['x.example'] })
    expect(managed).toEqual(['lookupMode', 'perPageCap', 'idleSites'])
  })

  it('uses the policy\'s account over the user\'s', () => {
    const policy = parseManagedPolicy({ username: 'u/corp/svc', password: 'corp-password' })
    const { credentials, managed } = applyPolicy(userSettings, userCredentials, policy)
    expect(credentials).toEqual({ username: 'u/corp/svc', password: 'corp-password', apiHost: DEFAULT_API_HOST })
    expect(managed).toEqual(['apiHost', 'username', 'password'])
  })

  it('keeps the user\'s password with a managed username on the same host', () => {
    const { credentials } = applyPolicy(userSettings, userCredentials, { username: 'u/corp/me' })
    expect(credentials).toEqual({ username: 'u/corp/me', password: 'my-password', apiHost: DEFAULT_API_HOST })
  })

  it('never sends the user\'s password to a host the policy names', () => {
    const { credentials } = applyPolicy(userSettings, userCredentials, { apiHost: 'https://proxy.corp.example' })
    expect(credentials).toEqual({ username: 'u/acme/me', password: '', apiHost: 'https://proxy.corp.example' })
  })

  it('does not share the policy\'s idle-site list with the result', () => {
    const policy = { idleSites: ['x.example'] }
    applyPolicy(userSettings, userCredentials, policy).settings.idleSites.push('y.example')
    expect(policy.idleSites).toEqual(['x.example'])
  })
})

describe('saving under a policy', () => {
  const policy = parseManagedPolicy({ lookupMode: 'off', perPageCap: 10, idleSites: ['x.example'], analyzeUrlTemplate: '' })
  const shown = applyPolicy(userSettings, userCredentials, policy).settings

  it('accepts the managed values unchanged, and names the first one changed', () => {
    expect(changedManagedSetting(shown, policy)).toBeNull()
    expect(changedManagedSetting({ ...shown, timeoutSeconds: 60 }, policy)).toBeNull()
    expect(changedManagedSetting({ ...shown, perPageCap: 11 }, policy)).toBe('perPageCap')
    expect(changedManagedSetting({ ...shown, idleSites: [] }, policy)).toBe('idleSites')
    expect(changedManagedSetting({ ...shown, lookupMode: 'automatic' }, policy)).toBe('lookupMode')
    expect(changedManagedSetting({ ...shown, pivots: [VT] }, policy)).toBe('pivots')
  })

  it('stores the user\'s own values under managed fields, and the user\'s changes elsewhere', () => {
    expect(withoutManagedSettings({ ...shown, timeoutSeconds: 60 }, userSettings, policy)).toEqual({ ...userSettings, timeoutSeconds: 60 })
  })
})

describe('every setting whose definition has a policy', () => {
  /** A valid policy value for each, other than the user's own. */
  const policyValues: Pick<Settings, (typeof POLICY_SETTING_KEYS)[number]> = {
    lookupMode: 'off', perPageCap: 7, perSiteDailyBudget: 50, totalDailyBudget: 900, trustedSites: ['siem.corp.example'],
    idleSites: ['corp.example'], pivots: [ANALYZE, VT], openPdfsInHashLens: true, checkDownloads: true,
    downloadNotifications: 'all', downloadMaxMegabytes: 64, downloadSkipDocuments: true, downloadExcludedSites: ['cdn.corp.example'],
  }

  it('is the list this test covers', () => {
    expect([...POLICY_SETTING_KEYS].sort()).toEqual(Object.keys(policyValues).sort())
  })

  it('is read from policy, applied over the user\'s value alone, locked, and kept out of what Save stores', () => {
    for (const key of POLICY_SETTING_KEYS) {
      const policy = parseManagedPolicy({ [key]: policyValues[key] })
      expect(policy, key).toEqual({ [key]: policyValues[key] })
      const applied = applySettingsPolicy(userSettings, policy)
      expect(applied, key).toEqual({ ...userSettings, [key]: policyValues[key] })
      expect(managedFieldsOf(policy), key).toEqual([key])
      expect(changedManagedSetting(applied, policy), key).toBeNull()
      expect(changedManagedSetting(userSettings, policy), key).toBe(key)
      expect(withoutManagedSettings({ ...applied, timeoutSeconds: 99 }, userSettings, policy), key).toEqual({ ...userSettings, timeoutSeconds: 99 })
    }
  })

  it('ignores a policy value the setting itself could not hold (the options page could then save nothing)', () => {
    expect(parseManagedPolicy({ analyzeUrlTemplate: `https://corp.example/${'x'.repeat(2000)}` })).toEqual({})
    expect(parseManagedPolicy({ pivots: [{ name: 'Long', urlTemplate: `https://corp.example/${'x'.repeat(2000)}{hash}` }] })).toEqual({ pivots: [] })
    expect(parseManagedPolicy({ idleSites: [`${'a'.repeat(301)}.example`] })).toEqual({})
  })

  it('is the only kind of setting policy can set', () => {
    expect(parseManagedPolicy({ timeoutSeconds: 60, verdictTtlDays: 2, cacheMaxEntries: 500, noiseFilters: { skipMixedCase: false } })).toEqual({})
  })
})

describe('loadManagedPolicy', () => {
  beforeEach(() => {
    managedGet.mockReset()
    local.clear()
    forgetManagedPolicy()
  })

  it('reads storage.managed and keeps a copy', async () => {
    managedGet.mockResolvedValue({ perPageCap: 7 })
    await refreshManagedPolicy()
    expect(await loadManagedPolicy()).toEqual({ perPageCap: 7 })
    expect(local.get(POLICY_COPY_KEY)).toEqual({ perPageCap: 7 })
  })

  it('treats a rejection (Firefox with no policies) as no policy', async () => {
    managedGet.mockRejectedValue(new Error('Managed storage manifest not found'))
    expect(await refreshManagedPolicy()).toEqual({})
    expect(await loadManagedPolicy()).toEqual({})
  })

  it('treats a synchronous throw as no policy', async () => {
    managedGet.mockImplementation(() => { throw new Error('storage.managed is not available') })
    expect(await refreshManagedPolicy()).toEqual({})
  })

  it('uses the last copy while the browser has not answered yet, then the answer', async () => {
    local.set(POLICY_COPY_KEY, { lookupMode: 'off' })
    let answer: (value: Record<string, unknown>) => void = () => undefined
    managedGet.mockReturnValue(new Promise((resolve) => { answer = resolve }))
    expect(await loadManagedPolicy()).toEqual({ lookupMode: 'off' })
    answer({ lookupMode: 'hover' })
    await refreshManagedPolicy()
    expect(await loadManagedPolicy()).toEqual({ lookupMode: 'hover' })
    expect(local.get(POLICY_COPY_KEY)).toEqual({ lookupMode: 'hover' })
  })

  it('applies no policy before the first answer when there is no copy', async () => {
    managedGet.mockReturnValue(new Promise(() => undefined))
    expect(await loadManagedPolicy()).toEqual({})
  })

  it('asks the browser once, and again after a change', async () => {
    managedGet.mockResolvedValue({ perPageCap: 7 })
    await loadManagedPolicy()
    await loadManagedPolicy()
    expect(managedGet).toHaveBeenCalledTimes(1)
    forgetManagedPolicy()
    managedGet.mockResolvedValue({ perPageCap: 8 })
    await refreshManagedPolicy()
    expect(await loadManagedPolicy()).toEqual({ perPageCap: 8 })
    expect(managedGet).toHaveBeenCalledTimes(2)
  })

  it('does not take an answer to a read from before a change for the new policy', async () => {
    let oldAnswer: (value: Record<string, unknown>) => void = () => undefined
    managedGet.mockReturnValueOnce(new Promise((resolve) => { oldAnswer = resolve }))
    const oldRead = refreshManagedPolicy()
    forgetManagedPolicy()
    managedGet.mockResolvedValueOnce({ perPageCap: 9 })
    await refreshManagedPolicy()
    oldAnswer({ perPageCap: 1 })
    await oldRead
    expect(await loadManagedPolicy()).toEqual({ perPageCap: 9 })
    expect(local.get(POLICY_COPY_KEY)).toEqual({ perPageCap: 9 })
  })
})
