import { describe, expect, it } from 'vitest'
import { describeBudgetStop, describeConnectionCheck, describeSkip, describeFailureDetail, describeHashError, describeLookupError, describeStatus, formatUtc } from './status-text.ts'
import type { EngineStatus } from './engine-status.ts'
import { LOOKUP_ERROR_KINDS, type FailureDetail } from './failure.ts'
import type { ConnectionCheck } from './worker-events.ts'
import { HOSTLESS_SITE } from './verdict.ts'
import { NOT_SAMPLE_KINDS } from './sample-judgement.ts'

const NOW = Date.parse('2024-07-03T12:00:00Z')

/** One sample of every EngineStatus kind; the mapped type makes a new kind a compile error here. */
const SAMPLES: { [K in EngineStatus['kind']]: Extract<EngineStatus, { kind: K }> } = {
  'not-configured': { kind: 'not-configured' },
  ready: { kind: 'ready' },
  unauthorized: { kind: 'unauthorized' },
  forbidden: { kind: 'forbidden' },
  'quota-exhausted': { kind: 'quota-exhausted', resetsAt: Date.parse('2024-07-04T00:00:00Z'), period: 'daily' },
  'rate-limited': { kind: 'rate-limited', retryAt: NOW + 3000 },
  unavailable: { kind: 'unavailable', retryAt: NOW + 5000 },
  offline: { kind: 'offline', retryAt: null },
  timeout: { kind: 'timeout', retryAt: null },
  'bad-answer': { kind: 'bad-answer', detail: { reason: 'unreadable-answer', text: 'The answer was a web page (text/html), not JSON.' } },
}

const ALL_STATUSES: EngineStatus[] = [
  ...Object.values(SAMPLES),
  { kind: 'quota-exhausted', resetsAt: Date.parse('2024-08-01T00:00:00Z'), period: 'monthly' },
  { kind: 'offline', retryAt: NOW + 2000 },
  { kind: 'timeout', retryAt: NOW + 2000 },
]

describe('describeStatus', () => {
  it.each(ALL_STATUSES.map((s) => [s.kind, s] as const))('%s has a non-empty headline and a tone', (_kind, status) => {
    const text = describeStatus(status, NOW)
    expect(text.headline.trim().length).toBeGreaterThan(0)
    expect(['ok', 'warning', 'error']).toContain(text.tone)
  })

  it('every kind has its own headline', () => {
    const headlines = Object.values(SAMPLES).map((s) => describeStatus(s, NOW).headline)
    expect(new Set(headlines).size).toBe(headlines.length)
  })

  it('ready is ok with nothing to do; every other kind has advice', () => {
    expect(describeStatus({ kind: 'ready' }, NOW)).toEqual({ headline: 'Ready', countdown: '', advice: '', tone: 'ok' })
    for (const status of ALL_STATUSES.filter((s) => s.kind !== 'ready')) {
      expect(describeStatus(status, NOW).advice.length, status.kind).toBeGreaterThan(0)
      expect(describeStatus(status, NOW).tone, status.kind).not.toBe('ok')
    }
  })

  it('the stopping problems are errors', () => {
    for (const kind of ['unauthorized', 'forbidden', 'quota-exhausted'] as const) {
      expect(describeStatus(SAMPLES[kind], NOW).tone).toBe('error')
    }
  })

  it('quota-exhausted names the reset time as YYYY-MM-DD HH:MM UTC', () => {
    const text = describeStatus({ kind: 'quota-exhausted', resetsAt: Date.parse('2024-07-04T00:00:00Z'), period: 'daily' }, NOW)
    expect(text.headline).toContain('2024-07-04 00:00 UTC')
    expect(text.advice).toMatch(/daily/)
  })

  it('a monthly quota names the 1st of the month', () => {
    const text = describeStatus({ kind: 'quota-exhausted', resetsAt: Date.parse('2025-01-01T00:00:00Z'), period: 'monthly' }, NOW)
    expect(text.headline).toContain('2025-01-01 00:00 UTC')
    expect(text.advice).toMatch(/monthly/)
    expect(text.advice).toMatch(/1st of the month/)
  })

  it('rate-limited says "retrying in N seconds"', () => {
    expect(describeStatus({ kind: 'rate-limited', retryAt: NOW + 3000 }, NOW).headline).toContain('retrying in 3 seconds')
    expect(describeStatus({ kind: 'rate-limited', retryAt: NOW + 45_000 }, NOW).headline).toContain('retrying in 45 seconds')
  })

  it('rounds a part second up, says "1 second" in the singular, and never counts down below 1', () => {
    expect(describeStatus({ kind: 'rate-limited', retryAt: NOW + 2001 }, NOW).headline).toContain('retrying in 3 seconds')
    expect(describeStatus({ kind: 'rate-limited', retryAt: NOW + 1000 }, NOW).headline).toContain('retrying in 1 second')
    expect(describeStatus({ kind: 'rate-limited', retryAt: NOW + 1000 }, NOW).headline).not.toContain('seconds')
    expect(describeStatus({ kind: 'rate-limited', retryAt: NOW - 5000 }, NOW).headline).toContain('retrying in 1 second')
  })

  it('unavailable, offline and timeout with a retry time say when they retry', () => {
    expect(describeStatus({ kind: 'unavailable', retryAt: NOW + 5000 }, NOW).headline).toContain('retrying in 5 seconds')
    expect(describeStatus({ kind: 'offline', retryAt: NOW + 2000 }, NOW).headline).toContain('retrying in 2 seconds')
    expect(describeStatus({ kind: 'timeout', retryAt: NOW + 2000 }, NOW).headline).toContain('retrying in 2 seconds')
  })

  it('offline and timeout without a retry time do not promise a retry', () => {
    expect(describeStatus({ kind: 'offline', retryAt: null }, NOW).headline).not.toMatch(/retrying/)
    expect(describeStatus({ kind: 'timeout', retryAt: null }, NOW).headline).not.toMatch(/retrying/)
  })

  it('offline advice covers the guide’s causes: proxy, TLS-inspecting certificate, clock', () => {
    const advice = describeStatus({ kind: 'offline', retryAt: null }, NOW).advice
    expect(advice).toMatch(/proxy/i)
    expect(advice).toMatch(/certificate/i)
    expect(advice).toMatch(/clock/i)
  })

  it('unauthorized points to Options; forbidden names the TCA-0101 entitlement and the company segment', () => {
    expect(describeStatus(SAMPLES.unauthorized, NOW).advice).toMatch(/Options/)
    const forbidden = describeStatus(SAMPLES.forbidden, NOW).advice
    expect(forbidden).toContain('TCA-0101')
    expect(forbidden).toContain('u/company/username')
  })

  it('bad-answer passes on the client’s detail', () => {
    expect(describeStatus(SAMPLES['bad-answer'], NOW).advice).toContain('The answer was a web page (text/html), not JSON.')
  })
})

describe('describeBudgetStop', () => {
  it('names the budget (the site\'s, or the total) and when it starts afresh', () => {
    const resetsAt = Date.UTC(2026, 11, 2)
    expect(describeBudgetStop({ budget: 'site', site: 'example.com', resetsAt })).toBe(
      "Not looked up: today's budget of automatic lookups for example.com is spent. It starts afresh at 2026-12-02 00:00 UTC.")
    expect(describeBudgetStop({ budget: 'total', resetsAt })).toBe(
      "Not looked up: today's budget of automatic lookups on all sites is spent. It starts afresh at 2026-12-02 00:00 UTC.")
    expect(describeBudgetStop({ budget: 'site', site: HOSTLESS_SITE, resetsAt })).toBe(
      "Not looked up: today's budget of automatic lookups for pages without a site of their own (such as data: frames) is spent. It starts afresh at 2026-12-02 00:00 UTC.")
  })
})

describe('formatUtc', () => {
  it('formats as YYYY-MM-DD HH:MM UTC, dropping seconds', () => {
    expect(formatUtc(Date.parse('2024-02-29T13:07:59.999Z'))).toBe('2024-02-29 13:07 UTC')
    expect(formatUtc(Date.parse('2025-01-01T00:00:00Z'))).toBe('2025-01-01 00:00 UTC')
  })
})

describe('describeLookupError', () => {
  it.each(LOOKUP_ERROR_KINDS.map((k) => [k]))('%s has a non-empty description', (kind) => {
    expect(describeLookupError(kind).trim().length).toBeGreaterThan(0)
  })

  it('every LOOKUP_ERROR_KINDS entry has a distinct description', () => {
    const texts = LOOKUP_ERROR_KINDS.map(describeLookupError)
    expect(new Set(texts).size).toBe(LOOKUP_ERROR_KINDS.length)
  })

  it('the credential problems point to Options', () => {
    expect(describeLookupError('unauthorized')).toMatch(/Options/)
    expect(describeLookupError('not-configured')).toMatch(/Options/)
  })
})

describe('describeFailureDetail', () => {
  it.each<[FailureDetail, string]>([
    [{ reason: 'unreadable-answer', text: 'The answer was not valid JSON (text/plain).' }, 'The answer was not valid JSON (text/plain).'],
    [{ reason: 'http-status', status: 502 }, 'The service answered HTTP 502.'],
    [{ reason: 'single-hash-413' }, 'The service answered 413 to a single hash.'],
    [{ reason: 'unreadable-record', text: 'unknown status “BENIGN”' }, 'Unreadable record: unknown status “BENIGN”'],
    [{ reason: 'processing-failed' }, 'HashLens failed to process the answer'],
  ])('%o reads "%s"', (detail, text) => {
    expect(describeFailureDetail(detail)).toBe(text)
  })

  it('the status line\'s advice and a hash\'s error say the same about one answer', () => {
    const detail: FailureDetail = { reason: 'http-status', status: 500 }
    expect(describeStatus({ kind: 'bad-answer', detail }, NOW).advice).toContain(describeHashError({ state: 'error', error: 'http-error', detail }))
  })
})

describe('describeHashError', () => {
  it('without a detail, says what its kind means', () => {
    for (const kind of LOOKUP_ERROR_KINDS) expect(describeHashError({ state: 'error', error: kind })).toBe(describeLookupError(kind))
  })

  it('with a detail, says the detail', () => {
    expect(describeHashError({ state: 'error', error: 'bad-answer', detail: { reason: 'unreadable-answer', text: 'The answer was a web page (text/html), not JSON.' } }))
      .toBe('The answer was a web page (text/html), not JSON.')
  })
})

describe('describeConnectionCheck', () => {
  const at = { apiHost: 'https://data.reversinglabs.com', timeoutSeconds: 20 }
  it.each<[ConnectionCheck, string]>([
    [{ ok: true, apiHost: at.apiHost, username: 'u/acme/ana', usage: null }, 'OK — connected to https://data.reversinglabs.com as u/acme/ana.'],
    [{ ok: true, apiHost: at.apiHost, username: 'u/acme/ana', usage: { used: 1234, limit: 10_000, period: 'daily', checkedAt: 0 } },
      'OK — connected to https://data.reversinglabs.com as u/acme/ana. 1,234 of 10,000 lookups used today.'],
    [{ ok: true, apiHost: at.apiHost, username: 'u/acme/ana', usage: { used: 5, limit: 100_000, period: 'monthly', checkedAt: 0 } },
      'OK — connected to https://data.reversinglabs.com as u/acme/ana. 5 of 100,000 lookups used this month.'],
    [{ ok: false, problem: { kind: 'invalid-account', refusal: 'Enter a username.' } }, 'Enter a username.'],
    [{ ok: false, problem: { kind: 'no-permission', apiHost: at.apiHost } }, 'HashLens has no permission to reach https://data.reversinglabs.com yet.'],
    [{ ok: false, problem: { kind: 'unauthorized', ...at } }, 'Wrong credentials: the service answered 401 Unauthorized. Check the username and password.'],
    [{ ok: false, problem: { kind: 'timeout', ...at } }, 'Unreachable: https://data.reversinglabs.com did not answer within 20 seconds.'],
    [{ ok: false, problem: { kind: 'http-error', status: 404, ...at } }, 'The service answered HTTP 404. Is the API host right?'],
    [{ ok: false, problem: { kind: 'bad-answer', detail: 'The answer was a web page (text/html), not JSON.', ...at } },
      'The answer was a web page (text/html), not JSON. Is the API host right?'],
    [{ ok: false, problem: { kind: 'rate-limited', retryAfterMs: null, ...at } }, 'The service is busy (rate-limited); try again shortly.'],
  ])('%o reads "%s"', (check, text) => {
    expect(describeConnectionCheck(check)).toBe(text)
  })

  it('offline names the host', () => {
    expect(describeConnectionCheck({ ok: false, problem: { kind: 'offline', detail: 'Failed to fetch', ...at } })).toMatch(/^Unreachable: no answer from https:\/\/data\.reversinglabs\.com\./)
  })
})

describe('describeSkip', () => {
  it('says of every kind of non-sample hex that it was not looked up, and what it looks like', () => {
    expect(describeSkip('dependency-checksum')).toBe('Not looked up: looks like a dependency checksum')
    const sentences = NOT_SAMPLE_KINDS.map(describeSkip)
    for (const sentence of sentences) expect(sentence).toMatch(/^Not looked up: looks like \S/)
    expect(new Set(sentences).size).toBe(NOT_SAMPLE_KINDS.length)
  })
})
