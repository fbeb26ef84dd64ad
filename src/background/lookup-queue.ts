/**
 * Where each hash the engine was asked for is until it has an answer: waiting, in a request,
 * answered but not yet cached, or failed. What a worker that Chrome stops (after ~30 s idle, or
 * mid-batch) must not lose is saved as a StoredQueue in storage.session after every change:
 * in-flight hashes are saved as waiting, since their answer dies with the worker.
 */
import { normalizeHash, type HashType, type NormalizedHash } from '../shared/hash.ts'
import { TRANSIENT_KINDS } from '../shared/failure.ts'
import type { HashState, Verdict } from '../shared/verdict.ts'
import type { BackendId } from './backend.ts'
import type { AttemptCounts, Backoff } from './error-policy.ts'

/** Failed states kept for peek(); older ones fall back to "not looked up". */
const MAX_FAILED_KEPT = 10_000

export interface WaitingHash extends NormalizedHash, AttemptCounts {}

export interface StoredQueue {
  waiting: WaitingHash[]
  backoff: Backoff | null
}

export const EMPTY_QUEUE: StoredQueue = { waiting: [], backoff: null }

/** What storage gave back, checked: a hash that is not one is dropped here, so it is never sent. */
export function readStoredQueue(value: unknown): StoredQueue {
  if (!isRecord(value) || !Array.isArray(value.waiting)) return EMPTY_QUEUE
  const waiting = value.waiting.flatMap((item: unknown): WaitingHash[] => {
    if (!isRecord(item) || typeof item.hash !== 'string') return []
    const normalized = normalizeHash(item.hash)
    return normalized ? [{ ...normalized, attempts: countOf(item, 'attempts'), badAnswers: countOf(item, 'badAnswers') }] : []
  })
  return { waiting, backoff: readBackoff(value.backoff) }
}

function readBackoff(value: unknown): Backoff | null {
  if (!isRecord(value) || typeof value.until !== 'number' || typeof value.failures !== 'number') return null
  const kind = TRANSIENT_KINDS.find((transient) => transient === value.kind)
  return kind ? { until: value.until, failures: value.failures, kind } : null
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function countOf(item: Record<string, unknown>, key: keyof AttemptCounts): number {
  const count = item[key]
  return typeof count === 'number' && count > 0 ? count : 0
}

interface HeldAnswer {
  backend: BackendId
  verdict: Verdict
}

export class LookupQueue {
  readonly #save: (queue: StoredQueue) => Promise<void>
  /** Hashes waiting to be sent, in arrival order (Map keeps insertion order). */
  readonly #waiting = new Map<string, WaitingHash>()
  /** Hashes in a request now, with their attempt counts (saved, and requeued, as they are). */
  readonly #inFlight = new Map<string, WaitingHash>()
  /** Errors shown for hashes the engine gave up on, until they are asked again. */
  readonly #failed = new Map<string, HashState>()
  /**
   * Answers whose cache write has not finished, by hash (sample aliases included): asked again
   * meanwhile, they are answered from here, never sent twice. The write is not waited for
   * before the next batch goes out; on a page with thousands of hashes it was a third of
   * every round.
   */
  readonly #storing = new Map<string, HeldAnswer>()
  /**
   * The asked hashes of those answers: they stay in the saved queue until cached, so a worker
   * that Chrome stops before the write is done asks for them again rather than forgetting a
   * paid-for answer (the rehydration skips any that did reach the cache).
   */
  readonly #unstored = new Map<string, WaitingHash>()
  #backoff: Backoff | null = null
  #isSaveScheduled = false

  constructor(save: (queue: StoredQueue) => Promise<void>) {
    this.#save = save
  }

  /** A previous worker's queue, without the hashes `isCached` says it had already paid for. */
  restore(stored: StoredQueue, isCached: (hash: string) => boolean): void {
    this.#backoff = stored.backoff
    for (const item of stored.waiting) if (!isCached(item.hash)) this.#waiting.set(item.hash, item)
  }

  isQueued(hash: string): boolean {
    return this.#waiting.has(hash) || this.#inFlight.has(hash)
  }

  get waitingCount(): number {
    return this.#waiting.size
  }

  /** Waiting and in flight. */
  get pendingCount(): number {
    return this.#waiting.size + this.#inFlight.size
  }

  queuedHashes(): string[] {
    return [...this.#waiting.keys(), ...this.#inFlight.keys()]
  }

  waitingHashes(): string[] {
    return [...this.#waiting.keys()]
  }

  /** Queues a hash not already queued, forgetting an earlier failure of it. */
  add(item: NormalizedHash): void {
    if (this.isQueued(item.hash)) return
    this.#failed.delete(item.hash)
    this.#waiting.set(item.hash, { ...item, attempts: 0, badAnswers: 0 })
    this.#scheduleSave()
  }

  /** The oldest waiting hash's type decides the batch; it takes up to maxBatch of that type into flight. */
  takeBatch(maxBatch: number): WaitingHash[] {
    const batch: WaitingHash[] = []
    let type: HashType | null = null
    for (const item of this.#waiting.values()) {
      type ??= item.type
      if (item.type !== type) continue
      batch.push(item)
      if (batch.length >= maxBatch) break
    }
    for (const item of batch) {
      this.#waiting.delete(item.hash)
      this.#inFlight.set(item.hash, item)
    }
    this.#scheduleSave()
    return batch
  }

  /** The request for these is over, whatever became of them. */
  landed(batch: readonly WaitingHash[]): void {
    for (const item of batch) this.#inFlight.delete(item.hash)
    this.#scheduleSave()
  }

  /** Back to the front of the queue, keeping attempt counts; the in-flight mark is cleared by landed(). */
  requeue(items: readonly WaitingHash[]): void {
    if (items.length === 0) return
    const rest = [...this.#waiting.values()]
    this.#waiting.clear()
    for (const item of [...items, ...rest]) this.#waiting.set(item.hash, item)
  }

  /** Empties the waiting list, for an engine that gives up on all of it. */
  takeWaiting(): WaitingHash[] {
    const all = [...this.#waiting.values()]
    this.#waiting.clear()
    return all
  }

  get backoff(): Backoff | null {
    return this.#backoff
  }

  set backoff(backoff: Backoff | null) {
    this.#backoff = backoff
    this.#scheduleSave()
  }

  failureOf(hash: string): HashState | undefined {
    return this.#failed.get(hash)
  }

  rememberFailure(hash: string, state: HashState): void {
    this.#failed.delete(hash)
    this.#failed.set(hash, state)
    if (this.#failed.size > MAX_FAILED_KEPT) this.#failed.delete(this.#failed.keys().next().value!)
  }

  /** This backend's answer for the hash while its cache write is under way. */
  answerBeingStored(backend: BackendId, hash: string): Verdict | undefined {
    const held = this.#storing.get(hash)
    return held?.backend === backend ? held.verdict : undefined
  }

  /**
   * Holds `verdicts` (sample aliases included) for answerBeingStored, and keeps the asked
   * hashes `answered` in the saved queue, until the returned function says the write is over.
   */
  holdUntilStored(backend: BackendId, verdicts: readonly Verdict[], answered: readonly WaitingHash[]): () => void {
    const held = verdicts.map((verdict) => ({ backend, verdict }))
    for (const entry of held) this.#storing.set(entry.verdict.hash, entry)
    for (const item of answered) this.#unstored.set(item.hash, item)
    return () => {
      // Only what this write held: a later answer for the same hash keeps its own entry.
      for (const entry of held) if (this.#storing.get(entry.verdict.hash) === entry) this.#storing.delete(entry.verdict.hash)
      for (const item of answered) if (this.#unstored.get(item.hash) === item) this.#unstored.delete(item.hash)
      this.#scheduleSave()
    }
  }

  /** Coalesces every change made in one turn into one write. */
  #scheduleSave(): void {
    if (this.#isSaveScheduled) return
    this.#isSaveScheduled = true
    queueMicrotask(() => {
      this.#isSaveScheduled = false
      const waiting = [...this.#unstored.values(), ...this.#inFlight.values(), ...this.#waiting.values()]
      void this.#save({ waiting, backoff: this.#backoff })
        .catch((error: unknown) => console.warn('HashLens: could not save the lookup queue', error))
    })
  }
}
