import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { VerdictCache, ttlFor, withSampleAliases, type CachePolicy } from './verdict-cache.ts'
import { SPECTRA_BACKEND } from './spectra-client.ts'
import type { Verdict } from '../shared/verdict.ts'
import type { HashType } from '../shared/hash.ts'

const DAY = 86_400_000
const POLICY: CachePolicy = { verdictTtlMs: 7 * DAY, unknownTtlMs: 1 * DAY, maxEntries: 1000 }
const T0 = Date.parse('2024-07-03T12:00:00Z')

const MD5 = '3133c2231fcee5d6b0b4c988a5201da1'
const SHA1 = '21841b32c6165b27dddbd4d6eb3a672defe54271'
const SHA256 = '2f6edf41016e97c58f9de01aa4cc66c9c7fe7dae23fe72e50a69cbd221f55346'

/** A distinct sha1 per n. */
const sha1Of = (n: number) => n.toString(16).padStart(40, '0')

function verdict(hash: string, classification: Verdict['classification'] = 'MALICIOUS', type: HashType = 'sha1'): Verdict {
  return classification === 'MALICIOUS'
    ? { hash, type, classification, threatName: 'Win32.Test', threatLevel: 5, sampleHashes: {}, checkedAt: T0 }
    : { hash, type, classification, sampleHashes: {}, checkedAt: T0 }
}

let dbCounter = 0
const opened: VerdictCache[] = []

/** A cache on its own database with a clock the test moves. */
async function openCache(start = T0) {
  const clock = { now: start }
  const name = `verdict-cache-test-${++dbCounter}-${Math.random()}`
  const cache = await VerdictCache.open(name, () => clock.now)
  opened.push(cache)
  return { cache, clock, name }
}

afterEach(() => {
  for (const cache of opened.splice(0)) cache.close()
})

/** Writes a record the cache cannot read, behind its back, as a bug or a damaged disk might. */
async function damageRecord(name: string, hash: string): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name)
    request.onerror = () => reject(request.error)
    request.onsuccess = () => resolve(request.result)
  })
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('verdicts', 'readwrite')
    tx.objectStore('verdicts').put({ backend: SPECTRA_BACKEND, hash, verdict: { classification: 'EVIL' }, storedAt: 'yesterday' })
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
  })
  db.close()
}

describe('VerdictCache: round trip', () => {
  it('a verdict put is returned by getFresh, unchanged', async () => {
    const { cache } = await openCache()
    const v = verdict(SHA1)
    await cache.put(SPECTRA_BACKEND, [v], POLICY)
    const found = await cache.getFresh(SPECTRA_BACKEND, [SHA1], POLICY)
    expect([...found.keys()]).toEqual([SHA1])
    expect(found.get(SHA1)).toEqual(v)
  })

  it('getFresh returns only the hashes that have an entry', async () => {
    const { cache } = await openCache()
    await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(1)), verdict(sha1Of(2))], POLICY)
    const found = await cache.getFresh(SPECTRA_BACKEND, [sha1Of(1), sha1Of(3), sha1Of(2)], POLICY)
    expect([...found.keys()].sort()).toEqual([sha1Of(1), sha1Of(2)])
  })

  it('getFresh of nothing, and put of nothing, are harmless', async () => {
    const { cache } = await openCache()
    await cache.put(SPECTRA_BACKEND, [], POLICY)
    expect((await cache.getFresh(SPECTRA_BACKEND, [], POLICY)).size).toBe(0)
    expect(await cache.count()).toBe(0)
  })

  it('a later put for the same hash replaces the earlier verdict', async () => {
    const { cache } = await openCache()
    await cache.put(SPECTRA_BACKEND, [verdict(SHA1, 'UNKNOWN')], POLICY)
    await cache.put(SPECTRA_BACKEND, [verdict(SHA1, 'MALICIOUS')], POLICY)
    expect((await cache.getFresh(SPECTRA_BACKEND, [SHA1], POLICY)).get(SHA1)?.classification).toBe('MALICIOUS')
    expect(await cache.count()).toBe(1)
  })

  it('caches UNKNOWN and NOT_FOUND answers too', async () => {
    const { cache } = await openCache()
    await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(1), 'UNKNOWN'), verdict(sha1Of(2), 'NOT_FOUND')], POLICY)
    const found = await cache.getFresh(SPECTRA_BACKEND, [sha1Of(1), sha1Of(2)], POLICY)
    expect(found.get(sha1Of(1))?.classification).toBe('UNKNOWN')
    expect(found.get(sha1Of(2))?.classification).toBe('NOT_FOUND')
  })

  it('persists across a reopen of the same database', async () => {
    const name = `verdict-cache-test-reopen-${Math.random()}`
    const first = await VerdictCache.open(name, () => T0)
    await first.put(SPECTRA_BACKEND, [verdict(SHA1)], POLICY)
    first.close()
    const second = await VerdictCache.open(name, () => T0)
    opened.push(second)
    expect((await second.getFresh(SPECTRA_BACKEND, [SHA1], POLICY)).get(SHA1)).toEqual(verdict(SHA1))
  })
})

describe('VerdictCache: time to live by kind', () => {
  it('ttlFor gives UNKNOWN and NOT_FOUND the short TTL and settled verdicts the long one', () => {
    expect(ttlFor(verdict(SHA1, 'UNKNOWN'), POLICY)).toBe(DAY)
    expect(ttlFor(verdict(SHA1, 'NOT_FOUND'), POLICY)).toBe(DAY)
    for (const c of ['MALICIOUS', 'SUSPICIOUS', 'KNOWN'] as const) expect(ttlFor(verdict(SHA1, c), POLICY)).toBe(7 * DAY)
  })

  it('a settled verdict is fresh for 7 days and gone after', async () => {
    const { cache, clock } = await openCache()
    await cache.put(SPECTRA_BACKEND, [verdict(SHA1, 'MALICIOUS'), verdict(sha1Of(2), 'KNOWN'), verdict(sha1Of(3), 'SUSPICIOUS')], POLICY)
    clock.now = T0 + 7 * DAY
    expect((await cache.getFresh(SPECTRA_BACKEND, [SHA1, sha1Of(2), sha1Of(3)], POLICY)).size).toBe(3)
    clock.now = T0 + 7 * DAY + 1
    expect((await cache.getFresh(SPECTRA_BACKEND, [SHA1, sha1Of(2), sha1Of(3)], POLICY)).size).toBe(0)
  })

  it('UNKNOWN and NOT_FOUND are fresh for 1 day only, while a verdict stored at the same time is still fresh', async () => {
    const { cache, clock } = await openCache()
    await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(1), 'UNKNOWN'), verdict(sha1Of(2), 'NOT_FOUND'), verdict(sha1Of(3), 'MALICIOUS')], POLICY)
    clock.now = T0 + DAY
    expect((await cache.getFresh(SPECTRA_BACKEND, [sha1Of(1), sha1Of(2), sha1Of(3)], POLICY)).size).toBe(3)
    clock.now = T0 + DAY + 1
    const found = await cache.getFresh(SPECTRA_BACKEND, [sha1Of(1), sha1Of(2), sha1Of(3)], POLICY)
    expect([...found.keys()]).toEqual([sha1Of(3)])
  })

  it('freshness counts from when the answer was stored, not from its last use', async () => {
    const { cache, clock } = await openCache()
    await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(1), 'UNKNOWN')], POLICY)
    clock.now = T0 + DAY - 1
    expect((await cache.getFresh(SPECTRA_BACKEND, [sha1Of(1)], POLICY)).size).toBe(1)
    clock.now = T0 + DAY + 1
    expect((await cache.getFresh(SPECTRA_BACKEND, [sha1Of(1)], POLICY)).size).toBe(0)
  })

  it('the TTL comes from the policy passed at read time', async () => {
    const { cache, clock } = await openCache()
    await cache.put(SPECTRA_BACKEND, [verdict(SHA1)], POLICY)
    clock.now = T0 + 2 * DAY
    expect((await cache.getFresh(SPECTRA_BACKEND, [SHA1], POLICY)).size).toBe(1)
    expect((await cache.getFresh(SPECTRA_BACKEND, [SHA1], { ...POLICY, verdictTtlMs: DAY })).size).toBe(0)
  })
})

describe('VerdictCache: sample aliases', () => {
  const sample: Verdict = {
    ...verdict(SHA1), sampleHashes: { md5: MD5, sha1: SHA1, sha256: SHA256 },
  }

  it('withSampleAliases gives one verdict per distinct sample hash, typed by its key', () => {
    const all = withSampleAliases(sample)
    expect(all.map((v) => [v.hash, v.type])).toEqual([[SHA1, 'sha1'], [MD5, 'md5'], [SHA256, 'sha256']])
    expect(withSampleAliases(verdict(SHA1))).toEqual([verdict(SHA1)])
  })

  it('a MALICIOUS sha1 verdict is also returned for the sample’s md5 and sha256, with their type and hash', async () => {
    const { cache } = await openCache()
    await cache.put(SPECTRA_BACKEND, [sample], POLICY)
    const found = await cache.getFresh(SPECTRA_BACKEND, [MD5, SHA256, SHA1], POLICY)
    expect(found.get(SHA1)).toEqual(sample)
    expect(found.get(MD5)).toEqual({ ...sample, hash: MD5, type: 'md5' })
    expect(found.get(SHA256)).toEqual({ ...sample, hash: SHA256, type: 'sha256' })
    expect(found.get(MD5)?.classification).toBe('MALICIOUS')
    expect(await cache.count()).toBe(3)
  })

  it('an alias asked alone is found', async () => {
    const { cache } = await openCache()
    await cache.put(SPECTRA_BACKEND, [sample], POLICY)
    const found = await cache.getFresh(SPECTRA_BACKEND, [SHA256], POLICY)
    expect([...found.keys()]).toEqual([SHA256])
    expect(found.get(SHA256)).toMatchObject({ hash: SHA256, type: 'sha256', threatName: 'Win32.Test' })
  })
})

describe('VerdictCache: size bound and least-recently-used eviction', () => {
  it('keeps at most maxEntries, dropping the oldest', async () => {
    const { cache, clock } = await openCache()
    const policy = { ...POLICY, maxEntries: 3 }
    for (let n = 1; n <= 5; n++) {
      clock.now = T0 + n
      await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(n))], policy)
    }
    expect(await cache.count()).toBe(3)
    const found = await cache.getFresh(SPECTRA_BACKEND, [1, 2, 3, 4, 5].map(sha1Of), policy)
    expect([...found.keys()].sort()).toEqual([sha1Of(3), sha1Of(4), sha1Of(5)])
  })

  it('a getFresh hit marks the entry used, so an old but recently read entry survives eviction', async () => {
    const { cache, clock } = await openCache()
    const policy = { ...POLICY, maxEntries: 3 }
    for (let n = 1; n <= 3; n++) {
      clock.now = T0 + n
      await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(n))], policy)
    }
    // Use is recorded to the hour (a page's re-reads must not each write), so read much later.
    clock.now = T0 + 2 * 3_600_000
    expect((await cache.getFresh(SPECTRA_BACKEND, [sha1Of(1)], policy)).size).toBe(1) // the oldest, touched
    clock.now = T0 + 2 * 3_600_000 + 1
    await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(4))], policy)
    expect(await cache.count()).toBe(3)
    const found = await cache.getFresh(SPECTRA_BACKEND, [1, 2, 3, 4].map(sha1Of), policy)
    expect([...found.keys()].sort()).toEqual([sha1Of(1), sha1Of(3), sha1Of(4)])
  })

  it('a miss or an expired read does not protect an entry', async () => {
    const { cache, clock } = await openCache()
    const policy = { ...POLICY, maxEntries: 2 }
    clock.now = T0
    await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(1), 'UNKNOWN')], policy)
    clock.now = T0 + 1
    await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(2), 'MALICIOUS')], policy)
    clock.now = T0 + 2 * DAY // sha1Of(1) expired, sha1Of(2) still fresh
    expect((await cache.getFresh(SPECTRA_BACKEND, [sha1Of(1)], policy)).size).toBe(0)
    clock.now = T0 + 2 * DAY + 1
    await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(3))], policy)
    // sha1Of(1) was the least recently used (its expired read did not count) and is gone.
    const names = await cache.getFresh(SPECTRA_BACKEND, [sha1Of(2), sha1Of(3)], policy)
    expect(names.size).toBe(2)
    expect(await cache.count()).toBe(2)
  })

  it('evictBeyond reports how many it removed and does nothing under the bound', async () => {
    const { cache, clock } = await openCache()
    for (let n = 1; n <= 4; n++) {
      clock.now = T0 + n
      await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(n))], POLICY)
    }
    expect(await cache.evictBeyond(10)).toBe(0)
    expect(await cache.evictBeyond(1)).toBe(3)
    expect(await cache.count()).toBe(1)
    expect((await cache.getFresh(SPECTRA_BACKEND, [sha1Of(4)], POLICY)).size).toBe(1)
  })

  it('sample aliases count toward maxEntries', async () => {
    const { cache } = await openCache()
    await cache.put(SPECTRA_BACKEND, [{ ...verdict(SHA1), sampleHashes: { md5: MD5, sha1: SHA1, sha256: SHA256 } }], { ...POLICY, maxEntries: 2 })
    expect(await cache.count()).toBe(2)
  })

  it('a large ask of a small cache (read whole) answers as reads per hash do: this backend\'s fresh records, nothing stale, no corrupt one', async () => {
    const { cache, clock, name } = await openCache()
    const asked = Array.from({ length: 600 }, (_, n) => sha1Of(n))
    await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(1)), verdict(sha1Of(2), 'UNKNOWN'), verdict(sha1Of(3)), verdict(sha1Of(599), 'KNOWN')], POLICY)
    // Another backend's answers, for hashes asked and not: neither is this backend's.
    await cache.put('other', [verdict(sha1Of(4)), verdict(sha1Of(1), 'KNOWN'), verdict(sha1Of(9000))], POLICY)
    await damageRecord(name, sha1Of(3))
    clock.now += 2 * DAY
    const found = await cache.getFresh(SPECTRA_BACKEND, [...asked].reverse(), POLICY)
    expect([...found.entries()].map(([hash, v]) => [hash, v.classification])).toEqual([[sha1Of(599), 'KNOWN'], [sha1Of(1), 'MALICIOUS']])
    // The same answer as the reads per hash give, asked below the bound.
    const perHash = await cache.getFresh(SPECTRA_BACKEND, [sha1Of(599), sha1Of(3), sha1Of(2), sha1Of(1)], POLICY)
    expect([...perHash.keys()]).toEqual([...found.keys()])
    await cache.settled()
    expect(await cache.count()).toBe(6)
  })
  it('a large ask of a larger cache reads its keys, then only the records it holds: a flood of fresh hashes costs no get each', async () => {
    const { cache, clock } = await openCache()
    // 1,000 records, 600 asked: three of them held (one stale).
    const held = Array.from({ length: 1000 }, (_, n) => verdict(sha1Of(10_000 + n)))
    const roomy = { ...POLICY, maxEntries: 5000 }
    await cache.put(SPECTRA_BACKEND, [...held, verdict(sha1Of(1)), verdict(sha1Of(2), 'UNKNOWN'), verdict(sha1Of(599), 'KNOWN')], roomy)
    const asked = Array.from({ length: 600 }, (_, n) => sha1Of(n))
    clock.now += 2 * DAY
    const gets = vi.spyOn(IDBObjectStore.prototype, 'get')
    try {
      const found = await cache.getFresh(SPECTRA_BACKEND, asked, roomy)
      expect([...found.entries()].map(([hash, v]) => [hash, v.classification])).toEqual([[sha1Of(1), 'MALICIOUS'], [sha1Of(599), 'KNOWN']])
      // Reads (and use-marks) of held records only, none for the 597 it does not hold.
      const absent = gets.mock.calls.map(([key]) => (key as string[])[1]).filter((hash) => ![sha1Of(1), sha1Of(2), sha1Of(599)].includes(hash!))
      expect(absent).toEqual([])
    } finally {
      gets.mockRestore()
    }
  })
})

describe('VerdictCache: count and clear', () => {
  it('count() counts stored entries', async () => {
    const { cache } = await openCache()
    expect(await cache.count()).toBe(0)
    await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(1)), verdict(sha1Of(2), 'UNKNOWN'), verdict(MD5, 'NOT_FOUND', 'md5')], POLICY)
    expect(await cache.count()).toBe(3)
  })

  it('clear() empties the cache', async () => {
    const { cache } = await openCache()
    await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(1)), verdict(sha1Of(2))], POLICY)
    await cache.clear()
    expect(await cache.count()).toBe(0)
    expect((await cache.getFresh(SPECTRA_BACKEND, [sha1Of(1), sha1Of(2)], POLICY)).size).toBe(0)
  })

  it('separate databases do not share entries', async () => {
    const a = await openCache()
    const b = await openCache()
    await a.cache.put(SPECTRA_BACKEND, [verdict(SHA1)], POLICY)
    expect(await b.cache.count()).toBe(0)
  })
})

describe('VerdictCache: storage limits', () => {
  it('keeps the total size under maxBytes by evicting the least recently used', async () => {
    const { cache, clock } = await openCache()
    for (let i = 0; i < 20; i++) {
      clock.now += 1000
      await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(i))], POLICY)
    }
    const perEntry = (await cache.totalBytes()) / 20
    clock.now += 2 * 3_600_000
    await cache.getFresh(SPECTRA_BACKEND, [sha1Of(0)], POLICY) // the oldest is used again: it stays
    await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(99))], { ...POLICY, maxBytes: Math.ceil(perEntry * 10.5) })
    expect(await cache.count()).toBe(10)
    expect(await cache.totalBytes()).toBeLessThanOrEqual(perEntry * 10.5)
    expect((await cache.getFresh(SPECTRA_BACKEND, [sha1Of(0), sha1Of(99)], POLICY)).size).toBe(2)
    expect((await cache.getFresh(SPECTRA_BACKEND, [sha1Of(1)], POLICY)).size).toBe(0)
  })

  it('counts a re-stored verdict once in the total size', async () => {
    const { cache } = await openCache()
    await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(1))], POLICY)
    const once = await cache.totalBytes()
    await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(1))], POLICY)
    expect(await cache.totalBytes()).toBe(once)
    await cache.clear()
    expect(await cache.totalBytes()).toBe(0)
  })

  it('discards a corrupt stored record instead of returning it or failing', async () => {
    const { cache, name } = await openCache()
    await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(1)), verdict(sha1Of(2))], POLICY)
    // Damage one record behind the cache's back, as a bug or a damaged disk might.
    await damageRecord(name, sha1Of(1))
    const found = await cache.getFresh(SPECTRA_BACKEND, [sha1Of(1), sha1Of(2)], POLICY)
    expect([...found.keys()]).toEqual([sha1Of(2)])
    expect(await cache.count()).toBe(1)
  })

  it('evicts and retries once when the browser says storage is full', async () => {
    const { cache } = await openCache()
    for (let i = 0; i < 10; i++) await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(i))], POLICY)
    const original = IDBObjectStore.prototype.put
    let failures = 1
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'verdicts' && failures > 0) {
        failures--
        throw new DOMException('full', 'QuotaExceededError')
      }
      return original.apply(this, args)
    }
    try {
      await cache.put(SPECTRA_BACKEND, [verdict(sha1Of(100))], POLICY)
    } finally {
      IDBObjectStore.prototype.put = original
    }
    expect((await cache.getFresh(SPECTRA_BACKEND, [sha1Of(100)], POLICY)).size).toBe(1)
    expect(await cache.count()).toBeLessThan(11)
  })
})

describe('VerdictCache: writes', () => {
  it('a batch holding one sample twice (by MD5 and by SHA-1) is stored once per hash and counted once', async () => {
    const { cache } = await openCache()
    const bySha1: Verdict = { ...verdict(SHA1), sampleHashes: { md5: MD5, sha1: SHA1, sha256: SHA256 } }
    const byMd5: Verdict = { ...bySha1, hash: MD5, type: 'md5' }
    await cache.put(SPECTRA_BACKEND, [bySha1], POLICY)
    const single = await cache.totalBytes()
    await cache.clear()
    await cache.put(SPECTRA_BACKEND, [bySha1, byMd5], POLICY)
    expect(await cache.count()).toBe(3)
    expect(await cache.totalBytes()).toBe(single)
    expect((await cache.getFresh(SPECTRA_BACKEND, [MD5], POLICY)).get(MD5)).toEqual(byMd5)
  })

  it('reading a verdict again within the hour writes nothing', async () => {
    const { cache, clock } = await openCache()
    await cache.put(SPECTRA_BACKEND, [verdict(SHA1)], POLICY)
    const original = IDBObjectStore.prototype.put
    let writes = 0
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      writes++
      return original.apply(this, args)
    }
    try {
      clock.now += 60_000
      await cache.getFresh(SPECTRA_BACKEND, [SHA1], POLICY)
      await cache.settled()
      expect(writes).toBe(0)
      clock.now += 2 * 3_600_000
      await cache.getFresh(SPECTRA_BACKEND, [SHA1], POLICY)
      await cache.settled()
      expect(writes).toBe(1)
    } finally {
      IDBObjectStore.prototype.put = original
    }
  })

  it('a hit reads in a read-only transaction and leaves the use-mark to a later one', async () => {
    const { cache, clock } = await openCache()
    await cache.put(SPECTRA_BACKEND, [verdict(SHA1)], POLICY)
    clock.now += 2 * 3_600_000
    const original = IDBDatabase.prototype.transaction
    const modes: string[] = []
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      modes.push(args[1] ?? 'readonly')
      return original.apply(this, args)
    } as IDBDatabase['transaction']
    try {
      expect((await cache.getFresh(SPECTRA_BACKEND, [SHA1], POLICY)).has(SHA1)).toBe(true)
      expect(modes).toEqual(['readonly', 'readwrite'])
    } finally {
      IDBDatabase.prototype.transaction = original
    }
  })

  it('a use-mark queued by a read never overwrites an answer stored after it', async () => {
    const { cache, clock } = await openCache()
    await cache.put(SPECTRA_BACKEND, [verdict(SHA1, 'KNOWN')], POLICY)
    clock.now += 2 * 3_600_000
    const read = cache.getFresh(SPECTRA_BACKEND, [SHA1], POLICY)
    const fresher = verdict(SHA1, 'MALICIOUS')
    // Queued while the read is under way: its transaction may be created before the use-mark's.
    const stored = cache.put(SPECTRA_BACKEND, [fresher], POLICY)
    expect((await read).get(SHA1)?.classification).toBe('KNOWN')
    await stored
    await cache.settled()
    expect((await cache.getFresh(SPECTRA_BACKEND, [SHA1], POLICY)).get(SHA1)).toEqual(fresher)
  })
})

describe('VerdictCache: backends', () => {
  it('keeps each backend\'s answer for a hash apart', async () => {
    const { cache } = await openCache()
    await cache.put(SPECTRA_BACKEND, [verdict(SHA1, 'MALICIOUS')], POLICY)
    expect((await cache.getFresh('other', [SHA1], POLICY)).size).toBe(0)
    await cache.put('other', [verdict(SHA1, 'KNOWN')], POLICY)
    expect((await cache.getFresh(SPECTRA_BACKEND, [SHA1], POLICY)).get(SHA1)?.classification).toBe('MALICIOUS')
    expect((await cache.getFresh('other', [SHA1], POLICY)).get(SHA1)?.classification).toBe('KNOWN')
    expect(await cache.count()).toBe(2)
  })
})

/** A database as version 1 of the cache left it: keyed by hash alone, every entry Spectra's. */
async function createVersion1Database(name: string, records: readonly unknown[], totalBytes: number): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, 1)
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore('verdicts', { keyPath: 'hash' })
      store.createIndex('byLastUse', 'lastUsedAt')
      request.result.createObjectStore('meta')
    }
    request.onerror = () => reject(request.error)
    request.onsuccess = () => resolve(request.result)
  })
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(['verdicts', 'meta'], 'readwrite')
    for (const record of records) tx.objectStore('verdicts').put(record)
    tx.objectStore('meta').put(totalBytes, 'totalBytes')
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
  })
  db.close()
}

function version1Record(n: number) {
  const v = verdict(sha1Of(n), n % 2 === 0 ? 'MALICIOUS' : 'KNOWN')
  // Older entries were used longer ago: eviction order must survive the move.
  return { hash: v.hash, verdict: v, storedAt: T0, lastUsedAt: T0 - n, bytes: JSON.stringify(v).length + 64 }
}

describe('VerdictCache: upgrade from version 1', () => {
  it('moves every entry to Spectra\'s key, so the engine answers them all from the cache', async () => {
    const name = `verdict-cache-test-v1-${Math.random()}`
    // More than one chunk of the move, and one record a bug left behind.
    const records = Array.from({ length: 2500 }, (_, n) => version1Record(n))
    const bytes = records.reduce((sum, record) => sum + record.bytes, 0)
    await createVersion1Database(name, [...records, { hash: sha1Of(99_999), verdict: { classification: 'EVIL' } }], bytes + 500)
    const cache = await VerdictCache.open(name, () => T0)
    opened.push(cache)
    expect(await cache.count()).toBe(records.length)
    expect(await cache.totalBytes()).toBe(bytes)
    const hashes = records.map((record) => record.hash)
    const found = await cache.getFresh(SPECTRA_BACKEND, hashes, POLICY)
    expect(found.size).toBe(records.length)
    for (const record of records) expect(found.get(record.hash)).toEqual(record.verdict)

    const { LookupEngine, INITIAL_ENGINE_STATE } = await import('./lookup-engine.ts')
    const { EMPTY_QUEUE } = await import('./lookup-queue.ts')
    let lookups = 0
    const refuse = async () => {
      lookups++
      return { ok: false as const, failure: { kind: 'unavailable' as const, retryAfterMs: null } }
    }
    const engine = new LookupEngine({
      cache: { getFresh: (backend, asked) => cache.getFresh(backend, asked, POLICY), put: (backend, verdicts) => cache.put(backend, verdicts, POLICY) },
      getClient: async () => ({ backend: SPECTRA_BACKEND, bulkLookup: refuse, singleLookup: refuse, limits: refuse, usage: refuse }),
      getBackend: async () => SPECTRA_BACKEND,
      getCachePolicy: async () => POLICY,
      loadState: async () => INITIAL_ENGINE_STATE,
      saveState: async () => undefined,
      loadQueue: async () => EMPTY_QUEUE,
      saveQueue: async () => undefined,
      scheduleWake: () => undefined,
      publishStates: () => undefined,
      publishStatus: () => undefined,
      now: () => T0,
    })
    const states = await engine.request(hashes.slice(0, 300))
    expect(Object.values(states).every((state) => state.state === 'verdict')).toBe(true)
    expect(engine.pendingCount).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 100)) // past the collection window
    expect(lookups).toBe(0)
  })

  it('keeps the eviction order, and opens as version 2 from then on', async () => {
    const name = `verdict-cache-test-v1-order-${Math.random()}`
    const records = Array.from({ length: 5 }, (_, n) => version1Record(n))
    await createVersion1Database(name, records, records.reduce((sum, record) => sum + record.bytes, 0))
    const first = await VerdictCache.open(name, () => T0)
    first.close()
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name)
      request.onerror = () => reject(request.error)
      request.onsuccess = () => resolve(request.result)
    })
    expect(raw.version).toBe(2)
    expect([...raw.objectStoreNames].sort()).toEqual(['meta', 'verdicts'])
    raw.close()
    const cache = await VerdictCache.open(name, () => T0)
    opened.push(cache)
    expect(await cache.count()).toBe(5)
    expect(await cache.evictBeyond(3)).toBe(2)
    // The two used longest ago (the highest n) went.
    const left = await cache.getFresh(SPECTRA_BACKEND, records.map((record) => record.hash), POLICY)
    expect([...left.keys()].sort()).toEqual([0, 1, 2].map(sha1Of))
  })
})
