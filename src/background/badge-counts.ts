/**
 * What the toolbar badge counts, per tab, kept in the worker's memory.
 *
 * The badge used to re-read the state of every hash the tab shows (a cache read per hash)
 * each time verdicts arrived: on a page of 2,000 hashes settling in a dozen batches that was
 * tens of thousands of IndexedDB reads, the worker's largest cost, slowing the lookups
 * themselves. Now each hash is read from the cache once per tab (the first time the badge
 * meets it) and every later verdict comes from what the worker pushes to the tab.
 */
import type { Classification, HashStates } from '../shared/verdict.ts'

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
