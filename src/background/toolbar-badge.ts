/**
 * The toolbar badge: per tab, the count of malicious (else suspicious) hashes it shows, redrawn
 * once per burst of verdicts. Each hash is read from the cache once per tab, the first time the
 * badge meets it, or taken from the answer to the tab's report that brought it; later verdicts come from what the
 * worker pushes to the tab (re-reading every shown hash per batch cost tens of thousands of IndexedDB reads on a page
 * of 2,000 hashes).
 */
import browser from 'webextension-polyfill'
import { TONE_COLORS } from '../shared/tone-palette.ts'
import type { Classification, HashStates } from '../shared/verdict.ts'
import type { TabRegistry } from './tab-registry.ts'

/** A page of 2,000 hashes settles in many batches; the badge needs one count. */
const BADGE_DEBOUNCE_MS = 150

export interface ToolbarBadgeContext {
  tabs: Pick<TabRegistry, 'ready' | 'hashesOf'>
  /** The states known now (cache, queue), without looking anything up. */
  peek: (hashes: readonly string[]) => Promise<HashStates>
}

export class ToolbarBadge {
  readonly #timers = new Map<number, ReturnType<typeof setTimeout>>()
  readonly #counts = new BadgeCounts()
  /** States pushed to a tab since its badge was last drawn. */
  readonly #pushedSinceBadge = new Map<number, HashStates>()
  /** States its reports were answered with since then: read from the cache already. */
  readonly #reportedSinceBadge = new Map<number, HashStates>()

  constructor(private readonly ctx: ToolbarBadgeContext) {}

  /**
   * Redraws the tab's badge soon, counting `pushed` (states just sent to the tab). `reported`: the states a report of
   * the tab was just answered with, which stand for the badge's one read of those hashes (a flooding tab's 2,000 fresh
   * hashes a batch were read from the cache twice, and another tab's lookups waited behind the reads).
   */
  schedule(tabId: number, pushed: HashStates = {}, reported: HashStates = {}): void {
    this.#pushedSinceBadge.set(tabId, { ...this.#pushedSinceBadge.get(tabId), ...pushed })
    if (Object.keys(reported).length > 0) this.#reportedSinceBadge.set(tabId, { ...this.#reportedSinceBadge.get(tabId), ...reported })
    if (this.#timers.has(tabId)) return
    this.#timers.set(tabId, setTimeout(() => {
      this.#timers.delete(tabId)
      void this.#update(tabId)
    }, BADGE_DEBOUNCE_MS))
  }

  /** A closed tab, or a new page in it: no badge refresh of the old page may still run. */
  forget(tabId: number): void {
    this.#pushedSinceBadge.delete(tabId)
    this.#reportedSinceBadge.delete(tabId)
    clearTimeout(this.#timers.get(tabId))
    this.#timers.delete(tabId)
    this.#counts.forget(tabId)
  }

  async #update(tabId: number): Promise<void> {
    const { tabs } = this.ctx
    await tabs.ready
    const pushed = this.#pushedSinceBadge.get(tabId) ?? {}
    this.#pushedSinceBadge.delete(tabId)
    const reported = this.#reportedSinceBadge.get(tabId) ?? {}
    this.#reportedSinceBadge.delete(tabId)
    // Hashes the badge has not met yet are read once (cached verdicts, queued hashes), unless a report's answer gave
    // their state; what was pushed since is newer, so it goes last.
    const shown = tabs.hashesOf(tabId)
    const unseen = this.#counts.unseen(tabId, shown)
    const answered = unseen.filter((hash) => Object.hasOwn(reported, hash))
    if (answered.length > 0) this.#counts.record(tabId, Object.fromEntries(answered.map((hash) => [hash, reported[hash]!])), answered)
    const unread = answered.length === 0 ? unseen : unseen.filter((hash) => !Object.hasOwn(reported, hash))
    if (unread.length > 0) {
      const generation = this.#counts.generation(tabId)
      const states = await this.ctx.peek(unread)
      // Closed, or on a new page, while the cache was read: this count is of nothing shown now.
      if (this.#counts.generation(tabId) !== generation) return
      this.#counts.record(tabId, states, unread)
    }
    this.#counts.record(tabId, pushed)
    const classes = this.#counts.classesOf(tabId, shown)
    const badge = badgeFor(classes)
    await browser.action.setBadgeText({ tabId, text: badge.text }).catch(() => undefined)
    if (badge.text) await browser.action.setBadgeBackgroundColor({ tabId, color: badge.color }).catch(() => undefined)
  }
}

/** What the badge counts, per tab, kept in the worker's memory. */
export class BadgeCounts {
  /** Per tab, the classification of each hash that has a verdict. */
  readonly #classes = new Map<number, Map<string, Classification>>()
  /** Per tab, the hashes whose state the counter has met (read or pushed). */
  readonly #seen = new Map<number, Set<string>>()
  /** Per tab, bumped by forget(): a refresh that started before it must not write afterwards. */
  readonly #generations = new Map<number, number>()

  /** Compare before and after an await: a different value means the tab was forgotten meanwhile. */
  generation(tabId: number): number {
    return this.#generations.get(tabId) ?? 0
  }

  /** The tab's hashes the counter has never met: the caller reads their states once. */
  unseen(tabId: number, shown: readonly string[]): string[] {
    const seen = this.#seen.get(tabId)
    return seen ? shown.filter((hash) => !seen.has(hash)) : [...shown]
  }

  /**
   * Records states, newest last. `met` are hashes whose state was read even when it said
   * nothing (no verdict, not queued): they are not read again.
   */
  record(tabId: number, states: HashStates, met: readonly string[] = []): void {
    let seen = this.#seen.get(tabId)
    if (!seen) this.#seen.set(tabId, (seen = new Set()))
    let classes = this.#classes.get(tabId)
    if (!classes) this.#classes.set(tabId, (classes = new Map()))
    for (const hash of met) seen.add(hash)
    for (const [hash, state] of Object.entries(states)) {
      seen.add(hash)
      // "Look up again" shows a hash as pending for a moment: its last verdict still counts.
      if (state.state === 'verdict') classes.set(hash, state.verdict.classification)
    }
  }

  /** The classifications of the hashes the tab shows now. */
  classesOf(tabId: number, shown: readonly string[]): Classification[] {
    const classes = this.#classes.get(tabId)
    if (!classes) return []
    return shown.flatMap((hash) => {
      const classification = classes.get(hash)
      return classification ? [classification] : []
    })
  }

  /** A new page in the tab, or a closed tab: start afresh, and stale refreshes see it. */
  forget(tabId: number): void {
    this.#classes.delete(tabId)
    this.#seen.delete(tabId)
    this.#generations.set(tabId, this.generation(tabId) + 1)
  }

  /** How many tabs have counts (for tests: closed tabs must not linger). */
  get tabCount(): number {
    return this.#classes.size
  }
}

/** The toolbar badge: malicious count in the malicious tone, else suspicious in its tone, else nothing. */
export function badgeFor(classes: readonly Classification[]): { text: string; color: string } {
  const malicious = classes.filter((c) => c === 'MALICIOUS').length
  if (malicious > 0) return { text: String(malicious), color: TONE_COLORS.malicious }
  const suspicious = classes.filter((c) => c === 'SUSPICIOUS').length
  if (suspicious > 0) return { text: String(suspicious), color: TONE_COLORS.suspicious }
  return { text: '', color: TONE_COLORS.unknown }
}
