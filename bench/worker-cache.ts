/**
 * Benchmark 6: the worker at ~100 and at 100,000 cached verdicts (verdict-cache.ts): cache hit,
 * use-mark write, 'lookup' round trip, heap after GC. The cache is filled the real way, then
 * topped up with clones of a real record from inside the worker: 100,000 lookups through the
 * simulator would take minutes.
 */
import { makeHash } from '../test/e2e/fixtures.ts'
import { startSimulator } from '../test/simulator/spectra-simulator.ts'
import { launchExtension, sleep, waitFor, WorkerSession, type ExtensionBrowser } from './lib/browser.ts'
import type { BenchContext } from './lib/context.ts'
import { figuresOf, median, percentile, round, type Figure } from './lib/report.ts'
import type { Page, Worker } from '@playwright/test'

interface Sample {
  entries: number
  hitMs: number[]
  useMarkMs: number[]
  messageMs: number[]
  heapBytes: number
}

async function cachedCount(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const report = await chrome.runtime.sendMessage({ type: 'get-status' }) as { cachedVerdicts?: number }
    return report.cachedVerdicts ?? 0
  })
}

/** getFresh's read-only get (what a lookup waits for), or with `isUseMark` the lastUsedAt write it queues. */
async function timeCacheHits(worker: Worker, hashes: readonly string[], rounds: number, isUseMark = false): Promise<number[]> {
  const isReadOnly = !isUseMark
  return worker.evaluate(async ({ hashes, rounds, isReadOnly }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('hashlens-verdicts')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    const times: number[] = []
    for (let index = 0; index < rounds; index++) {
      const hash = hashes[index % hashes.length]!
      const start = performance.now()
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('verdicts', isReadOnly ? 'readonly' : 'readwrite')
        const store = tx.objectStore('verdicts')
        // Keyed by backend and hash; the simulator stands in for Spectra.
        const get = store.get(['spectra', hash])
        get.onsuccess = () => {
          if (get.result === undefined) {
            reject(new Error(`not cached: ${hash}`))
            tx.abort()
            return
          }
          if (!isReadOnly) store.put({ ...get.result, lastUsedAt: Date.now() })
        }
        tx.oncomplete = () => resolve()
        tx.onerror = () => reject(tx.error)
      })
      times.push(performance.now() - start)
    }
    db.close()
    return times
  }, { hashes, rounds, isReadOnly })
}

/** A 'lookup' message for one cached hash, round trip from an extension page. */
async function timeLookupMessages(page: Page, hashes: readonly string[], rounds: number): Promise<number[]> {
  return page.evaluate(async ({ hashes, rounds }) => {
    const times: number[] = []
    for (let index = 0; index < rounds; index++) {
      const hash = hashes[index % hashes.length]!
      const start = performance.now()
      const states = await chrome.runtime.sendMessage({ type: 'lookup', hashes: [hash] }) as Record<string, { state: string }>
      times.push(performance.now() - start)
      if (states[hash]?.state !== 'verdict') throw new Error(`not answered from the cache: ${hash} → ${JSON.stringify(states[hash])}`)
    }
    return times
  }, { hashes, rounds })
}

async function heapAfterGc(session: WorkerSession): Promise<number> {
  await session.send('HeapProfiler.collectGarbage')
  const usage = await session.send<{ usedSize: number }>('Runtime.getHeapUsage')
  return usage.usedSize
}

/** Clones a real record under `count` new hashes (same type), in one transaction, from the worker. */
async function addClones(worker: Worker, count: number, seed: number): Promise<string[]> {
  return worker.evaluate(async ({ count, seed }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('hashlens-verdicts')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    // Relaxed durability: a bulk fill for a benchmark need not wait for each commit to reach disk.
    const tx = db.transaction(['verdicts', 'meta'], 'readwrite', { durability: 'relaxed' })
    const store = tx.objectStore('verdicts')
    const meta = tx.objectStore('meta')
    const template = await new Promise<Record<string, unknown> & { hash: string; verdict: Record<string, unknown> }>((resolve) => {
      const cursor = store.openCursor()
      cursor.onsuccess = () => resolve(cursor.result!.value)
    })
    // No named functions in here: tsx would wrap them in a helper the worker does not have.
    let state = seed
    const now = Date.now()
    const added: string[] = []
    let bytes = 0
    for (let index = 0; index < count; index++) {
      let hash = 'b0'
      while (hash.length < template.hash.length) {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0
        hash += ((state >>> 16) & 15).toString(16)
      }
      const verdict = { ...template.verdict, hash, sampleHashes: {} }
      const size = JSON.stringify(verdict).length + 64
      bytes += size
      store.put({ ...template, hash, verdict, storedAt: now, lastUsedAt: now - index, bytes: size })
      if (index % 2500 === 0) added.push(hash)
    }
    const total = await new Promise<number>((resolve) => {
      const request = meta.get('totalBytes')
      request.onsuccess = () => resolve((request.result as number | undefined) ?? 0)
    })
    meta.put(total + bytes, 'totalBytes')
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error)
    })
    db.close()
    return added
  }, { count, seed })
}

async function measure(browser: ExtensionBrowser, page: Page, session: WorkerSession, hashes: readonly string[], rounds: number): Promise<Sample> {
  // Both sides warm (compiled code, open connections) before timing.
  await timeCacheHits(browser.worker, hashes, 20)
  await timeLookupMessages(page, hashes, 10)
  return {
    entries: await cachedCount(page),
    hitMs: await timeCacheHits(browser.worker, hashes, rounds),
    useMarkMs: await timeCacheHits(browser.worker, hashes, rounds, true),
    messageMs: await timeLookupMessages(page, hashes, Math.max(20, rounds / 4)),
    heapBytes: await heapAfterGc(session),
  }
}

export async function runWorkerCache(context: BenchContext): Promise<Figure[]> {
  const target = context.isSmoke ? 2_000 : 100_000
  const rounds = context.isSmoke ? 40 : 120
  const simulator = await startSimulator()
  const browser = await launchExtension(simulator.url)
  let session: WorkerSession | null = null
  try {
    const popupPath = 'src/popup/popup.html'
    const page = await browser.context.newPage()
    await page.goto(`chrome-extension://${browser.extensionId}/${popupPath}`)
    session = await WorkerSession.attach(browser.context, browser.extensionId)

    // Cached by the worker's own code (a found hash under its MD5, SHA-1 and SHA-256 alike).
    const real = Array.from({ length: 40 }, (_, i) => makeHash(80_000 + i, i % 2 === 0 ? 64 : 40, '0123456789ab'[i % 12]!))
    await page.evaluate((hashes) => chrome.runtime.sendMessage({ type: 'lookup', hashes }), real)
    const isCached = await waitFor(() => page.evaluate(async (hashes) => {
      const states = await chrome.runtime.sendMessage({ type: 'lookup', hashes }) as Record<string, { state: string }>
      return hashes.every((hash) => states[hash]?.state === 'verdict') ? true : undefined
    }, real), 20_000, 200)
    if (!isCached) throw new Error('the real lookups were not cached')
    const small = await measure(browser, page, session, real, rounds)
    context.log(`worker cache: ${small.entries} entries measured; filling to ${target.toLocaleString('en-US')}`)

    const synthetic: string[] = []
    let entries = small.entries
    const batch = context.isSmoke ? 1000 : 25_000
    for (let seed = 1; entries < target; seed++) {
      const count = Math.min(batch, target - entries)
      synthetic.push(...await addClones(browser.worker, count, seed))
      entries += count
    }
    context.log(`worker cache: filled; measuring at ${entries.toLocaleString('en-US')}`)
    const requestsBefore = simulator.lookupRequests().length
    const large = await measure(browser, page, session, [...real, ...synthetic], rounds)
    await sleep(200)
    const requestsDuring = simulator.lookupRequests().length - requestsBefore

    const hitSmall = median(small.hitMs)!
    const hitLarge = median(large.hitMs)!
    const growth = hitLarge / hitSmall
    const entriesLabel = large.entries.toLocaleString('en-US')
    return figuresOf('6 Worker cache', [
      { id: 'worker.heap-mb', label: `worker JS heap after GC, ${entriesLabel} cached (at ${small.entries}: ${(small.heapBytes / 1048576).toFixed(1)} MB)`,
        value: round(large.heapBytes / 1048576, 1), unit: 'MB', detail: { small: small.heapBytes, large: large.heapBytes } },
      { id: 'worker.hit-ms-small', label: `cache hit (getFresh: read-only get), ${small.entries} entries, median`, value: round(hitSmall, 2), unit: 'ms',
        detail: { p95: percentile(small.hitMs, 0.95) } },
      { id: 'worker.hit-ms-large', label: `cache hit, ${entriesLabel} entries, median (p95 ${round(percentile(large.hitMs, 0.95), 2)} ms)`, value: round(hitLarge, 2), unit: 'ms',
        target: { comparison: '<=', value: 1 }, detail: { p95: percentile(large.hitMs, 0.95) } },
      { id: 'worker.use-mark-ms-large', label: `use-mark write queued after a hit (≤ once an hour per entry, not waited for), ${entriesLabel} entries, median (at ${small.entries}: ${round(median(small.useMarkMs), 2)} ms)`,
        value: round(median(large.useMarkMs), 2), unit: 'ms' },
      { id: 'worker.hit-growth', label: `cache hit at ${entriesLabel} / at ${small.entries} (constant: ≤ 1.5)`, value: round(growth, 2), unit: '×',
        target: { comparison: '<=', value: 1.5 } },
      { id: 'worker.message-ms', label: `'lookup' message round trip, cached hash, ${entriesLabel} entries (at ${small.entries}: ${round(median(small.messageMs), 2)} ms)`,
        value: round(median(large.messageMs), 2), unit: 'ms' },
      { id: 'worker.requests-for-hits', label: 'requests sent for those cache hits', value: requestsDuring, unit: '', target: { comparison: '==', value: 0 } },
    ], context.isSmoke)
  } finally {
    await session?.detach()
    await browser.close()
    await simulator.close()
  }
}
