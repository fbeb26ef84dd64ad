/**
 * The page's hashes as a STIX 2.1 bundle (OASIS STIX Version 2.1, 10 June 2021,
 * https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html; sections cited below, which Errata 01 keeps).
 * - one `file` SCO per sample (§6.7), its known hashes; id deterministic (§2.9, §3.4): UUIDv5 in the
 *   STIX namespace over the RFC 8785 canonical JSON of its ID contributing properties (§6.7.1); a file checked on
 *   this computer (issue 16) also has its `name` (an ID contributing property) and `size`;
 * - one `malware-analysis` SDO per verdict (§4.12), `result` from malware-result-ov (§10.14):
 *   MALICIOUS → malicious, SUSPICIOUS → suspicious, KNOWN → benign (the service knows it as clean),
 *   UNKNOWN → unknown. NOT_FOUND and hashes without a verdict get none: nothing was analysed;
 * - one `grouping` SDO (§4.4, context "malware-analysis" from grouping-context-ov §10.6) naming
 *   them all, the page's address an external reference (§2.5) only when asked for;
 * - the `bundle` (§8).
 */
import type { ExportRow, FileExportRow } from './export-formats.ts'
import type { Classification, Verdict } from './verdict.ts'

/** §2.9: the namespace every producer uses for SCO identifiers. */
const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7'
/** §4.12.1 `product`: "all lowercase with words separated by a dash". */
export const STIX_PRODUCT = 'reversinglabs-spectra-intelligence'

/** hash-algorithm-ov (§10.7) names, in the order §6.7.1 prefers one of them for the id: MD5, SHA-1, SHA-256 (then SHA-512). */
const HASH_ALGORITHMS = [['md5', 'MD5'], ['sha1', 'SHA-1'], ['sha256', 'SHA-256']] as const
type StixHashes = Partial<Record<(typeof HASH_ALGORITHMS)[number][1], string>>

export const MALWARE_RESULT: Readonly<Record<Exclude<Classification, 'NOT_FOUND'>, string>> = {
  MALICIOUS: 'malicious', SUSPICIOUS: 'suspicious', KNOWN: 'benign', UNKNOWN: 'unknown',
}

export interface StixExportOptions {
  /** The tab's top document; written only when `includePageAddress`. */
  pageUrl?: string
  includePageAddress: boolean
  /** Injected so tests are deterministic. */
  now?: () => number
  randomUuid?: () => string
}

/** RFC 8785: keys sorted by UTF-16 code units, ES2015 number and string forms (JSON.stringify's). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

function uuidBytes(uuid: string): Uint8Array {
  return Uint8Array.from(uuid.replace(/-/g, '').match(/../g)!.map((pair) => parseInt(pair, 16)))
}

/** RFC 4122 §4.3: SHA-1 of namespace then name, version 5 and the RFC's variant set. */
export async function uuidV5(namespace: string, name: string): Promise<string> {
  const nameBytes = new TextEncoder().encode(name)
  const input = new Uint8Array(16 + nameBytes.length)
  input.set(uuidBytes(namespace))
  input.set(nameBytes, 16)
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', input)).slice(0, 16)
  digest[6] = (digest[6]! & 0x0f) | 0x50
  digest[8] = (digest[8]! & 0x3f) | 0x80
  const hex = [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** §6.7.1 + §2.9: of `hashes`, only the first of MD5, SHA-1, SHA-256 present contributes to the id; `name` does too. */
export async function fileId(hashes: StixHashes, name?: string): Promise<string> {
  const chosen = HASH_ALGORITHMS.map(([, algorithm]) => algorithm).find((algorithm) => hashes[algorithm] !== undefined)!
  return `file--${await uuidV5(STIX_SCO_NAMESPACE, canonicalJson({ hashes: { [chosen]: hashes[chosen] }, name }))}`
}

/** One `file` SCO to write: hashes by hash type, and the verdicts its analyses report. */
interface Sample {
  hashes: Map<string, string>
  verdicts: Verdict[]
  /** A file on this computer's name and size (§6.7.2). */
  name?: string
  size?: number
}

/** The row's hash and the sample's others the verdict names, lower case (hex is case-blind). */
function knownHashes(row: ExportRow, verdict: Verdict | undefined): Map<string, string> {
  const byType = new Map<string, string>()
  for (const [type] of HASH_ALGORITHMS) {
    const value = verdict?.sampleHashes[type]
    if (value) byType.set(type, value.toLowerCase())
  }
  if (HASH_ALGORITHMS.some(([type]) => type === row.type)) byType.set(row.type, row.hash.toLowerCase())
  return byType
}

function timestamp(ms: number): string {
  return new Date(ms).toISOString() // §2.16.1: RFC 3339 in UTC with `Z`; always milliseconds, as created/modified require (§3.2).
}

export async function toStixBundle(rows: readonly ExportRow[], options: StixExportOptions): Promise<string> {
  // Rows of one sample (sharing any hash) become one file: its hashes merged.
  const samples: Sample[] = []
  for (const row of rows) {
    const verdict = row.state?.state === 'verdict' ? row.state.verdict : undefined
    const hashes = knownHashes(row, verdict)
    if (hashes.size === 0) continue
    const values = new Set(hashes.values())
    const same = samples.filter((sample) => [...sample.hashes.values()].some((value) => values.has(value)))
    const merged = { hashes: new Map([...same.flatMap((s) => [...s.hashes]), ...hashes]), verdicts: same.flatMap((s) => s.verdicts) }
    if (verdict && verdict.classification !== 'NOT_FOUND') merged.verdicts.push(verdict)
    for (const sample of same) samples.splice(samples.indexOf(sample), 1)
    samples.push(merged)
  }
  const pageReference = options.includePageAddress && options.pageUrl ? [{ source_name: 'web-page', url: options.pageUrl }] : undefined
  return bundleOf(samples, options, pageReference)
}

/** Files checked on this computer: each its own `file`, with its name, size and three hashes, and its SHA-256's verdict. */
export function filesToStixBundle(rows: readonly FileExportRow[], options: Pick<StixExportOptions, 'now' | 'randomUuid'> = {}): Promise<string> {
  const samples = rows.map((row): Sample => {
    const verdict = row.state?.state === 'verdict' && row.state.verdict.classification !== 'NOT_FOUND' ? row.state.verdict : undefined
    const hashes = new Map(HASH_ALGORITHMS.map(([type]) => [type, row.hashes[type].toLowerCase()] as const))
    return { hashes, verdicts: verdict ? [verdict] : [], name: row.name, size: row.size }
  })
  return bundleOf(samples, options, undefined)
}

async function bundleOf(samples: readonly Sample[], options: Pick<StixExportOptions, 'now' | 'randomUuid'>,
  externalReferences: Array<{ source_name: string; url: string }> | undefined): Promise<string> {
  const randomUuid = options.randomUuid ?? (() => crypto.randomUUID())
  const now = timestamp((options.now ?? Date.now)())
  const objects: Array<Record<string, unknown>> = []
  const written = new Set<string>()
  for (const sample of samples) {
    const hashes: StixHashes = {}
    for (const [type, name] of HASH_ALGORITHMS) if (sample.hashes.has(type)) hashes[name] = sample.hashes.get(type)
    const id = await fileId(hashes, sample.name)
    // The same file checked twice is one object (§3.4: one id, one content), with each check's analysis.
    if (!written.has(id)) objects.push({ type: 'file', spec_version: '2.1', id, hashes, ...(sample.size !== undefined && { size: sample.size }), ...(sample.name !== undefined && { name: sample.name }) })
    written.add(id)
    for (const verdict of sample.verdicts) {
      objects.push({
        type: 'malware-analysis', spec_version: '2.1', id: `malware-analysis--${randomUuid()}`, created: now, modified: now,
        product: STIX_PRODUCT, result: MALWARE_RESULT[verdict.classification as keyof typeof MALWARE_RESULT],
        ...(verdict.threatName && { result_name: verdict.threatName }),
        analysis_ended: timestamp(verdict.checkedAt), sample_ref: id,
      })
    }
  }
  // §2.12: no list may be empty, and object_refs is required (§4.4.1): an empty export has no grouping.
  if (objects.length > 0) {
    objects.push({
      type: 'grouping', spec_version: '2.1', id: `grouping--${randomUuid()}`, created: now, modified: now,
      name: 'HashLens export', context: 'malware-analysis', object_refs: objects.map((object) => object.id),
      ...(externalReferences && { external_references: externalReferences }),
    })
  }
  // §8.1 `objects` is optional, "one or more" objects (§2.12: an empty list is omitted, never written).
  return JSON.stringify({ type: 'bundle', id: `bundle--${randomUuid()}`, ...(objects.length > 0 && { objects }) }, null, 2)
}
