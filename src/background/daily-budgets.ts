/**
 * Daily budgets for automatic and hover lookups (issue 11), so no page can spend the whole quota and a share is always
 * left for lookups the user asks for. In storage.local: a budget must outlive the worker and the browser.
 */
import browser from 'webextension-polyfill'
import type { QuotaUsage } from '../shared/engine-status.ts'
import { nextQuotaReset } from '../shared/quota.ts'
import type { BudgetStop } from '../shared/verdict.ts'

const KEY = 'dailyBudgets'
/** Without a limit from the Customer Usage API. */
export const FALLBACK_TOTAL_DAILY_BUDGET = 5000
/** A hostile page can name many sites in a day; past this many, the least recent are forgotten (the total still holds). */
const MAX_SITES_KEPT = 5000

export interface BudgetLimits {
  perSite: number
  total: number
  /** Exempt from the per-site budget (not from the total). */
  trustedSites: readonly string[]
}

interface DaySpend {
  /** The UTC day these counts are for, YYYY-MM-DD. */
  day: string
  total: number
  sites: Record<string, number>
}

export interface BudgetStorage {
  load: () => Promise<unknown>
  save: (spend: DaySpend) => Promise<void>
}

export const storageLocalBudgets: BudgetStorage = {
  load: async () => (await browser.storage.local.get(KEY))[KEY],
  save: async (spend) => browser.storage.local.set({ [KEY]: spend }),
}

function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10)
}

/** Half the service's limit per day (a monthly one spread over the month's days), else the fallback. */
export function defaultTotalDailyBudget(usage: QuotaUsage | null, now: number): number {
  if (!usage || !(usage.limit > 0)) return FALLBACK_TOTAL_DAILY_BUDGET
  if (usage.period === 'daily') return Math.max(1, Math.floor(usage.limit / 2))
  const date = new Date(now)
  const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate()
  return Math.max(1, Math.floor(usage.limit / 2 / daysInMonth))
}

function parseSpend(stored: unknown): DaySpend | null {
  if (typeof stored !== 'object' || stored === null) return null
  const { day, total, sites } = stored as Partial<DaySpend>
  if (typeof day !== 'string' || typeof total !== 'number' || typeof sites !== 'object' || sites === null) return null
  const counts = Object.entries(sites).filter((entry): entry is [string, number] => typeof entry[1] === 'number')
  return { day, total, sites: Object.fromEntries(counts) }
}

export interface BudgetGrant {
  allowed: number
  /** Set when fewer than wanted may go. */
  stoppedBy?: BudgetStop
}

export class DailyBudgets {
  readonly #storage: BudgetStorage
  readonly #now: () => number
  readonly #ready: Promise<void>
  #spend: DaySpend
  #saving: Promise<void> = Promise.resolve()
  #isSaveScheduled = false

  constructor(storage: BudgetStorage = storageLocalBudgets, now: () => number = Date.now) {
    this.#storage = storage
    this.#now = now
    this.#spend = { day: utcDay(now()), total: 0, sites: {} }
    this.#ready = storage.load().then((stored) => {
      const spend = parseSpend(stored)
      if (spend) this.#spend = spend
    }).catch((error: unknown) => console.warn('HashLens: could not read the daily budgets', error))
  }

  /**
   * Charges up to `wanted` lookups to every site named (a frame's and its tab's top-level site: '' for none) and to
   * the total; returns how many may go, and which budget stopped the rest.
   */
  async take(sites: readonly string[], wanted: number, limits: BudgetLimits): Promise<BudgetGrant> {
    await this.#ready
    const now = this.#now()
    if (this.#spend.day !== utcDay(now)) this.#spend = { day: utcDay(now), total: 0, sites: {} }
    const charged = [...new Set(sites.filter((site) => site !== '' && !limits.trustedSites.includes(site)))]
    const resetsAt = nextQuotaReset('daily', now)
    let allowed = Math.max(0, Math.min(wanted, limits.total - this.#spend.total))
    let stoppedBy: BudgetStop | undefined = allowed < wanted ? { budget: 'total', resetsAt } : undefined
    for (const site of charged) {
      const left = Math.max(0, limits.perSite - (this.#spend.sites[site] ?? 0))
      if (left < allowed) {
        allowed = left
        stoppedBy = { budget: 'site', site, resetsAt }
      }
    }
    if (allowed > 0) {
      this.#spend.total += allowed
      for (const site of charged) {
        const spent = this.#spend.sites[site] ?? 0
        // Re-inserted, so the key order is least recently charged first.
        delete this.#spend.sites[site]
        this.#spend.sites[site] = spent + allowed
      }
      this.#forgetOldestSites()
      this.#scheduleSave()
    }
    return stoppedBy ? { allowed, stoppedBy } : { allowed }
  }

  /** Which budget of these sites (or the total) is spent today, charging nothing: for the popup's words. */
  async spentBudget(sites: readonly string[], limits: BudgetLimits): Promise<BudgetStop | undefined> {
    await this.#ready
    const now = this.#now()
    if (this.#spend.day !== utcDay(now)) return undefined
    const resetsAt = nextQuotaReset('daily', now)
    if (this.#spend.total >= limits.total) return { budget: 'total', resetsAt }
    const site = sites.find((s) => s !== '' && !limits.trustedSites.includes(s) && (this.#spend.sites[s] ?? 0) >= limits.perSite)
    return site === undefined ? undefined : { budget: 'site', site, resetsAt }
  }

  #forgetOldestSites(): void {
    const sites = Object.keys(this.#spend.sites)
    for (const site of sites.slice(0, Math.max(0, sites.length - MAX_SITES_KEPT))) delete this.#spend.sites[site]
  }

  /** One write at a time, the latest state last: the worker may stop any moment. */
  #scheduleSave(): void {
    if (this.#isSaveScheduled) return
    this.#isSaveScheduled = true
    this.#saving = this.#saving.then(async () => {
      this.#isSaveScheduled = false
      await this.#storage.save(structuredClone(this.#spend))
    }).catch((error: unknown) => console.warn('HashLens: could not save the daily budgets', error))
  }

  /** Resolves once what was charged so far is written. */
  get saved(): Promise<void> {
    return this.#saving
  }
}
