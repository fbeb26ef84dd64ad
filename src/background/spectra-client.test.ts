import { describe, expect, it } from 'vitest'
import { SPECTRA_BACKEND, SpectraClient, isRateLimitBody, parseRetryAfter } from './spectra-client.ts'
import type { Account, ServiceResult } from './backend.ts'
import type { BulkReading } from '../shared/spectra-answer.ts'

const HOST = 'https://data.reversinglabs.com'
const NOW = Date.parse('2024-07-03T12:00:00Z')

const MD5 = '3133c2231fcee5d6b0b4c988a5201da1'
const SHA1 = '21841b32c6165b27dddbd4d6eb3a672defe54271'
const SHA256 = '2f6edf41016e97c58f9de01aa4cc66c9c7fe7dae23fe72e50a69cbd221f55346'
const OTHER_SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'

const CREDENTIALS: Account = { backend: SPECTRA_BACKEND, username: 'u/acme/analyst', password: 's3cret', apiHost: HOST }

const LOOKUP_QUERY = 'extended=true&show_hashes=true&format=json'
const MB = 1024 * 1024

const maliciousRecord = {
  status: 'MALICIOUS', threat_level: 5, trust_factor: 5, reason: 'antivirus', threat_name: 'Win32.Ransomware.Tox',
  classification: { platform: 'Win32', type: 'Ransomware', is_generic: false, family_name: 'Tox' },
  scanner_count: 47, scanner_match: 44, first_seen: '2015-05-30T22:04:00', last_seen: '2021-04-19T11:10:35',
  query_hash: { sha1: SHA1 }, md5: MD5, sha1: SHA1, sha256: SHA256,
}

interface FetchCall { url: string; init: RequestInit }

/** A fetch double that records every call and answers with `respond`. */
function fakeFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: FetchCall[] = []
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), init: init ?? {} }
    calls.push(call)
    return respond(call.url, call.init)
  }) as typeof globalThis.fetch
  return { fetch, calls }
}

function clientAnswering(
  respond: (url: string, init: RequestInit) => Response | Promise<Response>,
  { credentials = CREDENTIALS, timeoutMs = 5000 }: { credentials?: Account; timeoutMs?: number } = {},
) {
  const { fetch, calls } = fakeFetch(respond)
  return { client: new SpectraClient(credentials, { timeoutMs, fetch, now: () => NOW }), calls }
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { status: 200, ...init, headers: { 'Content-Type': 'application/json', ...init.headers } })

function headerOf(call: FetchCall | undefined, name: string): string | null {
  return new Headers(call?.init.headers).get(name)
}

/** A base64 of the UTF-8 bytes, computed independently of the client's own encoder. */
const expectedBasic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}`

function failureOf<T>(result: ServiceResult<T>) {
  expect(result.ok).toBe(false)
  return result.ok ? undefined : result.failure
}

function valueOf<T>(result: ServiceResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.failure)}`)
  return result.value
}

describe('SpectraClient requests', () => {
  it('a single lookup GETs /api/databrowser/malware_presence/query/<type>/<hash> with extended, show_hashes and format=json', async () => {
    const { client, calls } = clientAnswering(() => json({ rl: { malware_presence: maliciousRecord } }))
    await client.singleLookup('sha1', SHA1)
    expect(calls).toHaveLength(1)
    expect(calls[0]!.url).toBe(`${HOST}/api/databrowser/malware_presence/query/sha1/${SHA1}?${LOOKUP_QUERY}`)
    expect(calls[0]!.init.method).toBe('GET')
    expect(calls[0]!.init.body ?? null).toBeNull()
  })

  it('a single lookup puts the hash type in the path', async () => {
    const { client, calls } = clientAnswering(() => new Response(null, { status: 404 }))
    await client.singleLookup('md5', MD5)
    await client.singleLookup('sha256', SHA256)
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual([
      `/api/databrowser/malware_presence/query/md5/${MD5}`,
      `/api/databrowser/malware_presence/query/sha256/${SHA256}`,
    ])
  })

  it('a bulk lookup POSTs {"rl":{"query":{"hash_type","hashes"}}} as application/json to bulk_query/json', async () => {
    const { client, calls } = clientAnswering(() => json({ rl: { entries: [] } }))
    await client.bulkLookup('sha1', [SHA1, OTHER_SHA1])
    expect(calls).toHaveLength(1)
    const call = calls[0]!
    expect(call.url).toBe(`${HOST}/api/databrowser/malware_presence/bulk_query/json?${LOOKUP_QUERY}`)
    expect(call.init.method).toBe('POST')
    expect(headerOf(call, 'Content-Type')).toBe('application/json')
    expect(JSON.parse(String(call.init.body))).toEqual({ rl: { query: { hash_type: 'sha1', hashes: [SHA1, OTHER_SHA1] } } })
  })

  it('sends Authorization: Basic base64(user:pass) on every request kind', async () => {
    const { client, calls } = clientAnswering((url) => {
      if (url.includes('/limits')) return json({ rl: { limits: [{ limit: 1, limit_type: 'daily' }] } })
      if (url.includes('/usage/')) return json({ rl: { usage_report: [] } })
      if (url.includes('bulk_query')) return json({ rl: { entries: [] } })
      return new Response(null, { status: 404 })
    })
    await client.singleLookup('sha1', SHA1)
    await client.bulkLookup('sha1', [SHA1, OTHER_SHA1])
    await client.limits()
    await client.usage('daily')
    expect(calls).toHaveLength(4)
    for (const call of calls) expect(headerOf(call, 'Authorization')).toBe(expectedBasic('u/acme/analyst', 's3cret'))
    expect(expectedBasic('u/acme/analyst', 's3cret')).toBe('Basic dS9hY21lL2FuYWx5c3Q6czNjcmV0')
  })

  it('encodes a username with "/" and a non-ASCII password as UTF-8 bytes', async () => {
    const credentials = { ...CREDENTIALS, username: 'u/Bücher-GmbH/jörg', password: 'pässwörd€✓' }
    const { client, calls } = clientAnswering(() => new Response(null, { status: 404 }), { credentials })
    await client.singleLookup('sha1', SHA1)
    const header = headerOf(calls[0], 'Authorization')!
    expect(header).toBe(expectedBasic(credentials.username, credentials.password))
    const decoded = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8')
    expect(decoded).toBe('u/Bücher-GmbH/jörg:pässwörd€✓')
  })

  it('never puts the credentials in the URL', async () => {
    const credentials = { ...CREDENTIALS, password: 'hunter2!' }
    const { client, calls } = clientAnswering((url) => (url.includes('bulk') ? json({ rl: { entries: [] } }) : new Response(null, { status: 404 })), { credentials })
    await client.singleLookup('sha1', SHA1)
    await client.bulkLookup('sha1', [SHA1, OTHER_SHA1])
    for (const { url } of calls) {
      const parsed = new URL(url)
      expect(parsed.username).toBe('')
      expect(parsed.password).toBe('')
      expect(decodeURIComponent(url)).not.toContain('analyst')
      expect(decodeURIComponent(url)).not.toContain('hunter2')
    }
  })

  it('sends no cookies and refuses redirects, so the Authorization header cannot follow a redirect elsewhere', async () => {
    const { client, calls } = clientAnswering(() => new Response(null, { status: 404 }))
    await client.singleLookup('sha1', SHA1)
    expect(calls[0]!.init.credentials).toBe('omit')
    expect(calls[0]!.init.redirect).toBe('error')
    expect(calls[0]!.init.signal).toBeInstanceOf(AbortSignal)
  })

  it('uses the configured host (a proxy or the local simulator)', async () => {
    const { client, calls } = clientAnswering(() => new Response(null, { status: 404 }), {
      credentials: { ...CREDENTIALS, apiHost: 'http://localhost:8787' },
    })
    await client.singleLookup('sha1', SHA1)
    expect(calls[0]!.url.startsWith(`http://localhost:8787/api/databrowser/malware_presence/query/sha1/${SHA1}?`)).toBe(true)
  })
})

describe('SpectraClient answers', () => {
  it('a 200 single answer becomes the verdict for the asked hash', async () => {
    const { client } = clientAnswering(() => json({ rl: { malware_presence: maliciousRecord } }))
    const value = valueOf(await client.singleLookup('sha1', SHA1))
    expect(value.unreadable.size).toBe(0)
    expect(value.verdicts.get(SHA1)).toMatchObject({
      hash: SHA1, type: 'sha1', classification: 'MALICIOUS', threatName: 'Win32.Ransomware.Tox',
      firstSeen: '2015-05-30T22:04:00.000Z', sampleHashes: { md5: MD5, sha1: SHA1, sha256: SHA256 }, checkedAt: NOW,
    })
  })

  it('a 404 single lookup is a NOT_FOUND verdict, not an error', async () => {
    const { client } = clientAnswering(() => new Response('Not Found', { status: 404 }))
    const value = valueOf(await client.singleLookup('sha1', SHA1))
    expect(value.verdicts.get(SHA1)).toEqual({ hash: SHA1, type: 'sha1', classification: 'NOT_FOUND', sampleHashes: {}, checkedAt: NOW })
    expect(value.unreadable.size).toBe(0)
  })

  it('a single answer naming another hash leaves the asked hash unreadable', async () => {
    const { client } = clientAnswering(() => json({ rl: { malware_presence: { status: 'UNKNOWN', query_hash: { sha1: OTHER_SHA1 } } } }))
    const value = valueOf(await client.singleLookup('sha1', SHA1))
    expect(value.verdicts.size).toBe(0)
    expect(value.unreadable.has(SHA1)).toBe(true)
  })

  it('a single answer with an odd record leaves the asked hash unreadable with the problem', async () => {
    const { client } = clientAnswering(() => json({ rl: { malware_presence: { status: 'ODD', query_hash: { sha1: SHA1 } } } }))
    const value = valueOf(await client.singleLookup('sha1', SHA1))
    expect(value.verdicts.size).toBe(0)
    expect(value.unreadable.get(SHA1)).toContain('ODD')
  })

  it('a 200 single answer without rl.malware_presence is a bad answer', async () => {
    const { client } = clientAnswering(() => json({ rl: { entries: [] } }))
    expect(failureOf(await client.singleLookup('sha1', SHA1))).toMatchObject({ kind: 'bad-answer' })
  })

  it('a 200 bulk answer is matched by query_hash; a left-out hash is NOT_FOUND', async () => {
    const { client } = clientAnswering(() => json({ rl: { entries: [maliciousRecord] } }))
    const value: BulkReading = valueOf(await client.bulkLookup('sha1', [SHA1, OTHER_SHA1]))
    expect(value.verdicts.get(SHA1)?.classification).toBe('MALICIOUS')
    expect(value.verdicts.get(OTHER_SHA1)).toEqual({ hash: OTHER_SHA1, type: 'sha1', classification: 'NOT_FOUND', sampleHashes: {}, checkedAt: NOW })
  })

  it('a 200 bulk answer without rl.entries is a bad answer', async () => {
    const { client } = clientAnswering(() => json({ rl: { malware_presence: maliciousRecord } }))
    expect(failureOf(await client.bulkLookup('sha1', [SHA1, OTHER_SHA1]))).toMatchObject({ kind: 'bad-answer' })
  })

  it('a 404 from a bulk lookup is an http-error, not "not found"', async () => {
    const { client } = clientAnswering(() => new Response(null, { status: 404 }))
    expect(failureOf(await client.bulkLookup('sha1', [SHA1, OTHER_SHA1]))).toEqual({ kind: 'http-error', status: 404 })
  })
})

describe('SpectraClient failures by status', () => {
  it('401 is unauthorized', async () => {
    const { client } = clientAnswering(() => new Response('Unauthorized', {
      status: 401, headers: { 'WWW-Authenticate': 'Basic realm="Spectra Intelligence"' },
    }))
    expect(failureOf(await client.singleLookup('sha1', SHA1))).toEqual({ kind: 'unauthorized' })
  })

  it('403 with an empty body is forbidden', async () => {
    const { client } = clientAnswering(() => new Response(null, { status: 403 }))
    expect(failureOf(await client.bulkLookup('sha1', [SHA1, OTHER_SHA1]))).toEqual({ kind: 'forbidden' })
  })

  it('429 with {"message":"Rate limit exceeded"} is rate-limited, with Retry-After seconds in ms', async () => {
    const { client } = clientAnswering(() => json({ message: 'Rate limit exceeded' }, { status: 429, headers: { 'Retry-After': '3' } }))
    expect(failureOf(await client.singleLookup('sha1', SHA1))).toEqual({ kind: 'rate-limited', retryAfterMs: 3000 })
  })

  it('429 rate limit with Retry-After as an HTTP date waits until that date (by the injected clock)', async () => {
    const { client } = clientAnswering(() => json({ message: 'Rate limit exceeded' }, {
      status: 429, headers: { 'Retry-After': 'Wed, 03 Jul 2024 12:00:10 GMT' },
    }))
    expect(failureOf(await client.singleLookup('sha1', SHA1))).toEqual({ kind: 'rate-limited', retryAfterMs: 10_000 })
  })

  it('429 rate limit without Retry-After leaves the delay to the backoff (null)', async () => {
    const { client } = clientAnswering(() => json({ message: 'Rate limit exceeded' }, { status: 429 }))
    expect(failureOf(await client.bulkLookup('sha1', [SHA1, OTHER_SHA1]))).toEqual({ kind: 'rate-limited', retryAfterMs: null })
  })

  it('429 with an empty body is quota-exhausted', async () => {
    const { client } = clientAnswering(() => new Response(null, { status: 429 }))
    expect(failureOf(await client.singleLookup('sha1', SHA1))).toEqual({ kind: 'quota-exhausted' })
  })

  it('429 with another message is quota-exhausted, not rate-limited', async () => {
    const { client } = clientAnswering(() => json({ message: 'Daily quota exceeded' }, { status: 429, headers: { 'Retry-After': '3' } }))
    expect(failureOf(await client.singleLookup('sha1', SHA1))).toEqual({ kind: 'quota-exhausted' })
  })

  it('503 is unavailable, with or without Retry-After', async () => {
    const withHeader = clientAnswering(() => new Response('busy', { status: 503, headers: { 'Retry-After': '5' } }))
    expect(failureOf(await withHeader.client.singleLookup('sha1', SHA1))).toEqual({ kind: 'unavailable', retryAfterMs: 5000 })
    const without = clientAnswering(() => new Response(null, { status: 503 }))
    expect(failureOf(await without.client.singleLookup('sha1', SHA1))).toEqual({ kind: 'unavailable', retryAfterMs: null })
  })

  it('502 and 504 from a proxy are unavailable too', async () => {
    for (const status of [502, 504]) {
      const { client } = clientAnswering(() => new Response(null, { status }))
      expect(failureOf(await client.singleLookup('sha1', SHA1))).toEqual({ kind: 'unavailable', retryAfterMs: null })
    }
  })

  it('413 is too-large', async () => {
    const { client } = clientAnswering(() => new Response(null, { status: 413 }))
    expect(failureOf(await client.bulkLookup('sha1', [SHA1, OTHER_SHA1]))).toEqual({ kind: 'too-large' })
  })

  it('500 (and any other unexpected status) is an http-error carrying the status', async () => {
    for (const status of [500, 400, 418]) {
      const { client } = clientAnswering(() => json({ error: 'boom' }, { status }))
      expect(failureOf(await client.singleLookup('sha1', SHA1))).toEqual({ kind: 'http-error', status })
    }
  })
})

describe('SpectraClient failures without a usable answer', () => {
  it('a fetch rejecting with TypeError (DNS, refused, TLS, proxy) is offline with the message', async () => {
    const { client } = clientAnswering(() => Promise.reject(new TypeError('Failed to fetch')))
    expect(failureOf(await client.singleLookup('sha1', SHA1))).toEqual({ kind: 'offline', detail: 'Failed to fetch' })
  })

  it('a fetch that never answers is a timeout once timeoutMs passes', async () => {
    const started = Date.now()
    const { client, calls } = clientAnswering((_url, init) => new Promise<Response>((_resolve, reject) => {
      const signal = init.signal!
      signal.addEventListener('abort', () => reject(signal.reason), { once: true })
    }), { timeoutMs: 30 })
    expect(failureOf(await client.singleLookup('sha1', SHA1))).toEqual({ kind: 'timeout' })
    expect(calls[0]!.init.signal?.aborted).toBe(true)
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('an AbortError from fetch is a timeout too', async () => {
    const { client } = clientAnswering(() => Promise.reject(new DOMException('The operation was aborted.', 'AbortError')))
    expect(failureOf(await client.singleLookup('sha1', SHA1))).toEqual({ kind: 'timeout' })
  })

  it('an answer whose body stalls until timeoutMs passes is a timeout, not a bad answer', async () => {
    // Real fetch: the headers arrive, then the body stream errors with the signal's reason on abort.
    const { client } = clientAnswering((_url, init) => {
      const signal = init.signal!
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"rl": {"malware_pres'))
          signal.addEventListener('abort', () => controller.error(signal.reason), { once: true })
        },
      })
      return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } })
    }, { timeoutMs: 30 })
    expect(failureOf(await client.singleLookup('sha1', SHA1))).toEqual({ kind: 'timeout' })
  })

  it('an HTML proxy page with 200 is a bad answer that says it was a web page', async () => {
    const { client } = clientAnswering(() => new Response(
      '<!DOCTYPE html><html><body><h1>Please log in to the corporate proxy</h1></body></html>',
      { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } },
    ))
    const failure = failureOf(await client.singleLookup('sha1', SHA1))
    expect(failure).toMatchObject({ kind: 'bad-answer' })
    expect(failure?.kind === 'bad-answer' && failure.detail).toMatch(/web page/)
    expect(failure?.kind === 'bad-answer' && failure.detail).toContain('text/html')
  })

  it('truncated JSON is a bad answer that says it is not valid JSON', async () => {
    const { client } = clientAnswering(() => new Response('{"rl": {"entries": [{"status": "MALIC', {
      status: 200, headers: { 'Content-Type': 'application/json' },
    }))
    const failure = failureOf(await client.bulkLookup('sha1', [SHA1, OTHER_SHA1]))
    expect(failure).toMatchObject({ kind: 'bad-answer' })
    expect(failure?.kind === 'bad-answer' && failure.detail).toMatch(/not valid JSON/)
    expect(failure?.kind === 'bad-answer' && failure.detail).not.toMatch(/web page/)
  })

  it('an empty 200 body is a bad answer', async () => {
    const { client } = clientAnswering(() => new Response(null, { status: 200 }))
    expect(failureOf(await client.singleLookup('sha1', SHA1))).toMatchObject({ kind: 'bad-answer' })
  })

  it('a body declared larger than 8 MB by Content-Length is a bad answer and is not read', async () => {
    let pulled = 0
    let cancelled = false
    const { client } = clientAnswering(() => {
      const body = new ReadableStream<Uint8Array>({
        pull(controller) { pulled++; controller.enqueue(new Uint8Array(16)) },
        cancel() { cancelled = true },
      }, { highWaterMark: 0 })
      return new Response(body, { status: 200, headers: { 'Content-Length': String(8 * MB + 1) } })
    })
    expect(failureOf(await client.singleLookup('sha1', SHA1))).toMatchObject({ kind: 'bad-answer' })
    expect(pulled).toBe(0)
    expect(cancelled).toBe(true)
  })

  it('a streamed body without Content-Length is cut off once it passes 8 MB', async () => {
    const chunk = new Uint8Array(MB).fill(0x20)
    let pulled = 0
    let cancelled = false
    const { client } = clientAnswering(() => {
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled++
          if (pulled > 64) controller.close()
          else controller.enqueue(chunk)
        },
        cancel() { cancelled = true },
      }, { highWaterMark: 0 })
      return new Response(body, { status: 200 })
    })
    const failure = failureOf(await client.singleLookup('sha1', SHA1))
    expect(failure).toMatchObject({ kind: 'bad-answer' })
    expect(cancelled).toBe(true)
    expect(pulled).toBeLessThanOrEqual(10)
  })

  it('a body of exactly the declared, modest size is read normally', async () => {
    const text = JSON.stringify({ rl: { malware_presence: maliciousRecord } })
    const { client } = clientAnswering(() => new Response(text, {
      status: 200, headers: { 'Content-Length': String(new TextEncoder().encode(text).byteLength) },
    }))
    expect(valueOf(await client.singleLookup('sha1', SHA1)).verdicts.get(SHA1)?.classification).toBe('MALICIOUS')
  })

  it('decodes a UTF-8 body split inside a multi-byte character', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ rl: { malware_presence: { ...maliciousRecord, threat_name: 'Win32.Trojan.Ünïcødé' } } }))
    const cut = bytes.indexOf(0xc3) + 1 // between the two bytes of "Ü"
    const { client } = clientAnswering(() => new Response(new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, cut))
        controller.enqueue(bytes.slice(cut))
        controller.close()
      },
    }), { status: 200 }))
    expect(valueOf(await client.singleLookup('sha1', SHA1)).verdicts.get(SHA1)?.threatName).toBe('Win32.Trojan.Ünïcødé')
  })
})

describe('SpectraClient Customer Usage', () => {
  it('limits() GETs /api/customer_usage/v1/limits?format=json and reads the TCA-0101 limit', async () => {
    const { client, calls } = clientAnswering(() => json({
      rl: {
        limits: [
          { limit: 20, limit_type: 'daily', limit_exceeded: false, products: ['TCA-0104 File Analysis'] },
          { limit: 10000, limit_type: 'daily', limit_exceeded: true, products: ['TCA-0101 File Reputation'], users: ['u/acme/analyst'] },
        ],
      },
    }))
    expect(valueOf(await client.limits())).toEqual({ limit: 10000, period: 'daily', exceeded: true })
    expect(calls[0]!.url).toBe(`${HOST}/api/customer_usage/v1/limits?format=json`)
    expect(calls[0]!.init.method).toBe('GET')
  })

  it('usage(period) GETs /api/customer_usage/v1/usage/<period>?format=json and sums TCA-0101', async () => {
    const { client, calls } = clientAnswering(() => json({
      rl: {
        date: '2024-07-03',
        usage_report: [
          { product: 'TCA-0101 File Reputation', number_of_queries: 37 },
          { product: 'TCA-0104 File Analysis', number_of_queries: 500 },
        ],
      },
    }))
    expect(valueOf(await client.usage('daily'))).toBe(37)
    expect(valueOf(await client.usage('monthly'))).toBe(37)
    expect(calls.map((c) => c.url)).toEqual([
      `${HOST}/api/customer_usage/v1/usage/daily?format=json`,
      `${HOST}/api/customer_usage/v1/usage/monthly?format=json`,
    ])
  })

  it('limits() and usage() answers of the wrong shape are bad answers', async () => {
    const { client } = clientAnswering(() => json({ rl: {} }))
    expect(failureOf(await client.limits())).toMatchObject({ kind: 'bad-answer' })
    expect(failureOf(await client.usage('daily'))).toMatchObject({ kind: 'bad-answer' })
  })

  it('limits() passes on a 401 as unauthorized (the cheap credential test)', async () => {
    const { client } = clientAnswering(() => new Response(null, { status: 401 }))
    expect(failureOf(await client.limits())).toEqual({ kind: 'unauthorized' })
  })
})

describe('parseRetryAfter', () => {
  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000)
    expect(parseRetryAfter('0', NOW)).toBe(0)
    expect(parseRetryAfter('120', NOW)).toBe(120_000)
  })

  it('reads an HTTP date as the time left until it', () => {
    expect(parseRetryAfter('Wed, 03 Jul 2024 12:01:00 GMT', NOW)).toBe(60_000)
  })

  it('an HTTP date in the past means no wait (0), never a negative delay', () => {
    expect(parseRetryAfter('Wed, 03 Jul 2024 11:00:00 GMT', NOW)).toBe(0)
  })

  it('is null when absent, empty or unreadable', () => {
    expect(parseRetryAfter(null, NOW)).toBeNull()
    expect(parseRetryAfter('', NOW)).toBeNull()
    expect(parseRetryAfter('soon', NOW)).toBeNull()
    expect(parseRetryAfter('3 seconds', NOW)).toBeNull()
  })

  it('a negative number is unreadable (null), not an HTTP date', () => {
    // RFC 9110: delay-seconds is a non-negative integer. V8's Date.parse("-1") reads a year-2001 date.
    expect(parseRetryAfter('-1', NOW)).toBeNull()
  })
})

describe('isRateLimitBody', () => {
  it('is true for the service’s {"message": "Rate limit exceeded"}', () => {
    expect(isRateLimitBody('{"message": "Rate limit exceeded"}')).toBe(true)
    expect(isRateLimitBody('{"message":"rate limit exceeded"}')).toBe(true)
  })

  it('is true for the same words as plain text', () => {
    expect(isRateLimitBody('Rate limit exceeded')).toBe(true)
  })

  it('is false for an empty body, other messages and other JSON', () => {
    expect(isRateLimitBody('')).toBe(false)
    expect(isRateLimitBody('{}')).toBe(false)
    expect(isRateLimitBody('null')).toBe(false)
    expect(isRateLimitBody('{"message": "Quota exceeded"}')).toBe(false)
    expect(isRateLimitBody('{"message": 429}')).toBe(false)
    expect(isRateLimitBody('Too Many Requests')).toBe(false)
  })
})

describe('404 on a single lookup', () => {
  it('an HTML 404 page (a proxy or a wrong host) is an error, not "not found"', async () => {
    const fetch = async () => new Response('<html><body>404 Not Found</body></html>', { status: 404, headers: { 'Content-Type': 'text/html' } })
    const client = new SpectraClient({ backend: SPECTRA_BACKEND, username: 'u/c/a', password: 'p', apiHost: 'https://h.example' }, { timeoutMs: 1000, fetch })
    const result = await client.singleLookup('sha1', 'a'.repeat(40))
    expect(result).toEqual({ ok: false, failure: { kind: 'http-error', status: 404 } })
  })

  it('an empty, JSON or plain-text 404 body is the service saying "not in the database"', async () => {
    for (const body of ['', '{"rl": {}}', 'Not Found']) {
      const fetch = async () => new Response(body, { status: 404 })
      const client = new SpectraClient({ backend: SPECTRA_BACKEND, username: 'u/c/a', password: 'p', apiHost: 'https://h.example' }, { timeoutMs: 1000, fetch })
      const result = await client.singleLookup('sha1', 'a'.repeat(40))
      expect(result.ok && result.value.verdicts.get('a'.repeat(40))?.classification).toBe('NOT_FOUND')
    }
  })
})

describe('the detail view\'s "More" (TCA-0103 XREF, TCA-0321 RHA1)', () => {
  const xrefBody = { rl: { sample: { sample_type: 'PE32 executable (GUI) Intel 80386', sample_size: 636416, xref: [{ scanner_count: 2, scanner_match: 1, scanned_on: '2021-06-17T14:17:00', results: [{ scanner: 'avast', result: 'Win32:Malware-gen' }] }] } } }
  const rha1Body = { rl: { rha1_counters: { rha1_type: 'pe01', sample_counters: { known: 0, malicious: 144, suspicious: 0, total: 144 } } } }

  it('asks XREF by the hash\'s type with history=false, with Basic auth, and reads the sample', async () => {
    const { client, calls } = clientAnswering(() => json(xrefBody))
    const result = await client.xref('sha256', SHA256)
    expect(calls.map((call) => call.url)).toEqual([`${HOST}/api/xref/v2/query/sha256/${SHA256}?format=json&history=false`])
    expect(headerOf(calls[0], 'Authorization')).toMatch(/^Basic /)
    expect(result).toMatchObject({ ok: true, value: { found: true, details: { sampleType: 'PE32 executable (GUI) Intel 80386', results: [{ engine: 'avast', detection: 'Win32:Malware-gen' }] } } })
  })

  it('asks RHA1 with its type and the SHA-1, extended', async () => {
    const { client, calls } = clientAnswering(() => json(rha1Body))
    const result = await client.rha1('pe01', SHA1)
    expect(calls.map((call) => call.url)).toEqual([`${HOST}/api/rha1/analytics/v1/query/pe01/${SHA1}?format=json&extended=true`])
    expect(result).toEqual({ ok: true, value: { found: true, details: { rha1Type: 'pe01', counts: { known: 0, malicious: 144, suspicious: 0, total: 144 } } } })
  })

  it('a 404 is "not found", a broken answer a bad-answer, and the statuses fail as lookups do', async () => {
    expect(await clientAnswering(() => new Response('', { status: 404 })).client.xref('sha1', SHA1)).toEqual({ ok: true, value: { found: false } })
    expect(await clientAnswering(() => json({ rl: { entries: [] } })).client.xref('sha1', SHA1)).toMatchObject({ ok: false, failure: { kind: 'bad-answer' } })
    expect(await clientAnswering(() => new Response('{"rl": {"sam', { status: 200 })).client.rha1('pe01', SHA1)).toMatchObject({ ok: false, failure: { kind: 'bad-answer' } })
    expect(await clientAnswering(() => new Response('', { status: 403 })).client.xref('sha1', SHA1)).toEqual({ ok: false, failure: { kind: 'forbidden' } })
    expect(await clientAnswering(() => new Response('', { status: 401 })).client.rha1('elf01', SHA1)).toEqual({ ok: false, failure: { kind: 'unauthorized' } })
    expect(await clientAnswering(() => json({ message: 'Rate limit exceeded' }, { status: 429, headers: { 'Retry-After': '3' } })).client.xref('md5', MD5))
      .toEqual({ ok: false, failure: { kind: 'rate-limited', retryAfterMs: 3000 } })
    expect(await clientAnswering(() => new Response('', { status: 429 })).client.xref('md5', MD5)).toEqual({ ok: false, failure: { kind: 'quota-exhausted' } })
    expect(await clientAnswering(() => new Response('', { status: 503 })).client.xref('md5', MD5)).toEqual({ ok: false, failure: { kind: 'unavailable', retryAfterMs: null } })
  })
})
