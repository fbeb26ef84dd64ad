/**
 * The persisted verdict cache: every answer, UNKNOWN and not-found included, so a hash costs
 * quota once per time-to-live. IndexedDB rather than storage.local because it is indexed
 * (least-recently-used eviction is one cursor walk, a hit is one key read at any size) and
 * because content scripts, which run in the page's origin, cannot open it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { NormalizedHash } from '../shared/hash.ts'
import type { Verdict } from '../shared/verdict.ts'

interface CachedVerdict {
  hash: string
  verdict: Verdict
  storedAt: number
  lastUsedAt: number
}

interface CacheSchema extends DBSchema {
  verdicts: { key: string; value: CachedVerdict; indexes: { byLastUse: number } }
}

export interface CachePolicy {
  verdictTtlMs: number
  unknownTtlMs: number
  maxEntries: number
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

  private constructor(db: IDBPDatabase<CacheSchema>, now: () => number) {
    this.#db = db
    this.#now = now
  }

  static async open(name = 'hashlens-verdicts', now: () => number = Date.now): Promise<VerdictCache> {
    const db = await openDB<CacheSchema>(name, 1, {
      upgrade(database) {
        const store = database.createObjectStore('verdicts', { keyPath: 'hash' })
        store.createIndex('byLastUse', 'lastUsedAt')
      },
    })
    return new VerdictCache(db, now)
  }

  /** Fresh verdicts for the hashes that have one; marks them used (for eviction order). */
  async getFresh(hashes: readonly string[], policy: CachePolicy): Promise<Map<string, Verdict>> {
    const found = new Map<string, Verdict>()
    if (hashes.length === 0) return found
    const now = this.#now()
    const tx = this.#db.transaction('verdicts', 'readwrite')
    const records = await Promise.all(hashes.map((hash) => tx.store.get(hash)))
    const touches: Promise<unknown>[] = []
    for (const record of records) {
      if (!record || now - record.storedAt > ttlFor(record.verdict, policy)) continue
      found.set(record.hash, record.verdict)
      touches.push(tx.store.put({ ...record, lastUsedAt: now }))
    }
    await Promise.all([...touches, tx.done])
    return found
  }

  /** Stores verdicts (and their sample aliases), then evicts down to the size bound. */
  async put(verdicts: readonly Verdict[], policy: CachePolicy): Promise<void> {
    if (verdicts.length === 0) return
    const now = this.#now()
    const tx = this.#db.transaction('verdicts', 'readwrite')
    const writes: Promise<unknown>[] = []
    for (const verdict of verdicts) {
      for (const entry of withSampleAliases(verdict)) {
        writes.push(tx.store.put({ hash: entry.hash, verdict: entry, storedAt: now, lastUsedAt: now }))
      }
    }
    await Promise.all([...writes, tx.done])
    await this.evictBeyond(policy.maxEntries)
  }

  /** Deletes the least recently used verdicts until at most maxEntries remain. */
  async evictBeyond(maxEntries: number): Promise<number> {
    const tx = this.#db.transaction('verdicts', 'readwrite')
    let excess = (await tx.store.count()) - maxEntries
    let evicted = 0
    if (excess > 0) {
      let cursor = await tx.store.index('byLastUse').openCursor()
      while (cursor && excess > 0) {
        await cursor.delete()
        excess--
        evicted++
        cursor = await cursor.continue()
      }
    }
    await tx.done
    return evicted
  }

  async count(): Promise<number> {
    return this.#db.count('verdicts')
  }

  async clear(): Promise<void> {
    await this.#db.clear('verdicts')
  }

  close(): void {
    this.#db.close()
  }
}
