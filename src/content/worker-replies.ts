/**
 * Without zod, which stays out of the content bundle. Only the extension can message a content script, but a worker
 * of another version (after an update) may answer differently: what does not fit is dropped, not drawn.
 */
import { CLASSIFICATIONS, type BudgetStop, type Classification, type HashState, type HashStates, type Verdict } from '../shared/verdict.ts'
import { isLookupErrorKind, type FailureDetail } from '../shared/failure.ts'
import { hashTypeOfLength, normalizeHash } from '../shared/hash.ts'
import type { PageSettings } from '../shared/worker-events.ts'
import { LOOKUP_MODES, NOISE_FILTER_DEFAULTS } from '../shared/setting-values.ts'
import { NOT_SAMPLE_KINDS, type NotSampleKind } from '../shared/sample-judgement.ts'
import { MAX_PIVOT_NAME_LENGTH, MAX_PIVOTS } from '../shared/pivot-limits.ts'

type UnknownRecord = Record<string, unknown>

function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const LOWER_HEX = /^[0-9a-f]+$/

export function isNormalizedHash(value: string): boolean {
  return hashTypeOfLength(value.length) !== null && LOWER_HEX.test(value)
}

function isNotSampleKind(value: unknown): value is NotSampleKind {
  return (NOT_SAMPLE_KINDS as readonly unknown[]).includes(value)
}

function isClassification(value: unknown): value is Classification {
  return typeof value === 'string' && (CLASSIFICATIONS as readonly string[]).includes(value)
}

export function parsePageSettings(value: unknown): PageSettings | null {
  if (!isRecord(value)) return null
  const { lookupMode, perPageCap, isIdleSite, pivotNames, noiseFilters, notSampleKinds } = value
  if (!LOOKUP_MODES.some((mode) => mode === lookupMode)) return null
  if (typeof isIdleSite !== 'boolean' || !isRecord(noiseFilters)) return null
  // A missing or malformed flag keeps its default.
  const flags = Object.entries(NOISE_FILTER_DEFAULTS)
    .map(([name, fallback]) => [name, typeof noiseFilters[name] === 'boolean' ? noiseFilters[name] : fallback])
  return {
    lookupMode: lookupMode as PageSettings['lookupMode'],
    perPageCap: typeof perPageCap === 'number' ? perPageCap : 0,
    isIdleSite,
    // Names only, drawn as text; the bounds are the worker's own (pivots.ts), kept without zod.
    pivotNames: Array.isArray(pivotNames)
      ? pivotNames.filter((name): name is string => typeof name === 'string').slice(0, MAX_PIVOTS).map((name) => name.slice(0, MAX_PIVOT_NAME_LENGTH))
      : [],
    noiseFilters: Object.fromEntries(flags) as PageSettings['noiseFilters'],
    // None unless named: what this version cannot read is looked up, never left out.
    notSampleKinds: Array.isArray(notSampleKinds) ? NOT_SAMPLE_KINDS.filter((kind) => notSampleKinds.includes(kind)) : [],
  }
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/** Copies only the fields the card shows, each with its type checked. */
function parseVerdict(value: unknown, hash: string): Verdict | null {
  if (!isRecord(value) || !isClassification(value.classification)) return null
  const type = hashTypeOfLength(hash.length)
  if (type === null) return null
  return {
    hash,
    type,
    classification: value.classification,
    threatName: optionalString(value.threatName),
    threatLevel: optionalNumber(value.threatLevel),
    trustFactor: optionalNumber(value.trustFactor),
    scannerCount: optionalNumber(value.scannerCount),
    scannerMatch: optionalNumber(value.scannerMatch),
    firstSeen: optionalString(value.firstSeen),
    lastSeen: optionalString(value.lastSeen),
    sampleHashes: {},
    checkedAt: optionalNumber(value.checkedAt) ?? 0,
  }
}

/** A reason that does not fit is dropped: the hash still reads "Not looked up". */
function parseBudgetStop(value: unknown): BudgetStop | undefined {
  if (!isRecord(value)) return undefined
  const resetsAt = optionalNumber(value.resetsAt)
  if (resetsAt === undefined) return undefined
  if (value.budget === 'total') return { budget: 'total', resetsAt }
  if (value.budget === 'site' && typeof value.site === 'string') return { budget: 'site', site: value.site.slice(0, 300), resetsAt }
  return undefined
}

/** A detail that does not fit is dropped: the hash still shows its kind's words. */
function parseFailureDetail(value: unknown): FailureDetail | undefined {
  if (!isRecord(value)) return undefined
  switch (value.reason) {
    case 'unreadable-answer':
    case 'unreadable-record':
      return typeof value.text === 'string' ? { reason: value.reason, text: value.text } : undefined
    case 'http-status': {
      const status = optionalNumber(value.status)
      return status === undefined ? undefined : { reason: 'http-status', status }
    }
    case 'single-hash-413':
    case 'processing-failed':
      return { reason: value.reason }
    default:
      return undefined
  }
}

function parseHashState(value: unknown, hash: string): HashState | null {
  if (!isRecord(value)) return null
  switch (value.state) {
    case 'pending': {
      const retryAt = optionalNumber(value.retryAt)
      return retryAt === undefined ? { state: 'pending' } : { state: 'pending', retryAt }
    }
    case 'idle': {
      const stoppedBy = parseBudgetStop(value.stoppedBy)
      if (stoppedBy) return { state: 'idle', stoppedBy }
      return isNotSampleKind(value.skippedAs) ? { state: 'idle', skippedAs: value.skippedAs } : { state: 'idle' }
    }
    case 'error': {
      if (!isLookupErrorKind(value.error)) return null
      const detail = parseFailureDetail(value.detail)
      return detail ? { state: 'error', error: value.error, detail } : { state: 'error', error: value.error }
    }
    case 'verdict': {
      const verdict = parseVerdict(value.verdict, hash)
      return verdict ? { state: 'verdict', verdict } : null
    }
    default: return null
  }
}

export function parseHashStates(value: unknown): HashStates | null {
  if (!isRecord(value)) return null
  const states: HashStates = {}
  for (const [hash, raw] of Object.entries(value)) {
    if (!isNormalizedHash(hash)) continue
    const state = parseHashState(raw, hash)
    if (state) states[hash] = state
  }
  return states
}

export function isIdleSitesChanged(message: unknown): boolean {
  return isRecord(message) && message.type === 'idle-sites-changed'
}

/** The worker relays a list row's click: the hash to scroll to, when the message is that and the hash is well-formed. */
export function parseRevealHash(message: unknown): string | null {
  if (!isRecord(message) || message.type !== 'reveal-hash' || typeof message.hash !== 'string') return null
  return normalizeHash(message.hash)?.hash ?? null
}

export function parseStatesChanged(message: unknown): HashStates | null {
  if (!isRecord(message) || message.type !== 'states-changed') return null
  return parseHashStates(message.states)
}
