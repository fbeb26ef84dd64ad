import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LookupEngine, COLLECTION_WINDOW_MS, INITIAL_ENGINE_STATE, MIN_ALARM_DELAY_MS, type EngineEnvironment, type StoredEngineState } from './lookup-engine.ts'
import { EMPTY_QUEUE, type StoredQueue } from './lookup-queue.ts'
import { MAX_ATTEMPTS } from './error-policy.ts'
import type { CachePolicy } from './verdict-cache.ts'
import type { HashType } from '../shared/hash.ts'
import type { HashStates, Verdict } from '../shared/verdict.ts'
import type { BulkReading, QuotaLimit } from '../shared/spectra-answer.ts'
import type { BackendClient, ServiceResult } from './backend.ts'
import type { ServiceFailure } from '../shared/failure.ts'
import type { EngineStatus } from '../shared/engine-status.ts'
import { describeStatus } from '../shared/status-text.ts'

const POLICY: CachePolicy = { verdictTtlMs: 7 * 86_400_000, unknownTtlMs: 86_400_000, maxEntries: 1000 }

/** A hex hash of the given length whose digits come from n, so tests can make many distinct ones. */
function hashOf(n: number, length: 32 | 40 | 64): string {
  return (n.toString(16).padStart(8, '0') + 'a'.repeat(length)).slice(0, length)
}

function verdictFor(hash: string, type: HashType): Verdict {
  return { hash, type, classification: 'MALICIOUS', threatName: 'Win32.Test', sampleHashes: {}, checkedAt: 0 }
}

interface Call { kind: 'bulk' | 'single' | 'limits'; type?: HashType; hashes: string[]; at: number }

/** A scripted service: answers from a queue of failures, else a verdict for every hash asked. */
const SCRIPTED = 'scripted'

class FakeClient implements BackendClient {
  readonly backend = SCRIPTED
  calls: Call[] = []
  failures: ServiceFailure[] = []
  period: QuotaLimit['period'] = 'daily'
  /** What `limits` says: exhausted or not, or a failure of its own. */
  limitsAnswer: 'exceeded' | 'not-exceeded' | 'fails' = 'exceeded'
  /** When set, lookups wait for release() before answering. */
  gate: Promise<void> | null = null

  #answer(type: HashType, hashes: string[]): ServiceResult<BulkReading> {
    const failure = this.failures.shift()
    if (failure) return { ok: false, failure }
    return { ok: true, value: { verdicts: new Map(hashes.map((h) => [h, verdictFor(h, type)])), unreadable: new Map() } }
  }

  async bulkLookup(type: HashType, hashes: readonly string[]) {
    this.calls.push({ kind: 'bulk', type, hashes: [...hashes], at: Date.now() })
    if (this.gate) await this.gate
    return this.#answer(type, [...hashes])
  }

  async singleLookup(type: HashType, hash: string) {
    this.calls.push({ kind: 'single', type, hashes: [hash], at: Date.now() })
    if (this.gate) await this.gate
    return this.#answer(type, [hash])
  }

  async limits(): Promise<ServiceResult<QuotaLimit>> {
    this.calls.push({ kind: 'limits', hashes: [], at: Date.now() })
    if (this.limitsAnswer === 'fails') return { ok: false, failure: { kind: 'unavailable', retryAfterMs: null } }
    return { ok: true, value: { limit: 100, period: this.period, exceeded: this.limitsAnswer === 'exceeded' } }
  }

  async usage(): Promise<ServiceResult<number>> {
    return { ok: true, value: 100 }
  }

  lookups(): Call[] {
    return this.calls.filter((c) => c.kind !== 'limits')
  }
}

/** The scripted backend's cached answers (the only backend here: any other is a bug). */
class MemoryCache {
  entries = new Map<string, Verdict>()
  async getFresh(backend: string, hashes: readonly string[]) {
    expect(backend).toBe(SCRIPTED)
    return new Map(hashes.flatMap((h) => (this.entries.has(h) ? [[h, this.entries.get(h)!] as const] : [])))
  }
  async put(backend: string, verdicts: readonly Verdict[]) {
    expect(backend).toBe(SCRIPTED)
    for (const v of verdicts) this.entries.set(v.hash, v)
  }
}

interface Harness {
  engine: LookupEngine
  client: FakeClient
  cache: MemoryCache
  published: HashStates
  statuses: EngineStatus[]
  stored: { state: StoredEngineState }
  queue: { value: StoredQueue }
  env: EngineEnvironment
  wakes: number[]
  /** Whether the 15-minute limits re-check is on, as last set. */
  recheck: { isOn: boolean }
  configured: { value: boolean }
}

function makeEngine(initial: StoredEngineState = INITIAL_ENGINE_STATE, initialQueue: StoredQueue = EMPTY_QUEUE): Harness {
  const client = new FakeClient()
  const cache = new MemoryCache()
  const published: HashStates = {}
  const statuses: EngineStatus[] = []
  const stored = { state: initial }
  const queue = { value: initialQueue }
  const wakes: number[] = []
  const configured = { value: true }
  const recheck = { isOn: false }
  const env: EngineEnvironment = {
    cache,
    getClient: async () => (configured.value ? client : null),
    getBackend: async () => SCRIPTED,
    getCachePolicy: async () => POLICY,
    loadState: async () => stored.state,
    saveState: async (state) => { stored.state = state },
    loadQueue: async () => structuredClone(queue.value),
    saveQueue: async (value) => { queue.value = structuredClone(value) },
    scheduleWake: (at) => wakes.push(at),
    setQuotaRecheck: (isOn) => { recheck.isOn = isOn },
    publishStates: (states) => Object.assign(published, states),
    publishStatus: (status) => statuses.push(status),
    random: () => 0.5,
  }
  return { engine: new LookupEngine(env), client, cache, published, statuses, stored, queue, env, wakes, recheck, configured }
}

/** Lets timers and the promise chains they start run to completion. */
async function settle(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms)
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 10, 29, 12, 0, 0) })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('batching', () => {
  it('groups by type into batches of at most 100, never mixing types, after the collection window', async () => {
    const { engine, client } = makeEngine()
    const sha1 = Array.from({ length: 250 }, (_, i) => hashOf(i, 40))
    const md5 = Array.from({ length: 120 }, (_, i) => hashOf(i, 32))
    const sha256 = Array.from({ length: 30 }, (_, i) => hashOf(i, 64))
    await engine.request([...sha1, ...md5, ...sha256])
    expect(client.calls).toHaveLength(0) // still collecting
    await settle(COLLECTION_WINDOW_MS + 10)
    await settle(100)
    const lookups = client.lookups()
    expect(lookups.map((c) => [c.type, c.hashes.length])).toEqual([
      ['sha1', 100], ['sha1', 100], ['sha1', 50], ['md5', 100], ['md5', 20], ['sha256', 30],
    ])
    for (const call of lookups) expect(new Set(call.hashes.map((h) => h.length)).size).toBe(1)
    const asked = lookups.flatMap((c) => c.hashes)
    expect(new Set(asked).size).toBe(asked.length)
  })

  it('sends one hash once, whoever asks and however often', async () => {
    const { engine, client, published } = makeEngine()
    const hash = hashOf(1, 40)
    await Promise.all([engine.request([hash]), engine.request([hash.toUpperCase()]), engine.request([hash, hash])])
    await settle(COLLECTION_WINDOW_MS)
    await engine.request([hash]) // while in flight or just answered
    await settle(100)
    expect(client.lookups().flatMap((c) => c.hashes)).toEqual([hash])
    expect(published[hash]).toMatchObject({ state: 'verdict' })
  })

  it('normalises to lower case and never sends malformed input', async () => {
    const { engine, client } = makeEngine()
    const states = await engine.request(['  ' + hashOf(2, 32).toUpperCase() + ' ', 'xyz', 'a'.repeat(39), 'g'.repeat(40), '0x' + 'a'.repeat(38)])
    await settle(200)
    expect(Object.keys(states)).toEqual([hashOf(2, 32)])
    expect(client.lookups().flatMap((c) => c.hashes)).toEqual([hashOf(2, 32)])
  })

  it('answers from the cache without a request', async () => {
    const { engine, client, cache } = makeEngine()
    const hash = hashOf(3, 64)
    await cache.put(SCRIPTED, [verdictFor(hash, 'sha256')])
    const states = await engine.request([hash])
    await settle(200)
    expect(states[hash]).toMatchObject({ state: 'verdict' })
    expect(client.lookups()).toHaveLength(0)
  })

  it('bypasses the cache when asked to look up again', async () => {
    const { engine, client, cache } = makeEngine()
    const hash = hashOf(4, 40)
    await cache.put(SCRIPTED, [verdictFor(hash, 'sha1')])
    await engine.request([hash], { bypassCache: true })
    await settle(200)
    expect(client.lookups()).toHaveLength(1)
  })

  it('keeps at most two batches in flight', async () => {
    const { engine, client } = makeEngine()
    let release!: () => void
    client.gate = new Promise((resolve) => { release = resolve })
    await engine.request(Array.from({ length: 500 }, (_, i) => hashOf(i, 40)))
    await settle(200)
    expect(client.lookups()).toHaveLength(2)
    release()
    client.gate = null
    await settle(200)
    expect(client.lookups()).toHaveLength(5)
  })
})

describe('storing answers', () => {
  /** A cache whose writes wait until released, as a slow disk would. */
  function slowWrites(cache: MemoryCache): () => void {
    let release!: () => void
    const gate = new Promise<void>((resolve) => { release = resolve })
    const put = cache.put.bind(cache)
    cache.put = async (backend, verdicts) => {
      await gate
      await put(backend, verdicts)
    }
    return release
  }

  it('sends the next batch without waiting for the previous answers to be cached', async () => {
    const { engine, client, cache, published } = makeEngine()
    const releaseWrites = slowWrites(cache)
    const hashes = Array.from({ length: 400 }, (_, i) => hashOf(i, 40))
    await engine.request(hashes)
    await settle(200)
    // Two at a time, and none of the four waits for a cache write.
    expect(client.lookups()).toHaveLength(4)
    expect(hashes.every((hash) => published[hash]?.state === 'verdict')).toBe(true)
    expect(cache.entries.size).toBe(0)
    releaseWrites()
    await settle(0)
    expect(cache.entries.size).toBe(400)
  })

  it('after "Look up again", the new answer wins over the older cached verdict while it is being stored', async () => {
    const { engine, client, cache } = makeEngine()
    const hash = hashOf(8, 40)
    await cache.put(SCRIPTED, [{ ...verdictFor(hash, 'sha1'), classification: 'KNOWN', threatName: undefined }])
    const releaseWrites = slowWrites(cache)
    await engine.request([hash], { bypassCache: true })
    await settle(200)
    expect(client.lookups()).toHaveLength(1)
    // The service said MALICIOUS; the cache still holds KNOWN until the write is done.
    expect((await engine.request([hash]))[hash]).toMatchObject({ state: 'verdict', verdict: { classification: 'MALICIOUS' } })
    expect((await engine.peek([hash]))[hash]).toMatchObject({ state: 'verdict', verdict: { classification: 'MALICIOUS' } })
    releaseWrites()
    await settle(0)
    expect((await engine.peek([hash]))[hash]).toMatchObject({ state: 'verdict', verdict: { classification: 'MALICIOUS' } })
  })

  it('keeps answers in the saved queue until they are cached, so a worker stopped in between asks again', async () => {
    const { engine, cache, queue } = makeEngine()
    const releaseWrites = slowWrites(cache)
    const hash = hashOf(9, 64)
    await engine.request([hash])
    await settle(200)
    expect(queue.value.waiting.map((item) => item.hash)).toEqual([hash])
    releaseWrites()
    await settle(0)
    expect(queue.value.waiting).toEqual([])
  })

  it('answers a hash asked again while its answer is being cached from memory, never sending it twice', async () => {
    const { engine, client, cache } = makeEngine()
    const releaseWrites = slowWrites(cache)
    const hash = hashOf(7, 64)
    await engine.request([hash])
    await settle(200)
    expect(cache.entries.size).toBe(0)
    expect((await engine.request([hash]))[hash]).toMatchObject({ state: 'verdict' })
    expect((await engine.peek([hash]))[hash]).toMatchObject({ state: 'verdict' })
    await settle(200)
    expect(client.lookups()).toHaveLength(1)
    releaseWrites()
    await settle(0)
    expect(cache.entries.has(hash)).toBe(true)
  })
})

describe('error policy', () => {
  it('stops all lookups after one 401, keeps the hashes, and resumes when the credentials change', async () => {
    const h = makeEngine()
    h.client.failures = [{ kind: 'unauthorized' }]
    const hashes = [hashOf(1, 40), hashOf(2, 40)]
    await h.engine.request(hashes)
    await settle(200)
    expect(h.client.lookups()).toHaveLength(1)
    expect(h.engine.status()).toEqual({ kind: 'unauthorized' })
    expect(h.stored.state.stop).toBe('unauthorized')
    expect(h.published[hashes[0]!]).toMatchObject({ state: 'error', error: 'unauthorized' })
    // More requests while stopped send nothing, even much later.
    await h.engine.request([hashOf(3, 40)])
    await settle(60_000)
    expect(h.client.lookups()).toHaveLength(1)
    await h.engine.credentialsChanged('new-password')
    await settle(200)
    expect(h.engine.status()).toEqual({ kind: 'ready' })
    expect(h.client.lookups().slice(1).flatMap((c) => c.hashes).sort()).toEqual([...hashes, hashOf(3, 40)].sort())
    expect(h.published[hashes[0]!]).toMatchObject({ state: 'verdict' })
  })

  it('stops on 403 and says the account is not entitled', async () => {
    const h = makeEngine()
    h.client.failures = [{ kind: 'forbidden' }]
    await h.engine.request([hashOf(1, 32)])
    await settle(200)
    expect(h.engine.status()).toEqual({ kind: 'forbidden' })
    await settle(10_000)
    expect(h.client.lookups()).toHaveLength(1)
  })

  it('remembers a stop across a worker restart', async () => {
    const h = makeEngine({ stop: 'unauthorized', quotaPause: null })
    await h.engine.request([hashOf(1, 32)])
    await settle(1000)
    expect(h.client.lookups()).toHaveLength(0)
    expect(h.engine.status()).toEqual({ kind: 'unauthorized' })
  })

  it('pauses until the daily reset on an exhausted quota, then resumes by itself', async () => {
    const h = makeEngine()
    h.client.failures = [{ kind: 'quota-exhausted' }]
    const hash = hashOf(1, 40)
    await h.engine.request([hash])
    await settle(200)
    const midnight = Date.UTC(2026, 10, 30)
    expect(h.engine.status()).toEqual({ kind: 'quota-exhausted', resetsAt: midnight, period: 'daily' })
    expect(h.wakes).toContain(midnight)
    expect(h.published[hash]).toMatchObject({ state: 'error', error: 'quota-exhausted' })
    await settle(3_600_000)
    expect(h.client.lookups()).toHaveLength(1)
    // The wake alarm fires at the reset.
    vi.setSystemTime(midnight + 1)
    await h.engine.resumeIfDue()
    await settle(200)
    expect(h.client.lookups()).toHaveLength(2)
    expect(h.published[hash]).toMatchObject({ state: 'verdict' })
  })

  it('uses the monthly reset when the limits endpoint says the quota is monthly', async () => {
    const h = makeEngine()
    h.client.period = 'monthly'
    h.client.failures = [{ kind: 'quota-exhausted' }]
    await h.engine.request([hashOf(1, 40)])
    await settle(200)
    expect(h.engine.status()).toMatchObject({ kind: 'quota-exhausted', resetsAt: Date.UTC(2026, 11, 1), period: 'monthly' })
  })

  it('does not lift a quota pause early when woken before the reset', async () => {
    const h = makeEngine({ stop: null, quotaPause: { until: Date.UTC(2026, 10, 30), period: 'daily' } })
    await h.engine.request([hashOf(1, 40)])
    await h.engine.resumeIfDue()
    await settle(1000)
    expect(h.client.lookups()).toHaveLength(0)
  })

  it('a 429 without the rate-limit body that limits says is not a quota is backed off and retried, with no pause', async () => {
    const h = makeEngine()
    h.client.limitsAnswer = 'not-exceeded'
    h.client.failures = [{ kind: 'quota-exhausted' }]
    const hash = hashOf(1, 40)
    await h.engine.request([hash])
    await settle(COLLECTION_WINDOW_MS + 10)
    expect(h.client.calls.map((c) => c.kind)).toEqual(['single', 'limits'])
    expect(h.engine.status()).toMatchObject({ kind: 'rate-limited' })
    expect(h.stored.state.quotaPause).toBeNull()
    expect(h.recheck.isOn).toBe(false)
    expect(h.published[hash]).not.toMatchObject({ state: 'error' })
    // random() = 0.5: the first gap is 750 ms.
    await settle(700)
    expect(h.client.lookups()).toHaveLength(1)
    await settle(100)
    expect(h.client.lookups()).toHaveLength(2)
    expect(h.published[hash]).toMatchObject({ state: 'verdict' })
    expect(h.engine.status()).toEqual({ kind: 'ready' })
  })

  it('a 429 without the rate-limit body when limits itself fails is backed off and retried, with no pause', async () => {
    const h = makeEngine()
    h.client.limitsAnswer = 'fails'
    h.client.failures = [{ kind: 'quota-exhausted' }]
    const hash = hashOf(1, 40)
    await h.engine.request([hash])
    await settle(COLLECTION_WINDOW_MS + 10)
    expect(h.engine.status()).toMatchObject({ kind: 'rate-limited' })
    expect(h.stored.state.quotaPause).toBeNull()
    await settle(1000)
    expect(h.client.lookups()).toHaveLength(2)
    expect(h.published[hash]).toMatchObject({ state: 'verdict' })
  })

  it('a quota limits confirms pauses and turns the 15-minute re-check on', async () => {
    const h = makeEngine()
    h.client.failures = [{ kind: 'quota-exhausted' }]
    await h.engine.request([hashOf(1, 40)])
    await settle(200)
    expect(h.stored.state.quotaPause).toEqual({ until: Date.UTC(2026, 10, 30), period: 'daily' })
    expect(h.recheck.isOn).toBe(true)
  })

  it('the re-check 15 minutes into a pause resumes once limits says the quota is back', async () => {
    const h = makeEngine()
    h.client.failures = [{ kind: 'quota-exhausted' }]
    const hash = hashOf(1, 40)
    await h.engine.request([hash])
    await settle(200)
    // The alarm fires while the quota is still out: nothing changes.
    await settle(15 * 60_000)
    await h.engine.recheckQuota()
    await settle(200)
    expect(h.engine.status()).toMatchObject({ kind: 'quota-exhausted' })
    expect(h.client.lookups()).toHaveLength(1)
    expect(h.recheck.isOn).toBe(true)
    // The next one finds it back.
    h.client.limitsAnswer = 'not-exceeded'
    await settle(15 * 60_000)
    await h.engine.recheckQuota()
    await settle(200)
    expect(h.engine.status()).toEqual({ kind: 'ready' })
    expect(h.stored.state.quotaPause).toBeNull()
    expect(h.recheck.isOn).toBe(false)
    expect(h.client.lookups()).toHaveLength(2)
    expect(h.published[hash]).toMatchObject({ state: 'verdict' })
  })

  it('a re-check whose limits call fails keeps the pause', async () => {
    const pause = { until: Date.UTC(2026, 10, 30), period: 'daily' } as const
    const h = makeEngine({ stop: null, quotaPause: pause })
    await h.engine.request([hashOf(1, 40)])
    h.client.limitsAnswer = 'fails'
    await h.engine.recheckQuota()
    await settle(1000)
    expect(h.stored.state.quotaPause).toEqual(pause)
    expect(h.client.lookups()).toHaveLength(0)
  })

  it('a pause restored after a worker restart turns the re-check on; its end turns it off', async () => {
    const h = makeEngine({ stop: null, quotaPause: { until: Date.UTC(2026, 10, 30), period: 'daily' } })
    await h.engine.ready
    expect(h.recheck.isOn).toBe(true)
    vi.setSystemTime(Date.UTC(2026, 10, 30) + 1)
    await h.engine.resumeIfDue()
    expect(h.recheck.isOn).toBe(false)
  })

  it('backs off with growing gaps on rate limits, then gets every verdict', async () => {
    const h = makeEngine()
    h.client.failures = [
      { kind: 'rate-limited', retryAfterMs: null },
      { kind: 'rate-limited', retryAfterMs: null },
      { kind: 'rate-limited', retryAfterMs: null },
    ]
    const hashes = Array.from({ length: 5 }, (_, i) => hashOf(i, 40))
    await h.engine.request(hashes)
    await settle(60_000)
    const times = h.client.lookups().map((c) => c.at)
    expect(times).toHaveLength(4)
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    expect(gaps[1]!).toBeGreaterThan(gaps[0]!)
    expect(gaps[2]!).toBeGreaterThan(gaps[1]!)
    // random() = 0.5: 750 ms, 1.5 s, 3 s (half the step plus half of the other half)
    expect(gaps).toEqual([750, 1500, 3000])
    for (const hash of hashes) expect(h.published[hash]).toMatchObject({ state: 'verdict' })
  })

  it('lets Retry-After win over its own backoff', async () => {
    const h = makeEngine()
    h.client.failures = [{ kind: 'rate-limited', retryAfterMs: 7000 }]
    await h.engine.request([hashOf(1, 32), hashOf(2, 32)])
    await settle(COLLECTION_WINDOW_MS)
    const first = h.client.lookups()[0]!.at
    expect(h.engine.status()).toMatchObject({ kind: 'rate-limited', retryAt: first + 7000 })
    await settle(6900)
    expect(h.client.lookups()).toHaveLength(1)
    await settle(200)
    expect(h.client.lookups()).toHaveLength(2)
    expect(h.client.lookups()[1]!.at - first).toBe(7000)
  })

  it('retries 503 after a short delay', async () => {
    const h = makeEngine()
    h.client.failures = [{ kind: 'unavailable', retryAfterMs: null }]
    const hash = hashOf(1, 64)
    await h.engine.request([hash])
    await settle(5000)
    expect(h.client.lookups()).toHaveLength(2)
    expect(h.published[hash]).toMatchObject({ state: 'verdict' })
  })

  it('gives up after the retry ceiling and shows an error that can be retried', async () => {
    const h = makeEngine()
    h.client.failures = Array.from({ length: MAX_ATTEMPTS }, () => ({ kind: 'offline', detail: 'Failed to fetch' }) as const)
    const hash = hashOf(1, 40)
    await h.engine.request([hash])
    await settle(10 * 60_000)
    expect(h.client.lookups()).toHaveLength(MAX_ATTEMPTS)
    expect(h.published[hash]).toMatchObject({ state: 'error', error: 'offline' })
    expect(await h.engine.peek([hash])).toMatchObject({ [hash]: { state: 'error', error: 'offline' } })
    // Asking again (the card's Retry) sends it again.
    await h.engine.request([hash])
    await settle(200)
    expect(h.client.lookups()).toHaveLength(MAX_ATTEMPTS + 1)
    expect(h.published[hash]).toMatchObject({ state: 'verdict' })
  })

  it('halves the batch after a 413 and still asks every hash once per attempt', async () => {
    const h = makeEngine()
    h.client.failures = [{ kind: 'too-large' }]
    const hashes = Array.from({ length: 100 }, (_, i) => hashOf(i, 40))
    await h.engine.request(hashes)
    await settle(500)
    expect(h.client.lookups().map((c) => c.hashes.length)).toEqual([100, 50, 50])
    for (const hash of hashes) expect(h.published[hash]).toMatchObject({ state: 'verdict' })
  })

  it('marks hashes as unreadable after repeated bad answers, without touching their cached verdicts', async () => {
    const h = makeEngine()
    const cached = hashOf(9, 40)
    const old = verdictFor(cached, 'sha1')
    await h.cache.put(SCRIPTED, [old])
    h.client.failures = [{ kind: 'bad-answer', detail: 'The answer was a web page.' }, { kind: 'bad-answer', detail: 'The answer was a web page.' }]
    // "Look up again" sends even the cached hash; the broken answers must not erase it.
    await h.engine.request([cached], { bypassCache: true })
    await settle(10_000)
    expect(h.client.lookups()).toHaveLength(2)
    expect(h.published[cached]).toMatchObject({ state: 'error', error: 'bad-answer' })
    expect(h.engine.status()).toMatchObject({ kind: 'bad-answer', detail: { reason: 'unreadable-answer', text: 'The answer was a web page.' } })
    expect(h.cache.entries.get(cached)).toBe(old)
  })

  it('waits for credentials when none are configured, then looks up', async () => {
    const h = makeEngine()
    h.configured.value = false
    await h.engine.credentialsChanged('other-account')
    const hash = hashOf(5, 32)
    const states = await h.engine.request([hash])
    expect(states[hash]).toMatchObject({ state: 'error', error: 'not-configured' })
    expect(h.engine.status()).toEqual({ kind: 'not-configured' })
    await settle(1000)
    expect(h.client.lookups()).toHaveLength(0)
    h.configured.value = true
    await h.engine.credentialsChanged('other-account')
    await settle(200)
    expect(h.published[hash]).toMatchObject({ state: 'verdict' })
  })
})

describe('storms', () => {
  it('counts batches that fail together as one failure, so gaps grow per round, not per batch', async () => {
    const h = makeEngine()
    h.client.failures = [
      { kind: 'unavailable', retryAfterMs: null }, { kind: 'unavailable', retryAfterMs: null },
      { kind: 'unavailable', retryAfterMs: null }, { kind: 'unavailable', retryAfterMs: null },
    ]
    await h.engine.request([...Array.from({ length: 101 }, (_, i) => hashOf(i, 40))])
    await settle(60_000)
    const times = h.client.lookups().map((c) => c.at)
    // Round 1: two batches together; 750 ms later round 2; 1.5 s later round 3 (answers).
    expect(times).toHaveLength(6)
    expect(times[1]! - times[0]!).toBe(0)
    expect(times[2]! - times[0]!).toBe(750)
    expect(times[4]! - times[2]!).toBe(1500)
  })

  it('after the retry ceiling, everything still waiting shows the error too, and a retry goes at once', async () => {
    const h = makeEngine()
    h.client.failures = Array.from({ length: 2 * MAX_ATTEMPTS }, () => ({ kind: 'unavailable', retryAfterMs: null }) as const)
    const hashes = [...Array.from({ length: 200 }, (_, i) => hashOf(i, 40)), ...Array.from({ length: 10 }, (_, i) => hashOf(i, 32))]
    await h.engine.request(hashes)
    await settle(10 * 60_000)
    expect(h.client.lookups()).toHaveLength(2 * MAX_ATTEMPTS)
    for (const hash of hashes) expect(h.published[hash]).toMatchObject({ state: 'error', error: 'unavailable' })
    const before = h.client.lookups().length
    await h.engine.request([hashOf(1, 32)])
    await settle(COLLECTION_WINDOW_MS + 5)
    expect(h.client.lookups()).toHaveLength(before + 1)
  })
})

describe('edges found in review', () => {
  it('a success in the same round does not cancel another batch\'s Retry-After', async () => {
    const h = makeEngine()
    h.client.failures = [{ kind: 'rate-limited', retryAfterMs: 10_000 }] // the first batch only
    await h.engine.request([...Array.from({ length: 100 }, (_, i) => hashOf(i, 40)), hashOf(1, 32), hashOf(2, 32)])
    await settle(COLLECTION_WINDOW_MS + 10)
    expect(h.client.lookups()).toHaveLength(2) // both in flight together; the second succeeded
    await settle(9000)
    expect(h.client.lookups()).toHaveLength(2)
    expect(h.engine.status()).toMatchObject({ kind: 'rate-limited' })
    await settle(1100)
    expect(h.client.lookups()).toHaveLength(3)
  })

  it('a 413 for a single hash is an error after two tries, never a loop', async () => {
    const h = makeEngine()
    h.client.failures = Array.from({ length: 20 }, () => ({ kind: 'too-large' }) as const)
    const hash = hashOf(1, 64)
    await h.engine.request([hash])
    await settle(60_000)
    expect(h.client.lookups()).toHaveLength(2)
    expect(h.published[hash]).toMatchObject({ state: 'error', error: 'http-error' })
  })

  it('an exhausted quota pauses at once, even while the limits endpoint is slow to say which quota', async () => {
    const h = makeEngine()
    let answerLimits!: () => void
    const limitsAnswered = new Promise<void>((resolve) => { answerLimits = resolve })
    const limits = h.client.limits.bind(h.client)
    h.client.limits = async () => { await limitsAnswered; return limits() }
    h.client.failures = [{ kind: 'quota-exhausted' }]
    await h.engine.request([...Array.from({ length: 150 }, (_, i) => hashOf(i, 40)), ...Array.from({ length: 150 }, (_, i) => hashOf(i, 32))])
    await settle(5000)
    expect(h.client.lookups()).toHaveLength(2) // the two in flight together; nothing after the 429
    expect(h.engine.status()).toMatchObject({ kind: 'quota-exhausted' })
    answerLimits()
    await settle(5000)
    expect(h.client.lookups()).toHaveLength(2)
  })

  it('a 401 for a request sent with the old credentials does not stop the new ones', async () => {
    const h = makeEngine()
    let release!: () => void
    h.client.gate = new Promise((resolve) => { release = resolve })
    h.client.failures = [{ kind: 'unauthorized' }]
    const hash = hashOf(1, 40)
    await h.engine.request([hash])
    await settle(200)
    await h.engine.credentialsChanged('new-password')
    h.client.gate = null
    release()
    await settle(200)
    expect(h.engine.status()).toEqual({ kind: 'ready' })
    expect(h.published[hash]).toMatchObject({ state: 'verdict' })
  })

  it('a new password keeps a quota pause; another account lifts it', async () => {
    const pause = { until: Date.UTC(2026, 10, 30), period: 'daily' } as const
    const h = makeEngine({ stop: 'unauthorized', quotaPause: pause })
    await h.engine.credentialsChanged('new-password')
    expect(h.stored.state).toEqual({ stop: null, quotaPause: pause })
    await h.engine.credentialsChanged('other-account')
    expect(h.stored.state).toEqual({ stop: null, quotaPause: null })
  })

  it('the same credentials saved again lift a 401 stop and keep a quota pause', async () => {
    const pause = { until: Date.UTC(2026, 10, 30), period: 'daily' } as const
    const h = makeEngine({ stop: 'unauthorized', quotaPause: pause })
    await h.engine.credentialsChanged('same-credentials')
    expect(h.stored.state).toEqual({ stop: null, quotaPause: pause })
    expect(h.engine.status()).toMatchObject({ kind: 'quota-exhausted', resetsAt: pause.until })
  })

  it('a 401 for a request sent with credentials saved again unchanged still stops', async () => {
    const h = makeEngine()
    let release!: () => void
    h.client.gate = new Promise((resolve) => { release = resolve })
    h.client.failures = [{ kind: 'unauthorized' }]
    await h.engine.request([hashOf(1, 40)])
    await settle(200)
    await h.engine.credentialsChanged('same-credentials')
    h.client.gate = null
    release()
    await settle(200)
    expect(h.engine.status()).toEqual({ kind: 'unauthorized' })
    expect(h.client.lookups()).toHaveLength(1)
  })

  it('a restarted worker does not resend hashes the previous one had already cached', async () => {
    const cachedHash = hashOf(1, 40)
    const waitingHash = hashOf(2, 40)
    const h = makeEngine()
    await h.cache.put(SCRIPTED, [verdictFor(cachedHash, 'sha1')])
    h.queue.value = { waiting: [cachedHash, waitingHash].map((hash) => ({ hash, type: 'sha1', attempts: 0, badAnswers: 0 })), backoff: null }
    const restarted = new LookupEngine(h.env)
    await restarted.ready
    await settle(200)
    expect(h.client.lookups().flatMap((c) => c.hashes)).toEqual([waitingHash])
  })

  it('verdicts reach the user even when the cache cannot store them', async () => {
    const h = makeEngine()
    h.cache.put = async () => { throw new Error('disk on fire') }
    const hash = hashOf(1, 40)
    await h.engine.request([hash])
    await settle(200)
    expect(h.published[hash]).toMatchObject({ state: 'verdict' })
    expect(h.client.lookups()).toHaveLength(1)
  })
})

describe('surviving the worker', () => {
  it('saves waiting and in-flight hashes, and a new engine (a restarted worker) sends them once', async () => {
    const h = makeEngine()
    h.client.gate = new Promise(() => undefined) // the first worker never gets its answer
    const hashes = [hashOf(1, 40), hashOf(2, 40), hashOf(3, 32)]
    await h.engine.request(hashes)
    await settle(200)
    expect(h.client.lookups()).toHaveLength(2) // one batch per type, both in flight
    expect(h.queue.value.waiting.map((w) => w.hash).sort()).toEqual([...hashes].sort())

    // The worker dies: a new engine over the same storage, with a client that answers.
    const client = new FakeClient()
    const published: HashStates = {}
    const restarted = new LookupEngine({ ...h.env, getClient: async () => client, publishStates: (s) => Object.assign(published, s) })
    await restarted.ready
    await settle(200)
    expect(client.lookups().flatMap((c) => c.hashes).sort()).toEqual([...hashes].sort())
    for (const hash of hashes) expect(published[hash]).toMatchObject({ state: 'verdict' })
    expect(h.queue.value.waiting).toEqual([])
  })

  it('keeps a backoff across a restart and sets an alarm to carry on', async () => {
    const h = makeEngine()
    h.client.failures = [{ kind: 'rate-limited', retryAfterMs: 40_000 }]
    const hash = hashOf(1, 64)
    await h.engine.request([hash])
    await settle(COLLECTION_WINDOW_MS + 10)
    const retryAt = Date.now() + 40_000 - 10
    expect(h.queue.value.backoff?.until).toBeGreaterThanOrEqual(retryAt - 100)
    expect(h.wakes.at(-1)).toBeGreaterThanOrEqual(retryAt - 100)

    const client = new FakeClient()
    const restarted = new LookupEngine({ ...h.env, getClient: async () => client })
    await restarted.ready
    await settle(30_000)
    expect(client.lookups()).toHaveLength(0) // still waiting out the rate limit
    expect(restarted.status()).toMatchObject({ kind: 'rate-limited' })
    await settle(11_000)
    expect(client.lookups().flatMap((c) => c.hashes)).toEqual([hash])
  })

  /** A 429 asking for `retryAfterMs`, then the worker stopped: its timers die, its storage stays. */
  async function rateLimitedThenStopped(retryAfterMs: number) {
    const h = makeEngine()
    h.client.failures = [{ kind: 'rate-limited', retryAfterMs }]
    const hash = hashOf(1, 40)
    await h.engine.request([hash])
    await settle(COLLECTION_WINDOW_MS)
    const failedAt = h.client.lookups()[0]!.at
    const until = h.queue.value.backoff!.until
    expect(until).toBe(failedAt + retryAfterMs)
    vi.clearAllTimers()
    const client = new FakeClient()
    const published: HashStates = {}
    /** The worker as Chrome starts it again, for an alarm or a page's message. */
    const start = async () => {
      const engine = new LookupEngine({ ...h.env, getClient: async () => client, publishStates: (s) => Object.assign(published, s) })
      await engine.ready
      return engine
    }
    return { h, hash, failedAt, until, client, published, start }
  }

  it('queued hashes carry the backoff\'s end, pushed at once and in answers while it lasts', async () => {
    const h = makeEngine()
    h.client.failures = [{ kind: 'rate-limited', retryAfterMs: 2000 }]
    const hash = hashOf(1, 40)
    await h.engine.request([hash])
    await settle(COLLECTION_WINDOW_MS)
    const until = h.queue.value.backoff!.until
    expect(h.published[hash]).toEqual({ state: 'pending', retryAt: until })
    const later = hashOf(2, 40)
    expect(await h.engine.request([hash, later])).toEqual({ [hash]: { state: 'pending', retryAt: until }, [later]: { state: 'pending', retryAt: until } })
    expect(await h.engine.peek([hash])).toEqual({ [hash]: { state: 'pending', retryAt: until } })
    await settle(2000)
    expect(h.published[hash]).toMatchObject({ state: 'verdict' })
    expect(h.published[later]).toMatchObject({ state: 'verdict' })
    // No backoff: a new hash waits without a retry time.
    h.client.gate = new Promise(() => undefined)
    const third = hashOf(3, 40)
    expect(await h.engine.request([third])).toEqual({ [third]: { state: 'pending' } })
  })

  it('a worker stopped during a 2 s backoff and started by a page\'s wake at the due time sends then; the alarm alone waits 30 s', async () => {
    const { h, hash, failedAt, until, client, published, start } = await rateLimitedThenStopped(2000)
    // The alarm models Chrome's floor for packed extensions: without a wake, the retry waits for it.
    expect(h.wakes.at(-1)).toBeGreaterThanOrEqual(failedAt + MIN_ALARM_DELAY_MS)
    await settle(until - Date.now())
    const woken = await start()
    await woken.resumeIfDue()
    await settle(0)
    expect(client.lookups().map((call) => call.hashes)).toEqual([[hash]])
    expect(client.lookups()[0]!.at).toBe(until)
    expect(published[hash]).toMatchObject({ state: 'verdict' })
    expect(woken.status()).toEqual({ kind: 'ready' })
  })

  it('wakes before the due time never send early, and wakes after it send nothing twice', async () => {
    const { until, client, start } = await rateLimitedThenStopped(2000)
    await settle(300)
    const woken = await start() // a page's wake, too early (or a page sending them at will)
    for (let i = 0; i < 5; i++) {
      await woken.resumeIfDue()
      await settle(until - Date.now() - 1 > 300 ? 300 : 0)
    }
    await settle(until - Date.now() - 1)
    expect(client.lookups()).toHaveLength(0)
    await settle(1)
    expect(client.lookups()).toHaveLength(1)
    expect(client.lookups()[0]!.at).toBe(until)
    for (let i = 0; i < 5; i++) await woken.resumeIfDue()
    await settle(60_000)
    expect(client.lookups()).toHaveLength(1)
  })

  it('a wake during a quota pause sends nothing until the reset', async () => {
    const reset = Date.UTC(2026, 10, 30)
    const h = makeEngine({ stop: null, quotaPause: { until: reset, period: 'daily' } }, { waiting: [{ hash: hashOf(1, 32), type: 'md5', attempts: 0, badAnswers: 0 }], backoff: null })
    await h.engine.ready
    for (let i = 0; i < 3; i++) await h.engine.resumeIfDue()
    await settle(60_000)
    expect(h.client.lookups()).toHaveLength(0)
    expect(h.engine.status()).toMatchObject({ kind: 'quota-exhausted' })
  })

  it('"retrying in N seconds" holds across the stop: the restarted worker says the same, and sends when it runs out', async () => {
    const { until, client, start } = await rateLimitedThenStopped(2000)
    const status = (engine: LookupEngine) => describeStatus(engine.status(), Date.now()).headline
    await settle(100)
    const woken = await start()
    expect(status(woken)).toBe('Rate limited — retrying in 2 seconds')
    await settle(until - Date.now() - 1000)
    expect(status(woken)).toBe('Rate limited — retrying in 1 second')
    expect(client.lookups()).toHaveLength(0)
    await settle(1000)
    expect(client.lookups()).toHaveLength(1)
    expect(status(woken)).toBe(describeStatus({ kind: 'ready' }).headline)
  })
})
