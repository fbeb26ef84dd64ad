/**
 * A value read once and then kept in the worker's memory until told it changed. The worker
 * answers every content-script message with the settings (and sends lookups with the
 * credentials): reading them from storage each time cost several storage round trips per
 * message. A worker that Chrome stops loses the copy with the rest of its memory and the next
 * read simply loads it again.
 */
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

  /**
   * The stored value changed: the next get() reads it again. A read already under way is not
   * kept either, since it may have read the old value.
   */
  invalidate(): void {
    this.#value = null
  }
}

/** What storage.onChanged passes: the changed keys of one area. */
export type StorageChanges = Record<string, unknown>

/**
 * Whether a change in `area` may alter a value read from `localKeys` of storage.local merged
 * with the managed policy (whose live answer is read from storage.managed, and whose last copy
 * sits in storage.local).
 */
export function touchesLocalOrPolicy(changes: StorageChanges, area: string, localKeys: readonly string[]): boolean {
  if (area === 'managed') return true
  return area === 'local' && localKeys.some((key) => key in changes)
}
