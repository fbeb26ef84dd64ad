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
