import { describe, expect, it } from 'vitest'
import type { ServiceFailure } from '../shared/failure.ts'
import { decideOnFailure, MAX_ATTEMPTS, MAX_BAD_ANSWER_ATTEMPTS, MAX_RETRY_AFTER_MS, type Backoff, type ErrorDecision, type QuotaCheck } from './error-policy.ts'

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0)
/** random() = 0.5: each gap is three quarters of its exponential step (750 ms, 1.5 s, 3 s …). */
const HALF = () => 0.5

interface Hash { id: string; attempts: number; badAnswers: number }

/** A hash of the failed request: `a3` has met 3 transient failures, `b1` one bad answer. */
function hash(id: string, attempts = 0, badAnswers = 0): Hash {
  return { id, attempts, badAnswers }
}

const running = (until: number, failures: number, kind: Backoff['kind'] = 'rate-limited'): Backoff => ({ until, failures, kind })
const unreadable = 'The answer was a web page (text/html), not JSON.'

type Row = [label: string, failure: ServiceFailure, batch: Hash[], backoff: Backoff | null, decision: ErrorDecision<Hash>, quotaCheck?: QuotaCheck]

const ROWS: Row[] = [
  // Stops: never retried (repeated bad logins can lock the account).
  ['401 stops every lookup', { kind: 'unauthorized' }, [hash('x')], null, { action: 'stop', stop: 'unauthorized' }],
  ['403 stops every lookup', { kind: 'forbidden' }, [hash('x', 3)], running(NOW + 5000, 2), { action: 'stop', stop: 'forbidden' }],
  // A 429 without the rate-limit body: the limits endpoint decides between a pause and a backoff.
  ['a 429 without the rate-limit body asks limits first', { kind: 'quota-exhausted' }, [hash('x')], null, { action: 'check-limits' }],
  ['a quota limits confirms exhausted pauses until its reset', { kind: 'quota-exhausted' }, [hash('x')], null, { action: 'pause', period: 'monthly' }, { exceeded: true, period: 'monthly' }],
  ['a quota limits says is not exhausted is a rate limit: backoff and retry', { kind: 'quota-exhausted' }, [hash('x', 1)], null, {
    action: 'retry', retry: [hash('x', 2)], giveUp: [], error: { state: 'error', error: 'rate-limited' },
    backoff: running(NOW + 750, 1), problem: 'keep',
  }, { exceeded: false }],
  ['a quota limits could not confirm is a rate limit too', { kind: 'quota-exhausted' }, [hash('x')], running(NOW - 1, 1), {
    action: 'retry', retry: [hash('x', 1)], giveUp: [], error: { state: 'error', error: 'rate-limited' },
    backoff: running(NOW + 1500, 2), problem: 'keep',
  }, 'unknown'],
  [`an unconfirmed quota 429 gives up with the other rate limits at the ${MAX_ATTEMPTS}th`, { kind: 'quota-exhausted' }, [hash('x', MAX_ATTEMPTS - 1)], null, {
    action: 'give-up-all', giveUp: [hash('x', MAX_ATTEMPTS)], error: { state: 'error', error: 'rate-limited' }, problem: null,
  }, { exceeded: false }],
  // 413: split, down to one hash.
  ['413 for 100 hashes halves the batch', { kind: 'too-large' }, Array.from({ length: 100 }, (_, i) => hash(`h${i}`)), null, { action: 'split', maxBatch: 50 }],
  ['413 for 3 hashes sends them one by one', { kind: 'too-large' }, [hash('a'), hash('b'), hash('c')], null, { action: 'split', maxBatch: 1 }],
  ['413 for one hash is a bad answer, tried once more without a backoff', { kind: 'too-large' }, [hash('x')], null, {
    action: 'retry', retry: [hash('x', 0, 1)], giveUp: [], error: { state: 'error', error: 'http-error' },
    backoff: 'keep', problem: { kind: 'bad-answer', detail: { reason: 'single-hash-413' } },
  }],
  ['413 for one hash, the second time, is an error', { kind: 'too-large' }, [hash('x', 0, 1)], null, {
    action: 'retry', retry: [], giveUp: [hash('x', 0, 2)], error: { state: 'error', error: 'http-error' },
    backoff: 'keep', problem: { kind: 'bad-answer', detail: { reason: 'single-hash-413' } },
  }],
  // Transient: one shared backoff, Retry-After wins, the status keeps what it said.
  ['a rate limit backs off 750 ms the first time', { kind: 'rate-limited', retryAfterMs: null }, [hash('a'), hash('b', 2)], null, {
    action: 'retry', retry: [hash('a', 1), hash('b', 3)], giveUp: [], error: { state: 'error', error: 'rate-limited' },
    backoff: running(NOW + 750, 1), problem: 'keep',
  }],
  ['Retry-After wins over the backoff', { kind: 'rate-limited', retryAfterMs: 7000 }, [hash('x')], null, {
    action: 'retry', retry: [hash('x', 1)], giveUp: [], error: { state: 'error', error: 'rate-limited' },
    backoff: running(NOW + 7000, 1), problem: 'keep',
  }],
  ['a Retry-After of a day is believed for an hour only', { kind: 'unavailable', retryAfterMs: 86_400_000 }, [hash('x')], null, {
    action: 'retry', retry: [hash('x', 1)], giveUp: [], error: { state: 'error', error: 'unavailable' },
    backoff: running(NOW + MAX_RETRY_AFTER_MS, 1, 'unavailable'), problem: 'keep',
  }],
  ['a batch failing in the same round as another is the same failure: the gap does not grow', { kind: 'unavailable', retryAfterMs: null }, [hash('x', 1)], running(NOW + 2000, 2), {
    action: 'retry', retry: [hash('x', 2)], giveUp: [], error: { state: 'error', error: 'unavailable' },
    backoff: running(NOW + 2000, 2, 'unavailable'), problem: 'keep',
  }],
  ['a failure after the backoff ran out makes the next gap longer', { kind: 'unavailable', retryAfterMs: null }, [hash('x', 2)], running(NOW - 1, 2), {
    action: 'retry', retry: [hash('x', 3)], giveUp: [], error: { state: 'error', error: 'unavailable' },
    backoff: running(NOW + 3000, 3, 'unavailable'), problem: 'keep',
  }],
  ['offline says so while it retries', { kind: 'offline', detail: 'Failed to fetch' }, [hash('x')], null, {
    action: 'retry', retry: [hash('x', 1)], giveUp: [], error: { state: 'error', error: 'offline' },
    backoff: running(NOW + 750, 1, 'offline'), problem: { kind: 'offline', retryAt: null },
  }],
  ['a timeout says so while it retries', { kind: 'timeout' }, [hash('x', 4)], null, {
    action: 'retry', retry: [hash('x', 5)], giveUp: [], error: { state: 'error', error: 'timeout' },
    backoff: running(NOW + 750, 1, 'timeout'), problem: { kind: 'timeout', retryAt: null },
  }],
  // The retry ceiling: the service keeps failing, so everything waiting gives up with the batch.
  [`the ${MAX_ATTEMPTS}th timeout gives up on everything, still saying timeout`, { kind: 'timeout' }, [hash('x', MAX_ATTEMPTS - 1)], running(NOW - 1, 5, 'timeout'), {
    action: 'give-up-all', giveUp: [hash('x', MAX_ATTEMPTS)], error: { state: 'error', error: 'timeout' }, problem: { kind: 'timeout', retryAt: null },
  }],
  [`the ${MAX_ATTEMPTS}th rate limit gives up on everything, and the status is clear again`, { kind: 'rate-limited', retryAfterMs: 3000 }, [hash('a', 1), hash('b', MAX_ATTEMPTS - 1)], null, {
    action: 'give-up-all', giveUp: [hash('a', 2), hash('b', MAX_ATTEMPTS)], error: { state: 'error', error: 'rate-limited' }, problem: null,
  }],
  // Bad answers: per hash, one more try; the status names what was wrong.
  ['an unreadable answer is tried once more, keeping the running backoff\'s kind', { kind: 'bad-answer', detail: unreadable }, [hash('x', 1)], running(NOW - 1, 1), {
    action: 'retry', retry: [hash('x', 1, 1)], giveUp: [], error: { state: 'error', error: 'bad-answer', detail: { reason: 'unreadable-answer', text: unreadable } },
    backoff: running(NOW + 1500, 2), problem: { kind: 'bad-answer', detail: { reason: 'unreadable-answer', text: unreadable } },
  }],
  ['an unexpected status gives up on the hashes that met one before, with the status as detail', { kind: 'http-error', status: 500 }, [hash('a', 0, MAX_BAD_ANSWER_ATTEMPTS - 1), hash('b')], null, {
    action: 'retry', retry: [hash('b', 0, 1)], giveUp: [hash('a', 0, MAX_BAD_ANSWER_ATTEMPTS)],
    error: { state: 'error', error: 'http-error', detail: { reason: 'http-status', status: 500 } },
    backoff: running(NOW + 750, 1, 'unavailable'), problem: { kind: 'bad-answer', detail: { reason: 'http-status', status: 500 } },
  }],
]

describe('decideOnFailure', () => {
  it.each(ROWS)('%s', (_label, failure, batch, backoff, decision, quotaCheck) => {
    expect(decideOnFailure({ failure, batch, backoff, now: NOW, random: HALF, ...(quotaCheck ? { quotaCheck } : {}) })).toEqual(decision)
  })

  it('counts on copies: the hashes it was given keep their counts', () => {
    const batch = [hash('x', 2, 1)]
    decideOnFailure({ failure: { kind: 'timeout' }, batch, backoff: null, now: NOW, random: HALF })
    decideOnFailure({ failure: { kind: 'bad-answer', detail: unreadable }, batch, backoff: null, now: NOW, random: HALF })
    expect(batch).toEqual([hash('x', 2, 1)])
  })

  it('every kind a backend can fail with has a row', () => {
    const kinds = new Set(ROWS.map(([, failure]) => failure.kind))
    const all: Record<ServiceFailure['kind'], true> = {
      'unauthorized': true, 'forbidden': true, 'quota-exhausted': true, 'too-large': true, 'rate-limited': true,
      'unavailable': true, 'offline': true, 'timeout': true, 'bad-answer': true, 'http-error': true,
    }
    expect([...kinds].sort()).toEqual(Object.keys(all).sort())
  })
})
