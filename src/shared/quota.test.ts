import { describe, expect, it } from 'vitest'
import { nextQuotaReset } from './quota.ts'

const at = (iso: string) => Date.parse(iso)
const iso = (ms: number) => new Date(ms).toISOString()

describe('nextQuotaReset: daily quotas reset at 00:00 UTC', () => {
  it('mid-day → the next 00:00 UTC', () => {
    expect(iso(nextQuotaReset('daily', at('2024-07-03T14:35:12.345Z')))).toBe('2024-07-04T00:00:00.000Z')
  })

  it('one millisecond before midnight → that midnight', () => {
    expect(iso(nextQuotaReset('daily', at('2024-07-03T23:59:59.999Z')))).toBe('2024-07-04T00:00:00.000Z')
  })

  it('exactly 00:00 UTC → the next day’s 00:00 (never "now")', () => {
    expect(iso(nextQuotaReset('daily', at('2024-07-03T00:00:00.000Z')))).toBe('2024-07-04T00:00:00.000Z')
  })

  it('Dec 31 → Jan 1 of the next year', () => {
    expect(iso(nextQuotaReset('daily', at('2024-12-31T18:00:00Z')))).toBe('2025-01-01T00:00:00.000Z')
  })

  it('end of a month → the 1st of the next', () => {
    expect(iso(nextQuotaReset('daily', at('2024-04-30T09:00:00Z')))).toBe('2024-05-01T00:00:00.000Z')
  })

  it('Feb 28 of a leap year → Feb 29; of a common year → Mar 1', () => {
    expect(iso(nextQuotaReset('daily', at('2024-02-28T12:00:00Z')))).toBe('2024-02-29T00:00:00.000Z')
    expect(iso(nextQuotaReset('daily', at('2023-02-28T12:00:00Z')))).toBe('2023-03-01T00:00:00.000Z')
  })

  it('counts in UTC, not local time: a moment that is already "tomorrow" east of UTC still resets at UTC midnight', () => {
    // 23:30 UTC is 08:30 next day in Tokyo; the reset is still in 30 minutes.
    const now = at('2024-07-03T23:30:00Z')
    expect(nextQuotaReset('daily', now) - now).toBe(30 * 60_000)
  })
})

describe('nextQuotaReset: monthly quotas reset on the 1st at 00:00 UTC', () => {
  it('Jan 31 → Feb 1', () => {
    expect(iso(nextQuotaReset('monthly', at('2024-01-31T12:00:00Z')))).toBe('2024-02-01T00:00:00.000Z')
  })

  it('mid-month → the 1st of the next month', () => {
    expect(iso(nextQuotaReset('monthly', at('2024-07-15T08:00:00Z')))).toBe('2024-08-01T00:00:00.000Z')
  })

  it('exactly 00:00 UTC on the 1st → the 1st of the next month', () => {
    expect(iso(nextQuotaReset('monthly', at('2024-07-01T00:00:00.000Z')))).toBe('2024-08-01T00:00:00.000Z')
  })

  it('December → Jan 1 of the next year', () => {
    expect(iso(nextQuotaReset('monthly', at('2024-12-01T00:00:00Z')))).toBe('2025-01-01T00:00:00.000Z')
    expect(iso(nextQuotaReset('monthly', at('2024-12-31T23:59:59.999Z')))).toBe('2025-01-01T00:00:00.000Z')
  })

  it('Feb 29 of a leap year → Mar 1', () => {
    expect(iso(nextQuotaReset('monthly', at('2024-02-29T10:00:00Z')))).toBe('2024-03-01T00:00:00.000Z')
  })

  it('Feb 29 with the daily period → Mar 1 too', () => {
    expect(iso(nextQuotaReset('daily', at('2024-02-29T10:00:00Z')))).toBe('2024-03-01T00:00:00.000Z')
  })
})
