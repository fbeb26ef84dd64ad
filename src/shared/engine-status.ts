/** The engine's state, derived once in the worker so the popup, options page and hover card agree. */
import type { QuotaPeriod } from './quota.ts'

export type EngineStatus =
  | { kind: 'not-configured' }
  | { kind: 'ready' }
  | { kind: 'unauthorized' }
  | { kind: 'forbidden' }
  | { kind: 'quota-exhausted'; resetsAt: number; period: QuotaPeriod }
  | { kind: 'rate-limited'; retryAt: number }
  | { kind: 'unavailable'; retryAt: number }
  | { kind: 'offline'; retryAt: number | null }
  | { kind: 'timeout'; retryAt: number | null }
  | { kind: 'bad-answer'; detail: string }

/** Today's use against the limit, from the Customer Usage API. */
export interface QuotaUsage {
  used: number
  limit: number
  period: QuotaPeriod
  checkedAt: number
}
