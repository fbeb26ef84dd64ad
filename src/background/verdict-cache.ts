/**
 * The persisted verdict cache: every answer, UNKNOWN and not-found included, so a hash costs
 * quota once per time-to-live. IndexedDB rather than storage.local because it is indexed
 * (least-recently-used eviction is one cursor walk, a hit is one key read at any size) and
 * because content scripts, which run in the page's origin, cannot open it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { NormalizedHash } from '../shared/hash.ts'
import { CLASSIFICATIONS, type Verdict } from '../shared/verdict.ts'

interface CachedVerdict {
  hash: string
  verdict: Verdict
  storedAt: number
  lastUsedAt: number
  /** Approximate size (JSON length), summed in `meta` so the byte bound costs no scan. */
  bytes: number
}

interface CacheSchema extends DBSchema {
  verdicts: { key: string; value: CachedVerdict; indexes: { byLastUse: number } }
  meta: { key: 'totalBytes'; value: number }
}

export interface CachePolicy {
  verdictTtlMs: number
  unknownTtlMs: number
  maxEntries: number
  /** Bound on the verdicts' total size; the default keeps the cache far below any browser quota. */
  maxBytes?: number
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024
const USE_RESOLUTION_MS = 60 * 60 * 1000

const CLASSIFICATION_SET: ReadonlySet<string> = new Set(CLASSIFICATIONS)

/** A stored record from an older version, a bug or disk corruption is discarded, never trusted. */
function isCachedVerdict(value: unknown): value is CachedVerdict {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Partial<CachedVerdict>
  return typeof record.hash === 'string' && typeof record.storedAt === 'number' &&
    typeof record.lastUsedAt === 'number' && typeof record.bytes === 'number' &&
    typeof record.verdict === 'object' && record.verdict !== null &&
    record.verdict.hash === record.hash && CLASSIFICATION_SET.has(record.verdict.classification) &&
    typeof record.verdict.sampleHashes === 'object' && record.verdict.sampleHashes !== null
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError'
}

/** UNKNOWN and not-found answers change sooner than a settled verdict, so they expire sooner. */
export function ttlFor(verdict: Verdict, policy: CachePolicy): number {
  return verdict.classification === 'UNKNOWN' || verdict.classification === 'NOT_FOUND'
    ? policy.unknownTtlMs
    : policy.verdictTtlMs
}

/**
 * A verdict for one hash is also a verdict for the sample's other hashes: caching it under
 * each of them spares the quota when the same sample turns up as MD5 on one page and SHA-256
 * on the next.
 */
export function withSampleAliases(verdict: Verdict): Verdict[] {
  const all = [verdict]
  for (const [type, alias] of Object.entries(verdict.sampleHashes) as [NormalizedHash['type'], string | undefined][]) {
    if (alias && alias !== verdict.hash) all.push({ ...verdict, hash: alias, type })
  }
  return all
}

export class VerdictCache {
  readonly #db: IDBPDatabase<CacheSchema>
  readonly #now: () => number
  /** Use-marks and clean-ups queued by reads, not waited for by them (see getFresh). */
  #upkeep: Promise<void> = Promise.resolve()

  private constructor(db: IDBPDatabase<CacheSchema>, now: () => number) {
    this.#db = db
    this.#now = now
  }

  static async open(name = 'hashlens-verdicts', now: () => number = Date.now): Promise<VerdictCache> {
    const db = await openDB<CacheSchema>(name, 1, {
      upgrade(database) {
        const store = database.createObjectStore('verdicts', { keyPath: 'hash' })
        store.createIndex('byLastUse', 'lastUsedAt')
        database.createObjectStore('meta')
      },
    })
    return new VerdictCache(db, now)
  }

  /**
   * Fresh verdicts for the hashes that have one. The read is a read-only transaction, so a hit
   * waits for no write; marking entries used (for eviction order) and dropping corrupt records
   * go in a separate read-write transaction, queued before this returns (IndexedDB runs
   * transactions on one store in the order they were created, so every later read, put or
   * eviction sees it) but not waited for.
   */
  async getFresh(hashes: readonly string[], policy: CachePolicy): Promise<Map<string, Verdict>> {
    const found = new Map<string, Verdict>()
    if (hashes.length === 0) return found
    const now = this.#now()
    const tx = this.#db.transaction('verdicts', 'readonly')
    const records = await Promise.all(hashes.map((hash) => tx.store.get(hash)))
    const corrupt: string[] = []
    const used: CachedVerdict[] = []
    records.forEach((record, index) => {
      if (record === undefined) return
      if (!isCachedVerdict(record)) {
        corrupt.push(hashes[index]!)
        return
      }
      if (now - record.storedAt > ttlFor(record.verdict, policy)) return
      found.set(record.hash, record.verdict)
      // Use is recorded coarsely: eviction order needs no finer grain, and a page's badge
      // re-reads thousands of verdicts, which must not mean thousands of writes.
      if (now - record.lastUsedAt > USE_RESOLUTION_MS) used.push(record)
    })
    if (corrupt.length > 0 || used.length > 0) {
      const upkeep = this.#recordUse(corrupt, used, now).catch((error: unknown) => {
        console.warn('HashLens: could not record cache use', error)
      })
      this.#upkeep = Promise.all([this.#upkeep, upkeep]).then(() => undefined)
    }
    return found
  }

  /** Resolves once the use-marks queued by earlier reads are written (tests wait on it). */
  async settled(): Promise<void> {
    await this.#upkeep
  }

  /**
   * Writes use-marks and drops corrupt records, checking each record again inside the write:
   * a put that ran between the read and now (a fresh answer) must not be undone.
   */
  async #recordUse(corrupt: readonly string[], used: readonly CachedVerdict[], now: number): Promise<void> {
    const tx = this.#db.transaction('verdicts', 'readwrite')
    const writes: Promise<unknown>[] = []
    for (const hash of corrupt) {
      writes.push(tx.store.get(hash).then((current) => (current !== undefined && !isCachedVerdict(current) ? tx.store.delete(hash) : undefined)))
    }
    for (const record of used) {
      writes.push(tx.store.get(record.hash).then((current) => (
        isCachedVerdict(current) && current.storedAt === record.storedAt && current.lastUsedAt < now
          ? tx.store.put({ ...current, lastUsedAt: now })
          : undefined
      )))
    }
    await Promise.all([...writes, tx.done])
  }

  /**
   * Stores verdicts (and their sample aliases), then evicts down to the bounds. When the
   * browser's storage quota is hit, the oldest fifth is evicted and the write tried once more;
   * if that fails too the verdicts are simply not cached. A cache problem never fails a lookup.
   */
  async put(verdicts: readonly Verdict[], policy: CachePolicy): Promise<void> {
    if (verdicts.length === 0) return
    try {
      await this.#write(verdicts)
    } catch (error) {
      if (!isQuotaError(error)) throw error
      await this.evictBeyond(Math.floor((await this.count()) * 0.8), policy.maxBytes ?? DEFAULT_MAX_BYTES)
      await this.#write(verdicts).catch((retryError: unknown) => {
        console.warn('HashLens: storage is full; these verdicts are not cached', retryError)
      })
    }
    await this.evictBeyond(policy.maxEntries, policy.maxBytes ?? DEFAULT_MAX_BYTES)
  }

  async #write(verdicts: readonly Verdict[]): Promise<void> {
    const now = this.#now()
    const tx = this.#db.transaction(['verdicts', 'meta'], 'readwrite')
    const store = tx.objectStore('verdicts')
    let delta = 0
    // One entry per hash: a batch may hold the same sample twice (asked by MD5 and by SHA-1),
    // and the hash that was asked wins over an alias.
    const byHash = new Map<string, Verdict>()
    for (const verdict of verdicts) byHash.set(verdict.hash, verdict)
    for (const verdict of verdicts) for (const alias of withSampleAliases(verdict).slice(1)) if (!byHash.has(alias.hash)) byHash.set(alias.hash, alias)
    const entries = [...byHash.values()]
    const previous = await Promise.all(entries.map((entry) => store.get(entry.hash)))
    const writes = entries.map((entry, index) => {
      const bytes = JSON.stringify(entry).length + 64
      const old = previous[index]
      delta += bytes - (isCachedVerdict(old) ? old.bytes : 0)
      return store.put({ hash: entry.hash, verdict: entry, storedAt: now, lastUsedAt: now, bytes })
    })
    const meta = tx.objectStore('meta')
    const total = (await meta.get('totalBytes')) ?? 0
    await Promise.all([...writes, meta.put(Math.max(0, total + delta), 'totalBytes'), tx.done])
  }

  /** Deletes the least recently used verdicts until at most maxEntries and maxBytes remain. */
  async evictBeyond(maxEntries: number, maxBytes: number = DEFAULT_MAX_BYTES): Promise<number> {
    const tx = this.#db.transaction(['verdicts', 'meta'], 'readwrite')
    const store = tx.objectStore('verdicts')
    const meta = tx.objectStore('meta')
    let count = await store.count()
    let bytes = (await meta.get('totalBytes')) ?? 0
    let evicted = 0
    if (count > maxEntries || bytes > maxBytes) {
      let cursor = await store.index('byLastUse').openCursor()
      while (cursor && (count > maxEntries || bytes > maxBytes)) {
        bytes -= isCachedVerdict(cursor.value) ? cursor.value.bytes : 0
        await cursor.delete()
        count--
        evicted++
        cursor = await cursor.continue()
      }
      await meta.put(Math.max(0, bytes), 'totalBytes')
    }
    await tx.done
    return evicted
  }

  /** The verdicts' approximate total size in bytes. */
  async totalBytes(): Promise<number> {
    return (await this.#db.get('meta', 'totalBytes')) ?? 0
  }

  async count(): Promise<number> {
    return this.#db.count('verdicts')
  }

  async clear(): Promise<void> {
    const tx = this.#db.transaction(['verdicts', 'meta'], 'readwrite')
    await Promise.all([tx.objectStore('verdicts').clear(), tx.objectStore('meta').put(0, 'totalBytes'), tx.done])
  }

  close(): void {
    this.#db.close()
  }
}
