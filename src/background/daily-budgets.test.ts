import { describe, expect, it, vi } from 'vitest'
import { DailyBudgets, defaultTotalDailyBudget, FALLBACK_TOTAL_DAILY_BUDGET, type BudgetLimits, type BudgetStorage } from './daily-budgets.ts'

// The default storage (storage.local) is not used here: each test passes its own.
vi.mock('webextension-polyfill', () => ({ default: {} }))

const LIMITS: BudgetLimits = { perSite: 10, total: 25, trustedSites: [] }
const DAY_1 = Date.UTC(2026, 11, 1, 22, 30)
const MIDNIGHT = Date.UTC(2026, 11, 2)

function memoryStorage(): BudgetStorage & { stored: unknown } {
  const storage = {
    stored: undefined as unknown,
    load: async () => structuredClone(storage.stored),
    save: async (spend: unknown) => { storage.stored = structuredClone(spend) },
  }
  return storage
}

function setup(start = DAY_1) {
  const storage = memoryStorage()
  const clock = { now: start }
  return { storage, clock, budgets: new DailyBudgets(storage, () => clock.now) }
}

describe('DailyBudgets', () => {
  it('counts what it grants and stops at the per-site budget, naming the site and the next 00:00 UTC', async () => {
    const { budgets } = setup()
    expect(await budgets.take(['a.example'], 6, LIMITS)).toEqual({ allowed: 6 })
    expect(await budgets.take(['a.example'], 6, LIMITS)).toEqual({ allowed: 4, stoppedBy: { budget: 'site', site: 'a.example', resetsAt: MIDNIGHT } })
    expect(await budgets.take(['a.example'], 1, LIMITS)).toEqual({ allowed: 0, stoppedBy: { budget: 'site', site: 'a.example', resetsAt: MIDNIGHT } })
    expect(await budgets.take(['b.example'], 3, LIMITS)).toEqual({ allowed: 3 })
  })

  it('charges a frame\'s lookups to both its site and the top-level site: fresh frame sites get no new budget', async () => {
    const { budgets } = setup()
    expect((await budgets.take(['ads1.example', 'top.example'], 7, LIMITS)).allowed).toBe(7)
    expect(await budgets.take(['ads2.example', 'top.example'], 7, LIMITS)).toEqual({ allowed: 3, stoppedBy: { budget: 'site', site: 'top.example', resetsAt: MIDNIGHT } })
    // The frame's site was charged as well: on its own page it has only what is left.
    expect((await budgets.take(['ads1.example'], 10, LIMITS)).allowed).toBe(3)
    // The same site twice (a frame of its own page) is charged once.
    expect((await budgets.take(['c.example', 'c.example'], 4, LIMITS)).allowed).toBe(4)
    expect((await budgets.take(['c.example'], 10, LIMITS)).allowed).toBe(6)
  })

  it('stops at the total budget on all sites together', async () => {
    const { budgets } = setup()
    for (const site of ['a.example', 'b.example']) await budgets.take([site], 10, LIMITS)
    expect(await budgets.take(['c.example'], 10, LIMITS)).toEqual({ allowed: 5, stoppedBy: { budget: 'total', resetsAt: MIDNIGHT } })
    expect(await budgets.take(['d.example'], 1, LIMITS)).toEqual({ allowed: 0, stoppedBy: { budget: 'total', resetsAt: MIDNIGHT } })
  })

  it('a trusted site has no per-site budget, but still counts toward the total', async () => {
    const { budgets } = setup()
    const limits = { ...LIMITS, trustedSites: ['siem.example'] }
    expect(await budgets.take(['siem.example'], 20, limits)).toEqual({ allowed: 20 })
    // A frame of another site inside the trusted page is still charged to its own site.
    expect(await budgets.take(['ads.example', 'siem.example'], 20, limits)).toEqual({ allowed: 5, stoppedBy: { budget: 'total', resetsAt: MIDNIGHT } })
  })

  it('starts afresh at 00:00 UTC', async () => {
    const { budgets, clock } = setup()
    await budgets.take(['a.example'], 10, LIMITS)
    clock.now = MIDNIGHT - 1
    expect((await budgets.take(['a.example'], 1, LIMITS)).allowed).toBe(0)
    clock.now = MIDNIGHT
    expect(await budgets.take(['a.example'], 10, LIMITS)).toEqual({ allowed: 10 })
    expect((await budgets.take(['a.example'], 1, LIMITS)).stoppedBy).toEqual({ budget: 'site', site: 'a.example', resetsAt: Date.UTC(2026, 11, 3) })
  })

  it('survives a new instance (a restarted worker): what was spent today stays spent', async () => {
    const { budgets, storage, clock } = setup()
    await budgets.take(['a.example', 'top.example'], 8, LIMITS)
    await budgets.saved
    const restarted = new DailyBudgets(storage, () => clock.now)
    expect((await restarted.take(['top.example'], 10, LIMITS)).allowed).toBe(2)
    expect((await restarted.take(['b.example'], 20, LIMITS)).allowed).toBe(10)
    await restarted.saved
    // Stored yesterday, read after midnight: a new day.
    clock.now = MIDNIGHT + 5
    expect((await new DailyBudgets(storage, () => clock.now).take(['top.example'], 10, LIMITS)).allowed).toBe(10)
  })

  it('says which budget is spent without charging anything', async () => {
    const { budgets, clock } = setup()
    expect(await budgets.spentBudget(['a.example'], LIMITS)).toBeUndefined()
    await budgets.take(['a.example'], 10, LIMITS)
    expect(await budgets.spentBudget(['a.example'], LIMITS)).toEqual({ budget: 'site', site: 'a.example', resetsAt: MIDNIGHT })
    expect(await budgets.spentBudget(['a.example'], { ...LIMITS, trustedSites: ['a.example'] })).toBeUndefined()
    expect(await budgets.spentBudget(['b.example'], { ...LIMITS, total: 10 })).toEqual({ budget: 'total', resetsAt: MIDNIGHT })
    expect((await budgets.take(['b.example'], 10, LIMITS)).allowed).toBe(10)
    clock.now = MIDNIGHT
    expect(await budgets.spentBudget(['a.example'], LIMITS)).toBeUndefined()
  })

  it('reads unreadable stored counts as none spent', async () => {
    const storage = memoryStorage()
    storage.stored = { day: 42, total: 'x' }
    expect((await new DailyBudgets(storage, () => DAY_1).take(['a.example'], 10, LIMITS)).allowed).toBe(10)
  })
})

describe('defaultTotalDailyBudget', () => {
  it('is half the daily limit the Customer Usage API reports', () => {
    expect(defaultTotalDailyBudget({ used: 3, limit: 10_000, period: 'daily', checkedAt: DAY_1 }, DAY_1)).toBe(5000)
  })

  it('of a monthly limit, is half of it over the days of the current month', () => {
    const usage = { used: 0, limit: 62_000, period: 'monthly' as const, checkedAt: DAY_1 }
    expect(defaultTotalDailyBudget(usage, DAY_1)).toBe(1000) // December: 31 days
    expect(defaultTotalDailyBudget(usage, Date.UTC(2027, 1, 10))).toBe(1107) // February 2027: 28 days
  })

  it('is 5,000 when the limit is not known', () => {
    expect(defaultTotalDailyBudget(null, DAY_1)).toBe(FALLBACK_TOTAL_DAILY_BUDGET)
    expect(FALLBACK_TOTAL_DAILY_BUDGET).toBe(5000)
  })
})
