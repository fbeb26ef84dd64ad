/**
 * The one verdict model every part of HashLens speaks, whatever the service's
 * answer looked like (single lookup, bulk entry, 404, a hash left out of a bulk answer).
 */
import type { FailureDetail, LookupErrorKind } from './failure.ts'
import type { HashType } from './hash.ts'
import type { NotSampleKind } from './sample-judgement.ts'

/** Most severe first: the order of counts, filters and the toolbar badge's choice. */
export const CLASSIFICATIONS = ['MALICIOUS', 'SUSPICIOUS', 'KNOWN', 'UNKNOWN', 'NOT_FOUND'] as const
export type Classification = (typeof CLASSIFICATIONS)[number]

export interface SampleHashes {
  md5?: string
  sha1?: string
  sha256?: string
}

export interface Verdict {
  hash: string
  type: HashType
  classification: Classification
  threatName?: string
  /** 0–5, 5 most severe (MALICIOUS/SUSPICIOUS). */
  threatLevel?: number
  /** 0–5, 0 most trusted (KNOWN). */
  trustFactor?: number
  platform?: string
  malwareType?: string
  family?: string
  isGeneric?: boolean
  reason?: string
  scannerCount?: number
  scannerMatch?: number
  /** ISO 8601 in UTC with a `Z` (the service sends no zone mark). */
  firstSeen?: string
  lastSeen?: string
  /** The sample's other hashes, when the service named them. */
  sampleHashes: SampleHashes
  /** When HashLens got this answer (ms since epoch). */
  checkedAt: number
}

/** What a caller knows about one hash at a given moment. */
export type HashState =
  /** `retryAt`: the end of the backoff it waits out, when a page wakes a stopped worker (lookup-engine.ts, MIN_ALARM_DELAY_MS). */
  | { state: 'pending'; retryAt?: number }
  | { state: 'verdict'; verdict: Verdict }
  /** Data only: status-text.ts words it, the same on every surface. */
  | { state: 'error'; error: LookupErrorKind; detail?: FailureDetail }
  /**
   * Seen, but not looked up (automatic lookups off, over the page cap or a daily budget, or a site left idle).
   * `skippedAs`: not looked up automatically because its context says it is not a file sample (issue 13); asked for, it is.
   */
  | { state: 'idle'; stoppedBy?: BudgetStop; skippedAs?: NotSampleKind }

/**
 * The one budget of every document whose origin names no host (a data: frame, a sandboxed one): charged like a site.
 * The space keeps it from ever being a host name, an idle site or a trusted one.
 */
export const HOSTLESS_SITE = 'no host'

/** Which daily budget stopped automatic lookups, and when it starts afresh (00:00 UTC). */
export type BudgetStop = { budget: 'site'; site: string; resetsAt: number } | { budget: 'total'; resetsAt: number }

export type HashStates = Record<string, HashState>
