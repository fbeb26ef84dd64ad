import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Alarms } from 'webextension-polyfill'

/** browser.alarms, kept in a map. */
const alarms = new Map<string, Alarms.CreateAlarmInfoType>()
vi.mock('webextension-polyfill', () => ({
  default: {
    alarms: {
      get: async (name: string) => (alarms.has(name) ? { name, scheduledTime: 0, ...alarms.get(name) } : undefined),
      create: async (name: string, info: Alarms.CreateAlarmInfoType) => { alarms.set(name, info) },
      clear: async (name: string) => alarms.delete(name),
    },
  },
}))

const { QUOTA_RECHECK_ALARM, setQuotaRecheck } = await import('./quota-recheck.ts')

beforeEach(() => alarms.clear())

describe('setQuotaRecheck', () => {
  it('creates a 15-minute repeating alarm', async () => {
    await setQuotaRecheck(true)
    expect(alarms.get(QUOTA_RECHECK_ALARM)).toEqual({ delayInMinutes: 15, periodInMinutes: 15 })
  })

  it('leaves an alarm already there alone, so a restarted worker does not push the check back', async () => {
    const existing = { when: 12345, periodInMinutes: 15 }
    alarms.set(QUOTA_RECHECK_ALARM, existing)
    await setQuotaRecheck(true)
    expect(alarms.get(QUOTA_RECHECK_ALARM)).toBe(existing)
  })

  it('off clears it', async () => {
    await setQuotaRecheck(true)
    await setQuotaRecheck(false)
    expect(alarms.has(QUOTA_RECHECK_ALARM)).toBe(false)
  })
})
