/**
 * When an exhausted quota comes back. The service resets daily quotas at 00:00 UTC and
 * monthly quotas on the 1st at 00:00 UTC (troubleshooting guide, "429 — quota exceeded").
 */
export type QuotaPeriod = 'daily' | 'monthly'

export function nextQuotaReset(period: QuotaPeriod, now: number): number {
  const date = new Date(now)
  if (period === 'daily') {
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1)
  }
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)
}
