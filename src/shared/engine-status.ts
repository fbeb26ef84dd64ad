/** The engine's state, derived once in the worker so the popup, options page and hover card agree. */
import type { FailureDetail, LookupErrorKind, WithFields } from './failure.ts'
import type { QuotaPeriod } from './quota.ts'

/** An unexpected status shows as an unreadable answer, the status in its detail. */
type EngineProblemKind = Exclude<LookupErrorKind, 'http-error'>

interface StatusFields {
  'quota-exhausted': { resetsAt: number; period: QuotaPeriod }
  'rate-limited': { retryAt: number }
  'unavailable': { retryAt: number }
  'offline': { retryAt: number | null }
  'timeout': { retryAt: number | null }
  'bad-answer': { detail: FailureDetail }
}

export type EngineStatus = { kind: 'ready' } | WithFields<EngineProblemKind, StatusFields>

/** Today's use against the limit, from the Customer Usage API. */
export interface QuotaUsage {
  used: number
  limit: number
  period: QuotaPeriod
  checkedAt: number
}
