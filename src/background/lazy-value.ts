/** Settings go with every content-script answer: kept in memory, as storage costs round trips; a restarted worker reads again. */
export class LazyValue<T> {
  #value: Promise<T> | null = null

  constructor(private readonly load: () => Promise<T>) {}

  get(): Promise<T> {
    if (this.#value) return this.#value
    const loading = this.load()
    this.#value = loading
    // A failed read is not kept: the next caller tries again.
    loading.catch(() => {
      if (this.#value === loading) this.#value = null
    })
    return loading
  }

  /** A read already under way is dropped too: it may have read the old value. */
  invalidate(): void {
    this.#value = null
  }
}

export type StorageChanges = Record<string, unknown>

/** Any 'managed' change counts: the policy is read live from there (its last copy is one of `localKeys`). */
export function touchesLocalOrPolicy(changes: StorageChanges, area: string, localKeys: readonly string[]): boolean {
  if (area === 'managed') return true
  return area === 'local' && localKeys.some((key) => key in changes)
}
