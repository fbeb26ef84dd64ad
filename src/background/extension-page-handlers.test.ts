/**
 * Save in Options, as the worker answers it: the handler over fake storage, with the real
 * engine, usage figure and account-change decision behind it, and storage.onChanged wired as
 * the worker wires it.
 */
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_API_HOST } from '../shared/settings.ts'
import { HOSTLESS_SITE } from '../shared/verdict.ts'
import type { HashType } from '../shared/hash.ts'
import type { StatusReport } from '../shared/worker-events.ts'
import type { BulkReading, QuotaLimit } from '../shared/spectra-answer.ts'

type Change = { oldValue?: unknown; newValue?: unknown }
type ChangeListener = (changes: Record<string, Change>, area: string) => void

const areas = { local: new Map<string, unknown>(), session: new Map<string, unknown>() }
let managed: Record<string, unknown> = {}
const changeListeners: ChangeListener[] = []
/** When storage.onChanged reaches the worker: before the write's promise resolves, or a turn after. */
const onChangedTiming = { value: 'before' as 'before' | 'after' }
/** The URLs `tabs.get` gives, per tab id; none for the others. */
const tabUrls = new Map<number, string>()

function storageArea(area: keyof typeof areas) {
  return {
    get: async (key: string) => (areas[area].has(key) ? { [key]: structuredClone(areas[area].get(key)) } : {}),
    set: async (values: Record<string, unknown>) => {
      const items = areas[area]
      const changes: Record<string, Change> = {}
      for (const [key, value] of Object.entries(values)) {
        const oldValue = items.get(key)
        items.set(key, structuredClone(value))
        // As Chromium does: writing a value equal to the stored one reports no change.
        if (JSON.stringify(oldValue) !== JSON.stringify(value)) changes[key] = { oldValue, newValue: structuredClone(value) }
      }
      if (Object.keys(changes).length === 0) return
      const report = () => { for (const listener of changeListeners) listener(changes, area) }
      if (onChangedTiming.value === 'before') queueMicrotask(report)
      else setTimeout(report, 0)
    },
  }
}

vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      local: storageArea('local'),
      session: storageArea('session'),
      managed: { get: async () => structuredClone(managed) },
    },
    permissions: { contains: async () => true },
    // A tab as Chromium describes it to an extension without host access to it: no URL.
    tabs: { get: async (tabId: number) => ({ id: tabId, ...(tabUrls.has(tabId) && { url: tabUrls.get(tabId) }) }) },
  },
}))

const { handleExtensionPageMessage } = await import('./extension-page-handlers.ts')
const { LookupEngine, COLLECTION_WINDOW_MS } = await import('./lookup-engine.ts')
const { QuotaUsageTracker } = await import('./quota-usage.ts')
const { AccountChanges } = await import('./account-changes.ts')
const { TabRegistry } = await import('./tab-registry.ts')
const { VerdictCache } = await import('./verdict-cache.ts')
const { createClient } = await import('./backend.ts')
const { CREDENTIALS_KEY, accountsAroundChange, forgetCredentials, forgetCredentialsOnChange, isComplete, loadCredentials } = await import('./credentials-store.ts')
const { forgetSettings, forgetSettingsOnChange, loadSettings } = await import('./settings-store.ts')
const { forgetManagedPolicy, POLICY_COPY_KEY, refreshManagedPolicy } = await import('./managed-policy.ts')
const { loadEngineState, loadQueue, saveEngineState, saveQueue } = await import('./engine-state-store.ts')
const { DetailsStore } = await import('./details-store.ts')
const { workerDetailsService } = await import('./sample-details-service.ts')
const { contentMessageSchema } = await import('../shared/messages.ts')
type Account = import('./backend.ts').Account
type BackendClient = import('./backend.ts').BackendClient
type ServiceResult<T> = import('./backend.ts').ServiceResult<T>
type StoredEngineState = import('./lookup-engine.ts').StoredEngineState
type WorkerContext = import('./extension-page-handlers.ts').WorkerContext
type TabReport = import('../shared/worker-events.ts').TabReport
type BudgetStop = import('../shared/verdict.ts').BudgetStop

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0)
const PAUSE = { until: Date.UTC(2026, 10, 30), period: 'daily' } as const
const MINE = { username: 'u/acme/analyst', password: 's3cret', apiHost: DEFAULT_API_HOST }
const WAITING_HASH = 'a1'.padEnd(40, 'b')
const REMEMBERED_USAGE = { used: 500, limit: 1000, period: 'daily', checkedAt: NOW } as const
const FRESH_USED = 7

interface Lookup { account: Account; hashes: string[] }
/** A detail API's request, and how the fake service answers each (per test). */
interface DetailAsk { api: 'xref' | 'rha1'; account: Account; hash: string; rha1Type?: string }
const detailAsks: DetailAsk[] = []
const detailAnswers: { xref: ServiceResult<unknown>; rha1: ServiceResult<unknown> } = { xref: { ok: true, value: null }, rha1: { ok: true, value: null } }
const PE_XREF = { found: true, details: { sampleType: 'PE32 executable (GUI) Intel 80386, for MS Windows', scannerCount: 2, scannerMatch: 1, results: [{ engine: 'avast', detection: 'Win32:Malware-gen' }, { engine: 'clamav', detection: '' }] } }
const RHA1_COUNTS = { found: true, details: { rha1Type: 'pe01', counts: { known: 0, malicious: 144, suspicious: 0, total: 144 } } }

/** The service, as createClient makes it for the account in effect: records who asked for what. */
function recordingBackend(lookups: Lookup[]) {
  return (account: Account): BackendClient => {
    const answer = async (type: HashType, hashes: readonly string[]): Promise<ServiceResult<BulkReading>> => {
      lookups.push({ account, hashes: [...hashes] })
      return { ok: true, value: { verdicts: new Map(hashes.map((hash) => [hash, { hash, type, classification: 'KNOWN', sampleHashes: {}, checkedAt: NOW }])), unreadable: new Map() } }
    }
    return {
      backend: account.backend,
      bulkLookup: answer,
      singleLookup: (type, hash) => answer(type, [hash]),
      limits: async (): Promise<ServiceResult<QuotaLimit>> => ({ ok: true, value: { limit: 1000, period: 'daily', exceeded: false } }),
      usage: async () => ({ ok: true, value: FRESH_USED }),
      xref: async (_type, hash) => {
        detailAsks.push({ api: 'xref', account, hash })
        return detailAnswers.xref as never
      },
      rha1: async (rha1Type, hash) => {
        detailAsks.push({ api: 'rha1', account, hash, rha1Type })
        return detailAnswers.rha1 as never
      },
    }
  }
}

const opened: Array<{ close(): void }> = []

/** The worker's parts, wired as service-worker.ts wires them, over the fake storage. */
async function startWorker(state: StoredEngineState) {
  areas.local.set('engineState', state)
  areas.session.set('lookupQueue', { waiting: [{ hash: WAITING_HASH, type: 'sha1', attempts: 0, badAnswers: 0 }], backoff: null })
  const lookups: Lookup[] = []
  const backends = { spectra: recordingBackend(lookups) }
  const currentClient = async () => {
    const [account, settings] = await Promise.all([loadCredentials(), loadSettings()])
    return isComplete(account) ? createClient(account, { timeoutMs: settings.timeoutSeconds * 1000 }, backends) : null
  }
  const cacheReady = VerdictCache.open(`handlers-test-${Math.random()}`)
  opened.push(await cacheReady)
  const policy = { verdictTtlMs: 86_400_000, unknownTtlMs: 86_400_000, maxEntries: 100 }
  const engine = new LookupEngine({
    cache: {
      getFresh: async (backend, hashes) => (await cacheReady).getFresh(backend, hashes, policy),
      put: async (backend, verdicts) => (await cacheReady).put(backend, verdicts, policy),
    },
    getClient: currentClient,
    getBackend: async () => (await loadCredentials()).backend,
    getCachePolicy: async () => policy,
    loadState: loadEngineState,
    saveState: saveEngineState,
    loadQueue,
    saveQueue,
    scheduleWake: () => undefined,
    publishStates: () => undefined,
    publishStatus: () => undefined,
  })
  const usage = new QuotaUsageTracker(currentClient, () => engine.status())
  usage.remember(REMEMBERED_USAGE)
  const accountChanges = new AccountChanges(engine, usage)
  const credentialsChanged = vi.spyOn(engine, 'credentialsChanged')
  changeListeners.push((changes, area) => {
    forgetSettingsOnChange(changes, area)
    forgetCredentialsOnChange(changes, area)
    if (area === 'local') void accountsAroundChange(changes).then((around) => around && accountChanges.apply(...around, { isSave: false }))
  })
  const detailsStore = DetailsStore.open(`handlers-details-${Math.random()}`)
  opened.push(await detailsStore)
  const details = workerDetailsService(engine, currentClient, detailsStore)
  const ctx: WorkerContext = {
    engine, tabs: new TabRegistry(), cacheReady, usage, currentClient, accountChanges, details, spentBudget: async () => undefined,
    downloads: { list: async () => [], delete: async () => ({ ok: true }), show: async () => null },
  }
  await engine.ready
  return { ctx, engine, lookups, credentialsChanged }
}

async function save(ctx: WorkerContext, credentials: { username: string; password: string; apiHost: string }) {
  return handleExtensionPageMessage({ type: 'save-credentials', ...credentials }, ctx)
}

async function status(ctx: WorkerContext): Promise<StatusReport> {
  return await handleExtensionPageMessage({ type: 'get-status' }, ctx) as StatusReport
}

/** Long enough for the collection window, a batch, and the onChanged turn. */
async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(COLLECTION_WINDOW_MS * 4)
}

beforeEach(async () => {
  vi.useFakeTimers({ now: NOW, toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  // Fresh maps: whatever a previous test's worker still writes lands in its own.
  areas.local = new Map()
  areas.session = new Map()
  changeListeners.length = 0
  onChangedTiming.value = 'before'
  tabUrls.clear()
  detailAsks.length = 0
  detailAnswers.xref = { ok: true, value: PE_XREF }
  detailAnswers.rha1 = { ok: true, value: RHA1_COUNTS }
  managed = {}
  forgetManagedPolicy()
  await refreshManagedPolicy()
  areas.local.set(CREDENTIALS_KEY, structuredClone(MINE))
  forgetCredentials()
  forgetSettings()
})

afterEach(async () => {
  await vi.runOnlyPendingTimersAsync()
  vi.useRealTimers()
  // The engine caches answers without waiting: let those writes end before the database closes.
  await new Promise((resolve) => setTimeout(resolve, 20))
  for (const cache of opened.splice(0)) cache.close()
})

describe('save-credentials with an exhausted quota', () => {
  it('the same credentials (password left empty, as Options sends it) keep the pause, and nothing is sent', async () => {
    const { ctx, engine, lookups } = await startWorker({ stop: null, quotaPause: PAUSE })
    expect(await save(ctx, { ...MINE, password: '' })).toEqual({ ok: true })
    await settle()
    expect(engine.status()).toEqual({ kind: 'quota-exhausted', resetsAt: PAUSE.until, period: 'daily' })
    expect((await status(ctx)).status.kind).toBe('quota-exhausted')
    expect(areas.local.get('engineState')).toEqual({ stop: null, quotaPause: PAUSE })
    expect(lookups).toEqual([])
    expect((await status(ctx)).usage).toEqual(REMEMBERED_USAGE)
  })

  it('the same password typed again keeps the pause too', async () => {
    const { ctx, engine, lookups } = await startWorker({ stop: null, quotaPause: PAUSE })
    expect(await save(ctx, MINE)).toEqual({ ok: true })
    await settle()
    expect(engine.status().kind).toBe('quota-exhausted')
    expect(lookups).toEqual([])
  })

  it('another account lifts the pause and the usage figure, and the waiting hash goes out with it', async () => {
    const { ctx, engine, lookups } = await startWorker({ stop: null, quotaPause: PAUSE })
    const other = { ...MINE, username: 'u/acme/other', password: 'other-secret' }
    expect(await save(ctx, other)).toEqual({ ok: true })
    expect(areas.local.get('engineState')).toEqual({ stop: null, quotaPause: null })
    await settle()
    expect(engine.status()).toEqual({ kind: 'ready' })
    expect(lookups.map((lookup) => [lookup.account.username, lookup.hashes])).toEqual([[other.username, [WAITING_HASH]]])
    expect((await status(ctx)).usage).toMatchObject({ used: FRESH_USED })
  })

  it('a new password lifts a 401 stop and keeps the pause and the usage figure', async () => {
    const { ctx, engine, lookups } = await startWorker({ stop: 'unauthorized', quotaPause: PAUSE })
    expect(engine.status()).toEqual({ kind: 'unauthorized' })
    expect(await save(ctx, { ...MINE, password: 'the-right-one' })).toEqual({ ok: true })
    await settle()
    expect(areas.local.get('engineState')).toEqual({ stop: null, quotaPause: PAUSE })
    expect(engine.status().kind).toBe('quota-exhausted')
    expect(lookups).toEqual([])
    expect((await status(ctx)).usage).toEqual(REMEMBERED_USAGE)
  })
})

describe('save-credentials after a 401/403 stop', () => {
  // Saving resumes lookups (README): the account may have been fixed at the service meanwhile.
  it('the same credentials saved again lift the stop, and the waiting hash is sent once', async () => {
    const { ctx, engine, lookups } = await startWorker({ stop: 'forbidden', quotaPause: null })
    expect(await save(ctx, { ...MINE, password: '' })).toEqual({ ok: true })
    await settle()
    expect(engine.status()).toEqual({ kind: 'ready' })
    expect(lookups.map((lookup) => lookup.hashes)).toEqual([[WAITING_HASH]])
  })

  it.each(['before', 'after'] as const)('a change reported by storage.onChanged too (%s Save goes on) is applied once', async (timing) => {
    onChangedTiming.value = timing
    const { ctx, engine, lookups, credentialsChanged } = await startWorker({ stop: 'unauthorized', quotaPause: null })
    expect(await save(ctx, { ...MINE, password: 'the-right-one' })).toEqual({ ok: true })
    // Save's answer means "resumed", whichever report came first.
    expect(areas.local.get('engineState')).toEqual({ stop: null, quotaPause: null })
    await settle()
    expect(credentialsChanged.mock.calls).toEqual([['new-password']])
    expect(engine.status()).toEqual({ kind: 'ready' })
    expect(lookups.map((lookup) => [lookup.account.password, lookup.hashes])).toEqual([['the-right-one', [WAITING_HASH]]])
  })
})

describe('credentials set by policy take the same decision', () => {
  async function applyPolicy(policy: Record<string, unknown>): Promise<void> {
    managed = policy
    forgetManagedPolicy()
    await refreshManagedPolicy() // rewrites the policy's copy in storage.local: onChanged follows
    await settle()
  }

  it('a policy naming another account lifts the pause', async () => {
    const { engine, credentialsChanged } = await startWorker({ stop: null, quotaPause: PAUSE })
    await applyPolicy({ username: 'u/corp/soc', password: 'corp-secret' })
    expect(credentialsChanged.mock.calls).toEqual([['other-account']])
    expect(engine.status()).toEqual({ kind: 'ready' })
  })

  it('a policy of the password alone keeps the pause', async () => {
    const { engine, credentialsChanged } = await startWorker({ stop: 'unauthorized', quotaPause: PAUSE })
    await applyPolicy({ password: 'corp-secret' })
    expect(credentialsChanged.mock.calls).toEqual([['new-password']])
    expect(engine.status().kind).toBe('quota-exhausted')
  })

  it('a policy that leaves the account as it was changes nothing: a 401 stop stays', async () => {
    const { engine, credentialsChanged } = await startWorker({ stop: 'unauthorized', quotaPause: null })
    await applyPolicy({ username: MINE.username, lookupMode: 'hover' })
    expect(areas.local.get(POLICY_COPY_KEY)).toEqual({ username: MINE.username, lookupMode: 'hover' })
    expect(credentialsChanged).not.toHaveBeenCalled()
    expect(engine.status()).toEqual({ kind: 'unauthorized' })
  })
})

describe('test-connection answers data, which the options page words', () => {
  /** Test connection against a service answering `answer`; also returns the URLs it asked. */
  async function testConnection(ctx: WorkerContext, answer: (url: string) => Response, credentials = MINE) {
    const fetched: string[] = []
    vi.stubGlobal('fetch', async (url: string) => { fetched.push(url); return answer(url) })
    try {
      return { check: await handleExtensionPageMessage({ type: 'test-connection', ...credentials }, ctx), fetched }
    } finally {
      vi.unstubAllGlobals()
    }
  }

  it('a good account: where, who, and the usage it read (also kept for the status line)', async () => {
    const { ctx } = await startWorker({ stop: null, quotaPause: null })
    const { check } = await testConnection(ctx, (url) => Response.json(url.includes('/limits')
      ? { rl: { limits: [{ limit: 1000, limit_type: 'daily', limit_exceeded: false, products: ['TCA-0101 File Reputation'] }] } }
      : { rl: { usage_report: [{ product: 'TCA-0101 File Reputation', number_of_queries: 42 }] } }))
    expect(check).toEqual({ ok: true, apiHost: MINE.apiHost, username: MINE.username, usage: { used: 42, limit: 1000, period: 'daily', checkedAt: NOW } })
    expect((await status(ctx)).usage).toMatchObject({ used: 42 })
  })

  it('a refusal from the service: its failure, with the host and the timeout it ran with', async () => {
    const { ctx } = await startWorker({ stop: null, quotaPause: null })
    const { check } = await testConnection(ctx, () => new Response(null, { status: 401 }))
    expect(check).toEqual({ ok: false, problem: { kind: 'unauthorized', apiHost: MINE.apiHost, timeoutSeconds: (await loadSettings()).timeoutSeconds } })
  })

  it('an account the form cannot send: the refusal, and no request', async () => {
    const { ctx } = await startWorker({ stop: null, quotaPause: null })
    const { check, fetched } = await testConnection(ctx, () => new Response(null, { status: 500 }), { ...MINE, username: ' ' })
    expect(check).toMatchObject({ ok: false, problem: { kind: 'invalid-account', refusal: expect.stringContaining('username') } })
    expect(fetched).toEqual([])
  })
})

describe('check-quota-again (the popup\'s "Check again now")', () => {
  it('during a pause, asks limits once; the quota is back, so the pause lifts and the waiting hash goes out', async () => {
    const { ctx, engine, lookups } = await startWorker({ stop: null, quotaPause: PAUSE })
    expect(await handleExtensionPageMessage({ type: 'check-quota-again' }, ctx)).toEqual({ kind: 'ready' })
    await settle()
    expect(engine.status()).toEqual({ kind: 'ready' })
    expect(areas.local.get('engineState')).toEqual({ stop: null, quotaPause: null })
    expect(lookups.map((lookup) => lookup.hashes)).toEqual([[WAITING_HASH]])
  })
})

describe('get-tab-report names the budget that stopped the tab\'s site', () => {
  const STOP: BudgetStop = { budget: 'site', site: 'example.com', resetsAt: PAUSE.until }
  const HASH = 'a1'.padEnd(40, 'c')

  async function reportWith(ctx: WorkerContext, tabId: number): Promise<{ report: TabReport; askedSites: string[] }> {
    const askedSites: string[] = []
    ctx.spentBudget = async (site) => {
      askedSites.push(site)
      return site === 'example.com' ? STOP : undefined
    }
    const report = await handleExtensionPageMessage({ type: 'get-tab-report', tabId }, ctx) as TabReport
    return { report, askedSites }
  }

  it('from the URL its top document\'s messages gave, when tabs.get has none (no host access)', async () => {
    const { ctx } = await startWorker({ stop: null, quotaPause: null })
    ctx.tabs.enterDocument(5, { frameId: 0, documentKey: 'top', documentId: 'top', url: 'https://www.example.com/reports' })
    ctx.tabs.enterDocument(5, { frameId: 3, documentKey: 'ad', documentId: 'ad', url: 'https://ads.other.test/frame' })
    ctx.tabs.add(5, [HASH], 'top')
    const { report, askedSites } = await reportWith(ctx, 5)
    expect(askedSites).toEqual(['example.com'])
    expect(report).toMatchObject({ budgetStop: STOP, site: 'www.example.com', hashes: [HASH] })
  })

  it('from tabs.get when no top document has written yet', async () => {
    const { ctx } = await startWorker({ stop: null, quotaPause: null })
    tabUrls.set(6, 'https://docs.example.com/')
    const { report, askedSites } = await reportWith(ctx, 6)
    expect(askedSites).toEqual(['example.com'])
    expect(report).toMatchObject({ budgetStop: STOP, site: 'docs.example.com' })
  })

  it('of a top document whose URL names no host, by its origin: a blob: URL\'s own, an about:blank popup\'s opener\'s', async () => {
    const { ctx } = await startWorker({ stop: null, quotaPause: null })
    ctx.tabs.enterDocument(8, { frameId: 0, documentKey: 'blob', documentId: 'blob', url: 'blob:https://www.example.com/0b1c', origin: 'https://www.example.com' })
    expect(await reportWith(ctx, 8)).toMatchObject({ askedSites: ['example.com'], report: { budgetStop: STOP, site: 'www.example.com' } })
    ctx.tabs.enterDocument(9, { frameId: 0, documentKey: 'popup', documentId: 'popup', url: 'about:blank', origin: 'https://docs.example.com' })
    expect(await reportWith(ctx, 9)).toMatchObject({ askedSites: ['example.com'], report: { budgetStop: STOP, site: 'docs.example.com' } })
    // An opaque origin: the host-less documents' budget, and no site to make idle.
    ctx.tabs.enterDocument(10, { frameId: 0, documentKey: 'opaque', documentId: 'opaque', url: 'about:blank', origin: 'null' })
    const { report, askedSites } = await reportWith(ctx, 10)
    expect(askedSites).toEqual([HOSTLESS_SITE])
    expect(report.site).toBe('')
  })

  it('no URL from either: no site, no budget named', async () => {
    const { ctx } = await startWorker({ stop: null, quotaPause: null })
    const { report, askedSites } = await reportWith(ctx, 7)
    expect(askedSites).toEqual([''])
    expect(report.site).toBe('')
    expect(report).not.toHaveProperty('budgetStop')
  })
})

describe('the popup\'s lookups of a tab\'s skipped and remaining hashes (issue 13)', () => {
  const SAMPLE = 'a1'.padEnd(40, 'c')
  const CHECKSUM = 'c'.repeat(64)

  async function tabWithSkip() {
    const worker = await startWorker({ stop: null, quotaPause: null })
    worker.ctx.tabs.add(5, [SAMPLE, CHECKSUM], undefined, new Map([[CHECKSUM, 'dependency-checksum' as const]]))
    const request = vi.spyOn(worker.engine, 'request')
    return { ...worker, request }
  }

  it('"Look up the skipped N" asks for the skipped ones only, "the remaining N" for the others only, whatever the budgets', async () => {
    const { ctx, request } = await tabWithSkip()
    ctx.spentBudget = async () => ({ budget: 'total', resetsAt: PAUSE.until })
    await handleExtensionPageMessage({ type: 'lookup-tab-skipped', tabId: 5 }, ctx)
    await handleExtensionPageMessage({ type: 'lookup-tab-remaining', tabId: 5 }, ctx)
    expect(request.mock.calls.map(([hashes]) => hashes)).toEqual([[CHECKSUM], [SAMPLE]])
  })

  it('the tab\'s report counts the skipped ones apart and says in their rows what they look like', async () => {
    const { ctx } = await tabWithSkip()
    const report = await handleExtensionPageMessage({ type: 'get-tab-report', tabId: 5 }, ctx) as TabReport
    expect(report).toMatchObject({ total: 2, remaining: 1, skipped: 1, counts: { other: 2 } })
    expect(report.states[CHECKSUM]).toEqual({ state: 'idle', skippedAs: 'dependency-checksum' })
  })
})

describe('the detail view\'s get-hash-details and fetch-hash-more (issue 14, item 3)', () => {
  const SAMPLE = 'a1'.padEnd(40, 'd')
  type Report = import('../shared/sample-details.ts').HashDetailsReport
  type More = import('../shared/sample-details.ts').MoreResult

  async function looked() {
    const worker = await startWorker({ stop: null, quotaPause: null })
    await settle()
    await worker.engine.request([SAMPLE])
    await settle()
    const details = async () => await handleExtensionPageMessage({ type: 'get-hash-details', hash: SAMPLE }, worker.ctx) as Report
    const more = async (api: 'xref' | 'rha1') => await handleExtensionPageMessage({ type: 'fetch-hash-more', hash: SAMPLE, api }, worker.ctx) as More
    return { ...worker, details, more }
  }

  it('names the cached verdict and offers multi-AV, but not RHA1 until the file type is known', async () => {
    const { details } = await looked()
    const report = await details()
    expect(report.state).toMatchObject({ state: 'verdict', verdict: { hash: SAMPLE, classification: 'KNOWN' } })
    expect(report.xref).toEqual({})
    expect(report.rha1).toEqual({ unavailable: 'type-unknown' })
    expect(detailAsks).toEqual([])
  })

  it('"More" asks once: a second call sends nothing, and concurrent calls share one request', async () => {
    const { more } = await looked()
    const [first, concurrent] = await Promise.all([more('xref'), more('xref')])
    expect(first).toEqual(concurrent)
    expect(first.ok && first.report.xref.cached?.answer).toEqual(PE_XREF)
    await more('xref')
    expect(detailAsks.map((ask) => [ask.api, ask.hash])).toEqual([['xref', SAMPLE]])
  })

  it('RHA1 follows for a PE sample: its SHA-1 and pe01, once', async () => {
    const { more, details } = await looked()
    await more('xref')
    expect((await details()).rha1).toEqual({})
    const answer = await more('rha1')
    await more('rha1')
    expect(answer.ok && answer.report.rha1.cached?.answer).toEqual(RHA1_COUNTS)
    expect(detailAsks.filter((ask) => ask.api === 'rha1').map((ask) => [ask.hash, ask.rha1Type])).toEqual([[SAMPLE, 'pe01']])
  })

  it('RHA1 is not offered for a file type other than PE, ELF or Mach-O', async () => {
    detailAnswers.xref = { ok: true, value: { found: true, details: { sampleType: 'PDF document, version 1.7', results: [] } } }
    const { more } = await looked()
    const answer = await more('xref')
    expect(answer.report.rha1).toEqual({ unavailable: 'type-unsupported' })
    expect(await more('rha1')).toMatchObject({ ok: false, problem: { kind: 'not-offered', reason: 'type-unsupported' } })
    expect(detailAsks.map((ask) => ask.api)).toEqual(['xref'])
  })

  it('a 403 hides that "More" for the account, says why, and File Reputation lookups go on', async () => {
    detailAnswers.xref = { ok: false, failure: { kind: 'forbidden' } }
    const { more, details, engine, lookups } = await looked()
    expect(await more('xref')).toMatchObject({ ok: false, problem: { kind: 'forbidden' } })
    expect((await details()).xref).toEqual({ unavailable: 'not-entitled' })
    expect(await more('xref')).toMatchObject({ ok: false, problem: { kind: 'not-offered', reason: 'not-entitled' } })
    expect(detailAsks).toHaveLength(1)
    expect(engine.status()).toEqual({ kind: 'ready' })
    const next = 'a1'.padEnd(40, 'e')
    await engine.request([next])
    await settle()
    expect(lookups.at(-1)?.hashes).toEqual([next])
  })

  it('another account forgets the 403: "More" is offered again', async () => {
    detailAnswers.xref = { ok: false, failure: { kind: 'forbidden' } }
    const { more, details } = await looked()
    await more('xref')
    areas.local.set(CREDENTIALS_KEY, { ...MINE, username: 'u/acme/other' })
    forgetCredentials()
    expect((await details()).xref).toEqual({})
  })

  it('waits out the engine\'s rate limit, and its own after a 429, sending nothing meanwhile', async () => {
    const { more, engine } = await looked()
    const status = vi.spyOn(engine, 'status').mockReturnValue({ kind: 'rate-limited', retryAt: Date.now() + 5000 })
    expect(await more('xref')).toMatchObject({ ok: false, problem: { kind: 'engine-waiting' } })
    expect(detailAsks).toEqual([])
    status.mockRestore()
    detailAnswers.xref = { ok: false, failure: { kind: 'rate-limited', retryAfterMs: 10_000 } }
    expect(await more('xref')).toMatchObject({ ok: false, problem: { kind: 'rate-limited' } })
    detailAnswers.xref = { ok: true, value: PE_XREF }
    expect(await more('xref')).toMatchObject({ ok: false, problem: { kind: 'engine-waiting' } })
    expect(detailAsks).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(10_001)
    expect(await more('xref')).toMatchObject({ ok: true })
    expect(detailAsks).toHaveLength(2)
  })

  it('content scripts cannot send either message', () => {
    expect(contentMessageSchema.safeParse({ type: 'get-hash-details', hash: SAMPLE }).success).toBe(false)
    expect(contentMessageSchema.safeParse({ type: 'fetch-hash-more', hash: SAMPLE, api: 'xref' }).success).toBe(false)
  })
})

describe('the detail view\'s get-pivot-links (issue 14, item 4)', () => {
  const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
  const ANALYZE = { name: 'Spectra Analyze', urlTemplate: 'https://a1000.example.com/{hash}/' }
  const VT = { name: 'VirusTotal', urlTemplate: 'https://www.virustotal.com/gui/{type}/{hash}' }

  it('fills the pivots in effect for the hash: the managed Spectra Analyze link first, then the managed pivots', async () => {
    const { ctx } = await startWorker({ stop: null, quotaPause: null })
    areas.local.set('settings', { pivots: [{ name: 'Mine', urlTemplate: 'https://mine.example/{hash}' }] })
    forgetSettings()
    expect(await handleExtensionPageMessage({ type: 'get-pivot-links', hash: SHA1.toUpperCase() }, ctx)).toEqual([
      { name: 'Mine', url: `https://mine.example/${SHA1}` },
    ])
    managed = { analyzeUrlTemplate: ANALYZE.urlTemplate, pivots: [VT, ANALYZE] }
    forgetManagedPolicy()
    await refreshManagedPolicy()
    forgetSettings()
    expect(await handleExtensionPageMessage({ type: 'get-pivot-links', hash: SHA1 }, ctx)).toEqual([
      { name: 'Spectra Analyze', url: `https://a1000.example.com/${SHA1}/` },
      { name: 'VirusTotal', url: `https://www.virustotal.com/gui/sha1/${SHA1}` },
    ])
    const options = await handleExtensionPageMessage({ type: 'get-options' }, ctx) as { managed: string[]; pivotPolicyProblems: string[] }
    expect(options.managed).toEqual(['pivots'])
    expect(options.pivotPolicyProblems).toEqual([])
  })

  it('tells Options which managed pivots were left out, and why', async () => {
    const { ctx } = await startWorker({ stop: null, quotaPause: null })
    managed = { pivots: [VT, { name: 'Hostile', urlTemplate: 'javascript:alert("{hash}")' }, { name: 'No hash', urlTemplate: 'https://x.example/' }] }
    forgetManagedPolicy()
    await refreshManagedPolicy()
    forgetSettings()
    const options = await handleExtensionPageMessage({ type: 'get-options' }, ctx) as { settings: { pivots: unknown }; pivotPolicyProblems: string[] }
    expect(options.settings.pivots).toEqual([VT])
    expect(options.pivotPolicyProblems).toEqual([
      'Pivot 2 left out: The URL template must start with https:// or http://.',
      'Pivot 3 left out: The URL template must contain {hash}.',
    ])
  })

  it('gives none for what is no hash, and none by default', async () => {
    const { ctx } = await startWorker({ stop: null, quotaPause: null })
    expect(await handleExtensionPageMessage({ type: 'get-pivot-links', hash: SHA1 }, ctx)).toEqual([])
    areas.local.set('settings', { pivots: [VT] })
    forgetSettings()
    expect(await handleExtensionPageMessage({ type: 'get-pivot-links', hash: 'not-a-hash' }, ctx)).toEqual([])
  })
})

describe('the download details page\'s requests (issue 16)', () => {
  it('reach the download checks with the id asked, and answer what they answer', async () => {
    const { ctx } = await startWorker({ stop: null, quotaPause: null })
    const asked: unknown[] = []
    ctx.downloads = {
      list: async (id) => { asked.push(['list', id]); return [] },
      delete: async (id) => { asked.push(['delete', id]); return { ok: false, error: 'The file could not be deleted: it may have been moved or deleted already.' } },
      show: async (id) => { asked.push(['show', id]); return null },
    }
    expect(await handleExtensionPageMessage({ type: 'get-download-checks' }, ctx)).toEqual([])
    expect(await handleExtensionPageMessage({ type: 'get-download-checks', id: 4 }, ctx)).toEqual([])
    expect(await handleExtensionPageMessage({ type: 'delete-download', id: 4 }, ctx)).toMatchObject({ ok: false })
    expect(await handleExtensionPageMessage({ type: 'show-download', id: 5 }, ctx)).toBeNull()
    expect(asked).toEqual([['list', undefined], ['list', 4], ['delete', 4], ['show', 5]])
  })

  it('are for extension pages only: content scripts cannot send them', () => {
    for (const message of [{ type: 'get-download-checks' }, { type: 'delete-download', id: 1 }, { type: 'show-download', id: 1 }]) {
      expect(contentMessageSchema.safeParse(message).success).toBe(false)
    }
  })
})
