/**
 * Download checks (issue 16) in Chromium against the simulator.
 *
 * The build: dist-downloads (HASHLENS_DOWNLOADS_REQUIRED=1), where `downloads` and `notifications` are required
 * permissions. A release asks for them when the user turns the checks on, and no test can answer that prompt.
 *
 * Playwright's persistent context accepts downloads by default (acceptDownloads), through CDP's download behaviour
 * "allowAndName": the browser's own download machinery still runs, so chrome.downloads reports the download as any
 * other (onChanged 'complete', its DownloadItem with finalUrl, referrer, mime and fileSize), only the file lands in
 * Playwright's artifacts folder under a GUID for a name (DownloadItem.filename is that path) instead of ~/Downloads.
 *
 * chrome.notifications.getAll() gives the notifications' ids only (each `true`), not their text: the worker's
 * notifications.create is wrapped from the test, before the first notification, to read what it was asked to show.
 */
import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import type { Page, Worker } from '@playwright/test'
import { test, expect, stopServiceWorkers } from './fixtures.ts'
import { simulatedStatusOf } from '../simulator/records.ts'
import { DOWNLOADS_DIST } from '../support/chromium.ts'
import type { FixtureServer } from './fixture-server.ts'
import { DOWNLOAD_DETAILS_PATH, type DownloadCheck } from '../../src/shared/download-checks.ts'

test.use({ extensionDist: DOWNLOADS_DIST })

const MB = 1024 * 1024

interface CreatedNotification {
  id: string
  title: string
  message: string
  buttons: string[]
}

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Random bytes holding random markers, whose SHA-256 the simulator answers MALICIOUS (its last digit 0–3). */
function maliciousFile(size: number): { bytes: Buffer; markers: string[]; sha256: string } {
  for (;;) {
    const bytes = randomBytes(size)
    const markers = Array.from({ length: 4 }, () => randomBytes(16).toString('hex'))
    const offsets = [0, Math.floor(size / 3), Math.floor(size / 2), size - 32]
    markers.forEach((marker, index) => bytes.write(marker, offsets[index]!, 'latin1'))
    const sha256 = sha256Of(bytes)
    if (simulatedStatusOf(sha256) === 'MALICIOUS') return { bytes, markers, sha256 }
  }
}

/** Serves the file as an attachment, and a page whose link downloads it. */
function serveDownload(pages: FixtureServer, name: string, bytes: Uint8Array): { fileUrl: string; pageUrl: string } {
  const fileUrl = pages.serve(name, bytes, { 'Content-Type': 'application/octet-stream', 'Content-Disposition': `attachment; filename="${name}"` })
  const pageUrl = pages.serve(`${name}.html`, `<!doctype html><a id="get" href="${fileUrl}">Download</a>`)
  return { fileUrl, pageUrl }
}

/** A link click, as a user downloads; resolves once the file is on disk. */
async function download(page: Page, pageUrl: string): Promise<void> {
  await page.goto(pageUrl)
  const started = page.waitForEvent('download')
  await page.click('#get')
  await (await started).path()
}

/** Turns the checks on (and whatever else is given), and records every notification the worker creates. */
async function setUp(serviceWorker: Worker, settings: Record<string, unknown> = {}): Promise<void> {
  await serviceWorker.evaluate(async (stored) => {
    const created: unknown[] = []
    const create = chrome.notifications.create.bind(chrome.notifications) as (...args: unknown[]) => Promise<string>
    Object.assign(globalThis, { __createdNotifications: created })
    chrome.notifications.create = ((id: string, options: chrome.notifications.NotificationOptions) => {
      created.push({ id, title: options.title, message: options.message, buttons: (options.buttons ?? []).map((button) => button.title) })
      return create(id, options)
    }) as typeof chrome.notifications.create
    await chrome.storage.local.set({ settings: { checkDownloads: true, ...stored } })
  }, settings)
}

function createdNotifications(serviceWorker: Worker): Promise<CreatedNotification[]> {
  return serviceWorker.evaluate(() => (globalThis as unknown as { __createdNotifications: CreatedNotification[] }).__createdNotifications)
}

function shownNotificationIds(serviceWorker: Worker): Promise<string[]> {
  return serviceWorker.evaluate(async () => Object.keys(await chrome.notifications.getAll()))
}

async function downloadChecks(page: Page): Promise<DownloadCheck[]> {
  return page.evaluate(() => chrome.runtime.sendMessage({ type: 'get-download-checks' })) as Promise<DownloadCheck[]>
}

test('a completed download: one lookup of its SHA-256, one notification naming the verdict, and not a byte of it sent anywhere', async ({ context, serviceWorker, configure, simulator, pages, openExtensionPage }) => {
  const urls: string[] = []
  const bodies: Buffer[] = []
  await context.route('**', async (route) => {
    urls.push(route.request().url())
    const body = route.request().postDataBuffer()
    if (body) bodies.push(body)
    await route.continue()
  })
  await configure()
  await setUp(serviceWorker)
  // A site's login cookie, Strict at that: the worker's re-fetch must carry it, as the download did.
  await context.addCookies([{ name: 'session', value: 's3cret', url: pages.url, sameSite: 'Strict' }])
  const file = maliciousFile(3 * MB + 123)
  const { fileUrl, pageUrl } = serveDownload(pages, 'setup.exe', file.bytes)
  const page = await context.newPage()
  await download(page, pageUrl)

  await expect.poll(() => shownNotificationIds(serviceWorker), { timeout: 20_000 }).toHaveLength(1)
  const [created] = await createdNotifications(serviceWorker)
  const [item] = await serviceWorker.evaluate(() => chrome.downloads.search({}))
  expect(created).toMatchObject({ id: `hashlens-download-${item!.id}`, title: 'Malicious download', buttons: ['Show details', 'Delete file'] })
  expect(created!.message).toContain(item!.filename.split('/').pop())
  expect(await shownNotificationIds(serviceWorker)).toEqual([`hashlens-download-${item!.id}`])
  expect(simulator.lookedUpHashes().map((hash) => hash.toLowerCase())).toEqual([file.sha256])

  const details = await openExtensionPage('src/popup/popup.html')
  const [check] = await downloadChecks(details)
  expect(check).toMatchObject({ id: item!.id, step: 'done', url: fileUrl, bytes: file.bytes.length, hashes: { sha256: file.sha256 } })
  expect(check!.state).toMatchObject({ state: 'verdict', verdict: { classification: 'MALICIOUS' } })

  // The download and the worker's one re-fetch: both GETs for the file with the user's cookie, which went nowhere else.
  expect(pages.requestsFor('setup.exe').map((headers) => headers.cookie)).toEqual(['session=s3cret', 'session=s3cret'])
  expect(urls.filter((url) => url === fileUrl)).toHaveLength(2)
  expect(urls.some((url) => url.startsWith(simulator.url) && url.includes(file.sha256))).toBe(true)
  for (const url of urls) for (const marker of file.markers) expect(url).not.toContain(marker)
  for (const body of bodies) {
    const text = body.toString('latin1')
    for (const marker of file.markers) {
      expect(text).not.toContain(marker)
      expect(text).not.toContain(Buffer.from(marker, 'latin1').toString('base64').slice(0, 20))
    }
  }
  for (const request of simulator.requests) for (const marker of file.markers) expect(JSON.stringify(request)).not.toContain(marker)

  // The same file again: checked and notified again, but the cache answers, so the service is not asked twice.
  await download(page, pageUrl)
  await expect.poll(() => shownNotificationIds(serviceWorker), { timeout: 20_000 }).toHaveLength(2)
  expect((await createdNotifications(serviceWorker)).at(-1)).toMatchObject({ title: 'Malicious download' })
  expect(simulator.lookupRequests()).toHaveLength(1)
})

test('Delete file (the details page\'s request, the one the notification\'s button makes too) removes the file from disk', async ({ context, serviceWorker, configure, simulator, pages, openExtensionPage }) => {
  await configure()
  await setUp(serviceWorker)
  const file = maliciousFile(200_000)
  const { pageUrl } = serveDownload(pages, 'invoice.exe', file.bytes)
  await download(await context.newPage(), pageUrl)
  await expect.poll(() => shownNotificationIds(serviceWorker), { timeout: 20_000 }).toHaveLength(1)
  const [item] = await serviceWorker.evaluate(() => chrome.downloads.search({}))
  expect(existsSync(item!.filename)).toBe(true)
  expect(simulator.lookedUpHashes()).toHaveLength(1)

  const details = await openExtensionPage('src/popup/popup.html')
  expect(await details.evaluate((id) => chrome.runtime.sendMessage({ type: 'delete-download', id }), item!.id)).toEqual({ ok: true })
  expect(existsSync(item!.filename)).toBe(false)
  expect((await downloadChecks(details))[0]).toMatchObject({ id: item!.id, isDeleted: true })
  // The notification still shown now says so, without its Delete button.
  await expect.poll(async () => (await createdNotifications(serviceWorker)).at(-1)).toMatchObject({
    id: `hashlens-download-${item!.id}`, message: `${item!.filename.split('/').pop()} was deleted.`, buttons: ['Show details'],
  })
  // Nothing else is deletable through it: a download HashLens did not check is refused.
  expect(await details.evaluate(() => chrome.runtime.sendMessage({ type: 'delete-download', id: 999 }))).toMatchObject({ ok: false })
})

test('an excluded site\'s download (its page\'s host) and HashLens\'s own export get no lookup and no notification; another site\'s does', async ({ context, serviceWorker, configure, simulator, pages, openExtensionPage }) => {
  await configure()
  await setUp(serviceWorker, { downloadExcludedSites: ['localhost'] })
  const excluded = maliciousFile(100_000)
  const { fileUrl } = serveDownload(pages, 'excluded.exe', excluded.bytes)
  // The file is on 127.0.0.1; the page that links to it is on localhost: its referrer names the excluded site.
  const excludedPage = pages.serve('excluded-page.html', `<!doctype html><a id="get" href="${fileUrl}">Download</a>`).replace('127.0.0.1', 'localhost')
  const page = await context.newPage()
  await download(page, excludedPage)

  // An export, as the popup's and the Check files page's are made (src/ui/download.ts): a blob: URL of our own page.
  const extensionPage = await openExtensionPage('src/popup/popup.html')
  const exported = extensionPage.waitForEvent('download')
  await extensionPage.evaluate(() => {
    const link = document.createElement('a')
    link.href = URL.createObjectURL(new Blob(['file_name,sha256\n'], { type: 'text/csv' }))
    link.download = 'hashlens.csv'
    link.click()
  })
  await (await exported).path()

  const other = maliciousFile(100_000)
  await download(page, serveDownload(pages, 'other.exe', other.bytes).pageUrl)
  await expect.poll(() => shownNotificationIds(serviceWorker), { timeout: 20_000 }).toHaveLength(1)

  const items = await serviceWorker.evaluate(() => chrome.downloads.search({ orderBy: ['startTime'] }))
  expect(items.map((item) => item.state)).toEqual(['complete', 'complete', 'complete'])
  expect(items[0]!.referrer).toContain('localhost')
  expect(items[1]!.url).toMatch(/^blob:chrome-extension:/)
  expect(await shownNotificationIds(serviceWorker)).toEqual([`hashlens-download-${items[2]!.id}`])
  expect(await downloadChecks(extensionPage)).toEqual([expect.objectContaining({ id: items[2]!.id })])
  expect(simulator.lookedUpHashes().map((hash) => hash.toLowerCase())).toEqual([other.sha256])
  // Not even fetched again: the excluded file was asked for once, by the download.
  expect(pages.requestsFor('excluded.exe')).toHaveLength(1)
})

test('a download over the size cap is not checked, and its notification says so and why', async ({ context, serviceWorker, configure, simulator, pages, openExtensionPage }) => {
  await configure()
  await setUp(serviceWorker, { downloadMaxMegabytes: 1 })
  const { pageUrl } = serveDownload(pages, 'big.iso', randomBytes(2 * MB))
  await download(await context.newPage(), pageUrl)

  await expect.poll(() => shownNotificationIds(serviceWorker), { timeout: 20_000 }).toHaveLength(1)
  const [created] = await createdNotifications(serviceWorker)
  expect(created).toMatchObject({ title: 'Download not checked', buttons: ['Check a file…', 'Show details'] })
  expect(created!.message).toContain('Could not check this download: it is larger than 1 MB, the largest download checked.')
  const details = await openExtensionPage('src/popup/popup.html')
  expect((await downloadChecks(details))[0]).toMatchObject({ step: 'not-checked', notChecked: { reason: 'too-large', detail: '1' } })
  expect(simulator.lookupRequests()).toHaveLength(0)
  // Its size was known from the download: the worker did not fetch it again.
  expect(pages.requestsFor('big.iso')).toHaveLength(1)
})

test('a one-time link, gone when fetched again: not checked, the notification says why', async ({ context, serviceWorker, configure, simulator, pages }) => {
  await configure()
  await setUp(serviceWorker)
  const { fileUrl, pageUrl } = serveDownload(pages, 'once.exe', randomBytes(50_000))
  let asked = 0
  // The server's one-time link: the download gets the file, any later request 410 Gone.
  await context.route(fileUrl, (route) => (asked++ === 0 ? route.continue() : route.fulfill({ status: 410, body: 'Gone' })))
  await download(await context.newPage(), pageUrl)

  await expect.poll(() => shownNotificationIds(serviceWorker), { timeout: 20_000 }).toHaveLength(1)
  const [created] = await createdNotifications(serviceWorker)
  expect(created).toMatchObject({ title: 'Download not checked', buttons: ['Check a file…', 'Show details'] })
  expect(created!.message).toContain('Could not check this download: fetching it again failed (HTTP status 410).')
  expect(asked).toBe(2)
  expect(simulator.lookupRequests()).toHaveLength(0)
})

test('a redirect answering the second fetch is not followed: no request reaches where it points, and the check says it failed', async ({ context, serviceWorker, configure, simulator, pages, tools }) => {
  await configure()
  await setUp(serviceWorker)
  const { fileUrl, pageUrl } = serveDownload(pages, 'redirected.exe', randomBytes(50_000))
  // Where a hostile server would send the site's cookies: another origin, which must see no request at all.
  const elsewhere = tools.serve('steal', 'stolen')
  const reachedElsewhere: string[] = []
  await context.route(`${new URL(elsewhere).origin}/**`, (route) => {
    reachedElsewhere.push(route.request().url())
    return route.continue()
  })
  let asked = 0
  await context.route(fileUrl, (route) => (asked++ === 0 ? route.continue() : route.fulfill({ status: 302, headers: { Location: elsewhere } })))
  await download(await context.newPage(), pageUrl)

  await expect.poll(() => shownNotificationIds(serviceWorker), { timeout: 20_000 }).toHaveLength(1)
  const [created] = await createdNotifications(serviceWorker)
  expect(created!.message).toContain('Could not check this download: fetching it again failed')
  expect(asked).toBe(2)
  expect(reachedElsewhere).toEqual([])
  expect(simulator.lookupRequests()).toHaveLength(0)
})

test('a download that completes while Chrome has stopped the worker wakes it, and is checked', async ({ context, serviceWorker, configure, simulator, pages, openExtensionPage }) => {
  await configure()
  await setUp(serviceWorker)
  const file = maliciousFile(100_000)
  const { pageUrl } = serveDownload(pages, 'late.exe', file.bytes)
  const page = await context.newPage()
  await page.goto(pageUrl)
  await stopServiceWorkers(context, page)
  const started = page.waitForEvent('download')
  await page.click('#get')
  await (await started).path()

  const details = await openExtensionPage('src/popup/popup.html')
  await expect.poll(async () => (await downloadChecks(details))[0]?.step, { timeout: 20_000 }).toBe('done')
  expect((await downloadChecks(details))[0]!.state).toMatchObject({ state: 'verdict', verdict: { classification: 'MALICIOUS' } })
  expect(simulator.lookedUpHashes().map((hash) => hash.toLowerCase())).toEqual([file.sha256])
  const worker = context.serviceWorkers().at(-1)!
  expect(await worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()))).toHaveLength(1)
  // A new worker: setUp's globals went with the stopped one.
  expect(await worker.evaluate(() => '__createdNotifications' in globalThis)).toBe(false)
})

test('downloads are charged to their site\'s daily budget: past it, no lookup, and the notification names the budget; the details page\'s Look up asks anyway', async ({ context, serviceWorker, configure, simulator, pages, openExtensionPage }) => {
  await configure()
  // A page can start downloads by itself: each fresh file would cost a lookup, so the site's budget bounds them.
  await setUp(serviceWorker, { perSiteDailyBudget: 1 })
  const page = await context.newPage()
  const first = maliciousFile(4000)
  await download(page, serveDownload(pages, 'first.exe', first.bytes).pageUrl)
  await expect.poll(() => createdNotifications(serviceWorker), { timeout: 20_000 }).toHaveLength(1)
  const second = maliciousFile(4000)
  await download(page, serveDownload(pages, 'second.exe', second.bytes).pageUrl)
  await expect.poll(() => createdNotifications(serviceWorker), { timeout: 20_000 }).toHaveLength(2)
  const [, stopped] = await createdNotifications(serviceWorker)
  expect(stopped!.title).toBe('Download not looked up')
  expect(stopped!.message).toContain(new URL(pages.url).hostname)
  expect(simulator.lookedUpHashes().map((hash) => hash.toLowerCase())).toEqual([first.sha256])

  // The user may still ask, from its details page: a manual lookup, which the check and its notification take.
  const [stoppedCheck] = await downloadChecks(await openExtensionPage('src/popup/popup.html'))
  expect(stoppedCheck!.state).toMatchObject({ state: 'idle', stoppedBy: { budget: 'site' } })
  const details = await openExtensionPage(DOWNLOAD_DETAILS_PATH, `?id=${stoppedCheck!.id}`)
  await details.getByRole('button', { name: 'Look up', exact: true }).click()
  await expect.poll(() => simulator.lookedUpHashes().length).toBe(2)
  await expect.poll(async () => (await createdNotifications(serviceWorker)).at(-1)?.title, { timeout: 10_000 }).toBe('Malicious download')
  await expect(details.getByRole('button', { name: 'Look up', exact: true })).toHaveCount(0)
})
