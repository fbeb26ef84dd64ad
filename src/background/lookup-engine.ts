/**
 * The lookup engine: every caller (popup, content scripts in any tab, the context menu) asks it,
 * and it asks the service as little as possible. It normalises and validates hashes before
 * anything is sent, answers from the cache first, never has one hash in flight twice, and sends
 * full bulk batches of one hash type after a short collection window. Where each hash is lives
 * in lookup-queue.ts; what a failure means, in error-policy.ts. No failure ever touches the cache.
 */
import { normalizeHash, type NormalizedHash } from '../shared/hash.ts'
import type { EngineStatus } from '../shared/engine-status.ts'
import { nextQuotaReset, type QuotaPeriod } from '../shared/quota.ts'
import type { HashState, HashStates, Verdict } from '../shared/verdict.ts'
import type { KindIn, ServiceFailure, StopKind } from '../shared/failure.ts'
import type { BulkReading } from '../shared/spectra-answer.ts'
import { withSampleAliases, type CachePolicy } from './verdict-cache.ts'
import type { AccountChange, BackendClient, BackendId, ServiceResult } from './backend.ts'
import { decideOnFailure, type QuotaCheck } from './error-policy.ts'
import { LookupQueue, type StoredQueue, type WaitingHash } from './lookup-queue.ts'

/** The bulk endpoint's limit (contract: over 100 answers 413). */
export const MAX_BATCH = 100
/** How long requests are collected before a batch goes, so callers' hashes share requests. */
export const COLLECTION_WINDOW_MS = 50
/** Batches in flight at once: enough to overlap latency, far below the service's rate limit. */
export const MAX_CONCURRENT_BATCHES = 2

export interface LookupCache {
  getFresh(backend: BackendId, hashes: readonly string[], policy: CachePolicy): Promise<Map<string, Verdict>>
  put(backend: BackendId, verdicts: readonly Verdict[], policy: CachePolicy): Promise<void>
}

/** What must survive the worker's death: why lookups are stopped, and until when. */
export interface StoredEngineState {
  stop: StopKind | null
  quotaPause: { until: number; period: QuotaPeriod } | null
}

export const INITIAL_ENGINE_STATE: StoredEngineState = { stop: null, quotaPause: null }

export interface EngineEnvironment {
  cache: LookupCache
  /** A client (createClient, backend.ts) for the account in effect, or null when none is configured. */
  getClient(): Promise<BackendClient | null>
  /** The backend of the account in effect, configured or not: cached answers are read for it. */
  getBackend(): Promise<BackendId>
  getCachePolicy(): Promise<CachePolicy>
  loadState(): Promise<StoredEngineState>
  saveState(state: StoredEngineState): Promise<void>
  loadQueue(): Promise<StoredQueue>
  saveQueue(queue: StoredQueue): Promise<void>
  /** Ask to be woken (engine.resumeIfDue) at this time even if the worker has died meanwhile. */
  scheduleWake(at: number): void
  /** While on, engine.recheckQuota is called every 15 minutes, even if the worker has died meanwhile. */
  setQuotaRecheck?(isOn: boolean): void
  publishStates(states: HashStates): void
  publishStatus(status: EngineStatus): void
  /** Answers the service charged for (every record it returned), to keep the usage figure current. */
  noteCharged?(count: number): void
  now?: () => number
  random?: () => number
}

/**
 * Alarms fire no sooner than 30 s after they are set (Chrome 120+, packed extensions), so a
 * worker Chrome stops during a shorter backoff is woken on time by whoever waits: queued hashes
 * carry the backoff's end (`retryAt`), and the waiting page's message at that time starts the
 * worker, whose rehydration carries on with the saved queue.
 */
export const MIN_ALARM_DELAY_MS = 30_000

export class LookupEngine {
  readonly #env: EngineEnvironment
  readonly #now: () => number
  readonly #random: () => number
  readonly #queue: LookupQueue
  #stored: StoredEngineState = INITIAL_ENGINE_STATE
  #isConfigured = true
  /** Bumped when the credentials change: failures of requests sent with older ones are stale. */
  #credentialsGeneration = 0
  #activeBatches = 0
  #maxBatch = MAX_BATCH
  #lastProblem: EngineStatus | null = null
  #flushTimer: ReturnType<typeof setTimeout> | null = null
  /** The limits check after a 429 without the rate-limit body: batches failing together share it. */
  #quotaCheck: Promise<QuotaCheck> | null = null
  readonly #ready: Promise<void>

  constructor(env: EngineEnvironment) {
    this.#env = env
    this.#now = env.now ?? Date.now
    this.#random = env.random ?? Math.random
    this.#queue = new LookupQueue((queue) => env.saveQueue(queue))
    this.#ready = this.#rehydrate()
  }

  get ready(): Promise<void> {
    return this.#ready
  }

  async #rehydrate(): Promise<void> {
    const [stored, queue] = await Promise.all([this.#env.loadState(), this.#env.loadQueue()])
    this.#stored = stored
    if (stored.quotaPause) {
      this.#env.scheduleWake(stored.quotaPause.until)
      this.#env.setQuotaRecheck?.(true)
    }
    this.#isConfigured = (await this.#env.getClient()) !== null
    // The previous worker may have cached some answers just before it died: never pay twice.
    const cached = await this.#env.cache.getFresh(await this.#env.getBackend(), queue.waiting.map((item) => item.hash), await this.#env.getCachePolicy())
    this.#queue.restore(queue, (hash) => cached.has(hash))
    // A previous worker's unfinished work carries on by itself.
    if (this.#queue.waitingCount > 0) this.#scheduleFlush(0)
  }

  /**
   * Current states of the given hashes, sending for those without a fresh cached verdict.
   * Malformed input is dropped here, so it can never reach the service.
   */
  async request(inputs: readonly string[], options: { bypassCache?: boolean } = {}): Promise<HashStates> {
    await this.#ready
    const hashes = uniqueValidHashes(inputs)
    const states: HashStates = {}
    const toCheck: NormalizedHash[] = []
    for (const item of hashes) {
      if (this.#queue.isQueued(item.hash)) states[item.hash] = this.#stateOfQueued()
      else toCheck.push(item)
    }
    const backend = await this.#env.getBackend()
    const cached = options.bypassCache
      ? new Map<string, Verdict>()
      : await this.#env.cache.getFresh(backend, toCheck.map((h) => h.hash), await this.#env.getCachePolicy())
    for (const item of toCheck) {
      // An answer still being cached is newer than what the cache holds (after "Look up again").
      const verdict = options.bypassCache ? undefined : this.#queue.answerBeingStored(backend, item.hash) ?? cached.get(item.hash)
      if (verdict) {
        states[item.hash] = { state: 'verdict', verdict }
        continue
      }
      // A hash asked while the cache lookup ran is already queued: add() never queues it twice.
      this.#queue.add(item)
      states[item.hash] = this.#stateOfQueued()
    }
    this.#scheduleFlush(COLLECTION_WINDOW_MS)
    return states
  }

  /** Known states without sending anything: cached verdicts, queued or failed hashes. */
  async peek(inputs: readonly string[]): Promise<HashStates> {
    await this.#ready
    const hashes = uniqueValidHashes(inputs)
    const states: HashStates = {}
    const rest: string[] = []
    for (const { hash } of hashes) {
      if (this.#queue.isQueued(hash)) states[hash] = this.#stateOfQueued()
      else rest.push(hash)
    }
    const backend = await this.#env.getBackend()
    const cached = await this.#env.cache.getFresh(backend, rest, await this.#env.getCachePolicy())
    for (const hash of rest) {
      const verdict = this.#queue.answerBeingStored(backend, hash) ?? cached.get(hash)
      const failed = this.#queue.failureOf(hash)
      if (verdict) states[hash] = { state: 'verdict', verdict }
      else if (failed) states[hash] = failed
    }
    return states
  }

  status(): EngineStatus {
    const now = this.#now()
    if (!this.#isConfigured) return { kind: 'not-configured' }
    if (this.#stored.stop) return { kind: this.#stored.stop }
    const pause = this.#stored.quotaPause
    if (pause && now < pause.until) return { kind: 'quota-exhausted', resetsAt: pause.until, period: pause.period }
    // An unreadable answer says more than "retrying": it points at a proxy or a wrong host.
    if (this.#lastProblem?.kind === 'bad-answer') return this.#lastProblem
    const backoff = this.#queue.backoff
    if (backoff && now < backoff.until) return { kind: backoff.kind, retryAt: backoff.until }
    return this.#lastProblem ?? { kind: 'ready' }
  }

  get pendingCount(): number {
    return this.#queue.pendingCount
  }

  /**
   * The account in effect changed, or the user saved it unchanged (account-changes.ts). A 401/403
   * stop is lifted either way: saving is how the user says the account was fixed. A quota pause
   * belongs to the account, so only another account lifts it.
   */
  async credentialsChanged(change: AccountChange): Promise<void> {
    await this.#ready
    if (change !== 'same-credentials') this.#credentialsGeneration++
    this.#isConfigured = (await this.#env.getClient()) !== null
    await this.#saveState({ stop: null, quotaPause: change === 'other-account' ? null : this.#stored.quotaPause })
    if (!this.#stored.quotaPause) this.#env.setQuotaRecheck?.(false)
    this.#queue.backoff = null
    this.#lastProblem = null
    this.#resume()
  }

  /**
   * Called by the wake alarm and by pages' wake messages (either also restarts a stopped worker):
   * lifts a quota pause whose reset has come, and sends what waits once any backoff is over.
   * It never sends sooner than the engine would have by itself: pages may call it at will.
   */
  async resumeIfDue(): Promise<void> {
    await this.#ready
    const pause = this.#stored.quotaPause
    if (pause && this.#now() >= pause.until) {
      await this.#saveState({ ...this.#stored, quotaPause: null })
      this.#env.setQuotaRecheck?.(false)
      this.#resume()
    } else if (pause) {
      this.#env.scheduleWake(pause.until)
    } else if (this.#queue.waitingCount > 0) {
      this.#scheduleFlush(0)
    }
  }

  /**
   * During a quota pause (the 15-minute alarm, the popup's "Check again now"): asks `limits`
   * once and lifts the pause if it says the quota is back. Costs no File Reputation quota.
   */
  async recheckQuota(): Promise<void> {
    await this.#ready
    if (!this.#stored.quotaPause) {
      this.#env.setQuotaRecheck?.(false)
      return
    }
    const client = await this.#env.getClient()
    if (!client) return
    const check = await askLimits(client)
    // Still exceeded, or limits could not say: the pause holds until the reset or the next check.
    if (check === 'unknown' || check.exceeded || !this.#stored.quotaPause) return
    await this.#saveState({ ...this.#stored, quotaPause: null })
    this.#env.setQuotaRecheck?.(false)
    this.#resume()
  }

  #resume(): void {
    this.#publishQueued()
    this.#env.publishStatus(this.status())
    this.#scheduleFlush(0)
  }

  /** Why nothing may be sent now, if so. */
  #stopKind(): KindIn<'setup' | 'stop' | 'pause'> | null {
    if (!this.#isConfigured) return 'not-configured'
    if (this.#stored.stop) return this.#stored.stop
    if (this.#stored.quotaPause && this.#now() < this.#stored.quotaPause.until) return 'quota-exhausted'
    return null
  }

  /** A queued hash shows "pending" unless lookups are stopped, which the user must know. */
  #stateOfQueued(): HashState {
    const stop = this.#stopKind()
    if (stop) return { state: 'error', error: stop }
    const backoff = this.#queue.backoff
    return backoff && this.#now() < backoff.until ? { state: 'pending', retryAt: backoff.until } : { state: 'pending' }
  }

  #publishQueued(hashes: readonly string[] = this.#queue.queuedHashes()): void {
    const states: HashStates = {}
    const state = this.#stateOfQueued()
    for (const hash of hashes) states[hash] = state
    if (Object.keys(states).length > 0) this.#env.publishStates(states)
  }

  #scheduleFlush(delayMs: number): void {
    if (this.#flushTimer !== null) return
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = null
      this.#flush()
    }, delayMs)
  }

  #flush(): void {
    if (this.#queue.waitingCount === 0 || this.#stopKind()) return
    const now = this.#now()
    const backoff = this.#queue.backoff
    if (backoff && now < backoff.until) {
      this.#scheduleFlush(backoff.until - now)
      return
    }
    if (this.#activeBatches < MAX_CONCURRENT_BATCHES) {
      // A watchdog: if Chrome stops the worker mid-batch, this alarm starts it again, and the
      // saved queue (in-flight hashes included) goes out once more. One alarm serves this, the
      // backoff and the quota reset: resumeIfDue works out which is due and re-arms the rest.
      this.#env.scheduleWake(now + MIN_ALARM_DELAY_MS)
    }
    while (this.#activeBatches < MAX_CONCURRENT_BATCHES && this.#queue.waitingCount > 0) {
      const batch = this.#queue.takeBatch(this.#maxBatch)
      this.#activeBatches++
      void this.#send(batch).finally(() => {
        this.#activeBatches--
        this.#scheduleFlush(0)
      })
    }
  }

  async #send(batch: WaitingHash[]): Promise<void> {
    let result: ServiceResult<BulkReading>
    const generation = this.#credentialsGeneration
    try {
      const client = await this.#env.getClient()
      if (!client) {
        this.#isConfigured = false
        this.#requeue(batch)
        this.#publishQueued()
        this.#env.publishStatus(this.status())
        return
      }
      const type = batch[0]!.type
      const hashes = batch.map((item) => item.hash)
      result = hashes.length === 1
        ? await client.singleLookup(type, hashes[0]!)
        : await client.bulkLookup(type, hashes)
      if (result.ok) this.#settle(batch, result.value, client.backend)
      else if (generation !== this.#credentialsGeneration) this.#requeue(batch) // sent with old credentials
      else await this.#fail(batch, result.failure, client)
    } catch (error) {
      // A bug or a storage failure must not strand the batch in flight forever.
      console.error('HashLens: lookup batch failed unexpectedly', error)
      this.#giveUp(batch, { state: 'error', error: 'bad-answer', detail: { reason: 'processing-failed' } })
    } finally {
      this.#queue.landed(batch)
    }
  }

  #settle(batch: WaitingHash[], reading: BulkReading, backend: BackendId): void {
    // A success ends the service's trouble only once the shared backoff has run out: another
    // batch may have just been rate limited, and its Retry-After still holds.
    const backoff = this.#queue.backoff
    if (backoff && this.#now() >= backoff.until) this.#queue.backoff = null
    this.#lastProblem = null
    if (this.#maxBatch < MAX_BATCH) this.#maxBatch = Math.min(MAX_BATCH, this.#maxBatch * 2)
    const verdicts = [...reading.verdicts.values()]
    // A hash the service left out (not found) was not charged; every returned record was.
    this.#env.noteCharged?.(verdicts.filter((v) => v.classification !== 'NOT_FOUND').length)
    const states: HashStates = {}
    for (const verdict of verdicts) states[verdict.hash] = { state: 'verdict', verdict }
    for (const item of batch) {
      const problem = reading.unreadable.get(item.hash)
      if (problem === undefined) continue
      const state: HashState = { state: 'error', error: 'bad-answer', detail: { reason: 'unreadable-record', text: problem } }
      this.#queue.rememberFailure(item.hash, state)
      states[item.hash] = state
    }
    this.#env.publishStates(states)
    this.#env.publishStatus(this.status())
    const answered = batch.filter((item) => reading.verdicts.has(item.hash))
    void this.#store(backend, verdicts, answered)
  }

  /** Caches answers; until that is done, the queue answers for them. */
  async #store(backend: BackendId, verdicts: readonly Verdict[], answered: readonly WaitingHash[]): Promise<void> {
    const release = this.#queue.holdUntilStored(backend, verdicts.flatMap(withSampleAliases), answered)
    // Paid-for answers reach the user even if storing them fails; the cache is a bonus.
    try {
      await this.#env.cache.put(backend, verdicts, await this.#env.getCachePolicy())
    } catch (error) {
      console.warn('HashLens: could not cache verdicts', error)
    } finally {
      release()
    }
  }

  async #fail(batch: WaitingHash[], failure: ServiceFailure, client: BackendClient): Promise<void> {
    let decision = decideOnFailure({ failure, batch, backoff: this.#queue.backoff, now: this.#now(), random: this.#random })
    if (decision.action === 'check-limits') {
      const quotaCheck = await this.#checkQuota(client)
      decision = decideOnFailure({ failure, batch, backoff: this.#queue.backoff, now: this.#now(), random: this.#random, quotaCheck })
    }
    const now = this.#now()
    switch (decision.action) {
      case 'stop':
        await this.#saveState({ ...this.#stored, stop: decision.stop })
        this.#requeue(batch)
        this.#publishQueued()
        break
      case 'check-limits':
        // decideOnFailure with a quotaCheck never asks again; this keeps the batch from being stranded if it did.
        this.#requeue(batch)
        break
      case 'pause': {
        const until = nextQuotaReset(decision.period, now)
        await this.#saveState({ ...this.#stored, quotaPause: { until, period: decision.period } })
        this.#requeue(batch)
        this.#env.scheduleWake(until)
        this.#env.setQuotaRecheck?.(true)
        this.#publishQueued()
        break
      }
      case 'split':
        this.#maxBatch = decision.maxBatch
        this.#requeue(batch)
        break
      case 'retry':
        if (decision.problem !== 'keep') this.#lastProblem = decision.problem
        if (decision.backoff !== 'keep') {
          this.#queue.backoff = decision.backoff
          // If Chrome stops the worker while it waits, the alarm starts it again to carry on.
          this.#env.scheduleWake(Math.max(decision.backoff.until, now + MIN_ALARM_DELAY_MS))
        }
        this.#requeue(decision.retry)
        this.#giveUp(decision.giveUp, decision.error)
        // Those waiting learn when to wake the worker, should Chrome stop it meanwhile (in-flight hashes
        // get their own batch's answer).
        if (decision.backoff !== 'keep') this.#publishQueued(this.#queue.waitingHashes())
        break
      case 'give-up-all':
        // The next attempt (a retry from the card or popup) starts without a leftover backoff.
        this.#queue.backoff = null
        this.#lastProblem = decision.problem
        this.#giveUp([...decision.giveUp, ...this.#queue.takeWaiting()], decision.error)
        break
    }
    this.#env.publishStatus(this.status())
  }

  #checkQuota(client: BackendClient): Promise<QuotaCheck> {
    this.#quotaCheck ??= this.#askLimitsPaused(client).finally(() => { this.#quotaCheck = null })
    return this.#quotaCheck
  }

  async #askLimitsPaused(client: BackendClient): Promise<QuotaCheck> {
    // Pause at once, in memory: any flush while we ask would spend another request on a 429.
    const tentative = { until: nextQuotaReset('daily', this.#now()), period: 'daily' } as const
    this.#stored = { ...this.#stored, quotaPause: tentative }
    const check = await askLimits(client)
    if (this.#stored.quotaPause === tentative) {
      this.#stored = { ...this.#stored, quotaPause: null }
      // Hashes asked for meanwhile were told "quota exhausted": they are only waiting.
      if (check === 'unknown' || !check.exceeded) this.#publishQueued()
    }
    return check
  }

  #giveUp(items: readonly WaitingHash[], state: HashState): void {
    if (items.length === 0) return
    const states: HashStates = {}
    for (const item of items) {
      this.#queue.rememberFailure(item.hash, state)
      states[item.hash] = state
    }
    this.#env.publishStates(states)
  }

  #requeue(items: readonly WaitingHash[]): void {
    if (items.length === 0) return
    this.#queue.requeue(items)
    this.#scheduleFlush(0)
  }

  async #saveState(state: StoredEngineState): Promise<void> {
    this.#stored = state
    await this.#env.saveState(state)
  }
}

function uniqueValidHashes(inputs: readonly string[]): NormalizedHash[] {
  const seen = new Map<string, NormalizedHash>()
  for (const input of inputs) {
    const normalized = typeof input === 'string' ? normalizeHash(input) : null
    if (normalized && !seen.has(normalized.hash)) seen.set(normalized.hash, normalized)
  }
  return [...seen.values()]
}

/** Whether the quota ran out, and which one (it decides the reset); `limits` is not charged to File Reputation. */
async function askLimits(client: BackendClient): Promise<QuotaCheck> {
  try {
    const limits = await client.limits()
    if (!limits.ok) return 'unknown'
    return limits.value.exceeded ? { exceeded: true, period: limits.value.period } : { exceeded: false }
  } catch {
    return 'unknown'
  }
}
