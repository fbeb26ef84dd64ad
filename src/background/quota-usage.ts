/** "1,234 of 10,000 lookups today", from the Customer Usage API (/work/shared/docs/spectra-api.md). */
import type { EngineStatus, QuotaUsage } from '../shared/engine-status.ts'
import type { BackendClient } from './backend.ts'

const REFRESH_MS = 5 * 60 * 1000

export class QuotaUsageTracker {
  readonly #getClient: () => Promise<BackendClient | null>
  readonly #status: () => EngineStatus
  #last: QuotaUsage | null = null
  #lastAttemptAt = -Infinity
  #refreshing: Promise<QuotaUsage | null> | null = null

  constructor(getClient: () => Promise<BackendClient | null>, status: () => EngineStatus) {
    this.#getClient = getClient
    this.#status = status
  }

  invalidate(): void {
    this.#last = null
    this.#lastAttemptAt = -Infinity
  }

  remember(usage: QuotaUsage): void {
    this.#last = usage
    this.#lastAttemptAt = usage.checkedAt
  }

  /** Between refreshes, counts what HashLens itself spent, so the figure moves as lookups happen. */
  noteCharged(count: number): void {
    if (this.#last && count > 0) this.#last = { ...this.#last, used: this.#last.used + count }
  }

  async get(now: number = Date.now()): Promise<QuotaUsage | null> {
    // Only a healthy engine asks: a rate limit, a stop or an exhausted quota is no time to.
    if (this.#status().kind !== 'ready') return this.#last
    // A failed refresh (no Customer Usage entitlement, offline) waits as long as a good one,
    // and callers polling meanwhile share the one request under way.
    if (now - this.#lastAttemptAt < REFRESH_MS) return this.#refreshing ?? this.#last
    this.#lastAttemptAt = now
    this.#refreshing = (async () => {
      const client = await this.#getClient()
      const fresh = client ? await fetchUsage(client, now).catch(() => null) : null
      if (fresh) this.#last = fresh
      this.#refreshing = null
      return this.#last
    })()
    return this.#refreshing
  }
}

export async function fetchUsage(client: BackendClient, now: number = Date.now()): Promise<QuotaUsage | null> {
  const limits = await client.limits()
  if (!limits.ok) return null
  const used = await client.usage(limits.value.period)
  if (!used.ok) return null
  return { used: used.value, limit: limits.value.limit, period: limits.value.period, checkedAt: now }
}
