/**
 * The records the service would send, generated from the hash alone so every run and process
 * agrees: the last hex digit picks the verdict, a digest of the hash the details.
 */
import { createHash } from 'node:crypto'
import type { HashType } from '../../src/shared/hash.ts'

export type SimulatedStatus = 'MALICIOUS' | 'SUSPICIOUS' | 'KNOWN' | 'UNKNOWN' | 'NOT_FOUND'
/** The statuses a record can carry; NOT_FOUND is the absence of a record. */
export type RecordStatus = Exclude<SimulatedStatus, 'NOT_FOUND'>

/** By the last digit, either case: 0-3 MALICIOUS, 4-5 SUSPICIOUS, 6-9 KNOWN, a-b UNKNOWN, c-f (or none) NOT_FOUND. */
export function simulatedStatusOf(hash: string): SimulatedStatus {
  const digit = Number.parseInt(hash.slice(-1).toLowerCase(), 16)
  if (Number.isNaN(digit)) return 'NOT_FOUND'
  if (digit <= 3) return 'MALICIOUS'
  if (digit <= 5) return 'SUSPICIOUS'
  if (digit <= 9) return 'KNOWN'
  if (digit <= 11) return 'UNKNOWN'
  return 'NOT_FOUND'
}

interface SpectraClassification {
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

/** For a lower-case `hash` valid for `type`. UNKNOWN records hold only status and query_hash, as real ones do. */
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

/** The record for a valid lower-case hash, `override` merged last; null when the service has never seen it. */
export function recordFor(hash: string, type: HashType, showHashes: boolean, override: Partial<SpectraRecord> | undefined): SpectraRecord | null {
  const status = override?.status ?? simulatedStatusOf(hash)
  if (status === 'NOT_FOUND') return null
  return { ...generateRecord(hash, type, status, showHashes), ...override }
}

// --- more about one sample (TCA-0103 XREF, TCA-0321 RHA1): field names as the service's ---------------------------

/** libmagic texts as XREF's `sample_type` gives them: PE, ELF and Mach-O get RHA1, the rest do not. */
export const SIMULATED_SAMPLE_TYPES = [
  'PE32 executable (GUI) Intel 80386, for MS Windows',
  'PE32+ executable (DLL) (console) x86-64, for MS Windows',
  'ELF 64-bit LSB executable, x86-64, version 1 (SYSV), statically linked',
  'Mach-O 64-bit x86_64 executable',
  'PDF document, version 1.7',
  'Zip archive data, at least v2.0 to extract',
] as const

const ENGINES = [
  'ahnlab', 'antivir', 'avast', 'bitdefender', 'carbonblack', 'clamav', 'crowdstrike', 'drweb', 'endgame', 'fortinet',
  'gdata', 'ikarus', 'k7computing', 'kaspersky', 'malwarebytes', 'mcafee', 'microsoft', 'panda', 'sophos', 'symantec',
] as const
const ENGINE_VARIANTS = ['', '_online', '_beta'] as const

export interface XrefSample {
  sha1: string
  md5: string
  sha256: string
  first_seen_on: string
  first_scanned_on: string
  last_scanned_on: string
  last_seen_on: string
  single_scan: boolean
  sample_type: string
  sample_size: number
  xref: { scanner_match: number; scanner_count: number; scanned_on: string; scanners: { name: string; version: string; timestamp: string }[]; results: { scanner: string; result: string }[] }[]
}

/** `rl.sample` of an XREF answer, from the File Reputation record (same counts and dates); `sampleType` overrides the drawn type. */
export function xrefSampleFor(hash: string, type: HashType, record: SpectraRecord, sampleType: string | undefined): XrefSample {
  const dice = new Dice(`xref:${hash}`)
  const hashes = sampleHashes(hash, type)
  const count = record.scanner_count ?? dice.between(0, 30, 60)
  const match = Math.min(count, record.scanner_match ?? 0)
  const firstSeen = record.first_seen ?? serviceTime(FIRST_SEEN_FROM)
  const lastScanned = record.last_seen ?? firstSeen
  const engines = Array.from({ length: Math.min(count, ENGINES.length * ENGINE_VARIANTS.length) }, (_, index) =>
    `${ENGINES[index % ENGINES.length]}${ENGINE_VARIANTS[Math.floor(index / ENGINES.length)]}`)
  const detection = record.threat_name ?? 'Generic.Malware'
  return {
    ...hashes,
    first_seen_on: firstSeen,
    first_scanned_on: firstSeen,
    last_scanned_on: lastScanned,
    last_seen_on: lastScanned,
    single_scan: false,
    sample_type: sampleType ?? dice.pick(1, SIMULATED_SAMPLE_TYPES),
    sample_size: dice.between(2, 1024, 8 * 1024 * 1024),
    xref: [{
      scanner_match: match,
      scanner_count: count,
      scanned_on: lastScanned,
      scanners: engines.map((name) => ({ name, version: `${name}.zip`, timestamp: lastScanned })),
      // The first `match` engines detect it, each under its own spelling of the threat name.
      results: engines.map((scanner, index) => ({ scanner, result: index < match ? `${detection}.${scanner.slice(0, 3).toUpperCase()}` : '' })),
    }],
  }
}

/** `rl.rha1_counters` for a SHA-1 of the given RHA1 type: counts drawn from the hash. */
export function rha1CountersFor(sha1: string, rha1Type: string) {
  const dice = new Dice(`rha1:${sha1}`)
  const known = dice.between(0, 0, 50)
  const malicious = dice.between(1, 0, 200)
  const suspicious = dice.between(2, 0, 20)
  const firstSeen = FIRST_SEEN_FROM + dice.between(3, 0, 8 * SECONDS_PER_YEAR) * 1000
  return {
    sha1,
    rha1_type: rha1Type,
    rha1_first_seen: serviceTime(firstSeen),
    rha1_last_seen: serviceTime(firstSeen + dice.between(4, 0, 3 * SECONDS_PER_YEAR) * 1000),
    sample_counters: { known, malicious, suspicious, total: known + malicious + suspicious },
  }
}
