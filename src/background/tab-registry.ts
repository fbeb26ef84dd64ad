/** Also in storage.session, so a restarted worker still knows which tabs show which hashes. */
import browser from 'webextension-polyfill'

const KEY = 'tabHashes'

export class TabRegistry {
  /** Per tab, its hashes in the order they were found. */
  readonly #tabs = new Map<number, Set<string>>()
  /** Per tab, how many hashes automatic lookups have been spent on (the per-page cap). */
  readonly #autoLookups = new Map<number, number>()
  readonly #ready: Promise<void>
  #isSaveScheduled = false
  #saving: Promise<void> = Promise.resolve()

  constructor() {
    this.#ready = this.#rehydrate()
  }

  async #rehydrate(): Promise<void> {
    const stored = (await browser.storage.session.get(KEY))[KEY] as Record<string, { hashes: string[]; auto: number }> | undefined
    if (typeof stored !== 'object' || stored === null) return
    for (const [tabId, entry] of Object.entries(stored)) {
      if (!Array.isArray(entry?.hashes)) continue
      this.#tabs.set(Number(tabId), new Set(entry.hashes.filter((h) => typeof h === 'string')))
      this.#autoLookups.set(Number(tabId), typeof entry.auto === 'number' ? entry.auto : 0)
    }
  }

  get ready(): Promise<void> {
    return this.#ready
  }

  /** Returns the hashes new to the tab. */
  add(tabId: number, hashes: readonly string[]): string[] {
    let set = this.#tabs.get(tabId)
    if (!set) this.#tabs.set(tabId, (set = new Set()))
    const added: string[] = []
    for (const hash of hashes) {
      if (set.has(hash)) continue
      set.add(hash)
      added.push(hash)
    }
    if (added.length > 0) this.#scheduleSave()
    return added
  }

  hashesOf(tabId: number): string[] {
    return [...(this.#tabs.get(tabId) ?? [])]
  }

  /** Counts automatic lookups against the cap; returns how many of `wanted` may go. */
  takeAutoAllowance(tabId: number, wanted: number, cap: number): number {
    const spent = this.#autoLookups.get(tabId) ?? 0
    const allowed = Math.max(0, Math.min(wanted, cap - spent))
    this.#autoLookups.set(tabId, spent + allowed)
    this.#scheduleSave()
    return allowed
  }

  tabsShowing(hashes: readonly string[]): number[] {
    const tabs: number[] = []
    for (const [tabId, set] of this.#tabs) {
      if (hashes.some((hash) => set.has(hash))) tabs.push(tabId)
    }
    return tabs
  }

  /** Returns whether the tab had hashes. */
  forget(tabId: number): boolean {
    const hadHashes = (this.#tabs.get(tabId)?.size ?? 0) > 0
    const hadEntry = this.#tabs.delete(tabId)
    const hadLookups = this.#autoLookups.delete(tabId)
    if (hadEntry || hadLookups) this.#scheduleSave()
    return hadHashes
  }

  /**
   * At once, or right after the write in flight (one at a time, latest state last): Chrome may stop the worker any
   * moment, and a registry lost unsaved would leave a restarted worker's verdicts reaching no tab.
   */
  #scheduleSave(): void {
    if (this.#isSaveScheduled) return
    this.#isSaveScheduled = true
    this.#saving = this.#saving.then(async () => {
      this.#isSaveScheduled = false
      const snapshot: Record<string, { hashes: string[]; auto: number }> = {}
      for (const [tabId, set] of this.#tabs) snapshot[tabId] = { hashes: [...set], auto: this.#autoLookups.get(tabId) ?? 0 }
      await browser.storage.session.set({ [KEY]: snapshot })
    }).catch((error: unknown) => console.warn('HashLens: could not save the open tabs\' hashes', error))
  }
}
