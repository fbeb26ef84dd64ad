/**
 * "More about one sample" (detail view): TCA-0103 historic multi-AV (XREF) and TCA-0321 RHA1 analytics answers, read
 * leniently (contract: shared/docs/spectra-api.md, "More about one sample, on demand"). Field names as in RL's SDK
 * test data and demisto/content `ReversingLabs_Titanium_Cloud` test_data (`av_scanners_report.json`,
 * `rha1_analytics_report.json`). A reader never throws: null means "not the answer's shape".
 */
import { z } from './zod.ts'
import type { EngineStatus } from './engine-status.ts'
import type { ServiceFailure } from './failure.ts'
import type { HashState } from './verdict.ts'

/** The APIs a detail view may ask; each costs one lookup of its own product. */
export const DETAIL_APIS = ['xref', 'rha1'] as const
export type DetailApi = (typeof DETAIL_APIS)[number]

export type Rha1Type = 'pe01' | 'elf01' | 'macho01'

export interface EngineResult {
  engine: string
  /** The engine's detection name; empty when it scanned and found nothing. */
  detection: string
}

export interface XrefDetails {
  /** libmagic text, e.g. "PE32 executable (GUI) Intel 80386, for MS Windows". */
  sampleType?: string
  sampleSize?: number
  firstSeen?: string
  lastScanned?: string
  scannerCount?: number
  scannerMatch?: number
  /** The latest scan's results, detections first. */
  results: EngineResult[]
}

export interface Rha1Details {
  rha1Type?: string
  firstSeen?: string
  lastSeen?: string
  counts: { known?: number; malicious?: number; suspicious?: number; total?: number }
}

/** A cached answer: the details, or "the service has no record of this sample" (404 or an empty answer). */
export type DetailsAnswer<T> = { found: true; details: T } | { found: false }

const optionalString = z.string().optional().catch(undefined)
const optionalCount = z.number().finite().nonnegative().optional().catch(undefined)

/** Engine results far beyond any real scanner count are cut: the view and the cache stay small. */
const MAX_RESULTS = 200
const MAX_TEXT = 300

const resultSchema = z.object({ scanner: z.string(), result: z.string().optional().catch(undefined) })
const scanSchema = z.object({
  scanner_count: optionalCount,
  scanner_match: optionalCount,
  scanned_on: optionalString,
  results: z.array(z.unknown()).optional().catch(undefined),
})
const xrefSampleSchema = z.object({
  sample_type: optionalString,
  sample_size: optionalCount,
  first_seen_on: optionalString,
  first_scanned_on: optionalString,
  last_scanned_on: optionalString,
  xref: z.array(z.unknown()).optional().catch(undefined),
})

/** The service's times are UTC without a zone mark (and sometimes with microseconds): ISO 8601 with `Z`. */
function toUtcIso(value: string | undefined): string | undefined {
  if (!value) return undefined
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`
  const time = Date.parse(withZone)
  return Number.isNaN(time) ? undefined : new Date(time).toISOString()
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text
}

function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key]
  return value
}

/** The newest scan of `xref` (the list is newest first with history=false, but a later `scanned_on` wins anyway). */
function latestScan(scans: readonly unknown[]): z.infer<typeof scanSchema> | undefined {
  let latest: z.infer<typeof scanSchema> | undefined
  for (const raw of scans) {
    const scan = scanSchema.safeParse(raw)
    if (!scan.success) continue
    if (!latest || (scan.data.scanned_on ?? '') > (latest.scanned_on ?? '')) latest = scan.data
  }
  return latest
}

function engineResults(raw: readonly unknown[] | undefined): EngineResult[] {
  const results: EngineResult[] = []
  for (const item of (raw ?? []).slice(0, MAX_RESULTS)) {
    const parsed = resultSchema.safeParse(item)
    if (parsed.success) results.push({ engine: clip(parsed.data.scanner), detection: clip(parsed.data.result ?? '') })
  }
  // Detections first, then by engine name: the names are what the view is for.
  return results.sort((a, b) => Number(b.detection !== '') - Number(a.detection !== '') || a.engine.localeCompare(b.engine))
}

/** One `rl.sample` of an XREF answer (single query, or one item of a bulk answer's `entries`). */
export function readXrefSample(raw: unknown): XrefDetails | null {
  const parsed = xrefSampleSchema.safeParse(raw)
  if (!parsed.success) return null
  const sample = parsed.data
  const scan = latestScan(sample.xref ?? [])
  return withoutUndefined({
    sampleType: sample.sample_type === undefined ? undefined : clip(sample.sample_type),
    sampleSize: sample.sample_size,
    firstSeen: toUtcIso(sample.first_seen_on ?? sample.first_scanned_on),
    lastScanned: toUtcIso(sample.last_scanned_on ?? scan?.scanned_on),
    scannerCount: scan?.scanner_count,
    scannerMatch: scan?.scanner_match,
    results: engineResults(scan?.results),
  })
}

const xrefSingleSchema = z.object({ rl: z.object({ sample: z.unknown() }) })

/** `GET /api/xref/v2/query/{type}/{hash}`: `{"rl": {"sample": {...}}}`; null when the answer is not that shape. */
export function readXrefAnswer(body: unknown): XrefDetails | null {
  const parsed = xrefSingleSchema.safeParse(body)
  return parsed.success ? readXrefSample(parsed.data.rl.sample) : null
}

const rha1Schema = z.object({
  rl: z.object({
    rha1_counters: z.object({
      rha1_type: optionalString,
      rha1_first_seen: optionalString,
      rha1_last_seen: optionalString,
      sample_counters: z.object({
        known: optionalCount, malicious: optionalCount, suspicious: optionalCount, total: optionalCount,
      }).optional().catch(undefined),
    }),
  }),
})

/** `GET /api/rha1/analytics/v1/query/{rha1_type}/{sha1}`: `{"rl": {"rha1_counters": {...}}}`. */
export function readRha1Answer(body: unknown): Rha1Details | null {
  const parsed = rha1Schema.safeParse(body)
  if (!parsed.success) return null
  const counters = parsed.data.rl.rha1_counters
  return withoutUndefined({
    rha1Type: counters.rha1_type,
    firstSeen: toUtcIso(counters.rha1_first_seen),
    lastSeen: toUtcIso(counters.rha1_last_seen),
    counts: withoutUndefined({ ...counters.sample_counters }),
  })
}

/**
 * RHA1's `rha1_type` from the sample's file type: the SDK's RHA1_TYPE_MAP keys (TCA-0104's "PE32", "ELF64 Little",
 * "MachO32 Big") and the libmagic text XREF gives ("PE32+ executable", "ELF 64-bit LSB", "Mach-O 64-bit"). Null for
 * any other or unknown type: RHA1 covers PE, ELF and Mach-O only.
 */
export function rha1TypeOf(fileType: string | undefined): Rha1Type | null {
  const text = fileType?.trim() ?? ''
  if (/^PE(16|32)?\+?(\s|\/|$)/.test(text)) return 'pe01'
  if (/^ELF(\s?(32|64)(-bit)?)?(\s|\/|$)/.test(text)) return 'elf01'
  if (/^Mach-?O(\s?(32|64))?(\s|-|\/|$)/i.test(text)) return 'macho01'
  return null
}

/**
 * Why a "More" is not offered: `not-entitled` after a 403 for this account; `no-support` the backend has no such API;
 * RHA1 only: `type-unknown` (no multi-AV file type yet), `type-unsupported` (not PE, ELF or Mach-O), `no-sha1` (the
 * cache knows no SHA-1 of the sample).
 */
export type MoreUnavailable = 'not-entitled' | 'no-support' | 'type-unknown' | 'type-unsupported' | 'no-sha1'

/** What one "More" is at: its cached answer (with when), and whether it may be asked. */
export interface MoreState<T> {
  cached?: { answer: DetailsAnswer<T>; storedAt: number }
  /** Absent: it may be asked (or is cached). */
  unavailable?: MoreUnavailable
}

/** Everything the detail view shows of one hash, as the worker knows it now. */
export interface HashDetailsReport {
  hash: string
  /** The cache's (or the engine's) state of the hash: a verdict holds classification, threat, engines, dates, hashes. */
  state?: HashState
  xref: MoreState<XrefDetails>
  rha1: MoreState<Rha1Details>
}

/** Why "More" sent nothing or got no answer: the service's failure, the engine's wait, or not offered. */
export type MoreProblem =
  | ServiceFailure
  | { kind: 'not-configured' }
  | { kind: 'not-offered'; reason: MoreUnavailable }
  /** The engine waits out a rate limit or an overload (or a stop, a quota pause): "More" waits with it. */
  | { kind: 'engine-waiting'; status: EngineStatus }

export type MoreResult = { ok: true; report: HashDetailsReport } | { ok: false; problem: MoreProblem; report: HashDetailsReport }
