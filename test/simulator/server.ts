/** The simulator's HTTP server: routing, Basic auth, quota and usage, the request log and the /__sim/ control API. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { hashTypeOfLength, type HashType } from '../../src/shared/hash.ts'
import { FaultList, faultReply, parseFault, type Fault, type FaultScope } from './faults.ts'
import { recordFor, rha1CountersFor, xrefSampleFor, type SpectraRecord } from './records.ts'
import { rha1TypeOf } from '../../src/shared/sample-details.ts'
import { isObject, jsonReply, messageReply, reply, unauthorizedReply, type Reply } from './wire.ts'

export const DEMO_USERNAME = 'u/demo/analyst'
export const DEMO_PASSWORD = 'demo-password'

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
  /** Per hash (any case), merged over the generated record; an override's `status` also decides whether it is found. */
  records?: Record<string, Partial<SpectraRecord>>
  /** Per hash (any case): XREF's `sample_type` for it (libmagic text); otherwise drawn from the hash. */
  sampleTypes?: Record<string, string>
}

/** `xref`: TCA-0103 single query; `rha1`: TCA-0321 single query. */
export type Endpoint = 'single' | 'bulk' | 'xref' | 'rha1' | 'limits' | 'usage-daily' | 'usage-monthly' | 'control' | 'other'

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  contentType: string | undefined
  /** From Basic auth, null when missing/undecodable (recorded whether or not the login is valid). */
  username: string | null
  endpoint: Endpoint
  /** Single and XREF: the path segment; bulk: the body's hash_type; RHA1: the rha1_type segment, as sent. */
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
  /** Every hash those lookups asked about, in order, repeats included. */
  lookedUpHashes(): string[]
  /** Only the detail view's requests to one API (TCA-0103 `xref`, TCA-0321 `rha1`; preflights excluded). */
  detailRequests(api: 'xref' | 'rha1'): RecordedRequest[]
  inject(fault: Fault): void
  clearFaults(): void
  /** Clears faults, request log, usage counters and a forced quota (not users, options or the clock). */
  reset(): void
  /** Clock for quota/usage (tests). */
  setNow(fn: () => Date): void
  /**
   * Forces the quota exhausted (lookups answer 429, `limits` says limit_exceeded true) or
   * restored (`limits` says false; lookups answer); null goes back to counting usage.
   */
  setQuotaExhausted(exhausted: boolean | null): void
  /** closeAllConnections() then close(). */
  close(): Promise<void>
}

const FILE_REPUTATION_PRODUCT = 'TCA-0101 File Reputation'
const MAX_BULK_HASHES = 100
/** A bulk body for 100 SHA-256 hashes is about 7 KB; anything near this is not a lookup. */
const MAX_BODY_BYTES = 1024 * 1024
const SINGLE_PATH = /^\/api\/databrowser\/malware_presence\/query\/([^/]*)\/([^/]*)$/
const BULK_PATH = '/api/databrowser/malware_presence/bulk_query/json'
const XREF_PATH = /^\/api\/xref\/v2\/query\/([^/]*)\/([^/]*)$/
const RHA1_PATH = /^\/api\/rha1\/analytics\/v1\/query\/([^/]*)\/([^/]*)$/
const RHA1_TYPES: readonly string[] = ['pe01', 'elf01', 'macho01']
const CONTROL_PREFIX = '/__sim/'
const HEX_ONLY = /^[0-9a-f]+$/
const SERVICE_HASH_TYPES: readonly string[] = ['md5', 'sha1', 'sha256'] satisfies HashType[]

function isHashType(value: string): value is HashType {
  return SERVICE_HASH_TYPES.includes(value)
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
function parseBasicAuth(header: string | undefined): { username: string; password: string } | null {
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

/** The type and hash segments of a single-lookup (or XREF, or RHA1) path, as sent. */
function singleLookupTarget(url: URL, path: RegExp = SINGLE_PATH): { type: string; hash: string } | null {
  const match = path.exec(url.pathname)
  if (match?.[1] === undefined || match[2] === undefined) return null
  return { type: safeDecode(match[1]), hash: safeDecode(match[2]) }
}

function classify(method: string, path: string): Endpoint {
  // A CORS preflight is not a lookup: keep it out of lookupRequests() and of fault matching.
  if (method === 'OPTIONS') return 'other'
  if (path.startsWith(CONTROL_PREFIX)) return 'control'
  if (SINGLE_PATH.test(path)) return 'single'
  if (path === BULK_PATH) return 'bulk'
  if (XREF_PATH.test(path)) return 'xref'
  if (RHA1_PATH.test(path)) return 'rha1'
  if (path === '/api/customer_usage/v1/limits') return 'limits'
  if (path === '/api/customer_usage/v1/usage/daily') return 'usage-daily'
  if (path === '/api/customer_usage/v1/usage/monthly') return 'usage-monthly'
  return 'other'
}

function isLookup(endpoint: Endpoint): boolean {
  return endpoint === 'single' || endpoint === 'bulk'
}

/** Which faults an endpoint gets besides `on: 'any'` ones (faults.ts). */
function faultScopeOf(endpoint: Endpoint): Exclude<FaultScope, 'any'> | null {
  if (isLookup(endpoint)) return 'lookup'
  return endpoint === 'xref' || endpoint === 'rha1' ? endpoint : null
}

function pathOf(endpoint: Endpoint): RegExp | null {
  return endpoint === 'single' ? SINGLE_PATH : endpoint === 'xref' ? XREF_PATH : endpoint === 'rha1' ? RHA1_PATH : null
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
  readonly #sampleTypes: Map<string, string>
  readonly #log: RecordedRequest[] = []
  readonly #usageByDay = new Map<string, number>()
  readonly #pendingDelays = new Set<NodeJS.Timeout>()
  readonly #faults = new FaultList()
  #now: () => Date = () => new Date()
  #quotaOverride: boolean | null = null
  #url = ''

  constructor(options: SimulatorOptions) {
    this.#users = new Map(Object.entries(options.users ?? { [DEMO_USERNAME]: DEMO_PASSWORD }))
    this.#forbidden = new Set(options.forbiddenUsers ?? [])
    this.#limit = options.limit ?? { limit: 10000, type: 'daily' }
    this.#records = new Map(Object.entries(options.records ?? {}).map(([hash, record]) => [hash.toLowerCase(), record]))
    this.#sampleTypes = new Map(Object.entries(options.sampleTypes ?? {}).map(([hash, type]) => [hash.toLowerCase(), type]))
    this.#server = createServer((request, response) => void this.#serve(request, response))
  }

  get url(): string { return this.#url }
  get requests(): RecordedRequest[] { return this.#log }

  lookupRequests(): RecordedRequest[] {
    return this.#log.filter((entry) => isLookup(entry.endpoint))
  }

  lookedUpHashes(): string[] {
    return this.lookupRequests().flatMap((request) => request.hashes)
  }

  detailRequests(api: 'xref' | 'rha1'): RecordedRequest[] {
    return this.#log.filter((entry) => entry.endpoint === api)
  }

  inject(fault: Fault): void {
    this.#faults.inject(fault)
  }

  clearFaults(): void {
    this.#faults.clear()
  }

  reset(): void {
    this.clearFaults()
    // In place, so a reference to `requests` taken earlier stays live.
    this.#log.length = 0
    this.#usageByDay.clear()
    this.#quotaOverride = null
  }

  setNow(fn: () => Date): void {
    this.#now = fn
  }

  setQuotaExhausted(exhausted: boolean | null): void {
    this.#quotaOverride = exhausted
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
    const path = pathOf(endpoint)
    const single = path ? singleLookupTarget(url, path) : null
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
    if (this.#faults.take(faultScopeOf(incoming.endpoint), (f) => f.kind === 'unauthorized')) return unauthorizedReply()

    const credentials = parseBasicAuth(incoming.headers.authorization)
    if (!credentials || this.#users.get(credentials.username) !== credentials.password) return unauthorizedReply()
    if (this.#forbidden.has(credentials.username)) return reply(403)

    const fault = this.#faults.take(faultScopeOf(incoming.endpoint), (f) => f.kind !== 'unauthorized')
    if (fault?.kind === 'slow') await this.#delay(fault.ms)
    else if (fault) return faultReply(fault)

    if (incoming.body.tooLarge) return messageReply(413, 'Request Entity Too Large')
    return this.#route(incoming, credentials.username)
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
      case 'xref': return this.#xref(incoming)
      case 'rha1': return this.#rha1(incoming)
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

    const record = recordFor(hash, type, url.searchParams.get('show_hashes') === 'true', this.#records.get(hash))
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
      const record = recordFor(hash, type, showHashes, this.#records.get(hash))
      if (record) entries.push(record)
    }
    // Only answered records are charged; invalid and not-found hashes are free.
    this.#charge(entries.length)
    return jsonReply(200, { rl: { entries, ...(invalid.length > 0 ? { invalid_hashes: invalid } : {}) } })
  }

  // --- more about one sample (not charged to TCA-0101: each is its own product) ----------------------------------

  /** The XREF sample for a valid lower-case hash, or null when File Reputation has no record of it (never scanned). */
  #xrefSample(hash: string, type: HashType) {
    const record = recordFor(hash, type, true, this.#records.get(hash))
    return record && record.status !== 'UNKNOWN' ? xrefSampleFor(hash, type, record, this.#sampleTypes.get(hash)) : null
  }

  #xref({ url }: Incoming): Reply {
    const target = singleLookupTarget(url, XREF_PATH)
    const type = target?.type.toLowerCase() ?? ''
    const hash = target?.hash.toLowerCase() ?? ''
    if (!isHashType(type)) return messageReply(400, `Unsupported hash type “${type}”.`)
    if (!HEX_ONLY.test(hash) || hashTypeOfLength(hash.length) !== type) return messageReply(400, 'The hash does not match its type.')
    if (url.searchParams.get('format') !== 'json') return messageReply(400, 'This simulator answers XREF in JSON only (format=json).')
    const sample = this.#xrefSample(hash, type)
    return sample ? jsonReply(200, { rl: { sample } }) : messageReply(404, 'Not found.')
  }

  /** Answers only a SHA-1 whose sample is of the asked RHA1 type (its XREF sample_type), as the service groups by type. */
  #rha1({ url }: Incoming): Reply {
    const target = singleLookupTarget(url, RHA1_PATH)
    const rha1Type = target?.type.toLowerCase() ?? ''
    const sha1 = target?.hash.toLowerCase() ?? ''
    if (!RHA1_TYPES.includes(rha1Type)) return messageReply(400, `Unsupported rha1_type “${rha1Type}”.`)
    if (!HEX_ONLY.test(sha1) || sha1.length !== 40) return messageReply(400, 'RHA1 analytics takes a SHA-1 only.')
    if (url.searchParams.get('format') !== 'json') return messageReply(400, 'This simulator answers RHA1 in JSON only (format=json).')
    const sample = this.#xrefSample(sha1, 'sha1')
    if (!sample || rha1TypeOf(sample.sample_type) !== rha1Type) return messageReply(404, 'Not found.')
    return jsonReply(200, { rl: { rha1_counters: rha1CountersFor(sha1, rha1Type) } })
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
    if (this.#quotaOverride !== null) return this.#quotaOverride
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
