/**
 * The failures tests switch on, per request: both kinds of 429, 401, 403, 503, slow answers,
 * dropped connections, malformed JSON, proxy pages and 413.
 */
import { isObject, messageReply, reply, unauthorizedReply, type Reply } from './wire.ts'

/**
 * Which requests a fault applies to: lookups only (default), one detail API only (`xref`, TCA-0103; `rha1`, TCA-0321:
 * e.g. a 403 "not entitled" to it while lookups answer), or every non-control endpoint.
 */
export type FaultScope = 'lookup' | 'xref' | 'rha1' | 'any'
const FAULT_SCOPES: readonly unknown[] = ['lookup', 'xref', 'rha1', 'any'] satisfies FaultScope[]
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

const RATE_LIMIT_BODY = '{"message":"Rate limit exceeded"}'

function optionalNonNegative(value: unknown): value is number | undefined {
  return value === undefined || (typeof value === 'number' && Number.isFinite(value) && value >= 0)
}

/** Validates a fault from the control API or inject(); null when it is not one. */
export function parseFault(value: unknown): Fault | null {
  if (!isObject(value)) return null
  const { kind, times, on } = value
  if (times !== undefined && !(Number.isInteger(times) && typeof times === 'number' && times > 0)) return null
  if (on !== undefined && !FAULT_SCOPES.includes(on)) return null
  const common: FaultCommon = { ...(times !== undefined ? { times } : {}), ...(on !== undefined ? { on: on as FaultScope } : {}) }
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

function retryAfterHeader(seconds: number | undefined): Record<string, string> {
  return seconds === undefined ? {} : { 'Retry-After': String(seconds) }
}

/** The answer a fault stands for; the server delays 'slow' answers and applies 'unauthorized' before auth. */
export function faultReply(fault: Exclude<Fault, { kind: 'slow' }>): Reply {
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

interface ActiveFault { fault: Fault; remaining: number | null }

export class FaultList {
  #faults: ActiveFault[] = []

  inject(fault: Fault): void {
    const parsed = parseFault(fault)
    if (!parsed) throw new TypeError(`Not a simulator fault: ${JSON.stringify(fault)}`)
    this.#faults.push({ fault: parsed, remaining: parsed.times ?? null })
  }

  clear(): void {
    this.#faults = []
  }

  /** First matching fault wins; a counted one is used up here. `scope`: the request's (null: not a lookup nor a detail API). */
  take(scope: Exclude<FaultScope, 'any'> | null, wanted: (fault: Fault) => boolean): Fault | null {
    const active = this.#faults.find((candidate) => {
      const on = candidate.fault.on ?? 'lookup'
      return wanted(candidate.fault) && (on === 'any' || on === scope)
    })
    if (!active) return null
    if (active.remaining !== null) {
      active.remaining -= 1
      if (active.remaining <= 0) this.#faults = this.#faults.filter((candidate) => candidate !== active)
    }
    return active.fault
  }
}
