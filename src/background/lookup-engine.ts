/**
 * The lookup engine: every caller (popup, content scripts in any tab, the context menu) asks it,
 * and it asks the service as little as possible. It normalises and validates hashes before
 * anything is sent, answers from the cache first, never has one hash in flight twice, sends
 * full bulk batches of one hash type after a short collection window, and applies the
 * error policy of the troubleshooting guide: stop on 401/403, pause until the reset on an
 * exhausted quota, back off (Retry-After wins) on rate limits, 503s and network failures.
 * No failure ever touches the cache.
 */
import { normalizeHash, type HashType, type NormalizedHash } from '../shared/hash.ts'
import type { EngineStatus } from '../shared/engine-status.ts'
import { nextQuotaReset, type QuotaPeriod } from '../shared/quota.ts'
import type { HashState, HashStates, Verdict } from '../shared/verdict.ts'
import type { FailureDetail, LookupErrorKind, ServiceFailure, StopKind, TransientKind } from '../shared/failure.ts'
import type { BulkReading } from '../shared/spectra-answer.ts'
import { withSampleAliases, type CachePolicy } from './verdict-cache.ts'
import type { AccountChange, BackendClient, BackendId, ServiceResult } from './backend.ts'
import { backoffDelay } from './backoff.ts'

/** The bulk endpoint's limit (contract: over 100 answers 413). */
export const MAX_BATCH = 100
/** How long requests are collected before a batch goes, so callers' hashes share requests. */
export const COLLECTION_WINDOW_MS = 50
/** Batches in flight at once: enough to overlap latency, far below the service's rate limit. */
export const MAX_CONCURRENT_BATCHES = 2
/** Attempts per hash through rate limits, 503s and network failures before it shows an error. */
export const MAX_ATTEMPTS = 6
/** Attempts per hash through answers that could not be read (a proxy page, truncated JSON) or unexpected statuses. */
export const MAX_BAD_ANSWER_ATTEMPTS = 2
/** A Retry-After longer than this is not believed: the alarm and the user's Retry cover the rest. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000
/** Failed states kept for peek(); older ones fall back to "not looked up". */
const MAX_FAILED_KEPT = 10_000

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

/**
 * What the queue holds, kept in storage.session so a worker that Chrome stops (after ~30 s idle,
 * or mid-batch) loses no hash: in-flight hashes are saved as waiting, since their answer dies
 * with the worker.
 */
export interface StoredQueue {
  waiting: WaitingHash[]
  backoff: Backoff | null
}

export const EMPTY_QUEUE: StoredQueue = { waiting: [], backoff: null }

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
  publishStates(states: HashStates): void
  publishStatus(status: EngineStatus): void
  /** Answers the service charged for (every record it returned), to keep the usage figure current. */
  noteCharged?(count: number): void
  now?: () => number
  random?: () => number
}

export interface WaitingHash extends NormalizedHash {
  attempts: number
  badAnswers: number
}

interface Backoff {
  until: number
  failures: number
  kind: TransientKind
}

/** Alarms fire no sooner than 30 s after they are set (Chrome 120+). */
const MIN_ALARM_DELAY_MS = 30_000

export class LookupEngine {
  readonly #env: EngineEnvironment
  readonly #now: () => number
  readonly #random: () => number
  #stored: StoredEngineState = INITIAL_ENGINE_STATE
  #isConfigured = true
  /** Hashes waiting to be sent, in arrival order (Map keeps insertion order). */
  readonly #waiting = new Map<string, WaitingHash>()
  /** Hashes in a request now, with their attempt counts (saved, and requeued, as they are). */
  readonly #inFlight = new Map<string, WaitingHash>()
  /** Bumped when the credentials change: failures of requests sent with older ones are stale. */
  #credentialsGeneration = 0
  /** Errors shown for hashes the engine gave up on, until they are asked again. */
  readonly #failed = new Map<string, HashState>()
  /**
   * Answers whose cache write has not finished, by hash (sample aliases included): asked again
   * meanwhile, they are answered from here, never sent twice. The write is not waited for
   * before the next batch goes out; on a page with thousands of hashes it was a third of
   * every round.
   */
  readonly #storing = new Map<string, { backend: BackendId; verdict: Verdict }>()
  /**
   * The asked hashes of those answers: they stay in the saved queue until cached, so a worker
   * that Chrome stops before the write is done asks for them again rather than forgetting a
   * paid-for answer (the rehydration skips any that did reach the cache).
   */
  readonly #unstored = new Map<string, WaitingHash>()
  #activeBatches = 0
  #maxBatch = MAX_BATCH
  #backoff: Backoff | null = null
  #isQueueSaveScheduled = false
  #lastProblem: EngineStatus | null = null
  #flushTimer: ReturnType<typeof setTimeout> | null = null
  readonly #ready: Promise<void>

  constructor(env: EngineEnvironment) {
    this.#env = env
    this.#now = env.now ?? Date.now
    this.#random = env.random ?? Math.random
    this.#ready = this.#rehydrate()
  }

  get ready(): Promise<void> {
    return this.#ready
  }

  async #rehydrate(): Promise<void> {
    const [stored, queue] = await Promise.all([this.#env.loadState(), this.#env.loadQueue()])
    this.#stored = stored
    if (stored.quotaPause) this.#env.scheduleWake(stored.quotaPause.until)
    this.#isConfigured = (await this.#env.getClient()) !== null
    this.#backoff = queue.backoff
    const saved = queue.waiting.flatMap((item) => {
      const normalized = normalizeHash(item.hash)
      return normalized ? [{ ...normalized, attempts: item.attempts || 0, badAnswers: item.badAnswers || 0 }] : []
    })
    // The previous worker may have cached some answers just before it died: never pay twice.
    const cached = await this.#env.cache.getFresh(await this.#env.getBackend(), saved.map((item) => item.hash), await this.#env.getCachePolicy())
    for (const item of saved) if (!cached.has(item.hash)) this.#waiting.set(item.hash, item)
    // A previous worker's unfinished work carries on by itself.
    if (this.#waiting.size > 0) this.#scheduleFlush(0)
  }

  /** Coalesces every change made in one turn into one write. */
  #saveQueue(): void {
    if (this.#isQueueSaveScheduled) return
    this.#isQueueSaveScheduled = true
    queueMicrotask(() => {
      this.#isQueueSaveScheduled = false
      const waiting = [...this.#waiting.values()]
      void this.#env.saveQueue({ waiting: [...this.#unstored.values(), ...this.#inFlight.values(), ...waiting], backoff: this.#backoff })
        .catch((error: unknown) => console.warn('HashLens: could not save the lookup queue', error))
    })
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
      if (this.#waiting.has(item.hash) || this.#inFlight.has(item.hash)) {
        states[item.hash] = this.#stateOfQueued()
      } else {
        toCheck.push(item)
      }
    }
    const backend = await this.#env.getBackend()
    const cached = options.bypassCache
      ? new Map<string, Verdict>()
      : await this.#env.cache.getFresh(backend, toCheck.map((h) => h.hash), await this.#env.getCachePolicy())
    for (const item of toCheck) {
      // An answer still being cached is newer than what the cache holds (after "Look up again").
      const verdict = options.bypassCache ? undefined : this.#beingStored(backend, item.hash) ?? cached.get(item.hash)
      if (verdict) {
        states[item.hash] = { state: 'verdict', verdict }
        continue
      }
      // A hash that was asked while the cache lookup ran is already queued: never twice.
      if (!this.#waiting.has(item.hash) && !this.#inFlight.has(item.hash)) {
        this.#failed.delete(item.hash)
        this.#waiting.set(item.hash, { ...item, attempts: 0, badAnswers: 0 })
        this.#saveQueue()
      }
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
      if (this.#waiting.has(hash) || this.#inFlight.has(hash)) states[hash] = this.#stateOfQueued()
      else rest.push(hash)
    }
    const backend = await this.#env.getBackend()
    const cached = await this.#env.cache.getFresh(backend, rest, await this.#env.getCachePolicy())
    for (const hash of rest) {
      const verdict = this.#beingStored(backend, hash) ?? cached.get(hash)
      const failed = this.#failed.get(hash)
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
    if (this.#backoff && now < this.#backoff.until) return { kind: this.#backoff.kind, retryAt: this.#backoff.until }
    return this.#lastProblem ?? { kind: 'ready' }
  }

  get pendingCount(): number {
    return this.#waiting.size + this.#inFlight.size
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
    this.#backoff = null
    this.#lastProblem = null
    this.#resume()
  }

  /**
   * Called by the wake alarm (which also restarts a stopped worker): lifts a quota pause whose
   * reset has come, and sends what waits once any backoff is over.
   */
  async resumeIfDue(): Promise<void> {
    await this.#ready
    const pause = this.#stored.quotaPause
    if (pause && this.#now() >= pause.until) {
      await this.#saveState({ ...this.#stored, quotaPause: null })
      this.#resume()
    } else if (pause) {
      this.#env.scheduleWake(pause.until)
    } else if (this.#waiting.size > 0) {
      this.#scheduleFlush(0)
    }
  }

  #resume(): void {
    this.#publishQueued()
    this.#env.publishStatus(this.status())
    this.#scheduleFlush(0)
  }

  #stopKind(): LookupErrorKind | null {
    if (!this.#isConfigured) return 'not-configured'
    if (this.#stored.stop) return this.#stored.stop
    if (this.#stored.quotaPause && this.#now() < this.#stored.quotaPause.until) return 'quota-exhausted'
    return null
  }

  /** A queued hash shows "pending" unless lookups are stopped, which the user must know. */
  #stateOfQueued(): HashState {
    const stop = this.#stopKind()
    return stop ? errorState(stop) : { state: 'pending' }
  }

  #publishQueued(): void {
    const states: HashStates = {}
    const state = this.#stateOfQueued()
    for (const hash of [...this.#waiting.keys(), ...this.#inFlight.keys()]) states[hash] = state
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
    if (this.#waiting.size === 0 || this.#stopKind()) return
    const now = this.#now()
    if (this.#backoff && now < this.#backoff.until) {
      this.#scheduleFlush(this.#backoff.until - now)
      return
    }
    if (this.#activeBatches < MAX_CONCURRENT_BATCHES) {
      // A watchdog: if Chrome stops the worker mid-batch, this alarm starts it again, and the
      // saved queue (in-flight hashes included) goes out once more. One alarm serves this, the
      // backoff and the quota reset: resumeIfDue works out which is due and re-arms the rest.
      this.#env.scheduleWake(now + MIN_ALARM_DELAY_MS)
    }
    while (this.#activeBatches < MAX_CONCURRENT_BATCHES && this.#waiting.size > 0) {
      const batch = this.#takeBatch()
      this.#activeBatches++
      void this.#send(batch).finally(() => {
        this.#activeBatches--
        this.#scheduleFlush(0)
      })
    }
  }

  /** The oldest waiting hash's type decides the batch; it takes up to #maxBatch of that type. */
  #takeBatch(): WaitingHash[] {
    const batch: WaitingHash[] = []
    let type: HashType | null = null
    for (const item of this.#waiting.values()) {
      type ??= item.type
      if (item.type !== type) continue
      batch.push(item)
      if (batch.length >= this.#maxBatch) break
    }
    for (const item of batch) {
      this.#waiting.delete(item.hash)
      this.#inFlight.set(item.hash, item)
    }
    this.#saveQueue()
    return batch
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
      if (result.ok) await this.#settle(batch, result.value, client.backend)
      else if (generation !== this.#credentialsGeneration) this.#requeue(batch) // sent with old credentials
      else await this.#fail(batch, result.failure, client)
    } catch (error) {
      // A bug or a storage failure must not strand the batch in flight forever.
      console.error('HashLens: lookup batch failed unexpectedly', error)
      this.#giveUp(batch, 'bad-answer', { reason: 'processing-failed' })
    } finally {
      for (const item of batch) this.#inFlight.delete(item.hash)
      this.#saveQueue()
    }
  }

  async #settle(batch: WaitingHash[], reading: BulkReading, backend: BackendId): Promise<void> {
    // A success ends the service's trouble only once the shared backoff has run out: another
    // batch may have just been rate limited, and its Retry-After still holds.
    if (this.#backoff && this.#now() >= this.#backoff.until) this.#backoff = null
    this.#lastProblem = null
    if (this.#maxBatch < MAX_BATCH) this.#maxBatch = Math.min(MAX_BATCH, this.#maxBatch * 2)
    const verdicts = [...reading.verdicts.values()]
    // A hash the service left out (not found) was not charged; every returned record was.
    this.#env.noteCharged?.(verdicts.filter((v) => v.classification !== 'NOT_FOUND').length)
    const states: HashStates = {}
    for (const verdict of verdicts) states[verdict.hash] = { state: 'verdict', verdict }
    const unreadable = batch.filter((item) => reading.unreadable.has(item.hash))
    for (const item of unreadable) {
      const state = errorState('bad-answer', { reason: 'unreadable-record', text: reading.unreadable.get(item.hash) ?? '' })
      this.#rememberFailure(item.hash, state)
      states[item.hash] = state
    }
    this.#env.publishStates(states)
    this.#env.publishStatus(this.status())
    const answered = batch.filter((item) => reading.verdicts.has(item.hash))
    for (const item of answered) this.#unstored.set(item.hash, item)
    void this.#store(backend, verdicts, answered)
  }

  /** This backend's answer for the hash while its cache write is under way. */
  #beingStored(backend: BackendId, hash: string): Verdict | undefined {
    const held = this.#storing.get(hash)
    return held?.backend === backend ? held.verdict : undefined
  }

  /** Caches answers; until that is done, #storing answers for them. */
  async #store(backend: BackendId, verdicts: readonly Verdict[], answered: readonly WaitingHash[]): Promise<void> {
    const held = verdicts.flatMap(withSampleAliases).map((verdict) => ({ backend, verdict }))
    for (const entry of held) this.#storing.set(entry.verdict.hash, entry)
    // Paid-for answers reach the user even if storing them fails; the cache is a bonus.
    try {
      await this.#env.cache.put(backend, verdicts, await this.#env.getCachePolicy())
    } catch (error) {
      console.warn('HashLens: could not cache verdicts', error)
    } finally {
      // Only what this write held: a later answer for the same hash keeps its own entry.
      for (const entry of held) if (this.#storing.get(entry.verdict.hash) === entry) this.#storing.delete(entry.verdict.hash)
      for (const item of answered) if (this.#unstored.get(item.hash) === item) this.#unstored.delete(item.hash)
      this.#saveQueue()
    }
  }

  async #fail(batch: WaitingHash[], failure: ServiceFailure, client: BackendClient): Promise<void> {
    switch (failure.kind) {
      case 'unauthorized':
      case 'forbidden':
        // No retry: repeated bad logins can get the account locked (guide, 401).
        await this.#saveState({ ...this.#stored, stop: failure.kind })
        this.#requeue(batch)
        this.#publishQueued()
        break
      case 'quota-exhausted': {
        // Pause at once (daily until the limits endpoint says otherwise): any flush while we
        // ask would spend another request on a 429.
        this.#stored = { ...this.#stored, quotaPause: { until: nextQuotaReset('daily', this.#now()), period: 'daily' } }
        this.#requeue(batch)
        const period = await quotaPeriod(client)
        const until = nextQuotaReset(period, this.#now())
        await this.#saveState({ ...this.#stored, quotaPause: { until, period } })
        this.#env.scheduleWake(until)
        this.#publishQueued()
        break
      }
      case 'too-large':
        if (batch.length > 1) {
          // The service takes fewer than we thought: halve the batch size (it grows back after
          // successes) and try again. Halving ends at one hash, so this cannot loop.
          this.#maxBatch = Math.max(1, Math.floor(batch.length / 2))
          this.#requeue(batch)
        } else {
          // One hash cannot be too many: whatever answered, it is not the service's 413.
          this.#lastProblem = { kind: 'bad-answer', detail: { reason: 'single-hash-413' } }
          this.#retryOrGiveUp(batch, 'http-error', MAX_BAD_ANSWER_ATTEMPTS, (item) => ++item.badAnswers)
        }
        break
      case 'rate-limited':
      case 'unavailable':
      case 'offline':
      case 'timeout': {
        const retryAfter = 'retryAfterMs' in failure ? failure.retryAfterMs : null
        this.#backOff(failure.kind, retryAfter)
        this.#retryOrGiveUp(batch, failure.kind, MAX_ATTEMPTS, (item) => ++item.attempts)
        break
      }
      case 'bad-answer':
      case 'http-error': {
        const detail: FailureDetail = failure.kind === 'bad-answer'
          ? { reason: 'unreadable-answer', text: failure.detail }
          : { reason: 'http-status', status: failure.status }
        this.#lastProblem = { kind: 'bad-answer', detail }
        this.#backOff(null, null)
        this.#retryOrGiveUp(batch, failure.kind, MAX_BAD_ANSWER_ATTEMPTS, (item) => ++item.badAnswers, detail)
        break
      }
    }
    this.#env.publishStatus(this.status())
  }

  /** One backoff shared by every batch, so a storm of 429s slows all of them down together. */
  #backOff(kind: TransientKind | null, retryAfterMs: number | null): void {
    // Batches that were in flight together fail together: that is one failure of the service,
    // not several, so only a failure after the backoff ran out makes the next gap longer.
    const isSameRound = this.#backoff !== null && this.#now() < this.#backoff.until
    const failures = (this.#backoff?.failures ?? 0) + (isSameRound ? 0 : 1)
    const delay = retryAfterMs === null ? backoffDelay(failures, this.#random) : Math.min(retryAfterMs, MAX_RETRY_AFTER_MS)
    const until = Math.max(this.#backoff?.until ?? 0, this.#now() + delay)
    this.#backoff = { until, failures, kind: kind ?? this.#backoff?.kind ?? 'unavailable' }
    // If Chrome stops the worker while it waits, the alarm starts it again to carry on.
    this.#env.scheduleWake(Math.max(until, this.#now() + MIN_ALARM_DELAY_MS))
    this.#saveQueue()
    if (kind === 'offline' || kind === 'timeout') this.#lastProblem = { kind, retryAt: null }
  }

  #retryOrGiveUp(
    batch: WaitingHash[], kind: LookupErrorKind, maxAttempts: number,
    countAttempt: (item: WaitingHash) => number, detail?: FailureDetail,
  ): void {
    const retry: WaitingHash[] = []
    const giveUp: WaitingHash[] = []
    for (const item of batch) (countAttempt(item) >= maxAttempts ? giveUp : retry).push(item)
    if (giveUp.length > 0 && kind !== 'bad-answer' && kind !== 'http-error') {
      // The service has failed us through the whole retry ceiling: everything still waiting
      // would only wait for the same. Show it all as an error the user can retry, and start
      // the next attempt (a retry from the card or popup) without a leftover backoff.
      giveUp.push(...retry.splice(0), ...this.#waiting.values())
      this.#waiting.clear()
      this.#backoff = null
      this.#lastProblem = kind === 'offline' || kind === 'timeout' ? { kind, retryAt: null } : null
    }
    this.#requeue(retry)
    this.#giveUp(giveUp, kind, detail)
  }

  #giveUp(items: WaitingHash[], kind: LookupErrorKind, detail?: FailureDetail): void {
    if (items.length === 0) return
    const states: HashStates = {}
    for (const item of items) {
      const state = errorState(kind, detail)
      this.#rememberFailure(item.hash, state)
      states[item.hash] = state
    }
    this.#env.publishStates(states)
  }

  #rememberFailure(hash: string, state: HashState): void {
    this.#failed.delete(hash)
    this.#failed.set(hash, state)
    if (this.#failed.size > MAX_FAILED_KEPT) this.#failed.delete(this.#failed.keys().next().value!)
  }

  /** Back to the front of the queue, keeping attempt counts; the in-flight mark is cleared by #send. */
  #requeue(items: WaitingHash[]): void {
    if (items.length === 0) return
    const rest = [...this.#waiting.values()]
    this.#waiting.clear()
    for (const item of [...items, ...rest]) this.#waiting.set(item.hash, item)
    this.#scheduleFlush(0)
  }

  async #saveState(state: StoredEngineState): Promise<void> {
    this.#stored = state
    await this.#env.saveState(state)
  }
}

function errorState(kind: LookupErrorKind, detail?: FailureDetail): HashState {
  return detail ? { state: 'error', error: kind, detail } : { state: 'error', error: kind }
}

function uniqueValidHashes(inputs: readonly string[]): NormalizedHash[] {
  const seen = new Map<string, NormalizedHash>()
  for (const input of inputs) {
    const normalized = typeof input === 'string' ? normalizeHash(input) : null
    if (normalized && !seen.has(normalized.hash)) seen.set(normalized.hash, normalized)
  }
  return [...seen.values()]
}

/** Which quota ran out decides the reset; the limits endpoint is not charged to File Reputation. */
async function quotaPeriod(client: BackendClient): Promise<QuotaPeriod> {
  try {
    const limits = await client.limits()
    return limits.ok ? limits.value.period : 'daily'
  } catch {
    return 'daily'
  }
}
