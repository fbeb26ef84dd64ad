/**
 * The detail view's "More" answers (XREF, RHA1), each kept for its own TTL so a second "More" costs nothing. IndexedDB
 * like the verdict cache (verdict-cache.ts): content scripts cannot open it; bounded by entries, oldest first out.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { DetailApi, DetailsAnswer, Rha1Details, XrefDetails } from '../shared/sample-details.ts'
import type { BackendId } from './backend.ts'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * XREF is a record of past scans, which change only when the sample is rescanned: a week. RHA1's counts of similar
 * samples grow as the service files new ones every day: a day.
 */
export const DETAILS_TTL_MS: Readonly<Record<DetailApi, number>> = { xref: 7 * DAY_MS, rha1: 1 * DAY_MS }

/** An XREF answer with 60 engines is about 4 KB: 1,000 entries stay far below any storage quota. */
export const MAX_DETAILS_ENTRIES = 1000

export interface DetailsByApi {
  xref: DetailsAnswer<XrefDetails>
  rha1: DetailsAnswer<Rha1Details>
}

/** One cached answer and when it came. */
export interface StoredDetails<A extends DetailApi = DetailApi> {
  answer: DetailsByApi[A]
  storedAt: number
}

interface DetailsRecord {
  backend: BackendId
  api: DetailApi
  hash: string
  answer: DetailsAnswer<unknown>
  storedAt: number
}

interface DetailsSchema extends DBSchema {
  details: { key: [BackendId, DetailApi, string]; value: DetailsRecord; indexes: { byStoredAt: number } }
}

/** A record from a bug or disk corruption is treated as absent, never shown. */
function isDetailsRecord(value: unknown, api: DetailApi): value is DetailsRecord {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Partial<DetailsRecord>
  const answer = record.answer as { found?: unknown; details?: unknown } | undefined
  if (typeof record.storedAt !== 'number' || record.api !== api || typeof answer !== 'object' || answer === null) return false
  if (answer.found === false) return true
  if (answer.found !== true || typeof answer.details !== 'object' || answer.details === null) return false
  const details = answer.details as { results?: unknown; counts?: unknown }
  return api === 'xref' ? Array.isArray(details.results) : typeof details.counts === 'object' && details.counts !== null
}

export class DetailsStore {
  readonly #db: IDBPDatabase<DetailsSchema>
  readonly #now: () => number
  readonly #maxEntries: number

  private constructor(db: IDBPDatabase<DetailsSchema>, now: () => number, maxEntries: number) {
    this.#db = db
    this.#now = now
    this.#maxEntries = maxEntries
  }

  static async open(name = 'hashlens-details', now: () => number = Date.now, maxEntries = MAX_DETAILS_ENTRIES): Promise<DetailsStore> {
    const db = await openDB<DetailsSchema>(name, 1, {
      upgrade(database) {
        database.createObjectStore('details', { keyPath: ['backend', 'api', 'hash'] }).createIndex('byStoredAt', 'storedAt')
      },
    })
    return new DetailsStore(db, now, maxEntries)
  }

  /** The answer while within its API's TTL; null when absent, stale or unreadable. */
  async get<A extends DetailApi>(backend: BackendId, api: A, hash: string): Promise<StoredDetails<A> | null> {
    const record: unknown = await this.#db.get('details', [backend, api, hash])
    if (!isDetailsRecord(record, api)) return null
    if (this.#now() - record.storedAt > DETAILS_TTL_MS[api]) return null
    return { answer: record.answer as DetailsByApi[A], storedAt: record.storedAt }
  }

  async put<A extends DetailApi>(backend: BackendId, api: A, hash: string, answer: DetailsByApi[A]): Promise<StoredDetails<A>> {
    const storedAt = this.#now()
    const tx = this.#db.transaction('details', 'readwrite')
    await tx.store.put({ backend, api, hash, answer, storedAt })
    let count = await tx.store.count()
    // Oldest first: an answer asked for long ago is the one least likely to be asked again.
    let cursor = count > this.#maxEntries ? await tx.store.index('byStoredAt').openCursor() : null
    while (cursor && count > this.#maxEntries) {
      await cursor.delete()
      count--
      cursor = await cursor.continue()
    }
    await tx.done
    return { answer, storedAt }
  }

  async count(): Promise<number> {
    return this.#db.count('details')
  }

  async clear(): Promise<void> {
    await this.#db.clear('details')
  }

  close(): void {
    this.#db.close()
  }
}
