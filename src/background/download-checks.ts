/**
 * Download checks (issue 16): when a download completes, the worker gets its bytes again, hashes them as they arrive
 * and looks up the SHA-256 once; download-notifications.ts tells the user. Only hashes leave the machine.
 *
 * How the bytes are had. An extension cannot read a file on disk by its path (downloads.open hands it to the system;
 * no API gives its content), so the worker re-fetches the DownloadItem's final URL itself, with `credentials:
 * 'include'` (the user's cookies for that site, as the download had: with host access even SameSite=Strict ones, as
 * e2e/downloads.spec.ts shows in Chromium) and the default cache mode (a cached answer spares the server a second
 * download), hashes the body as a stream through two reused buffers (shared/file-hashes.ts), so memory stays flat
 * whatever the size, and stops reading past the size cap. The answer is taken only if its size (Content-Length
 * where the body is not content-encoded, and the bytes actually read) equals the DownloadItem's fileSize, and its
 * Content-Type the DownloadItem's mime, where the browser gives them; otherwise the check says "changed". No redirect
 * is followed (a server could send the site's cookies anywhere). A hostile server can still tell the second request
 * apart (no page, the extension's Origin) and send another file of the same size and type: the verdict is the copy's,
 * and the details page says so beside "Check a file…", which hashes the file on disk.
 *
 * Its limits, each said to the user as "Could not check this download: …" with "Check a file…" (pick it from disk,
 * hashed on the Check files page):
 * - Larger than the cap (`downloadMaxMegabytes`, default 200 MB): not fetched, or the fetch stopped past the cap.
 * - blob:, data: and file: URLs, or none: a page-made blob is gone, data: and file: are not fetched ('no-url').
 * - A POST (a form's answer), a one-time or expired link, a download that needed the page's Referer or headers: the
 *   re-fetch is a plain GET without them, and fails ('fetch-failed', with the HTTP status) or gets another answer
 *   ('changed').
 * - Cookies: the worker's request carries the site's own (unpartitioned) cookies; a download that depended on cookies
 *   partitioned under another top-level site, or on HTTP authentication typed into a prompt, fails or changes.
 * - The server is asked a second time: it sees two downloads, and a file that changed in between is 'changed'.
 * - A server that sends no answer within the lookups' timeout (`timeoutSeconds`): 'fetch-failed'.
 * An interrupted download makes no record: it left no file to check (a resumed one completes and is checked then);
 * nor do HashLens's own exports (blob: URLs of its pages), which would only ever be "not checked".
 * Skipped downloads (an excluded site: the final URL's host or the referrer's, with their subdomains; a document
 * with "skip documents") make no record and no request at all.
 *
 * A worker stopped mid-hash (Chrome stops an idle one; the progress writes keep it busy, but a browser may still
 * stop it) restarts that check once at its next start, from the first byte: a stream cannot be resumed, and a
 * check left "hashing" would never end. Stopped while looking up, it asks the engine again: the cache or the
 * engine's own saved queue answers, so nothing is paid twice.
 *
 * Budgets: a page can start downloads (a link it clicks, a navigation to an attachment), so a check that would cost a
 * lookup is charged to the daily budgets of the file's site (its final URL's registrable domain) and the total, as the
 * page's own lookups are; past them it is not looked up and says which budget stopped it. The cache answers first
 * without charging anything, so a repeat download spends nothing.
 */
import type { DownloadCheck, DownloadNotCheckedReason } from '../shared/download-checks.ts'
import type { SaveResult } from '../shared/worker-events.ts'
import type { Settings } from '../shared/settings.ts'
import type { HashState, HashStates } from '../shared/verdict.ts'
import type { FileHashes, HashBlobOptions } from '../shared/file-hashes.ts'
import { registrableDomainOf, siteOf } from '../shared/site.ts'
import { t } from '../shared/i18n.ts'
import type { DownloadCheckStore } from './download-check-store.ts'
import type { BudgetGrant } from './daily-budgets.ts'

/** What the worker reads of a DownloadItem (downloads.search). */
export interface DownloadFacts {
  id: number
  url: string
  finalUrl?: string
  referrer?: string
  /** Its absolute path on disk. */
  filename: string
  mime?: string
  /** Chromium: the extension that called downloads.download for it. */
  byExtensionId?: string
  /** Bytes on disk (decoded); -1 when unknown (Chromium), absent in Firefox before it knows. */
  fileSize?: number
  state?: string
}

/** What downloads.onChanged tells: only the fields that changed. */
export interface DownloadDelta {
  id: number
  state?: { current?: string }
}

export interface DownloadCheckEnvironment {
  store: DownloadCheckStore
  /** This extension's origin (`chrome-extension://<id>`): its own exports are no downloads to check. */
  ownOrigin: string
  loadSettings(): Promise<Settings>
  /** The `downloads` permission is held (the user or a policy may have turned the checks on without it yet). */
  hasPermission(): Promise<boolean>
  findDownload(id: number): Promise<DownloadFacts | undefined>
  fetch(url: string, init: RequestInit): Promise<Response>
  hashStream(stream: ReadableStream<Uint8Array>, options: HashBlobOptions): Promise<Partial<FileHashes>>
  /** The SHA-256's state now (engine.request): a verdict from the cache, or pending until onStates gives it. */
  lookup(sha256: string): Promise<HashState>
  /** What the cache or the queue knows of it, charging nothing (engine.peek). */
  peek(sha256: string): Promise<HashState | undefined>
  /** One lookup charged to each site's daily budget and the total (daily-budgets.ts), or what stopped it. */
  takeBudget(sites: readonly string[]): Promise<BudgetGrant>
  /** downloads.removeFile; rejects when the file is gone or the permission is not held. */
  removeFile(id: number): Promise<void>
  /** downloads.show: the file in its folder. */
  showFile(id: number): void
  /** A check was added or changed: tell open pages. */
  changed(check: DownloadCheck): void
  /** A check ended (done or not checked): its notification, as the settings want it. */
  settled(check: DownloadCheck, settings: Settings): void
  /** A checked file was deleted: its notification says so. */
  deleted(check: DownloadCheck): void
  now?: () => number
}

const MEGABYTE = 1024 * 1024
/**
 * A record's text is bounded (a URL can be 2 MB, a Content-Type header anything), as storage.session is shared with
 * the lookup queue and the tab registry: 100 records stay under a megabyte. Signed download links are 1–2 KB.
 */
const MAX_URL_LENGTH = 8192
const MAX_MIME_LENGTH = 128
const MAX_NAME_LENGTH = 1024
/** Progress is written (and pushed to an open details page) at most this often; each write also keeps Chrome from stopping the worker as idle. */
const PROGRESS_INTERVAL_MS = 1000

/** Documents by type: PDF, office documents, text and images ("skip documents"). */
const DOCUMENT_MIME = /^(?:application\/(?:pdf|rtf|msword|vnd\.ms-(?:excel|powerpoint)|vnd\.openxmlformats-officedocument\.[\w.]+|vnd\.oasis\.opendocument\.[\w.]+)|text\/(?:plain|csv|markdown|rtf)|image\/[\w.+-]+)$/i
/** Documents by file name: a server often says application/octet-stream for any file. */
const DOCUMENT_EXTENSION = /\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|txt|csv|md|png|jpe?g|gif|webp|bmp|svg|tiff?|heic|avif|ico)$/i

/** The bare type of a Content-Type or a DownloadItem's mime: `Text/HTML; charset=utf-8` → `text/html`. */
function essenceOf(type: string | null | undefined): string {
  return (type ?? '').split(';')[0]!.trim().toLowerCase()
}

/** Its name without folders, in either separator (a Windows path in Chromium). */
export function baseNameOf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path
}

/** A host that is one of the sites or under one (`dl.example.com` under `example.com`). */
function isHostUnder(host: string, sites: readonly string[]): boolean {
  return host !== '' && sites.some((site) => host === site || host.endsWith(`.${site}`))
}

export function isExcludedDownload(item: DownloadFacts, settings: Settings): boolean {
  const sites = settings.downloadExcludedSites
  return isHostUnder(siteOf(item.finalUrl || item.url), sites) || isHostUnder(siteOf(item.referrer), sites)
}

/** HashLens's own exports (CSV, JSON, STIX, a PDF saved from its viewer): blob: URLs of its own pages. */
function isOwnDownload(item: DownloadFacts, ownOrigin: string): boolean {
  const url = item.finalUrl || item.url
  return url.startsWith(`blob:${ownOrigin}/`) || url.startsWith(`${ownOrigin}/`) || item.byExtensionId === new URL(ownOrigin).host
}

/**
 * By the name on disk, which decides what the system does with the file: the site's Content-Type is its own choice
 * (setup.exe served as image/png is no document). The type decides only for a name without an extension.
 */
export function isDocumentDownload(item: DownloadFacts): boolean {
  const name = baseNameOf(item.filename)
  return /\.[^.]+$/.test(name) ? DOCUMENT_EXTENSION.test(name) : DOCUMENT_MIME.test(essenceOf(item.mime))
}

function isFetchable(url: string): boolean {
  return /^https?:/i.test(url)
}

/** Bytes on disk as the browser tells them, or null when it does not know (totalBytes is no help: it counts encoded bytes). */
function sizeOf(item: DownloadFacts): number | null {
  return item.fileSize !== undefined && item.fileSize >= 0 ? item.fileSize : null
}

/**
 * The body, and a timer restarted at each chunk: a server that trickles a byte every few seconds never fills a slice,
 * so only this ends its check (the headers' timer is long over).
 */
function stalledAfter(body: ReadableStream<Uint8Array>, ms: number, onStall: () => void): { stream: ReadableStream<Uint8Array>; stop: () => void } {
  let timer = setTimeout(onStall, ms)
  const restart = () => {
    clearTimeout(timer)
    timer = setTimeout(onStall, ms)
  }
  const stream = body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      restart()
      controller.enqueue(chunk)
    },
  }))
  return { stream, stop: () => clearTimeout(timer) }
}

/** Why a re-fetch stopped early, as the abort's reason. */
class StoppedRead extends Error {
  constructor(readonly reason: DownloadNotCheckedReason) {
    super(reason)
  }
}

type HashOutcome = { ok: true; hashes: FileHashes } | { ok: false; notChecked: NonNullable<DownloadCheck['notChecked']> }

export class DownloadChecks {
  readonly #env: DownloadCheckEnvironment
  readonly #now: () => number
  /** The checks waiting for their SHA-256's answer, by hash. */
  readonly #awaiting = new Map<string, Set<number>>()
  readonly #ready: Promise<void>

  constructor(env: DownloadCheckEnvironment) {
    this.#env = env
    this.#now = env.now ?? Date.now
    this.#ready = this.#resume()
  }

  /** The previous worker's unfinished checks carried on (see the top of this file). */
  get ready(): Promise<void> {
    return this.#ready
  }

  /** downloads.onChanged: a completed download is checked, once. */
  async onChanged(delta: DownloadDelta): Promise<void> {
    if (delta.state?.current !== 'complete') return
    await this.#ready
    const settings = await this.#env.loadSettings()
    if (!settings.checkDownloads || !(await this.#env.hasPermission())) return
    const item = await this.#env.findDownload(delta.id)
    if (!item || item.state !== 'complete' || isOwnDownload(item, this.#env.ownOrigin)) return
    if (isExcludedDownload(item, settings) || (settings.downloadSkipDocuments && isDocumentDownload(item))) return
    if (!(await this.#env.store.claim(item.id, 'checked'))) return
    const url = item.finalUrl || item.url
    const check: DownloadCheck = {
      id: item.id, fileName: baseNameOf(item.filename).slice(0, MAX_NAME_LENGTH), url: url.slice(0, MAX_URL_LENGTH), bytes: sizeOf(item),
      mime: item.mime ? item.mime.slice(0, MAX_MIME_LENGTH) : null, completedAt: this.#now(), step: 'hashing', bytesHashed: 0,
    }
    await this.#env.store.add(check)
    this.#env.changed(check)
    // A page's own share of storage.session is bounded: an address longer than a record may hold is not fetched.
    if (url.length > MAX_URL_LENGTH) return this.#notChecked(check.id, { reason: 'fetch-failed' }, settings)
    // Charged to the file's site and to the page's that started it: a page cannot spread its downloads over many hosts.
    await this.#hashAndLookUp(check, settings, [url, item.referrer ?? ''])
  }

  /**
   * The engine's new states: the checks waiting for one of them end. An error keeps them waiting too: while lookups
   * are stopped (no account, quota spent) the engine keeps the hash queued, and its verdict comes on resuming.
   */
  onStates(states: HashStates): void {
    for (const [hash, ids] of this.#awaiting) {
      const state = states[hash]
      if (!state || state.state === 'pending') continue
      if (state.state === 'verdict') this.#awaiting.delete(hash)
      for (const id of ids) void this.#finish(id, state)
    }
  }

  /** Newest first; with an id, that one alone (or none). */
  async list(id?: number): Promise<DownloadCheck[]> {
    const checks = await this.#env.store.list()
    return id === undefined ? checks : checks.filter((check) => check.id === id)
  }

  /** Delete file: only a download HashLens checked, so no page of ours can remove any other file. */
  async delete(id: number): Promise<SaveResult> {
    const check = await this.#env.store.get(id)
    if (!check) return { ok: false, error: t('downloadDeleteUnknown') }
    if (check.isDeleted) return { ok: true }
    try {
      await this.#env.removeFile(id)
    } catch {
      return { ok: false, error: t('downloadDeleteFailed') }
    }
    const deleted = await this.#env.store.update(id, (kept) => ({ ...kept, isDeleted: true }))
    if (deleted) {
      this.#env.changed(deleted)
      this.#env.deleted(deleted)
    }
    return { ok: true }
  }

  /** Show in folder, for a download HashLens checked. */
  async show(id: number): Promise<null> {
    if (await this.#env.store.get(id)) this.#env.showFile(id)
    return null
  }

  async #resume(): Promise<void> {
    const checks = await this.#env.store.list().catch(() => [])
    const unfinished = checks.filter((check) => check.step === 'hashing' || check.step === 'looking-up')
    if (unfinished.length === 0) return
    const settings = await this.#env.loadSettings()
    for (const check of unfinished) {
      if (check.step === 'looking-up' && check.hashes) void this.#lookUp(check, check.hashes.sha256, settings)
      else void this.#restartHashing(check, settings)
    }
  }

  async #restartHashing(check: DownloadCheck, settings: Settings): Promise<void> {
    if (await this.#env.store.claim(check.id, 'restarted')) {
      const restarted = await this.#update(check.id, (kept) => ({ ...kept, bytesHashed: 0 }))
      if (restarted) await this.#hashAndLookUp(restarted, settings)
      return
    }
    // Stopped twice in the middle of it: this download keeps stopping the worker, so it is left unchecked.
    await this.#notChecked(check.id, { reason: 'fetch-failed' }, settings)
  }

  /** `budgetUrls`: the file's and the referring page's addresses (after a worker restart, the file's alone). */
  async #hashAndLookUp(check: DownloadCheck, settings: Settings, budgetUrls: readonly string[] = [check.url]): Promise<void> {
    const outcome = await this.#hash(check, settings.downloadMaxMegabytes * MEGABYTE, settings.timeoutSeconds * 1000)
    if (!outcome.ok) return this.#notChecked(check.id, outcome.notChecked, settings)
    const lookingUp = await this.#update(check.id, (kept) => ({ ...kept, step: 'looking-up', hashes: outcome.hashes, state: { state: 'pending' } }))
    if (lookingUp) await this.#lookUp(lookingUp, outcome.hashes.sha256, settings, budgetUrls)
  }

  async #lookUp(check: DownloadCheck, sha256: string, settings: Settings, budgetUrls: readonly string[] = [check.url]): Promise<void> {
    // Waiting before asking: an answer published while the request is on its way is not missed.
    const ids = this.#awaiting.get(sha256) ?? new Set<number>()
    ids.add(check.id)
    this.#awaiting.set(sha256, ids)
    let state: HashState
    try {
      state = await this.#lookUpWithinBudget(sha256, budgetUrls)
    } catch {
      state = { state: 'error', error: 'bad-answer', detail: { reason: 'processing-failed' } }
    }
    if (state.state === 'pending') return
    if (state.state === 'verdict') {
      this.#awaiting.get(sha256)?.delete(check.id)
      if (this.#awaiting.get(sha256)?.size === 0) this.#awaiting.delete(sha256)
    }
    await this.#finish(check.id, state, settings)
  }

  async #lookUpWithinBudget(sha256: string, urls: readonly string[]): Promise<HashState> {
    const known = await this.#env.peek(sha256)
    if (known?.state === 'verdict') return known
    const grant = await this.#env.takeBudget([...new Set(urls.map(registrableDomainOf))].filter((site) => site !== ''))
    if (grant.allowed === 0) return { state: 'idle', ...(grant.stoppedBy && { stoppedBy: grant.stoppedBy }) }
    return this.#env.lookup(sha256)
  }

  /**
   * Once per answer: the engine's push and the request's own answer may both bring it. A check that ended in an error
   * still takes the verdict that comes later (and notifies again, replacing the error's notification).
   */
  async #finish(id: number, state: HashState, settings?: Settings): Promise<void> {
    let isFinished = false
    const done = await this.#update(id, (kept) => {
      const isLaterVerdict = kept.step === 'done' && kept.state?.state !== 'verdict' && state.state === 'verdict'
      if (kept.step !== 'looking-up' && !isLaterVerdict) return kept
      isFinished = true
      return { ...kept, step: 'done', state }
    })
    if (done && isFinished) this.#env.settled(done, settings ?? await this.#env.loadSettings())
  }

  async #notChecked(id: number, notChecked: NonNullable<DownloadCheck['notChecked']>, settings: Settings): Promise<void> {
    const check = await this.#update(id, (kept) => ({ ...kept, step: 'not-checked', notChecked }))
    if (check) this.#env.settled(check, settings)
  }

  async #update(id: number, change: (check: DownloadCheck) => DownloadCheck): Promise<DownloadCheck | undefined> {
    const changed = await this.#env.store.update(id, change)
    if (changed) this.#env.changed(changed)
    return changed
  }

  /** The re-fetch, hashed as it arrives; see the top of this file for what counts as the same file. */
  async #hash(check: DownloadCheck, capBytes: number, timeoutMs: number): Promise<HashOutcome> {
    const notChecked = (reason: DownloadNotCheckedReason, detail?: string): HashOutcome =>
      ({ ok: false, notChecked: detail === undefined ? { reason } : { reason, detail } })
    const capText = String(capBytes / MEGABYTE)
    if (check.bytes !== null && check.bytes > capBytes) return notChecked('too-large', capText)
    if (!isFetchable(check.url)) return notChecked('no-url')
    const controller = new AbortController()
    let response: Response
    // The answer's headers within the lookups' timeout (Chrome stops a worker whose fetch waits 30 s for them anyway).
    const timer = setTimeout(() => controller.abort(new StoppedRead('fetch-failed')), timeoutMs)
    try {
      // No redirect followed: the final URL is where the download came from, and a redirect now would send the site's
      // cookies wherever the server (the page's author, maybe) pointed it.
      response = await this.#env.fetch(check.url, { credentials: 'include', redirect: 'error', signal: controller.signal })
    } catch {
      return notChecked('fetch-failed')
    } finally {
      clearTimeout(timer)
    }
    // Before a byte is read: the body is let go of, so the connection closes (the abort alone closes only a real fetch's).
    const stop = (reason: DownloadNotCheckedReason, detail?: string) => {
      controller.abort(new StoppedRead(reason))
      void response.body?.cancel().catch(() => undefined)
      return notChecked(reason, detail)
    }
    if (!response.ok || !response.body) return stop('fetch-failed', String(response.status))
    // A content-encoded body's length is that of the encoded bytes; the file on disk is decoded.
    const length = response.headers.has('content-encoding') ? null : Number.parseInt(response.headers.get('content-length') ?? '', 10)
    const size = Number.isFinite(length) ? length : null
    if (check.bytes !== null && size !== null && size !== check.bytes) return stop('changed')
    if (size !== null && size > capBytes) return stop('too-large', capText)
    const type = essenceOf(response.headers.get('content-type'))
    if (check.mime !== null && type !== '' && type !== essenceOf(check.mime)) return stop('changed')
    let bytesRead = 0
    let lastProgressAt = this.#now()
    const body = stalledAfter(response.body, timeoutMs, () => controller.abort(new StoppedRead('fetch-failed')))
    try {
      const hashes = await this.#env.hashStream(body.stream, {
        signal: controller.signal,
        onProgress: (done) => {
          bytesRead = done
          // Past the download's own size it is another file; past the cap, too large whatever the headers said.
          if (check.bytes !== null && done > check.bytes) controller.abort(new StoppedRead('changed'))
          else if (done > capBytes) controller.abort(new StoppedRead('too-large'))
          else if (this.#now() - lastProgressAt >= PROGRESS_INTERVAL_MS) {
            lastProgressAt = this.#now()
            void this.#update(check.id, (kept) => (kept.step === 'hashing' ? { ...kept, bytesHashed: done } : kept))
          }
        },
      }) as FileHashes
      if (check.bytes !== null && bytesRead !== check.bytes) return notChecked('changed')
      return { ok: true, hashes }
    } catch (error) {
      const reason = controller.signal.reason instanceof StoppedRead ? controller.signal.reason.reason : error instanceof StoppedRead ? error.reason : null
      if (reason === 'too-large') return notChecked(reason, capText)
      if (reason) return notChecked(reason)
      return notChecked('fetch-failed')
    } finally {
      body.stop()
    }
  }
}
