/** Daily quotas reset at 00:00 UTC, monthly ones on the 1st (troubleshooting guide, "429 — quota exceeded"). */
export type QuotaPeriod = 'daily' | 'monthly'

export function nextQuotaReset(period: QuotaPeriod, now: number): number {
  const date = new Date(now)
  if (period === 'daily') {
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1)
  }
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)
}
