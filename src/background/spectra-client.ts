/**
 * Talks HTTP to Spectra Intelligence and turns every outcome into either a reading or a
 * ServiceFailure the lookup engine knows how to handle. Only the worker imports this:
 * credentials never leave it except in the Authorization header to the configured host.
 */
import type { HashType } from '../shared/hash.ts'
import { t } from '../shared/i18n.ts'
import {
  readBulkAnswer, readLimits, readSingleAnswer, readUsage, notFoundVerdict,
  type BulkReading, type QuotaLimit,
} from '../shared/spectra-answer.ts'
import type { QuotaPeriod } from '../shared/quota.ts'
import { readRha1Answer, readXrefAnswer, type DetailsAnswer, type Rha1Details, type Rha1Type, type XrefDetails } from '../shared/sample-details.ts'
import type { ServiceFailure } from '../shared/failure.ts'
import type { Account, BackendClient, ClientOptions, ServiceResult } from './backend.ts'

/** The id of Spectra Intelligence among the backends (backend.ts). */
export const SPECTRA_BACKEND = 'spectra'

/** Bodies larger than this are not read: a lookup answer for 100 hashes is far smaller. */
const MAX_BODY_BYTES = 8 * 1024 * 1024

const LOOKUP_QUERY = 'extended=true&show_hashes=true&format=json'

/** `btoa` takes Latin-1 only; usernames and passwords may hold any Unicode. */
function basicAuth(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return `Basic ${btoa(binary)}`
}

/** Retry-After is seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null
  const trimmed = value.trim()
  // RFC 9110: delay-seconds is a non-negative whole number, or else an HTTP date (which has letters).
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  if (!/[a-z]/i.test(trimmed)) return null
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

type BodyReading = { ok: true; json: unknown; text: string } | { ok: false; failure: ServiceFailure }

export class SpectraClient implements BackendClient {
  readonly backend = SPECTRA_BACKEND
  readonly #account: Account
  readonly #options: Required<ClientOptions>

  constructor(account: Account, options: ClientOptions) {
    this.#account = account
    this.#options = { fetch: globalThis.fetch.bind(globalThis), now: Date.now, ...options }
  }

  async bulkLookup(type: HashType, hashes: readonly string[]): Promise<ServiceResult<BulkReading>> {
    const path = `/api/databrowser/malware_presence/bulk_query/json?${LOOKUP_QUERY}`
    const body = JSON.stringify({ rl: { query: { hash_type: type, hashes } } })
    const answer = await this.#request(path, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } })
    if (!answer.ok) return answer
    const reading = readBulkAnswer(answer.json, hashes, type, this.#options.now())
    return reading ? { ok: true, value: reading } : badAnswer(t('answerNoEntries'))
  }

  async singleLookup(type: HashType, hash: string): Promise<ServiceResult<BulkReading>> {
    const path = `/api/databrowser/malware_presence/query/${type}/${hash}?${LOOKUP_QUERY}`
    const checkedAt = this.#options.now()
    const answer = await this.#request(path, { method: 'GET' }, { notFoundIsAnswer: true })
    if (!answer.ok) return answer
    const result: BulkReading = { verdicts: new Map(), unreadable: new Map() }
    if (answer.json === NOT_FOUND) {
      result.verdicts.set(hash, notFoundVerdict(hash, type, checkedAt))
      return { ok: true, value: result }
    }
    const reading = readSingleAnswer(answer.json, checkedAt)
    if (!reading) return badAnswer(t('answerNoRecord'))
    if (reading.ok && reading.verdict.hash === hash) result.verdicts.set(hash, reading.verdict)
    else result.unreadable.set(hash, reading.ok ? 'the record names another hash' : reading.problem)
    return { ok: true, value: result }
  }

  async limits(): Promise<ServiceResult<QuotaLimit>> {
    const answer = await this.#request('/api/customer_usage/v1/limits?format=json', { method: 'GET' })
    if (!answer.ok) return answer
    const limit = readLimits(answer.json)
    return limit ? { ok: true, value: limit } : badAnswer(t('answerNoLimits'))
  }

  async usage(period: QuotaPeriod): Promise<ServiceResult<number>> {
    const answer = await this.#request(`/api/customer_usage/v1/usage/${period}?format=json`, { method: 'GET' })
    if (!answer.ok) return answer
    const used = readUsage(answer.json)
    return used === null ? badAnswer(t('answerNoUsage')) : { ok: true, value: used }
  }

  /** TCA-0103 for one hash (history=false: the latest scan only); a 404 is "never scanned", not an error. */
  async xref(type: HashType, hash: string): Promise<ServiceResult<DetailsAnswer<XrefDetails>>> {
    const answer = await this.#request(`/api/xref/v2/query/${type}/${hash}?format=json&history=false`, { method: 'GET' }, { notFoundIsAnswer: true })
    if (!answer.ok) return answer
    if (answer.json === NOT_FOUND) return { ok: true, value: { found: false } }
    const details = readXrefAnswer(answer.json)
    return details ? { ok: true, value: { found: true, details } } : badAnswer(t('answerNoXref'))
  }

  /** TCA-0321 takes a SHA-1 only; the type comes from the sample's file type (rha1TypeOf). */
  async rha1(rha1Type: Rha1Type, sha1: string): Promise<ServiceResult<DetailsAnswer<Rha1Details>>> {
    const path = `/api/rha1/analytics/v1/query/${rha1Type}/${sha1}?format=json&extended=true`
    const answer = await this.#request(path, { method: 'GET' }, { notFoundIsAnswer: true })
    if (!answer.ok) return answer
    if (answer.json === NOT_FOUND) return { ok: true, value: { found: false } }
    const details = readRha1Answer(answer.json)
    return details ? { ok: true, value: { found: true, details } } : badAnswer(t('answerNoRha1'))
  }

  async #request(path: string, init: RequestInit, options: { notFoundIsAnswer?: boolean } = {}): Promise<BodyReading> {
    const { apiHost, username, password } = this.#account
    const headers = new Headers(init.headers)
    headers.set('Authorization', basicAuth(username, password))
    headers.set('Accept', 'application/json')
    let response: Response
    try {
      response = await this.#options.fetch(`${apiHost}${path}`, {
        ...init,
        headers,
        // Credentials go in the header we set, never in cookies or a URL.
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      })
    } catch (error) {
      return { ok: false, failure: fetchFailure(error) }
    }
    return this.#readResponse(response, options)
  }

  async #readResponse(response: Response, options: { notFoundIsAnswer?: boolean }): Promise<BodyReading> {
    const now = this.#options.now()
    const body = await readBoundedText(response)
    if (!body.ok) return body
    const text = body.text
    switch (response.status) {
      case 200: break
      case 401: return { ok: false, failure: { kind: 'unauthorized' } }
      case 403: return { ok: false, failure: { kind: 'forbidden' } }
      case 404:
        // "Not in the database" comes as an empty, JSON or plain-text body; a proxy's or web
        // server's HTML 404 page means a wrong host, and must not be cached as "not found".
        if (options.notFoundIsAnswer && isServiceNotFoundBody(text)) return { ok: true, json: NOT_FOUND, text }
        return { ok: false, failure: { kind: 'http-error', status: 404 } }
      case 413: return { ok: false, failure: { kind: 'too-large' } }
      case 429:
        return {
          ok: false,
          failure: isRateLimitBody(text)
            ? { kind: 'rate-limited', retryAfterMs: parseRetryAfter(response.headers.get('Retry-After'), now) }
            : { kind: 'quota-exhausted' },
        }
      case 502: case 503: case 504:
        return { ok: false, failure: { kind: 'unavailable', retryAfterMs: parseRetryAfter(response.headers.get('Retry-After'), now) } }
      default:
        return { ok: false, failure: { kind: 'http-error', status: response.status } }
    }
    try {
      return { ok: true, json: JSON.parse(text) as unknown, text }
    } catch {
      const contentType = response.headers.get('Content-Type') ?? t('answerNoContentType')
      const looksLikeHtml = /^\s*</.test(text)
      return badAnswer(looksLikeHtml
        ? t('answerWebPage', contentType)
        : t('answerNotJson', contentType))
    }
  }
}

/** Marker for a 404 on a single lookup: "not in the database" is an answer, not an error. */
const NOT_FOUND = Symbol('not found')

function badAnswer(detail: string): { ok: false; failure: ServiceFailure } {
  return { ok: false, failure: { kind: 'bad-answer', detail } }
}

function isServiceNotFoundBody(text: string): boolean {
  return !/^\s*</.test(text)
}

/** The rate-limit 429 carries {"message": "Rate limit exceeded"}; a quota 429 has no such body. */
export function isRateLimitBody(text: string): boolean {
  try {
    const body = JSON.parse(text) as unknown
    return typeof body === 'object' && body !== null && 'message' in body &&
      typeof body.message === 'string' && /rate limit/i.test(body.message)
  } catch {
    return /rate limit exceeded/i.test(text)
  }
}

function fetchFailure(error: unknown): ServiceFailure {
  const name = error instanceof Error ? error.name : ''
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout' }
  // Browsers report DNS, refused connections, TLS and proxy failures all as one TypeError.
  return { kind: 'offline', detail: error instanceof Error ? error.message : String(error) }
}

/**
 * Reads the body up to MAX_BODY_BYTES. The request's timeout still runs while the body
 * arrives, so a body that stalls is a timeout and one that breaks off is a lost connection.
 */
async function readBoundedText(response: Response): Promise<{ ok: true; text: string } | { ok: false; failure: ServiceFailure }> {
  const tooLarge = badAnswer(t('answerTooLarge'))
  const declared = Number(response.headers.get('Content-Length') ?? '0')
  if (declared > MAX_BODY_BYTES) {
    await response.body?.cancel().catch(() => undefined)
    return tooLarge
  }
  if (!response.body) return { ok: true, text: '' }
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let received = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      received += value.byteLength
      if (received > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => undefined)
        return tooLarge
      }
      text += decoder.decode(value, { stream: true })
    }
  } catch (error) {
    return { ok: false, failure: fetchFailure(error) }
  }
  return { ok: true, text: text + decoder.decode() }
}
