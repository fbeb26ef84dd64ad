/**
 * What the lookup engine does about a failed request, decided from the failure, the attempts
 * so far, the running backoff and the clock alone: no I/O, so every rule is a row of the table
 * in error-policy.test.ts. The rules are the troubleshooting guide's: stop on 401/403, pause
 * until the reset on an exhausted quota the limits endpoint confirms, back off (Retry-After wins) on rate limits, 503s and
 * network failures, retry an unreadable answer once, split a batch the service found too large.
 */
import type { EngineStatus } from '../shared/engine-status.ts'
import type { FailureDetail, ServiceFailure, StopKind, TransientKind } from '../shared/failure.ts'
import type { HashState } from '../shared/verdict.ts'
import type { QuotaPeriod } from '../shared/quota.ts'
import { backoffDelay } from './backoff.ts'

/** Attempts per hash through rate limits, 503s and network failures before it shows an error. */
export const MAX_ATTEMPTS = 6
/** Attempts per hash through answers that could not be read (a proxy page, truncated JSON) or unexpected statuses. */
export const MAX_BAD_ANSWER_ATTEMPTS = 2
/** A Retry-After longer than this is not believed: the alarm and the user's Retry cover the rest. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000

export interface AttemptCounts {
  /** Transient failures met so far. */
  attempts: number
  /** Unreadable or unexpected answers met so far. */
  badAnswers: number
}

/** One backoff shared by every batch, so a storm of 429s slows all of them down together. */
export interface Backoff {
  until: number
  /** Rounds failed in a row: each makes the next gap longer. */
  failures: number
  kind: TransientKind
}

/** What the status line shows while the engine retries. */
type RetryProblem = Extract<EngineStatus, { kind: 'offline' | 'timeout' | 'bad-answer' }>

type HashError = Extract<HashState, { state: 'error' }>

/**
 * What the Customer Usage `limits` endpoint said after a 429 without the rate-limit body:
 * a proxy's page or a hiccup looks the same, so only the service's word makes it a quota stop.
 */
export type QuotaCheck = { exceeded: true; period: QuotaPeriod } | { exceeded: false } | 'unknown'

export type ErrorDecision<T extends AttemptCounts> =
  /** Every lookup stops until the account changes; the batch waits. */
  | { action: 'stop'; stop: StopKind }
  /** Ask `limits` whether the quota ran out, then decide again with its answer; the batch waits. */
  | { action: 'check-limits' }
  /** Lookups pause until the quota of this period resets; the batch waits. */
  | { action: 'pause'; period: QuotaPeriod }
  /** The service takes fewer hashes per request: the batch goes again in batches of at most maxBatch. */
  | { action: 'split'; maxBatch: number }
  /** The attempt is counted: `retry` goes again after the backoff, `giveUp` shows `error`. */
  | { action: 'retry'; retry: T[]; giveUp: T[]; error: HashError; backoff: Backoff | 'keep'; problem: RetryProblem | 'keep' }
  /**
   * The service failed through the whole retry ceiling: everything still waiting would only
   * wait for the same, so all of it shows `error` (the user can retry), with no backoff left over.
   */
  | { action: 'give-up-all'; giveUp: T[]; error: HashError; problem: RetryProblem | null }

interface FailedRequest<T extends AttemptCounts> {
  failure: ServiceFailure
  /** The hashes the request asked, with their counts before this failure. */
  batch: readonly T[]
  backoff: Backoff | null
  now: number
  random: () => number
  /** After a 429 without the rate-limit body: what `limits` said; absent until it was asked. */
  quotaCheck?: QuotaCheck
}

export function decideOnFailure<T extends AttemptCounts>(request: FailedRequest<T>): ErrorDecision<T> {
  const { failure, batch, backoff, now, random, quotaCheck } = request
  switch (failure.kind) {
    case 'unauthorized':
    case 'forbidden':
      // No retry: repeated bad logins can get the account locked (guide, 401).
      return { action: 'stop', stop: failure.kind }
    case 'quota-exhausted':
      if (quotaCheck === undefined) return { action: 'check-limits' }
      if (quotaCheck !== 'unknown' && quotaCheck.exceeded) return { action: 'pause', period: quotaCheck.period }
      // Not confirmed (or limits could not say): a pause of hours on a guess costs more than a backoff.
      return decideOnFailure({ batch, backoff, now, random, failure: { kind: 'rate-limited', retryAfterMs: null } })
    case 'too-large':
      // Halving ends at one hash, so this cannot loop; the batch size grows back after successes.
      if (batch.length > 1) return { action: 'split', maxBatch: Math.max(1, Math.floor(batch.length / 2)) }
      // One hash cannot be too many: whatever answered, it is not the service's 413.
      return retryBadAnswer(batch, { state: 'error', error: 'http-error' }, 'keep', { reason: 'single-hash-413' })
    case 'rate-limited':
    case 'unavailable':
    case 'offline':
    case 'timeout': {
      const counted = batch.map((item) => ({ ...item, attempts: item.attempts + 1 }))
      const error: HashError = { state: 'error', error: failure.kind }
      const isNetwork = failure.kind === 'offline' || failure.kind === 'timeout'
      const problem = isNetwork ? { kind: failure.kind, retryAt: null } : null
      if (counted.some((item) => item.attempts >= MAX_ATTEMPTS)) return { action: 'give-up-all', giveUp: counted, error, problem }
      const retryAfterMs = 'retryAfterMs' in failure ? failure.retryAfterMs : null
      return { action: 'retry', retry: counted, giveUp: [], error, backoff: nextBackoff(backoff, failure.kind, retryAfterMs, now, random), problem: problem ?? 'keep' }
    }
    case 'bad-answer':
    case 'http-error': {
      const detail: FailureDetail = failure.kind === 'bad-answer'
        ? { reason: 'unreadable-answer', text: failure.detail }
        : { reason: 'http-status', status: failure.status }
      return retryBadAnswer(batch, { state: 'error', error: failure.kind, detail }, nextBackoff(backoff, null, null, now, random), detail)
    }
  }
}

/** An answer that is not the service's points at a proxy or a wrong host: worth one more try per hash, no more. */
function retryBadAnswer<T extends AttemptCounts>(batch: readonly T[], error: HashError, backoff: Backoff | 'keep', detail: FailureDetail): ErrorDecision<T> {
  const counted = batch.map((item) => ({ ...item, badAnswers: item.badAnswers + 1 }))
  return {
    action: 'retry',
    retry: counted.filter((item) => item.badAnswers < MAX_BAD_ANSWER_ATTEMPTS),
    giveUp: counted.filter((item) => item.badAnswers >= MAX_BAD_ANSWER_ATTEMPTS),
    error,
    backoff,
    problem: { kind: 'bad-answer', detail },
  }
}

/** `kind` null (a bad answer) keeps the running backoff's kind: the status line says what the service last did. */
function nextBackoff(previous: Backoff | null, kind: TransientKind | null, retryAfterMs: number | null, now: number, random: () => number): Backoff {
  // Batches that were in flight together fail together: that is one failure of the service,
  // not several, so only a failure after the backoff ran out makes the next gap longer.
  const isSameRound = previous !== null && now < previous.until
  const failures = (previous?.failures ?? 0) + (isSameRound ? 0 : 1)
  const delay = retryAfterMs === null ? backoffDelay(failures, random) : Math.min(retryAfterMs, MAX_RETRY_AFTER_MS)
  return { until: Math.max(previous?.until ?? 0, now + delay), failures, kind: kind ?? previous?.kind ?? 'unavailable' }
}
