/**
 * The ways into the PDF viewer (issue 15): the popup's and the panel's button on a tab showing a PDF, the link menu,
 * and "Open PDFs in HashLens", by setting and by policy. Every PDF is a generated report served over HTTP.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Page, Worker } from '@playwright/test'
import { test, expect } from './fixtures.ts'
import { REPORT_HASHES, threatReport, writePdf } from '../support/pdf-fixture.ts'
import { PDF_VIEWER_PATH } from '../../src/shared/pdf-viewer-files.ts'
import { DEMO_PASSWORD, DEMO_USERNAME } from '../simulator/spectra-simulator.ts'
import { extensionIdOf, launchWithExtension } from '../support/chromium.ts'
import { canWriteChromiumPolicy, installExtensionPolicy } from '../support/chromium-policy.ts'

const english = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>
const ALL_HASHES = [...REPORT_HASHES.wrapped, ...REPORT_HASHES.md5List, REPORT_HASHES.upperCase, REPORT_HASHES.footnote]
const FOUND = `${ALL_HASHES.length} hashes found in 3 pages`
const PDF = { 'Content-Type': 'application/pdf' }
const OPEN_BUTTON = english.openPdfInViewer!.message

async function tabIdOf(serviceWorker: Worker, url: string): Promise<number> {
  return serviceWorker.evaluate(async (wanted) => (await chrome.tabs.query({})).find((tab) => tab.url === wanted)?.id ?? -1, url)
}

function lookedUp(simulator: { lookedUpHashes(): string[] }): string[] {
  return simulator.lookedUpHashes().map((hash) => hash.toLowerCase()).sort()
}

async function setOpenPdfs(serviceWorker: Worker, isOn: boolean, otherSettings: Record<string, unknown> = {}): Promise<void> {
  await serviceWorker.evaluate((settings) => chrome.storage.local.set({ settings }), { ...otherSettings, openPdfsInHashLens: isOn })
  await expect.poll(() => serviceWorker.evaluate(async () => (await chrome.declarativeNetRequest.getSessionRules()).length)).toBe(isOn ? 3 : 0)
}

/** A navigation that ends in a download: Playwright reports it as an error. */
async function gotoAllowingDownload(page: Page, url: string): Promise<void> {
  await page.goto(url).catch((error: unknown) => {
    if (!String(error).includes('Download is starting')) throw error
  })
}

test('the popup offers the PDF a tab shows; the viewer opens in that tab and its hashes are looked up, once', async ({ configure, context, extensionId, openExtensionPage, pages, serviceWorker, simulator }) => {
  await configure()
  const url = pages.serve('paper-lantern.pdf', writePdf(threatReport()), PDF)
  const tab = await context.newPage()
  await tab.goto(url)
  const tabId = await tabIdOf(serviceWorker, url)
  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
  await popup.getByRole('button', { name: OPEN_BUTTON }).click()

  await expect(tab).toHaveURL(`chrome-extension://${extensionId}/${PDF_VIEWER_PATH}?file=${encodeURIComponent(url)}`)
  await expect(tab.getByRole('status')).toHaveText(FOUND)
  await expect.poll(() => lookedUp(simulator), { timeout: 15_000 }).toEqual([...ALL_HASHES].sort())
  // The popup goes on showing that tab: now the viewer's list, and no button (the viewer is no PDF the browser shows).
  for (const hash of ALL_HASHES) await expect(popup.getByText(hash, { exact: true })).toBeVisible()
  await expect(popup.getByRole('button', { name: OPEN_BUTTON })).toHaveCount(0)
  expect(simulator.lookedUpHashes()).toHaveLength(ALL_HASHES.length)
})

test('no button where no PDF shows: a web page, or a .pdf address that answers a login page', async ({ context, openExtensionPage, pages, serviceWorker }) => {
  const cases = [pages.serve('report.html', '<!doctype html><title>Report</title><p>Report'), pages.serve('login.pdf', '<!doctype html><title>Login</title><p>Please log in')]
  for (const url of cases) {
    const tab = await context.newPage()
    await tab.goto(url)
    const popup = await openExtensionPage('src/popup/popup.html', `?tab=${await tabIdOf(serviceWorker, url)}`)
    // The list is there (the tab's report came): the button would have been asked for by then.
    await expect(popup.getByRole('button', { name: OPEN_BUTTON })).toHaveCount(0)
    await popup.waitForTimeout(500)
    await expect(popup.getByRole('button', { name: OPEN_BUTTON })).toHaveCount(0)
    await popup.close()
    await tab.close()
  }
})

test('the side panel offers it when its tab navigates to a PDF, and lists the viewer\'s hashes after', async ({ configure, context, openExtensionPage, pages, serviceWorker, simulator }) => {
  await configure()
  const html = pages.serve('index.html', '<!doctype html><title>Reports</title><p>Reports')
  const url = pages.serve('paper-lantern.pdf', writePdf(threatReport()), PDF)
  const tab = await context.newPage()
  await tab.goto(html)
  const panel = await openExtensionPage('src/panel/panel.html', `?tab=${await tabIdOf(serviceWorker, html)}`)
  await panel.waitForTimeout(500)
  await expect(panel.getByRole('button', { name: OPEN_BUTTON })).toHaveCount(0)
  await tab.goto(url)
  await panel.getByRole('button', { name: OPEN_BUTTON }).click()
  await expect(tab.getByRole('status')).toHaveText(FOUND)
  for (const hash of ALL_HASHES) await expect(panel.getByText(hash, { exact: true })).toBeVisible()
  await expect.poll(() => lookedUp(simulator), { timeout: 15_000 }).toEqual([...ALL_HASHES].sort())
  await expect(panel.getByRole('button', { name: OPEN_BUTTON })).toHaveCount(0)
})

test('the link menu opens the linked PDF in the viewer, in a new tab beside the page', async ({ configure, context, extensionId, pages, serviceWorker, simulator }) => {
  await configure()
  const url = `${pages.serve('report', writePdf(threatReport()), PDF)}?id=7&format=pdf`
  const page = await context.newPage()
  const pageUrl = pages.serve('links.html', `<!doctype html><title>Links</title><a href="${url}">Report</a>`)
  await page.goto(pageUrl)
  const tabId = await tabIdOf(serviceWorker, pageUrl)
  const opened = context.waitForEvent('page')
  // Playwright cannot click the browser's own menu: the worker's listener gets the click the browser would send.
  await serviceWorker.evaluate(async ({ tabId: id, linkUrl, pageUrl: from }) => {
    const onClicked = chrome.contextMenus.onClicked as unknown as { dispatch(info: object, tab: chrome.tabs.Tab | undefined): void }
    onClicked.dispatch({ menuItemId: 'hashlens-open-pdf-link', linkUrl, pageUrl: from, frameId: 0, editable: false }, await chrome.tabs.get(id))
  }, { tabId, linkUrl: url, pageUrl })
  const viewer = await opened
  await expect(viewer).toHaveURL(`chrome-extension://${extensionId}/${PDF_VIEWER_PATH}?file=${encodeURIComponent(url)}`)
  await expect(viewer.getByRole('status')).toHaveText(FOUND)
  await expect.poll(() => lookedUp(simulator), { timeout: 15_000 }).toEqual([...ALL_HASHES].sort())
  const [beside, pageTab] = await serviceWorker.evaluate(async (id) => {
    const all = await chrome.tabs.query({})
    const page = all.find((tab) => tab.id === id)!
    return [all.find((tab) => tab.openerTabId === id)?.index, page.index]
  }, tabId)
  expect(beside).toBe(pageTab! + 1)
})

test('"Open PDFs in HashLens" on: a tab\'s PDF navigation lands in the viewer, which stays untrusted and unknown to pages', async ({ configure, context, extensionId, pages, serviceWorker, simulator }) => {
  await configure()
  await setOpenPdfs(serviceWorker, true)
  // No .pdf in the address: the answer's type says it, and its own query comes through whole.
  const url = `${pages.serve('report', writePdf(threatReport()), PDF)}?id=7&format=pdf`
  const tab = await context.newPage()
  await tab.goto(pages.serve('links.html', `<!doctype html><title>Links</title><a href="${url}">Report</a>`))
  await tab.getByRole('link', { name: 'Report' }).click()
  await expect(tab).toHaveURL(`chrome-extension://${extensionId}/${PDF_VIEWER_PATH}?DNR:${url}`)
  await expect(tab.getByRole('status')).toHaveText(FOUND)
  await expect.poll(() => lookedUp(simulator), { timeout: 15_000 }).toEqual([...ALL_HASHES].sort())

  // Reached from the web, it still is no trusted page of ours: it gets no settings.
  expect(await tab.evaluate(() => chrome.runtime.sendMessage({ type: 'get-options' }).then((answer: unknown) => answer ?? null, () => null))).toBeNull()
  // The PDF's server never learns the viewer's per-session address, by which a page could open it.
  const dynamicHost = new URL(await serviceWorker.evaluate((viewerPath) => chrome.runtime.getURL(viewerPath), PDF_VIEWER_PATH)).host
  expect(dynamicHost).not.toBe(extensionId)
  const headers = JSON.stringify(pages.requestsFor('report'))
  expect(headers).not.toContain(dynamicHost)
  // Nor can a page fetch it at the fixed address, to learn HashLens is there.
  const probe = await context.newPage()
  await probe.goto(pages.serve('probe.html', '<!doctype html><title>Probe</title>'))
  expect(await probe.evaluate((address) => fetch(address).then(() => 'fetched', () => 'refused'), `chrome-extension://${extensionId}/${PDF_VIEWER_PATH}`)).toBe('refused')
})

test('a page sending its tab to PDFs gets no more looked up than a page may: the viewer is under the per-page cap', async ({ configure, context, pages, serviceWorker, simulator }) => {
  await configure()
  await setOpenPdfs(serviceWorker, true, { perPageCap: 3 })
  const url = pages.serve('paper-lantern.pdf', writePdf(threatReport()), PDF)
  const tab = await context.newPage()
  await tab.goto(pages.serve('launcher.html', `<!doctype html><title>Launcher</title><script>location.href = ${JSON.stringify(url)}</script>`))
  await expect(tab.getByRole('status')).toHaveText(FOUND)
  await expect.poll(() => simulator.lookedUpHashes().length, { timeout: 15_000 }).toBe(3)
  await tab.waitForTimeout(1000)
  expect(simulator.lookedUpHashes()).toHaveLength(3)
})

test('with it on, an idle site\'s PDF stays the browser\'s: a page there sees nothing of HashLens', async ({ context, pages, serviceWorker }) => {
  await setOpenPdfs(serviceWorker, true, { idleSites: ['127.0.0.1'] })
  const url = pages.serve('paper-lantern.pdf', writePdf(threatReport()), PDF)
  const tab = await context.newPage()
  await tab.goto(url)
  await expect(tab).toHaveURL(url)
  expect(await tab.evaluate(() => document.contentType)).toBe('application/pdf')
})

test('with it on, web pages, downloads and form answers stay the browser\'s; with it off, PDFs too', async ({ context, pages, serviceWorker }) => {
  await setOpenPdfs(serviceWorker, true)
  const tab = await context.newPage()
  const html = pages.serve('report.html', '<!doctype html><title>Report</title><p>Report')
  await tab.goto(html)
  await expect(tab).toHaveURL(html)
  const attachment = pages.serve('download.pdf', writePdf(threatReport()), { ...PDF, 'Content-Disposition': 'attachment; filename="download.pdf"' })
  const download = tab.waitForEvent('download')
  await gotoAllowingDownload(tab, attachment)
  expect((await download).suggestedFilename()).toBe('download.pdf')
  await expect(tab).toHaveURL(html)
  const posted = pages.serve('search', writePdf(threatReport()), PDF)
  await tab.goto(pages.serve('form.html', `<!doctype html><title>Form</title><form method="post" action="${posted}"><button>Export</button></form>`))
  await tab.getByRole('button', { name: 'Export' }).click()
  await expect(tab).toHaveURL(posted)
  await expect.poll(() => tab.evaluate(() => document.contentType)).toBe('application/pdf')

  await setOpenPdfs(serviceWorker, false)
  const url = pages.serve('paper-lantern.pdf', writePdf(threatReport()), PDF)
  await tab.goto(url)
  await expect(tab).toHaveURL(url)
  expect(await tab.evaluate(() => document.contentType)).toBe('application/pdf')
})

const policyTest = test.extend<{ context: BrowserContext }>({
  context: async ({ simulator }, use) => {
    const policy = installExtensionPolicy({ apiHost: simulator.url, username: DEMO_USERNAME, password: DEMO_PASSWORD, openPdfsInHashLens: true })
    try {
      const context = await launchWithExtension({ dist: policy.dist })
      expect(await extensionIdOf(context)).toBe(policy.extensionId)
      await expect.poll(() => context.pages().some((page) => page.url().endsWith('/src/options/options.html'))).toBe(true)
      const worker = context.serviceWorkers()[0]!
      await expect.poll(() => worker.evaluate(async () => ((await chrome.storage.local.get('managedPolicy')).managedPolicy as { openPdfsInHashLens?: boolean } | undefined)?.openPdfsInHashLens),
        { timeout: 20_000 }).toBe(true)
      await use(context)
      await context.close()
    } finally {
      policy.remove()
    }
  },
})

policyTest.describe('by policy', () => {
  policyTest.skip(!canWriteChromiumPolicy(), 'Writing Chromium machine policy needs root (/etc/chromium/policies/managed)')

  policyTest('openPdfsInHashLens sends PDFs to the viewer, locked on in Options', async ({ context, extensionId, openExtensionPage, pages, serviceWorker, simulator }) => {
    await expect.poll(() => serviceWorker.evaluate(async () => (await chrome.declarativeNetRequest.getSessionRules()).length)).toBe(3)
    const url = pages.serve('paper-lantern.pdf', writePdf(threatReport()), PDF)
    const tab = await context.newPage()
    await tab.goto(url)
    await expect(tab).toHaveURL(`chrome-extension://${extensionId}/${PDF_VIEWER_PATH}?DNR:${url}`)
    await expect(tab.getByRole('status')).toHaveText(FOUND)
    await expect.poll(() => lookedUp(simulator), { timeout: 15_000 }).toEqual([...ALL_HASHES].sort())
    const options = await openExtensionPage('src/options/options.html')
    const checkbox = options.getByLabel(english.optionsOpenPdfsLabel!.message)
    await expect(checkbox).toBeChecked()
    await expect(checkbox).toBeDisabled()
  })
})
