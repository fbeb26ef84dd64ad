/**
 * A faithful test double of ReversingLabs Spectra Intelligence: File Reputation (TCA-0101,
 * "malware presence") single and bulk lookups, and the Customer Usage API, as the contract in
 * shared/docs/spectra-api.md describes them. Plain node:http and node:crypto, no dependencies,
 * because the unit tests, the end-to-end tests and `npm start` all run it.
 *
 * Verdicts are deterministic (see simulatedStatusOf), so a test chooses an answer by crafting
 * the hash. Faults are injected per request to exercise every failure the extension must handle
 * and explain. Every request except the control API is recorded, so tests can assert what was
 * asked, how often and with what spacing.
 */
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { hashTypeOfLength, type HashType } from '../../src/shared/hash.ts'

export const DEMO_USERNAME = 'u/demo/analyst'
export const DEMO_PASSWORD = 'demo-password'

export type SimulatedStatus = 'MALICIOUS' | 'SUSPICIOUS' | 'KNOWN' | 'UNKNOWN' | 'NOT_FOUND'
/** The statuses a record can carry; NOT_FOUND is the absence of a record. */
export type RecordStatus = Exclude<SimulatedStatus, 'NOT_FOUND'>

/**
 * Deterministic verdict from the hash's LAST hex digit (lower-cased): 0-3 MALICIOUS,
 * 4-5 SUSPICIOUS, 6-9 KNOWN, a-b UNKNOWN, c-f NOT_FOUND. Tests craft hashes with it.
 * Anything that does not end in a hex digit is NOT_FOUND.
 */
export function simulatedStatusOf(hash: string): SimulatedStatus {
  const digit = Number.parseInt(hash.slice(-1).toLowerCase(), 16)
  if (Number.isNaN(digit)) return 'NOT_FOUND'
  if (digit <= 3) return 'MALICIOUS'
  if (digit <= 5) return 'SUSPICIOUS'
  if (digit <= 9) return 'KNOWN'
  if (digit <= 11) return 'UNKNOWN'
  return 'NOT_FOUND'
}

export interface SpectraClassification {
  platform: string
  type: string
  is_generic: boolean
  family_name: string
}

/** One record as the service sends it: `rl.malware_presence`, or one item of `rl.entries`. */
export interface SpectraRecord {
  status: RecordStatus
  /** One key: the type asked. */
  query_hash: Partial<Record<HashType, string>>
  md5?: string
  sha1?: string
  sha256?: string
  threat_level?: number
  trust_factor?: number
  reason?: string
  threat_name?: string
  classification?: SpectraClassification
  scanner_count?: number
  scanner_match?: number
  scanner_percent?: number
  first_seen?: string
  last_seen?: string
}

export interface SimulatorOptions {
  /** Default 0: any free port. */
  port?: number
  /** Default '127.0.0.1'. */
  host?: string
  /** username -> password; default { [DEMO_USERNAME]: DEMO_PASSWORD }. */
  users?: Record<string, string>
  /** Valid login but not entitled: 403 (no body) on every endpoint. */
  forbiddenUsers?: string[]
  /** Quota for TCA-0101; default { limit: 10000, type: 'daily' }. */
  limit?: { limit: number; type: 'daily' | 'monthly' }
  /**
   * Per lower-case hash overrides merged over the generated record (e.g. a threat_name holding
   * markup). An override's `status` also decides whether the hash is found at all.
   */
  records?: Record<string, Partial<SpectraRecord>>
}

/** Which requests a fault applies to: lookups only (default), or every non-control endpoint. */
export type FaultScope = 'lookup' | 'any'
interface FaultCommon {
  /** Applies to this many matching requests, then disappears; without it, stays until clearFaults(). */
  times?: number
  on?: FaultScope
}
export type Fault = FaultCommon & (
  | { kind: 'rate-limit'; retryAfterSeconds?: number } // 429 {"message":"Rate limit exceeded"}
  | { kind: 'quota-exhausted' } // 429, empty body
  | { kind: 'forbidden' } // 403, no body
  | { kind: 'unauthorized' } // 401 + WWW-Authenticate
  | { kind: 'unavailable'; retryAfterSeconds?: number } // 503
  | { kind: 'slow'; ms: number } // answer normally after ms
  | { kind: 'drop' } // destroy the socket without answering
  | { kind: 'malformed-json' } // 200, content-type json, truncated body
  | { kind: 'html'; status?: 200 | 502 } // text/html proxy error page; default 200
  | { kind: 'too-large' } // 413
)
export type FaultKind = Fault['kind']

export type Endpoint = 'single' | 'bulk' | 'limits' | 'usage-daily' | 'usage-monthly' | 'control' | 'other'

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  contentType: string | undefined
  /** From Basic auth, null when missing/undecodable (recorded whether or not the login is valid). */
  username: string | null
  endpoint: Endpoint
  /** Single: the path segment; bulk: the body's hash_type, as sent. */
  hashType: string | null
  /** What was asked, as sent (single: one; bulk: the body's list). */
  hashes: string[]
  /** The status answered; 0 while unanswered or when the connection was dropped. */
  status: number
  /** Date.now() when received. */
  at: number
}

export interface Simulator {
  /** 'http://127.0.0.1:PORT' */
  readonly url: string
  /** Every request, in order (excluding the control endpoints). */
  readonly requests: RecordedRequest[]
  /** Only single + bulk lookups (CORS preflights excluded). */
  lookupRequests(): RecordedRequest[]
  inject(fault: Fault): void
  clearFaults(): void
  /** Clears faults, request log, usage counters (not users, options or the clock). */
  reset(): void
  /** Clock for quota/usage (tests). */
  setNow(fn: () => Date): void
  /** closeAllConnections() then close(). */
  close(): Promise<void>
}

export const REALM = 'Spectra Intelligence'
export const FILE_REPUTATION_PRODUCT = 'TCA-0101 File Reputation'
export const MAX_BULK_HASHES = 100
export const RATE_LIMIT_BODY = '{"message":"Rate limit exceeded"}'
/** A bulk body for 100 SHA-256 hashes is about 7 KB; anything near this is not a lookup. */
const MAX_BODY_BYTES = 1024 * 1024
const SINGLE_PATH = /^\/api\/databrowser\/malware_presence\/query\/([^/]*)\/([^/]*)$/
const BULK_PATH = '/api/databrowser/malware_presence/bulk_query/json'
const CONTROL_PREFIX = '/__sim/'
const HEX_ONLY = /^[0-9a-f]+$/
const SERVICE_HASH_TYPES: readonly string[] = ['md5', 'sha1', 'sha256'] satisfies HashType[]

function isHashType(value: string): value is HashType {
  return SERVICE_HASH_TYPES.includes(value)
}

// ---------------------------------------------------------------------------------------------
// Records: generated deterministically from the hash, so every run and every process agrees.

interface ThreatProfile { platform: string; type: string; family: string; generic: boolean }

const MALICIOUS_THREATS: readonly ThreatProfile[] = [
  { platform: 'Win32', type: 'Ransomware', family: 'Tox', generic: false },
  { platform: 'Win32', type: 'Trojan', family: 'Emotet', generic: false },
  { platform: 'Script-JS', type: 'Downloader', family: 'Nemucod', generic: false },
  { platform: 'Android', type: 'Trojan', family: 'Joker', generic: false },
  { platform: 'Win32', type: 'Ransomware', family: 'WannaCry', generic: false },
  { platform: 'Linux', type: 'Backdoor', family: 'Mirai', generic: false },
  { platform: 'Document-Word', type: 'Downloader', family: 'Emotet', generic: false },
  { platform: 'Win32', type: 'Infostealer', family: 'RedLine', generic: false },
]

const SUSPICIOUS_THREATS: readonly ThreatProfile[] = [
  { platform: 'Win32', type: 'Adware', family: 'Generic', generic: true },
  { platform: 'Win32', type: 'PUA', family: 'InstallCore', generic: false },
  { platform: 'Script-PowerShell', type: 'Downloader', family: 'Heuristic', generic: true },
  { platform: 'Android', type: 'Adware', family: 'Hiddad', generic: false },
]

const REASONS: Readonly<Record<Exclude<RecordStatus, 'UNKNOWN'>, readonly string[]>> = {
  MALICIOUS: ['antivirus', 'cloud'],
  SUSPICIOUS: ['antivirus', 'cloud'],
  KNOWN: ['antivirus', 'certificate'],
}

const FIRST_SEEN_FROM = Date.UTC(2012, 0, 1)
const SECONDS_PER_YEAR = 365 * 24 * 3600

/** Deterministic bytes to draw a record's details from. */
class Dice {
  readonly #bytes: Buffer
  constructor(hash: string) {
    this.#bytes = createHash('sha256').update(`hashlens-simulator:${hash}`).digest()
  }

  /** An integer in [min, max], from the bytes at `slot` (0-7: 4 bytes each). */
  between(slot: number, min: number, max: number): number {
    return min + (this.#bytes.readUInt32BE(slot * 4) % (max - min + 1))
  }

  pick<T>(slot: number, items: readonly T[]): T {
    const item = items[this.between(slot, 0, items.length - 1)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }
}

/** Service time format: UTC without a zone mark. */
function serviceTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19)
}

/** The sample's three hashes; the one asked equals the input, the others derived from it. */
function sampleHashes(hash: string, type: HashType): Record<HashType, string> {
  const derive = (algorithm: HashType): string =>
    algorithm === type ? hash : createHash(algorithm).update(`hashlens-sample:${hash}`).digest('hex')
  return { md5: derive('md5'), sha1: derive('sha1'), sha256: derive('sha256') }
}

function threatFields(profile: ThreatProfile): Pick<SpectraRecord, 'threat_name' | 'classification'> {
  return {
    threat_name: `${profile.platform}.${profile.type}.${profile.family}`,
    classification: {
      platform: profile.platform,
      type: profile.type,
      is_generic: profile.generic,
      family_name: profile.family,
    },
  }
}

function scannerMatch(status: RecordStatus, count: number, dice: Dice): number {
  if (status === 'MALICIOUS') return Math.min(count, Math.ceil(count * dice.between(4, 60, 100) / 100))
  if (status === 'SUSPICIOUS') return dice.between(4, 1, 5)
  return 0
}

/**
 * The record the service would send for `hash` (lower case, valid for `type`) with `status`.
 * UNKNOWN records hold only status and query_hash, as the real ones do.
 */
export function generateRecord(hash: string, type: HashType, status: RecordStatus, showHashes = true): SpectraRecord {
  const queryHash = { [type]: hash }
  if (status === 'UNKNOWN') return { status, query_hash: queryHash }
  const dice = new Dice(hash)
  const scannerCount = dice.between(3, 30, 60)
  const match = scannerMatch(status, scannerCount, dice)
  const firstSeen = FIRST_SEEN_FROM + dice.between(5, 0, 10 * SECONDS_PER_YEAR) * 1000
  const lastSeen = firstSeen + dice.between(6, 0, 3 * SECONDS_PER_YEAR) * 1000
  const threat = status === 'MALICIOUS' ? threatFields(dice.pick(1, MALICIOUS_THREATS))
    : status === 'SUSPICIOUS' ? threatFields(dice.pick(1, SUSPICIOUS_THREATS))
      : {}
  return {
    status,
    threat_level: status === 'MALICIOUS' ? dice.between(0, 3, 5) : status === 'SUSPICIOUS' ? dice.between(0, 1, 2) : 0,
    trust_factor: status === 'KNOWN' ? dice.between(0, 0, 3) : 5,
    reason: dice.pick(2, REASONS[status]),
    ...threat,
    scanner_count: scannerCount,
    scanner_match: match,
    scanner_percent: (match / scannerCount) * 100,
    first_seen: serviceTime(firstSeen),
    last_seen: serviceTime(lastSeen),
    query_hash: queryHash,
    // The service sends the sample's hashes only when asked with show_hashes=true.
    ...(showHashes ? sampleHashes(hash, type) : {}),
  }
}

// ---------------------------------------------------------------------------------------------
// Small pure helpers.

type Reply =
  | { kind: 'answer'; status: number; headers: Record<string, string>; body: string }
  | { kind: 'drop' }

function reply(status: number, body = '', contentType?: string, headers: Record<string, string> = {}): Reply {
  return { kind: 'answer', status, body, headers: contentType ? { 'Content-Type': contentType, ...headers } : headers }
}

function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return reply(status, JSON.stringify(value), 'application/json', headers)
}

function messageReply(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, { message }, headers)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Nested objects become nested elements: `<rl><malware_presence><status>…</status>…` */
function toXml(name: string, value: unknown): string {
  if (isObject(value)) {
    const children = Object.entries(value).map(([key, child]) => toXml(key, child)).join('')
    return `<${name}>${children}</${name}>`
  }
  if (Array.isArray(value)) return value.map((item) => toXml(name, item)).join('')
  if (value === undefined || value === null) return `<${name}/>`
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

/** `Basic base64(user:pass)`, split at the FIRST colon: usernames hold `/`, passwords may hold `:`. */
export function parseBasicAuth(header: string | undefined): { username: string; password: string } | null {
  const match = header ? /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header) : null
  if (!match?.[1]) return null
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return null
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** The type and hash segments of a single-lookup path, as sent. */
function singleLookupTarget(url: URL): { type: string; hash: string } | null {
  const match = SINGLE_PATH.exec(url.pathname)
  if (match?.[1] === undefined || match[2] === undefined) return null
  return { type: safeDecode(match[1]), hash: safeDecode(match[2]) }
}

function classify(method: string, path: string): Endpoint {
  // A CORS preflight is not a lookup: keep it out of lookupRequests() and of fault matching.
  if (method === 'OPTIONS') return 'other'
  if (path.startsWith(CONTROL_PREFIX)) return 'control'
  if (SINGLE_PATH.test(path)) return 'single'
  if (path === BULK_PATH) return 'bulk'
  if (path === '/api/customer_usage/v1/limits') return 'limits'
  if (path === '/api/customer_usage/v1/usage/daily') return 'usage-daily'
  if (path === '/api/customer_usage/v1/usage/monthly') return 'usage-monthly'
  return 'other'
}

function isLookup(endpoint: Endpoint): boolean {
  return endpoint === 'single' || endpoint === 'bulk'
}

function faultApplies(fault: Fault, endpoint: Endpoint): boolean {
  if (endpoint === 'control') return false
  return (fault.on ?? 'lookup') === 'any' || isLookup(endpoint)
}

function optionalNonNegative(value: unknown): value is number | undefined {
  return value === undefined || (typeof value === 'number' && Number.isFinite(value) && value >= 0)
}

/** Validates a fault from the control API or inject(); null when it is not one. */
export function parseFault(value: unknown): Fault | null {
  if (!isObject(value)) return null
  const { kind, times, on } = value
  if (times !== undefined && !(Number.isInteger(times) && typeof times === 'number' && times > 0)) return null
  if (on !== undefined && on !== 'lookup' && on !== 'any') return null
  const common: FaultCommon = { ...(times !== undefined ? { times } : {}), ...(on !== undefined ? { on } : {}) }
  switch (kind) {
    case 'rate-limit':
    case 'unavailable': {
      const { retryAfterSeconds } = value
      if (!optionalNonNegative(retryAfterSeconds)) return null
      return { kind, ...common, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) }
    }
    case 'slow': {
      const { ms } = value
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return null
      return { kind, ms, ...common }
    }
    case 'html': {
      const { status } = value
      if (status !== undefined && status !== 200 && status !== 502) return null
      return { kind, ...common, ...(status !== undefined ? { status } : {}) }
    }
    case 'quota-exhausted':
    case 'forbidden':
    case 'unauthorized':
    case 'drop':
    case 'malformed-json':
    case 'too-large':
      return { kind, ...common }
    default:
      return null
  }
}

/** What a proxy or captive portal sends instead of the service's JSON. */
function proxyErrorPage(status: number): string {
  const title = status === 502 ? '502 Bad Gateway' : 'Network access message'
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1>` +
    '<p>The proxy server could not forward your request to data.reversinglabs.com.</p></body></html>\n'
}

/** A lookup answer cut off mid-record: valid HTTP, invalid JSON. */
const MALFORMED_JSON = '{"rl": {"malware_presence": {"status": "MALICIOUS", "threat_name": "Win32.Tro'

function unauthorizedReply(): Reply {
  return messageReply(401, 'Unauthorized', { 'WWW-Authenticate': `Basic realm="${REALM}"` })
}

function retryAfterHeader(seconds: number | undefined): Record<string, string> {
  return seconds === undefined ? {} : { 'Retry-After': String(seconds) }
}

/** The answer a fault stands for; 'slow' and 'unauthorized' are handled where they apply. */
function faultReply(fault: Exclude<Fault, { kind: 'slow' }>): Reply {
  switch (fault.kind) {
    case 'rate-limit': return reply(429, RATE_LIMIT_BODY, 'application/json', retryAfterHeader(fault.retryAfterSeconds))
    case 'quota-exhausted': return reply(429)
    case 'forbidden': return reply(403)
    case 'unauthorized': return unauthorizedReply()
    case 'unavailable': return reply(503, 'Service Unavailable', 'text/plain', retryAfterHeader(fault.retryAfterSeconds))
    case 'drop': return { kind: 'drop' }
    case 'malformed-json': return reply(200, MALFORMED_JSON, 'application/json')
    case 'html': {
      const status = fault.status ?? 200
      return reply(status, proxyErrorPage(status), 'text/html; charset=utf-8')
    }
    case 'too-large': return messageReply(413, 'Request Entity Too Large')
  }
}

/** The bulk body's hash_type and hashes, read leniently for the request log. */
function askedInBulkBody(body: string): { hashType: string | null; hashes: string[] } {
  try {
    const query: unknown = (JSON.parse(body) as { rl?: { query?: unknown } } | null)?.rl?.query
    if (!isObject(query)) return { hashType: null, hashes: [] }
    return {
      hashType: typeof query.hash_type === 'string' ? query.hash_type : null,
      hashes: Array.isArray(query.hashes) ? query.hashes.filter((h): h is string => typeof h === 'string') : [],
    }
  } catch {
    return { hashType: null, hashes: [] }
  }
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

function dayKey(date: Date): string {
  return date.toISOString().slice(0, 10)
}

function monthKey(date: Date): string {
  return date.toISOString().slice(0, 7)
}

interface ReadBody { text: string; tooLarge: boolean }

/** Reads the whole body (it is small for every real request); past the cap it is drained, not kept. */
function readBody(request: IncomingMessage): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    request.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY_BYTES }))
    request.on('error', reject)
  })
}

function setCorsHeaders(request: IncomingMessage, response: ServerResponse): void {
  response.setHeader('Access-Control-Allow-Origin', '*')
  response.setHeader('Access-Control-Expose-Headers', 'Retry-After, WWW-Authenticate, Content-Type, Content-Length')
  if (request.method === 'OPTIONS') {
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS')
    response.setHeader('Access-Control-Allow-Headers', request.headers['access-control-request-headers'] ?? 'Authorization, Content-Type')
    response.setHeader('Access-Control-Max-Age', '600')
  }
}

// ---------------------------------------------------------------------------------------------
// The server.

interface ActiveFault { fault: Fault; remaining: number | null }

interface Incoming {
  method: string
  url: URL
  endpoint: Endpoint
  headers: IncomingMessage['headers']
  body: ReadBody
}

class SpectraSimulator implements Simulator {
  readonly #server: Server
  readonly #users: Map<string, string>
  readonly #forbidden: Set<string>
  readonly #limit: { limit: number; type: 'daily' | 'monthly' }
  readonly #records: Map<string, Partial<SpectraRecord>>
  readonly #log: RecordedRequest[] = []
  readonly #usageByDay = new Map<string, number>()
  readonly #pendingDelays = new Set<NodeJS.Timeout>()
  #faults: ActiveFault[] = []
  #now: () => Date = () => new Date()
  #url = ''

  constructor(options: SimulatorOptions) {
    this.#users = new Map(Object.entries(options.users ?? { [DEMO_USERNAME]: DEMO_PASSWORD }))
    this.#forbidden = new Set(options.forbiddenUsers ?? [])
    this.#limit = options.limit ?? { limit: 10000, type: 'daily' }
    this.#records = new Map(Object.entries(options.records ?? {}).map(([hash, record]) => [hash.toLowerCase(), record]))
    this.#server = createServer((request, response) => void this.#serve(request, response))
  }

  get url(): string { return this.#url }
  get requests(): RecordedRequest[] { return this.#log }

  lookupRequests(): RecordedRequest[] {
    return this.#log.filter((entry) => isLookup(entry.endpoint))
  }

  inject(fault: Fault): void {
    const parsed = parseFault(fault)
    if (!parsed) throw new TypeError(`Not a simulator fault: ${JSON.stringify(fault)}`)
    this.#faults.push({ fault: parsed, remaining: parsed.times ?? null })
  }

  clearFaults(): void {
    this.#faults = []
  }

  reset(): void {
    this.clearFaults()
    // In place, so a reference to `requests` taken earlier stays live.
    this.#log.length = 0
    this.#usageByDay.clear()
  }

  setNow(fn: () => Date): void {
    this.#now = fn
  }

  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject)
      this.#server.listen(port, host, () => {
        this.#server.off('error', reject)
        resolve()
      })
    })
    const { port: actual } = this.#server.address() as AddressInfo
    const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host
    this.#url = `http://${shownHost}:${actual}`
  }

  async close(): Promise<void> {
    // Slow answers still waiting would keep the process alive; their sockets are about to go anyway.
    for (const timer of this.#pendingDelays) clearTimeout(timer)
    this.#pendingDelays.clear()
    this.#server.closeAllConnections()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }

  // --- request handling -----------------------------------------------------------------------

  async #serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = Date.now()
    const method = request.method ?? 'GET'
    const url = new URL(request.url ?? '/', 'http://simulator.invalid')
    const endpoint = classify(method, url.pathname)
    setCorsHeaders(request, response)
    const entry = endpoint === 'control' ? null : this.#record(request, method, url, endpoint, at)
    try {
      const body = await readBody(request)
      if (entry) this.#noteAsked(entry, body.text)
      const incoming: Incoming = { method, url, endpoint, headers: request.headers, body }
      const answer = endpoint === 'control' ? this.#control(incoming) : await this.#answer(incoming)
      this.#send(request, response, answer, entry)
    } catch (error) {
      // A client that went away mid-body, or a bug here: never leave the socket hanging.
      if (!response.headersSent && !response.destroyed) {
        this.#send(request, response, messageReply(500, error instanceof Error ? error.message : 'internal error'), entry)
      }
    }
  }

  #record(request: IncomingMessage, method: string, url: URL, endpoint: Endpoint, at: number): RecordedRequest {
    const single = endpoint === 'single' ? singleLookupTarget(url) : null
    const entry: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      contentType: request.headers['content-type'],
      username: parseBasicAuth(request.headers.authorization)?.username ?? null,
      endpoint,
      hashType: single?.type ?? null,
      hashes: single ? [single.hash] : [],
      status: 0,
      at,
    }
    // Logged on arrival, so the log is in arrival order even when answers are slow.
    this.#log.push(entry)
    return entry
  }

  #noteAsked(entry: RecordedRequest, body: string): void {
    if (entry.endpoint !== 'bulk') return
    const asked = askedInBulkBody(body)
    entry.hashType = asked.hashType
    entry.hashes = asked.hashes
  }

  #send(request: IncomingMessage, response: ServerResponse, answer: Reply, entry: RecordedRequest | null): void {
    if (answer.kind === 'drop') {
      request.socket.destroy()
      return
    }
    if (entry) entry.status = answer.status
    if (response.destroyed) return
    response.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(Buffer.byteLength(answer.body)) })
    response.end(answer.body)
  }

  /** Order: preflight, 'unauthorized' fault, auth, entitlement, other faults, then the real answer. */
  async #answer(incoming: Incoming): Promise<Reply> {
    if (incoming.method === 'OPTIONS') return reply(204)
    if (this.#takeFault(incoming.endpoint, (f) => f.kind === 'unauthorized')) return unauthorizedReply()

    const credentials = parseBasicAuth(incoming.headers.authorization)
    if (!credentials || this.#users.get(credentials.username) !== credentials.password) return unauthorizedReply()
    if (this.#forbidden.has(credentials.username)) return reply(403)

    const fault = this.#takeFault(incoming.endpoint, (f) => f.kind !== 'unauthorized')
    if (fault?.kind === 'slow') await this.#delay(fault.ms)
    else if (fault) return faultReply(fault)

    if (incoming.body.tooLarge) return messageReply(413, 'Request Entity Too Large')
    return this.#route(incoming, credentials.username)
  }

  /** First matching fault wins; a counted one is used up here. */
  #takeFault(endpoint: Endpoint, wanted: (fault: Fault) => boolean): Fault | null {
    const active = this.#faults.find((candidate) => wanted(candidate.fault) && faultApplies(candidate.fault, endpoint))
    if (!active) return null
    if (active.remaining !== null) {
      active.remaining -= 1
      if (active.remaining <= 0) this.#faults = this.#faults.filter((candidate) => candidate !== active)
    }
    return active.fault
  }

  #delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pendingDelays.delete(timer)
        resolve()
      }, ms)
      this.#pendingDelays.add(timer)
    })
  }

  #route(incoming: Incoming, username: string): Reply {
    const { method, endpoint } = incoming
    const allowed = endpoint === 'bulk' ? 'POST' : 'GET'
    if (endpoint !== 'other' && method !== allowed) return messageReply(405, `Use ${allowed}.`, { Allow: allowed })
    switch (endpoint) {
      case 'single': return this.#singleLookup(incoming)
      case 'bulk': return this.#bulkLookup(incoming)
      case 'limits': return this.#limits(username)
      case 'usage-daily': return this.#usage(incoming.url, 'daily')
      case 'usage-monthly': return this.#usage(incoming.url, 'monthly')
      default: return messageReply(404, `No such endpoint: ${incoming.url.pathname}`)
    }
  }

  // --- lookups --------------------------------------------------------------------------------

  #singleLookup({ url }: Incoming): Reply {
    const target = singleLookupTarget(url)
    const type = target?.type.toLowerCase() ?? ''
    const hash = target?.hash.toLowerCase() ?? ''
    if (!isHashType(type)) return messageReply(400, `Unsupported hash type “${type}”.`)
    if (!HEX_ONLY.test(hash)) return messageReply(400, 'The hash is not hexadecimal.')
    if (hashTypeOfLength(hash.length) !== type) {
      return messageReply(400, `The path says ${type} but the hash has ${hash.length} hex digits (md5 32, sha1 40, sha256 64).`)
    }
    if (this.#quotaExhausted()) return reply(429)

    const record = this.#recordFor(hash, type, url.searchParams.get('show_hashes') === 'true')
    if (!record) return messageReply(404, 'Not found.')
    this.#charge(1)
    if (url.searchParams.get('format') === 'json') return jsonReply(200, { rl: { malware_presence: record } })
    return reply(200, `<?xml version="1.0" encoding="UTF-8"?>\n${toXml('rl', { malware_presence: record })}`, 'application/xml')
  }

  #bulkLookup({ url, headers, body }: Incoming): Reply {
    const media = mediaType(headers['content-type'])
    if (media !== 'application/json' && media !== 'application/octet-stream') {
      return messageReply(415, 'Send the query as application/json (or application/octet-stream).')
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(body.text)
    } catch {
      return messageReply(400, 'The request body is not valid JSON.')
    }
    const query = isObject(parsed) && isObject(parsed.rl) ? parsed.rl.query : undefined
    if (!isObject(query) || typeof query.hash_type !== 'string' || !Array.isArray(query.hashes) ||
      !query.hashes.every((h): h is string => typeof h === 'string')) {
      return messageReply(400, 'Expected {"rl": {"query": {"hash_type": "...", "hashes": ["..."]}}}.')
    }
    const hashes: string[] = query.hashes
    if (hashes.length > MAX_BULK_HASHES) return messageReply(413, `At most ${MAX_BULK_HASHES} hashes per request.`)
    const type = query.hash_type.toLowerCase()
    if (!isHashType(type)) return messageReply(400, `Unsupported hash type “${query.hash_type}”.`)
    if (this.#quotaExhausted()) return reply(429)
    return this.#bulkEntries(hashes, type, url.searchParams.get('show_hashes') === 'true')
  }

  #bulkEntries(hashes: string[], type: HashType, showHashes: boolean): Reply {
    const entries: SpectraRecord[] = []
    const invalid: string[] = []
    const answered = new Set<string>()
    for (const asked of hashes) {
      const hash = asked.toLowerCase()
      if (!HEX_ONLY.test(hash) || hashTypeOfLength(hash.length) !== type) {
        invalid.push(asked)
        continue
      }
      if (answered.has(hash)) continue // a repeated hash is answered (and charged) once
      answered.add(hash)
      // NOT_FOUND hashes are left out of entries, as the troubleshooting guide says.
      const record = this.#recordFor(hash, type, showHashes)
      if (record) entries.push(record)
    }
    // Only answered records are charged; invalid and not-found hashes are free.
    this.#charge(entries.length)
    return jsonReply(200, { rl: { entries, ...(invalid.length > 0 ? { invalid_hashes: invalid } : {}) } })
  }

  /** The record for a valid lower-case hash, or null when the service has never seen it. */
  #recordFor(hash: string, type: HashType, showHashes: boolean): SpectraRecord | null {
    const override = this.#records.get(hash)
    const status = override?.status ?? simulatedStatusOf(hash)
    if (status === 'NOT_FOUND') return null
    return { ...generateRecord(hash, type, status, showHashes), ...override }
  }

  // --- quota ----------------------------------------------------------------------------------

  #usedInPeriod(period: 'daily' | 'monthly', date: Date): number {
    if (period === 'daily') return this.#usageByDay.get(dayKey(date)) ?? 0
    const month = monthKey(date)
    let used = 0
    for (const [day, count] of this.#usageByDay) if (day.startsWith(month)) used += count
    return used
  }

  #quotaExhausted(): boolean {
    return this.#usedInPeriod(this.#limit.type, this.#now()) >= this.#limit.limit
  }

  #charge(count: number): void {
    if (count === 0) return
    const day = dayKey(this.#now())
    this.#usageByDay.set(day, (this.#usageByDay.get(day) ?? 0) + count)
  }

  #limits(username: string): Reply {
    return jsonReply(200, {
      rl: {
        limits: [{
          limit: this.#limit.limit,
          limit_type: this.#limit.type,
          limit_exceeded: this.#quotaExhausted(),
          products: [FILE_REPUTATION_PRODUCT],
          users: [username],
        }],
      },
    })
  }

  #usage(url: URL, period: 'daily' | 'monthly'): Reply {
    const param = period === 'daily' ? 'date' : 'month'
    const pattern = period === 'daily' ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}$/
    const asked = url.searchParams.get(param)
    if (asked !== null && !pattern.test(asked)) return messageReply(400, `${param} must look like ${period === 'daily' ? 'YYYY-MM-DD' : 'YYYY-MM'}.`)
    const now = this.#now()
    const key = asked ?? (period === 'daily' ? dayKey(now) : monthKey(now))
    // Any instant inside the asked day or month selects it.
    const inside = new Date(`${period === 'daily' ? key : `${key}-01`}T12:00:00Z`)
    // Date() rolls 2025-02-30 over into March; only a day or month that exists round-trips.
    const exists = !Number.isNaN(inside.getTime()) && (period === 'daily' ? dayKey(inside) : monthKey(inside)) === key
    if (!exists) return messageReply(400, `No such ${param}: ${key}.`)
    return jsonReply(200, {
      rl: {
        [param]: key,
        usage_report: [{ product: FILE_REPUTATION_PRODUCT, number_of_queries: this.#usedInPeriod(period, inside) }],
      },
    })
  }

  // --- control API (no auth, not logged) ------------------------------------------------------

  #control({ method, url, body }: Incoming): Reply {
    if (method === 'OPTIONS') return reply(204)
    const route = `${method} ${url.pathname}`
    switch (route) {
      case 'GET /__sim/requests': return jsonReply(200, this.#log)
      case 'POST /__sim/faults': return this.#injectFromJson(body.text)
      case 'DELETE /__sim/faults':
        this.clearFaults()
        return reply(204)
      case 'POST /__sim/reset':
        this.reset()
        return reply(204)
      default: return messageReply(404, `No such control endpoint: ${route}`)
    }
  }

  #injectFromJson(text: string): Reply {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      return messageReply(400, 'The body is not valid JSON.')
    }
    const fault = parseFault(value)
    if (!fault) return messageReply(400, 'Not a simulator fault.')
    this.inject(fault)
    return reply(204)
  }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const simulator = new SpectraSimulator(options)
  await simulator.listen(options.port ?? 0, options.host ?? '127.0.0.1')
  return simulator
}
