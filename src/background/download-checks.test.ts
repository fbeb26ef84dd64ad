/**
 * Download checks over fakes: a fake DownloadItem, a fake server behind `fetch`, the real streaming hasher, a fake
 * engine and an in-memory storage.session.
 */
import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { hashStream } from '../shared/file-hashes.ts'
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings.ts'
import { MAX_DOWNLOAD_CHECKS, type DownloadCheck } from '../shared/download-checks.ts'
import type { HashState, Verdict } from '../shared/verdict.ts'
import { DownloadCheckStore, type SessionArea } from './download-check-store.ts'
import { DownloadChecks, isDocumentDownload, type DownloadFacts } from './download-checks.ts'
import { DailyBudgets } from './daily-budgets.ts'

// DailyBudgets' default storage (storage.local) is not used here: the harness passes its own.
vi.mock('webextension-polyfill', () => ({ default: {} }))

const MB = 1024 * 1024
const URL_OF_FILE = 'https://dl.example.com/files/setup.exe'

function memoryArea(): SessionArea & { items: Map<string, unknown> } {
  const items = new Map<string, unknown>()
  return {
    items,
    get: async (key) => (items.has(key) ? { [key]: structuredClone(items.get(key)) } : {}),
    set: async (values) => { for (const [key, value] of Object.entries(values)) items.set(key, structuredClone(value)) },
  }
}

function verdictOf(hash: string, classification: Verdict['classification']): HashState {
  return { state: 'verdict', verdict: { hash, type: 'sha256', classification, sampleHashes: {}, checkedAt: 1 } }
}

interface Served {
  bytes: Uint8Array
  status?: number
  headers?: Record<string, string>
}

interface Harness {
  checks: DownloadChecks
  store: DownloadCheckStore
  area: ReturnType<typeof memoryArea>
  fetched: { url: string; init: RequestInit }[]
  lookedUp: string[]
  settled: DownloadCheck[]
  changed: DownloadCheck[]
  removed: number[]
  shown: number[]
  /** Streams the fake server gave, and whether each was cancelled. */
  cancelled: boolean[]
  /** The sites each lookup was charged to. */
  charged: string[]
  complete: (item?: Partial<DownloadFacts>) => Promise<void>
}

interface HarnessOptions {
  settings?: Partial<Settings>
  served?: Served | ((init: RequestInit) => Promise<Response>)
  item?: Partial<DownloadFacts>
  /** What the engine answers at once (the cache's verdict unless told). */
  lookup?: (sha256: string) => HashState
  hasPermission?: boolean
  area?: ReturnType<typeof memoryArea>
  removeFile?: (id: number) => Promise<void>
  now?: () => number
  /** Bytes per chunk of the fake server's body. */
  chunkBytes?: number
  /** The daily budgets (real DailyBudgets, in memory); large unless told. */
  budgets?: { perSite: number; total: number }
  /** What the cache already holds, answered without a charge. */
  cached?: Record<string, HashState>
}

function bodyOf(bytes: Uint8Array, chunkBytes: number, onCancel: () => void): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream<Uint8Array>({
    pull: (controller) => {
      if (offset >= bytes.byteLength) return controller.close()
      controller.enqueue(bytes.slice(offset, offset + chunkBytes))
      offset += chunkBytes
    },
    cancel: onCancel,
  })
}

function harness(options: HarnessOptions = {}): Harness {
  const served: NonNullable<HarnessOptions['served']> = options.served ?? { bytes: randomBytes(1000) }
  const settings: Settings = { ...DEFAULT_SETTINGS, checkDownloads: true, ...options.settings }
  const area = options.area ?? memoryArea()
  const store = new DownloadCheckStore(area)
  const fetched: Harness['fetched'] = []
  const lookedUp: string[] = []
  const settled: DownloadCheck[] = []
  const changed: DownloadCheck[] = []
  const removed: number[] = []
  const shown: number[] = []
  const cancelled: boolean[] = []
  const charged: string[] = []
  const budgets = new DailyBudgets({ load: async () => undefined, save: async () => undefined })
  const limits = { perSite: 100_000, total: 100_000, trustedSites: [], ...options.budgets }
  const baseItem: DownloadFacts = {
    id: 7, url: URL_OF_FILE, finalUrl: URL_OF_FILE, referrer: 'https://www.example.org/downloads', filename: '/home/user/Downloads/setup.exe',
    mime: 'application/octet-stream', fileSize: typeof served === 'function' ? 1000 : served.bytes.byteLength, state: 'complete',
    ...options.item,
  }
  let item = baseItem
  const checks = new DownloadChecks({
    store,
    ownOrigin: 'chrome-extension://hashlensid',

    loadSettings: async () => settings,
    hasPermission: async () => options.hasPermission ?? true,
    findDownload: async (id) => (id === item.id ? item : undefined),
    fetch: async (url, init) => {
      fetched.push({ url, init })
      if (typeof served === 'function') return served(init)
      const index = cancelled.push(false) - 1
      const body = bodyOf(served.bytes, options.chunkBytes ?? 64 * 1024, () => { cancelled[index] = true })
      return new Response(body, {
        status: served.status ?? 200,
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(served.bytes.byteLength), ...served.headers },
      })
    },
    hashStream: (stream, hashOptions) => hashStream(stream, { ...hashOptions, sliceBytes: 16 * 1024 }),
    lookup: async (sha256) => {
      lookedUp.push(sha256)
      return options.lookup ? options.lookup(sha256) : verdictOf(sha256, 'MALICIOUS')
    },
    peek: async (sha256) => options.cached?.[sha256],
    takeBudget: async (sites) => {
      charged.push(...sites)
      return budgets.take(sites, 1, limits)
    },
    removeFile: options.removeFile ?? (async (id) => { removed.push(id) }),
    showFile: (id) => { shown.push(id) },
    changed: (check) => changed.push(check),
    settled: (check) => settled.push(check),
    deleted: () => undefined,
    ...(options.now && { now: options.now }),
  })
  return {
    checks, store, area, fetched, lookedUp, settled, changed, removed, shown, cancelled, charged,
    complete: async (change = {}) => {
      item = { ...baseItem, ...change }
      await checks.onChanged({ id: item.id, state: { current: 'complete' } })
    },
  }
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

describe('a completed download', () => {
  it('is fetched again with the user\'s cookies, hashed, looked up once and settled with its verdict', async () => {
    const bytes = randomBytes(300_000)
    const h = harness({ served: { bytes } })
    await h.complete()
    expect(h.fetched).toHaveLength(1)
    expect(h.fetched[0]).toMatchObject({ url: URL_OF_FILE, init: { credentials: 'include' } })
    expect(h.lookedUp).toEqual([sha256Of(bytes)])
    expect(h.settled).toHaveLength(1)
    expect(h.settled[0]).toMatchObject({
      id: 7, fileName: 'setup.exe', url: URL_OF_FILE, bytes: 300_000, mime: 'application/octet-stream', step: 'done',
      hashes: { sha256: sha256Of(bytes), md5: createHash('md5').update(bytes).digest('hex') }, state: { state: 'verdict' },
    })
    expect(await h.checks.list()).toEqual([h.settled[0]])
    // Every change was told to open pages, from the first record on.
    expect(h.changed.map((check) => check.step)).toEqual(['hashing', 'looking-up', 'done'])
  })

  it('is looked at once, however often the browser says it completed', async () => {
    const h = harness()
    await h.complete()
    await h.complete()
    await h.checks.onChanged({ id: 7, state: { current: 'complete' } })
    expect(h.fetched).toHaveLength(1)
    expect(h.lookedUp).toHaveLength(1)
    expect(h.settled).toHaveLength(1)
  })

  it('a repeat download (another id) is asked of the engine again, whose cache answers it for free', async () => {
    const h = harness()
    await h.complete()
    await h.complete({ id: 8 })
    expect(h.lookedUp).toHaveLength(2)
    expect(h.lookedUp[0]).toBe(h.lookedUp[1])
  })

  it('waits for the engine\'s answer when it is not cached, and settles once however often it is published', async () => {
    const h = harness({ lookup: () => ({ state: 'pending' }) })
    await h.complete()
    const [check] = await h.checks.list()
    expect(check).toMatchObject({ step: 'looking-up', state: { state: 'pending' } })
    expect(h.settled).toHaveLength(0)
    const sha256 = check!.hashes!.sha256
    h.checks.onStates({ [sha256]: { state: 'pending' }, other: verdictOf('other', 'KNOWN') })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(h.settled).toHaveLength(0)
    h.checks.onStates({ [sha256]: verdictOf(sha256, 'SUSPICIOUS') })
    h.checks.onStates({ [sha256]: verdictOf(sha256, 'SUSPICIOUS') })
    await expect.poll(() => h.settled.length).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(h.settled).toHaveLength(1)
    expect(h.settled[0]).toMatchObject({ step: 'done', state: { verdict: { classification: 'SUSPICIOUS' } } })
  })

  it('a lookup error ends the check with that error, and the verdict that comes once lookups resume replaces it', async () => {
    const h = harness({ lookup: () => ({ state: 'error', error: 'not-configured' }) })
    await h.complete()
    expect(h.settled).toEqual([expect.objectContaining({ step: 'done', state: { state: 'error', error: 'not-configured' } })])
    const sha256 = h.settled[0]!.hashes!.sha256
    // The same stop published again changes nothing; the verdict does, once.
    h.checks.onStates({ [sha256]: { state: 'error', error: 'not-configured' } })
    h.checks.onStates({ [sha256]: { state: 'pending' } })
    h.checks.onStates({ [sha256]: verdictOf(sha256, 'MALICIOUS') })
    h.checks.onStates({ [sha256]: verdictOf(sha256, 'MALICIOUS') })
    await expect.poll(() => h.settled.length).toBe(2)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(h.settled).toHaveLength(2)
    expect(h.settled[1]).toMatchObject({ step: 'done', state: { state: 'verdict', verdict: { classification: 'MALICIOUS' } } })
  })

  it('writes its progress while hashing, at most once a second', async () => {
    let now = 0
    const h = harness({ served: { bytes: randomBytes(2 * MB) }, now: () => (now += 300) })
    await h.complete()
    const hashing = h.changed.filter((check) => check.step === 'hashing').map((check) => check.bytesHashed)
    expect(hashing[0]).toBe(0)
    expect(hashing.length).toBeGreaterThan(2)
    expect(hashing.slice(1).every((done, index) => done! > hashing[index]!)).toBe(true)
  })
})

describe('nothing happens', () => {
  it.each([
    ['the checks are off', { settings: { checkDownloads: false } }],
    ['the downloads permission is not held', { hasPermission: false }],
  ])('when %s', async (_, options: HarnessOptions) => {
    const h = harness(options)
    await h.complete()
    expect(h.fetched).toEqual([])
    expect(await h.checks.list()).toEqual([])
  })

  it('for an interrupted download: no file to check (a resumed one completes, and is checked then)', async () => {
    const h = harness()
    await h.checks.onChanged({ id: 7, state: { current: 'interrupted' } })
    await h.checks.onChanged({ id: 7, state: { current: 'in_progress' } })
    expect(h.fetched).toEqual([])
    expect(await h.checks.list()).toEqual([])
    await h.complete()
    expect(h.settled).toHaveLength(1)
  })

  it.each([
    ['an export', { url: 'blob:chrome-extension://hashlensid/5f0c', finalUrl: 'blob:chrome-extension://hashlensid/5f0c' }],
    ['a file saved by downloads.download', { byExtensionId: 'hashlensid' }],
  ])('for HashLens\'s own download: %s', async (_, item: Partial<DownloadFacts>) => {
    const h = harness({ item })
    await h.complete()
    expect(h.fetched).toEqual([])
    expect(await h.checks.list()).toEqual([])
  })

  it.each([
    ['its host', { finalUrl: URL_OF_FILE }, ['dl.example.com']],
    ['a parent of its host', { finalUrl: URL_OF_FILE }, ['example.com']],
    ['its referrer\'s host', { referrer: 'https://www.example.org/x' }, ['www.example.org']],
    ['a parent of its referrer\'s host', { referrer: 'https://www.example.org/x' }, ['example.org']],
    ['its final URL\'s host, whatever the first URL was', { url: 'https://other.test/go', finalUrl: URL_OF_FILE }, ['example.com']],
  ])('for a download of an excluded site: %s', async (_, item: Partial<DownloadFacts>, downloadExcludedSites: string[]) => {
    const h = harness({ settings: { downloadExcludedSites }, item })
    await h.complete()
    expect(h.fetched).toEqual([])
    expect(h.lookedUp).toEqual([])
    expect(await h.checks.list()).toEqual([])
  })

  it('for documents with "skip documents", by name, or by type for a name without an extension', async () => {
    for (const item of [{ mime: 'application/pdf', filename: '/tmp/report' }, { filename: '/tmp/report.DOCX' }, { mime: 'image/png', filename: '/tmp/x' }]) {
      const h = harness({ settings: { downloadSkipDocuments: true }, item })
      await h.complete()
      expect(h.fetched).toEqual([])
      expect(await h.checks.list()).toEqual([])
    }
  })
})

describe('checked all the same', () => {
  it('a site whose name merely ends like an excluded one', async () => {
    const h = harness({ settings: { downloadExcludedSites: ['ample.com', 'www.example.org.evil'] } })
    await h.complete()
    expect(h.lookedUp).toHaveLength(1)
  })

  it('a document while "skip documents" is off', async () => {
    const h = harness({ item: { filename: '/tmp/report.pdf' }, served: { bytes: randomBytes(1000), headers: { 'content-type': 'application/octet-stream' } } })
    await h.complete()
    expect(h.lookedUp).toHaveLength(1)
  })
})

describe('isDocumentDownload', () => {
  it.each(['a.pdf', 'a.doc', 'a.docx', 'a.xls', 'a.xlsx', 'a.ppt', 'a.pptx', 'a.odt', 'a.ods', 'a.odp', 'a.rtf', 'a.txt', 'a.csv', 'a.md', 'a.jpg', 'a.png', 'a.gif'])('%s is a document', (name) => {
    expect(isDocumentDownload({ id: 1, url: '', filename: `C:\\Users\\me\\Downloads\\${name}`, mime: 'application/octet-stream' })).toBe(true)
  })

  it.each([
    ['setup.exe', 'application/x-msdownload'], ['archive.zip', 'application/zip'], ['macro.docm', ''], ['tool.pdf.exe', 'application/octet-stream'],
    // The site names the type: an executable it calls a picture or a PDF is still an executable on disk.
    ['setup.exe', 'image/png'], ['invoice.scr', 'application/pdf'], ['run.js', 'text/plain'],
  ])('%s (%s) is not', (name, mime) => {
    expect(isDocumentDownload({ id: 1, url: '', filename: `/tmp/${name}`, mime })).toBe(false)
  })

  it.each(['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/plain; charset=utf-8', 'image/svg+xml', 'application/vnd.oasis.opendocument.text'])('type %s is a document', (mime) => {
    expect(isDocumentDownload({ id: 1, url: '', filename: '/tmp/download', mime })).toBe(true)
  })
})

describe('a download that cannot be checked', () => {
  it('larger than the cap: not fetched at all', async () => {
    const h = harness({ settings: { downloadMaxMegabytes: 1 }, item: { fileSize: MB + 1 } })
    await h.complete()
    expect(h.fetched).toEqual([])
    expect(h.settled).toEqual([expect.objectContaining({ step: 'not-checked', notChecked: { reason: 'too-large', detail: '1' } })])
    expect(h.lookedUp).toEqual([])
  })

  it('of unknown size, past the cap while read: the stream is cancelled', async () => {
    const bytes = randomBytes(3 * MB)
    const h = harness({ settings: { downloadMaxMegabytes: 1 }, item: { fileSize: -1 }, served: { bytes, headers: { 'content-encoding': 'gzip' } } })
    await h.complete()
    expect(h.settled).toEqual([expect.objectContaining({ step: 'not-checked', bytes: null, notChecked: { reason: 'too-large', detail: '1' } })])
    expect(h.cancelled).toEqual([true])
    expect(h.lookedUp).toEqual([])
  })

  it('whose Content-Length names the cap\'s excess, before a byte is read', async () => {
    const h = harness({ settings: { downloadMaxMegabytes: 1 }, item: { fileSize: -1 }, served: { bytes: randomBytes(10), headers: { 'content-length': String(2 * MB) } } })
    await h.complete()
    expect(h.settled[0]).toMatchObject({ notChecked: { reason: 'too-large' } })
    expect(h.cancelled).toEqual([true])
  })

  it.each(['blob:https://dl.example.com/5d2c', 'data:application/octet-stream;base64,AAAA', 'file:///home/user/a.exe', ''])('with no URL to fetch again: %j', async (url) => {
    const h = harness({ item: { url, finalUrl: url } })
    await h.complete()
    expect(h.fetched).toEqual([])
    expect(h.settled[0]).toMatchObject({ step: 'not-checked', notChecked: { reason: 'no-url' } })
  })

  it('refused by the server: its status said', async () => {
    const h = harness({ served: { bytes: new Uint8Array(0), status: 403 } })
    await h.complete()
    expect(h.settled[0]).toMatchObject({ step: 'not-checked', notChecked: { reason: 'fetch-failed', detail: '403' } })
    expect(h.lookedUp).toEqual([])
  })

  it('unreachable: a network error', async () => {
    const h = harness({ served: () => Promise.reject(new TypeError('Failed to fetch')) })
    await h.complete()
    expect(h.settled[0]).toMatchObject({ step: 'not-checked', notChecked: { reason: 'fetch-failed' } })
    expect(h.settled[0]!.notChecked).not.toHaveProperty('detail')
  })

  it('whose body stalls: a chunk, then nothing for the lookups\' timeout (a slice never fills, so only a stall timer ends it)', async () => {
    const h = harness({
      settings: { timeoutSeconds: 0.05 },
      item: { fileSize: 10_000 },
      served: async (init) => {
        let sent = false
        const body = new ReadableStream<Uint8Array>({
          pull: (controller) => {
            if (!sent) {
              sent = true
              controller.enqueue(new Uint8Array(100))
              return
            }
            // Like a fetch's body: it errors when the request is aborted, else waits forever.
            return new Promise<void>((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)))
          },
        })
        return new Response(body, { headers: { 'content-type': 'application/octet-stream', 'content-length': '10000' } })
      },
    })
    await h.complete()
    expect(h.settled[0]).toMatchObject({ step: 'not-checked', notChecked: { reason: 'fetch-failed' } })
    expect(h.lookedUp).toEqual([])
  })

  it('is fetched again without following a redirect: the server cannot send the site\'s cookies elsewhere', async () => {
    const h = harness()
    await h.complete()
    expect(h.fetched[0]!.init).toMatchObject({ credentials: 'include', redirect: 'error' })
  })

  it('whose address is longer than a record may hold: kept shortened, not fetched, said so', async () => {
    const h = harness({ item: { finalUrl: `${URL_OF_FILE}?${'x'.repeat(20_000)}` } })
    await h.complete()
    expect(h.fetched).toEqual([])
    expect(h.settled[0]).toMatchObject({ step: 'not-checked', notChecked: { reason: 'fetch-failed' } })
    expect(h.settled[0]!.url.length).toBe(8192)
  })

  it('whose server sends no answer within the lookups\' timeout', async () => {
    const h = harness({
      settings: { timeoutSeconds: 0.02 },
      // Like fetch: only the check's abort ends the wait.
      served: (init) => new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason))),
    })
    await h.complete()
    expect(h.settled[0]).toMatchObject({ step: 'not-checked', notChecked: { reason: 'fetch-failed' } })
  })

  it.each([
    ['another size in Content-Length', { headers: { 'content-length': '999' } }, {}],
    ['another type', { headers: { 'content-type': 'text/html; charset=utf-8' } }, {}],
    ['fewer bytes than on disk, where no Content-Length is given', { headers: { 'content-encoding': 'br' } }, { fileSize: 1200 }],
    ['more bytes than on disk', { headers: { 'content-encoding': 'br' } }, { fileSize: 800 }],
  ])('when fetching it again gives another file: %s', async (_, served: Partial<Served>, item: Partial<DownloadFacts>) => {
    const h = harness({ served: { bytes: randomBytes(1000), ...served }, item })
    await h.complete()
    expect(h.settled[0]).toMatchObject({ step: 'not-checked', notChecked: { reason: 'changed' } })
    expect(h.lookedUp).toEqual([])
  })

  it('the same type in other words is the same type', async () => {
    const h = harness({ item: { mime: 'Application/X-MSDownload' }, served: { bytes: randomBytes(1000), headers: { 'content-type': 'application/x-msdownload; charset=binary' } } })
    await h.complete()
    expect(h.settled[0]).toMatchObject({ step: 'done' })
  })
})

describe('a worker stopped mid-check', () => {
  const hashing: DownloadCheck = { id: 7, fileName: 'setup.exe', url: URL_OF_FILE, bytes: 1000, mime: null, completedAt: 1, step: 'hashing', bytesHashed: 400 }

  it('starts the hashing afresh, once', async () => {
    const area = memoryArea()
    area.items.set('downloadChecks', [hashing])
    const bytes = randomBytes(1000)
    const h = harness({ area, served: { bytes } })
    await h.checks.ready
    await expect.poll(() => h.settled.length).toBe(1)
    expect(h.settled[0]).toMatchObject({ step: 'done', hashes: { sha256: sha256Of(bytes) } })
    expect(h.fetched).toHaveLength(1)
  })

  it('stopped in it again, gives up on it, so it cannot stop every worker', async () => {
    const area = memoryArea()
    area.items.set('downloadChecks', [hashing])
    area.items.set('downloadChecksRestarted', [7])
    const h = harness({ area })
    await expect.poll(() => h.settled.length).toBe(1)
    expect(h.settled[0]).toMatchObject({ step: 'not-checked', notChecked: { reason: 'fetch-failed' } })
    expect(h.fetched).toEqual([])
  })

  it('while looking up, asks the engine again (which never pays twice) and settles', async () => {
    const area = memoryArea()
    const sha256 = 'a'.repeat(64)
    area.items.set('downloadChecks', [{ ...hashing, step: 'looking-up', hashes: { md5: 'b'.repeat(32), sha1: 'c'.repeat(40), sha256 }, state: { state: 'pending' } }])
    const h = harness({ area, lookup: () => ({ state: 'pending' }) })
    await h.checks.ready
    await expect.poll(() => h.lookedUp).toEqual([sha256])
    h.checks.onStates({ [sha256]: verdictOf(sha256, 'KNOWN') })
    await expect.poll(() => h.settled.length).toBe(1)
    expect(h.fetched).toEqual([])
  })
})

describe('Delete file and the kept checks', () => {
  it('removes a checked download\'s file and marks it deleted', async () => {
    const h = harness()
    await h.complete()
    expect(await h.checks.delete(7)).toEqual({ ok: true })
    expect(h.removed).toEqual([7])
    expect((await h.checks.list(7))[0]).toMatchObject({ isDeleted: true })
    // Twice is still done, and removes nothing more.
    expect(await h.checks.delete(7)).toEqual({ ok: true })
    expect(h.removed).toEqual([7])
  })

  it('refuses a download HashLens did not check, and says why a removal failed', async () => {
    const h = harness({ removeFile: () => Promise.reject(new Error('Download file already deleted')) })
    expect(await h.checks.delete(3)).toEqual({ ok: false, error: 'HashLens did not check this download, so it cannot delete it.' })
    await h.complete()
    expect(await h.checks.delete(7)).toEqual({ ok: false, error: 'The file could not be deleted: it may have been moved or deleted already.' })
    expect((await h.checks.list(7))[0]).not.toHaveProperty('isDeleted')
  })

  it('shows in its folder only a download HashLens checked', async () => {
    const h = harness()
    await h.complete()
    expect(await h.checks.show(3)).toBeNull()
    expect(await h.checks.show(7)).toBeNull()
    expect(h.shown).toEqual([7])
  })

  it('keeps the newest checks, at most MAX_DOWNLOAD_CHECKS, newest first', async () => {
    const h = harness()
    for (let id = 1; id <= MAX_DOWNLOAD_CHECKS + 5; id++) await h.complete({ id })
    const ids = (await h.checks.list()).map((check) => check.id)
    expect(ids).toHaveLength(MAX_DOWNLOAD_CHECKS)
    expect(ids[0]).toBe(MAX_DOWNLOAD_CHECKS + 5)
    expect(ids.at(-1)).toBe(6)
    expect(await h.checks.list(3)).toEqual([])
  })
})

describe('budgets: a page can start downloads, so what would cost a lookup is charged as its lookups are', () => {
  it('is charged to the file\'s site and the referring page\'s (registrable domains), and stops when one is spent, saying so', async () => {
    const h = harness({ budgets: { perSite: 1, total: 100 } })
    await h.complete()
    await h.complete({ id: 8, finalUrl: 'https://cdn2.example.com/other.exe' })
    expect(h.charged).toEqual(['example.com', 'example.org', 'example.com', 'example.org'])
    expect(h.lookedUp).toHaveLength(1)
    expect(h.settled.map((check) => check.state?.state)).toEqual(['verdict', 'idle'])
    expect(h.settled[1]!.state).toMatchObject({ state: 'idle', stoppedBy: { budget: 'site', site: 'example.com' } })
  })

  it('a page spreading its files over many hosts is still stopped by its own site\'s budget', async () => {
    const h = harness({ budgets: { perSite: 1, total: 100 } })
    await h.complete({ finalUrl: 'https://a1.files.example/1.exe' })
    await h.complete({ id: 8, finalUrl: 'https://a2.other-files.example/2.exe' })
    expect(h.lookedUp).toHaveLength(1)
    expect(h.settled[1]!.state).toMatchObject({ state: 'idle', stoppedBy: { budget: 'site', site: 'example.org' } })
  })

  it('the total stops downloads from any site', async () => {
    const h = harness({ budgets: { perSite: 100, total: 1 } })
    await h.complete()
    await h.complete({ id: 8, finalUrl: 'https://files.example.net/other.exe' })
    expect(h.lookedUp).toHaveLength(1)
    expect(h.settled[1]!.state).toMatchObject({ state: 'idle', stoppedBy: { budget: 'total' } })
  })

  it('one stopped by a budget takes the verdict a later lookup brings (the details page\'s Look up)', async () => {
    const bytes = randomBytes(2000)
    const h = harness({ served: { bytes }, budgets: { perSite: 0, total: 100 } })
    await h.complete()
    expect(h.settled.at(-1)!.state?.state).toBe('idle')
    h.checks.onStates({ [sha256Of(bytes)]: verdictOf(sha256Of(bytes), 'MALICIOUS') })
    await expect.poll(() => h.settled.length).toBe(2)
    expect(h.settled[1]!.state).toMatchObject({ state: 'verdict', verdict: { classification: 'MALICIOUS' } })
  })

  it('a cached verdict is answered without a charge, even with every budget spent', async () => {
    const bytes = randomBytes(2000)
    const cachedVerdict = verdictOf(sha256Of(bytes), 'KNOWN')
    const h = harness({ served: { bytes }, budgets: { perSite: 0, total: 0 }, cached: { [sha256Of(bytes)]: cachedVerdict } })
    await h.complete()
    expect(h.charged).toEqual([])
    expect(h.lookedUp).toEqual([])
    expect(h.settled[0]!.state).toEqual(cachedVerdict)
  })
})

describe('the kept checks', () => {
  it('a burst of downloads pushes out settled checks first, never one still on its way', async () => {
    const store = new DownloadCheckStore(memoryArea())
    const base = { fileName: 'f', url: URL_OF_FILE, bytes: 1, mime: null, completedAt: 0 } as const
    await store.add({ ...base, id: 1, step: 'hashing' })
    for (let id = 2; id <= MAX_DOWNLOAD_CHECKS + 50; id++) await store.add({ ...base, id, step: 'done', state: verdictOf('ab'.repeat(32), 'KNOWN') })
    const kept = await store.list()
    expect(kept).toHaveLength(MAX_DOWNLOAD_CHECKS)
    expect(kept.map((check) => check.id)).toContain(1)
    expect(kept[0]!.id).toBe(MAX_DOWNLOAD_CHECKS + 50)
  })
})
