/**
 * Every answer, UNKNOWN and not-found too, so a hash costs quota once per TTL. IndexedDB, not storage.local: it is
 * indexed (LRU eviction is one cursor walk) and content scripts, which run in the page's origin, cannot open it.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction, type StoreNames } from 'idb'
import type { NormalizedHash } from '../shared/hash.ts'
import { CLASSIFICATIONS, type Verdict } from '../shared/verdict.ts'
import type { BackendId } from './backend.ts'

interface CachedVerdict {
  backend: BackendId
  hash: string
  verdict: Verdict
  storedAt: number
  lastUsedAt: number
  /** Approximate size (JSON length), summed in `meta` so the byte bound costs no scan. */
  bytes: number
}

type CacheKey = [backend: BackendId, hash: string]

interface CacheSchema extends DBSchema {
  verdicts: { key: CacheKey; value: CachedVerdict; indexes: { byLastUse: number } }
  meta: { key: 'totalBytes'; value: number }
  /** Version 1's store, keyed by hash alone, only while the upgrade moves it into `verdicts`. */
  [V1_STORE]: { key: string; value: unknown }
}

/** 2: the key holds the backend. */
const DB_VERSION = 2
const V1_STORE = 'verdicts-v1'
/** Every entry version 1 stored came from Spectra, the only backend it knew. */
const V1_BACKEND: BackendId = 'spectra'
/** Entries moved per read during the upgrade, so a full cache never sits in memory at once. */
const MIGRATION_CHUNK = 1000

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
  return typeof record.backend === 'string' && typeof record.hash === 'string' && typeof record.storedAt === 'number' &&
    typeof record.lastUsedAt === 'number' && typeof record.bytes === 'number' &&
    typeof record.verdict === 'object' && record.verdict !== null &&
    record.verdict.hash === record.hash && CLASSIFICATION_SET.has(record.verdict.classification) &&
    typeof record.verdict.sampleHashes === 'object' && record.verdict.sampleHashes !== null
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError'
}

/**
 * From this many hashes on, a backend whose records are no more than the hashes asked is read whole: two reads instead
 * of one per hash (a panel's report of a flooded tab asked 20,000 gets, 1.2-2.4 s of the worker's time, for a cache of
 * a few hundred).
 */
const READ_WHOLE_AT = 500

/**
 * A large ask of a backend holding up to this many records per hash asked reads its keys first, then only the records
 * that exist: a flooding tab's 2,000 fresh hashes a batch were 2,000 gets (about 70 ms of the worker's time), and
 * another tab's lookups queued behind them.
 */
const KEYS_FIRST_UP_TO = 10

async function readRecords(store: IDBPObjectStore<CacheSchema, ['verdicts'], 'verdicts', 'readonly'>, backend: BackendId,
  hashes: readonly string[]): Promise<unknown[]> {
  if (hashes.length >= READ_WHOLE_AT) {
    // Array keys sort after strings: [backend, []] is past every [backend, hash].
    const range = IDBKeyRange.bound([backend], [backend, []])
    const count = await store.count(range)
    if (count <= hashes.length) {
      const [keys, values] = await Promise.all([store.getAllKeys(range), store.getAll(range)])
      const byHash = new Map(keys.map((key, index) => [key[1], values[index]]))
      return hashes.map((hash) => byHash.get(hash))
    }
    if (count <= KEYS_FIRST_UP_TO * hashes.length) {
      const stored = new Set((await store.getAllKeys(range)).map((key) => key[1]))
      return Promise.all(hashes.map((hash) => (stored.has(hash) ? store.get([backend, hash]) : undefined)))
    }
  }
  return Promise.all(hashes.map((hash) => store.get([backend, hash])))
}

/** UNKNOWN and not-found answers change sooner than a settled verdict, so they expire sooner. */
export function ttlFor(verdict: Verdict, policy: CachePolicy): number {
  return verdict.classification === 'UNKNOWN' || verdict.classification === 'NOT_FOUND'
    ? policy.unknownTtlMs
    : policy.verdictTtlMs
}

/** Cached under each of the sample's hashes: its MD5 on one page and SHA-256 on the next cost one lookup. */
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
    const db = await openDB<CacheSchema>(name, DB_VERSION, {
      upgrade(database, oldVersion, _newVersion, transaction) {
        if (oldVersion === 0) database.createObjectStore('meta')
        // Version 1's store gives way under another name; its entries move over below.
        if (oldVersion === 1) transaction.objectStore('verdicts').name = V1_STORE
        const store = database.createObjectStore('verdicts', { keyPath: ['backend', 'hash'] })
        store.createIndex('byLastUse', 'lastUsedAt')
        if (oldVersion === 1) {
          // A failed move leaves version 1 as it was (the upgrade is one transaction): tried again next start.
          void moveV1Entries(transaction).catch((error: unknown) => {
            console.error('HashLens: could not upgrade the verdict cache', error)
            try {
              transaction.abort()
            } catch {
              // Already ended by the failure itself.
            }
          })
        }
      },
    })
    return new VerdictCache(db, now)
  }

  /**
   * Read-only, so a hit waits for no write. Use-marks and corrupt-record drops are queued, not awaited, in a
   * read-write transaction: IndexedDB runs a store's transactions in creation order, so every later one sees them.
   */
  async getFresh(backend: BackendId, hashes: readonly string[], policy: CachePolicy): Promise<Map<string, Verdict>> {
    const found = new Map<string, Verdict>()
    if (hashes.length === 0) return found
    const now = this.#now()
    const tx = this.#db.transaction('verdicts', 'readonly')
    const records = await readRecords(tx.store, backend, hashes)
    const corrupt: CacheKey[] = []
    const used: CachedVerdict[] = []
    records.forEach((record, index) => {
      if (record === undefined) return
      if (!isCachedVerdict(record)) {
        corrupt.push([backend, hashes[index]!])
        return
      }
      if (now - record.storedAt > ttlFor(record.verdict, policy)) return
      found.set(record.hash, record.verdict)
      // Coarse use-marks: eviction needs no finer grain, and a badge re-reading thousands must not write thousands.
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

  /** Each record is checked again inside the write: a fresh answer put since the read must not be undone. */
  async #recordUse(corrupt: readonly CacheKey[], used: readonly CachedVerdict[], now: number): Promise<void> {
    const tx = this.#db.transaction('verdicts', 'readwrite')
    const writes: Promise<unknown>[] = []
    for (const key of corrupt) {
      writes.push(tx.store.get(key).then((current) => (current !== undefined && !isCachedVerdict(current) ? tx.store.delete(key) : undefined)))
    }
    for (const record of used) {
      writes.push(tx.store.get([record.backend, record.hash]).then((current) => (
        isCachedVerdict(current) && current.storedAt === record.storedAt && current.lastUsedAt < now
          ? tx.store.put({ ...current, lastUsedAt: now })
          : undefined
      )))
    }
    await Promise.all([...writes, tx.done])
  }

  /** On a full storage quota the oldest fifth goes and the write is tried once more, then the verdicts go uncached. */
  async put(backend: BackendId, verdicts: readonly Verdict[], policy: CachePolicy): Promise<void> {
    if (verdicts.length === 0) return
    try {
      await this.#write(backend, verdicts)
    } catch (error) {
      if (!isQuotaError(error)) throw error
      await this.evictBeyond(Math.floor((await this.count()) * 0.8), policy.maxBytes ?? DEFAULT_MAX_BYTES)
      await this.#write(backend, verdicts).catch((retryError: unknown) => {
        console.warn('HashLens: storage is full; these verdicts are not cached', retryError)
      })
    }
    await this.evictBeyond(policy.maxEntries, policy.maxBytes ?? DEFAULT_MAX_BYTES)
  }

  async #write(backend: BackendId, verdicts: readonly Verdict[]): Promise<void> {
    const now = this.#now()
    const tx = this.#db.transaction(['verdicts', 'meta'], 'readwrite')
    const store = tx.objectStore('verdicts')
    let delta = 0
    // One entry per hash (a batch may ask one sample by MD5 and SHA-1): the hash asked for wins over an alias.
    const byHash = new Map<string, Verdict>()
    for (const verdict of verdicts) byHash.set(verdict.hash, verdict)
    for (const verdict of verdicts) for (const alias of withSampleAliases(verdict).slice(1)) if (!byHash.has(alias.hash)) byHash.set(alias.hash, alias)
    const entries = [...byHash.values()]
    const previous = await Promise.all(entries.map((entry) => store.get([backend, entry.hash])))
    const writes = entries.map((entry, index) => {
      const bytes = JSON.stringify(entry).length + 64
      const old = previous[index]
      delta += bytes - (isCachedVerdict(old) ? old.bytes : 0)
      return store.put({ backend, hash: entry.hash, verdict: entry, storedAt: now, lastUsedAt: now, bytes })
    })
    const meta = tx.objectStore('meta')
    const total = (await meta.get('totalBytes')) ?? 0
    await Promise.all([...writes, meta.put(Math.max(0, total + delta), 'totalBytes'), tx.done])
  }

  /** Least recently used first. */
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

/** Inside the upgrade's transaction, a chunk per read: no cached hash is looked up again because of the upgrade. */
async function moveV1Entries(transaction: IDBPTransaction<CacheSchema, StoreNames<CacheSchema>[], 'versionchange'>): Promise<void> {
  const from: IDBPObjectStore<CacheSchema, StoreNames<CacheSchema>[], typeof V1_STORE, 'versionchange'> = transaction.objectStore(V1_STORE)
  const to = transaction.objectStore('verdicts')
  let after: string | undefined
  let bytes = 0
  for (;;) {
    const range = after === undefined ? null : IDBKeyRange.lowerBound(after, true)
    const [keys, records] = await Promise.all([from.getAllKeys(range, MIGRATION_CHUNK), from.getAll(range, MIGRATION_CHUNK)])
    if (keys.length === 0) break
    const moved: CachedVerdict[] = []
    for (const record of records) {
      const entry = typeof record === 'object' && record !== null ? { ...record, backend: V1_BACKEND } : null
      // What could not be read before cannot be now: it is dropped, as a read would drop it.
      if (isCachedVerdict(entry)) moved.push(entry)
    }
    bytes += moved.reduce((sum, entry) => sum + entry.bytes, 0)
    await Promise.all(moved.map((entry) => to.put(entry)))
    after = keys.at(-1)
  }
  transaction.db.deleteObjectStore(V1_STORE)
  // The entries dropped took their bytes with them.
  await transaction.objectStore('meta').put(bytes, 'totalBytes')
}
