/**
 * The service's answers as Verdicts (contract: shared/docs/spectra-api.md). Lenient: one odd
 * record never fails its batch, and a field of the wrong type is dropped.
 */
import { z } from './zod.ts'
import { HASH_TYPES, normalizeHash, type HashType } from './hash.ts'
import type { Classification, Verdict } from './verdict.ts'

const SERVICE_STATUSES = ['MALICIOUS', 'SUSPICIOUS', 'KNOWN', 'UNKNOWN'] as const

// `.catch(undefined)` turns a wrong-typed optional field into "absent" instead of a failure.
const optionalString = z.string().optional().catch(undefined)
const optionalNumber = z.number().finite().optional().catch(undefined)
const optionalBoolean = z.boolean().optional().catch(undefined)

const recordSchema = z.object({
  status: z.string(),
  query_hash: z.record(z.string(), z.unknown()),
  threat_name: optionalString,
  threat_level: optionalNumber,
  trust_factor: optionalNumber,
  reason: optionalString,
  classification: z.object({
    platform: optionalString,
    type: optionalString,
    is_generic: optionalBoolean,
    family_name: optionalString,
  }).optional().catch(undefined),
  scanner_count: optionalNumber,
  scanner_match: optionalNumber,
  first_seen: optionalString,
  last_seen: optionalString,
  md5: optionalString,
  sha1: optionalString,
  sha256: optionalString,
})

/** One record, read: a verdict for the hash it names, or why it could not be read. */
export type RecordReading =
  | { ok: true; verdict: Verdict }
  | { ok: false; hash: string | null; problem: string }

/** The service's times are UTC without a zone mark; keep them as ISO 8601 with `Z`. */
function toUtcIso(value: string | undefined): string | undefined {
  if (!value) return undefined
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`
  const time = Date.parse(withZone)
  return Number.isNaN(time) ? undefined : new Date(time).toISOString()
}

function queriedHash(queryHash: Record<string, unknown>): { hash: string; type: HashType } | null {
  for (const type of HASH_TYPES) {
    const value = queryHash[type]
    if (typeof value === 'string') {
      const normalized = normalizeHash(value)
      if (normalized && normalized.type === type) return normalized
    }
  }
  return null
}

function validSampleHash(value: string | undefined, type: HashType): string | undefined {
  const normalized = value ? normalizeHash(value) : null
  return normalized && normalized.type === type ? normalized.hash : undefined
}

export function readRecord(raw: unknown, checkedAt: number): RecordReading {
  const parsed = recordSchema.safeParse(raw)
  if (!parsed.success) {
    // Even a broken record may name its hash: then only that hash gets an error.
    const queryHash: unknown = typeof raw === 'object' && raw !== null && 'query_hash' in raw ? raw.query_hash : null
    const hint = typeof queryHash === 'object' && queryHash !== null ? queriedHash(queryHash as Record<string, unknown>) : null
    return { ok: false, hash: hint?.hash ?? null, problem: 'record without a status or query_hash' }
  }
  const record = parsed.data
  const asked = queriedHash(record.query_hash)
  if (!asked) return { ok: false, hash: null, problem: 'record whose query_hash names no valid hash' }
  const status = (SERVICE_STATUSES as readonly string[]).includes(record.status)
    ? (record.status as Classification)
    : null
  if (!status) return { ok: false, hash: asked.hash, problem: `unknown status “${record.status.slice(0, 40)}”` }

  const verdict: Verdict = {
    hash: asked.hash,
    type: asked.type,
    classification: status,
    threatName: record.threat_name,
    threatLevel: record.threat_level,
    trustFactor: record.trust_factor,
    platform: record.classification?.platform,
    malwareType: record.classification?.type,
    family: record.classification?.family_name,
    isGeneric: record.classification?.is_generic,
    reason: record.reason,
    scannerCount: record.scanner_count,
    scannerMatch: record.scanner_match,
    firstSeen: toUtcIso(record.first_seen),
    lastSeen: toUtcIso(record.last_seen),
    sampleHashes: {
      md5: validSampleHash(record.md5, 'md5'),
      sha1: validSampleHash(record.sha1, 'sha1'),
      sha256: validSampleHash(record.sha256, 'sha256'),
    },
    checkedAt,
  }
  return { ok: true, verdict: withoutUndefined(verdict) }
}

/** Keeps stored verdicts small and equal-comparable: absent fields are absent, not `undefined`. */
function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key]
    else if (typeof value[key] === 'object' && value[key] !== null) withoutUndefined(value[key] as object)
  }
  return value
}

export function notFoundVerdict(hash: string, type: HashType, checkedAt: number): Verdict {
  return { hash, type, classification: 'NOT_FOUND', sampleHashes: {}, checkedAt }
}

const bulkAnswerSchema = z.object({ rl: z.object({ entries: z.array(z.unknown()) }) })
const singleAnswerSchema = z.object({ rl: z.object({ malware_presence: z.unknown() }) })

/** What a bulk answer says about each asked hash. */
export interface BulkReading {
  verdicts: Map<string, Verdict>
  /** Asked hashes whose record was present but unreadable: they get an error, not "not found". */
  unreadable: Map<string, string>
}

/**
 * A hash left out of `entries` is "not found" (the guide), unless some record could not be tied
 * to a hash: then absence proves nothing, and the missing hashes are unreadable.
 */
export function readBulkAnswer(body: unknown, asked: readonly string[], type: HashType, checkedAt: number): BulkReading | null {
  const parsed = bulkAnswerSchema.safeParse(body)
  if (!parsed.success) return null
  const askedSet = new Set(asked)
  const verdicts = new Map<string, Verdict>()
  const unreadable = new Map<string, string>()
  let hasUntiedRecord = false
  for (const raw of parsed.data.rl.entries) {
    const reading = readRecord(raw, checkedAt)
    if (reading.ok) {
      if (askedSet.has(reading.verdict.hash) && reading.verdict.type === type) verdicts.set(reading.verdict.hash, reading.verdict)
    } else if (reading.hash && askedSet.has(reading.hash)) {
      unreadable.set(reading.hash, reading.problem)
    } else {
      hasUntiedRecord = true
    }
  }
  for (const hash of asked) {
    if (verdicts.has(hash) || unreadable.has(hash)) continue
    if (hasUntiedRecord) unreadable.set(hash, 'the answer held a record HashLens could not read')
    else verdicts.set(hash, notFoundVerdict(hash, type, checkedAt))
  }
  return { verdicts, unreadable }
}

export function readSingleAnswer(body: unknown, checkedAt: number): RecordReading | null {
  const parsed = singleAnswerSchema.safeParse(body)
  if (!parsed.success) return null
  return readRecord(parsed.data.rl.malware_presence, checkedAt)
}

const limitEntrySchema = z.object({
  limit: z.number(),
  limit_type: z.string(),
  limit_exceeded: z.boolean().optional().catch(undefined),
  products: z.array(z.string()).optional().catch(undefined),
})
const limitsSchema = z.object({ rl: z.object({ limits: z.array(z.unknown()) }) })

export interface QuotaLimit {
  limit: number
  period: 'daily' | 'monthly'
  exceeded: boolean
}

/** The File Reputation limit from Customer Usage `limits` (the first limit if none names it). */
export function readLimits(body: unknown): QuotaLimit | null {
  const parsed = limitsSchema.safeParse(body)
  if (!parsed.success) return null
  // One odd entry (another product's, say) must not hide ours.
  const limits = parsed.data.rl.limits.flatMap((raw) => {
    const entry = limitEntrySchema.safeParse(raw)
    return entry.success ? [entry.data] : []
  })
  // An account may have both a daily and a monthly limit: the one that ran out decides the reset.
  const forFileReputation = limits.filter((l) => l.products?.some((p) => p.includes('TCA-0101')))
  const candidates = forFileReputation.length > 0 ? forFileReputation : limits
  const ours = candidates.find((l) => l.limit_exceeded === true) ?? candidates[0]
  if (!ours) return null
  return {
    limit: ours.limit,
    period: ours.limit_type.toLowerCase() === 'monthly' ? 'monthly' : 'daily',
    exceeded: ours.limit_exceeded ?? false,
  }
}

const usageSchema = z.object({
  rl: z.object({
    usage_report: z.array(z.object({ product: z.string(), number_of_queries: z.number() }).loose()),
  }),
})

export function readUsage(body: unknown): number | null {
  const parsed = usageSchema.safeParse(body)
  if (!parsed.success) return null
  return parsed.data.rl.usage_report
    .filter((r) => r.product.includes('TCA-0101'))
    .reduce((sum, r) => sum + r.number_of_queries, 0)
}
