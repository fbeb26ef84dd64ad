/** The PDF viewer (issue 15) in Chromium: a generated report served over HTTP, its hashes looked up through the simulator. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { test, expect } from './fixtures.ts'
import { REPORT_HASHES, threatReport, writePdf } from '../support/pdf-fixture.ts'
import { PDF_VIEWER_PATH } from '../../src/shared/pdf-viewer-files.ts'

const english = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>
const ALL_HASHES = [...REPORT_HASHES.wrapped, ...REPORT_HASHES.md5List, REPORT_HASHES.upperCase, REPORT_HASHES.footnote]
const PDF = { 'Content-Type': 'application/pdf' }

test('reads every page of a served report and looks each of its hashes up once, wrapped ones joined, the MD5 list not', async ({ configure, openExtensionPage, pages, serviceWorker, simulator }) => {
  await configure()
  const url = pages.serve('paper-lantern.pdf', writePdf(threatReport()), PDF)
  const viewer = await openExtensionPage(PDF_VIEWER_PATH, `?file=${encodeURIComponent(url)}`)
  await expect(viewer.getByRole('status')).toHaveText(`${ALL_HASHES.length} hashes found in 3 pages`)
  await expect.poll(() => simulator.lookedUpHashes().map((hash) => hash.toLowerCase()).sort(), { timeout: 15_000 }).toEqual([...ALL_HASHES].sort())
  // Page 1's text layer: each wrapped hash marked across its two spans, by verdict.
  await expect.poll(() => viewer.evaluate(() => [...CSS.highlights.values()].reduce((total, highlight) => total + highlight.size, 0)), { timeout: 15_000 }).toBeGreaterThanOrEqual(6)
  await expect.poll(() => viewer.evaluate(() => CSS.highlights.has('hashlens-pdf-pending'))).toBe(false)
  expect(simulator.lookedUpHashes()).toHaveLength(ALL_HASHES.length)

  // The viewer's tab is a tab like any other: its badge, and the popup's list of its hashes.
  const tabId = await viewer.evaluate(async () => (await chrome.tabs.getCurrent())?.id ?? -1)
  await expect.poll(() => serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).not.toBe('')
  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
  for (const hash of ALL_HASHES) await expect(popup.getByText(hash, { exact: true })).toBeVisible()
})

test('says why it cannot open a non-PDF, a missing file, a password-protected PDF and a blob: URL, and offers a file from disk', async ({ openExtensionPage, pages }) => {
  const cases = [
    { url: pages.serve('not-a-pdf.pdf', '<!doctype html><title>Login</title><p>Please log in'), message: english.pdfErrorNotPdf!.message },
    { url: `${pages.url}/gone.pdf`, message: english.pdfErrorNotFound!.message },
    { url: pages.serve('locked.pdf', writePdf(threatReport({ userPassword: 'lantern' })), PDF), message: english.pdfErrorPassword!.message },
    { url: 'blob:https://mail.example/6f1c', message: english.pdfErrorBlobUrl!.message },
  ]
  for (const { url, message } of cases) {
    const viewer = await openExtensionPage(PDF_VIEWER_PATH, `?file=${encodeURIComponent(url)}`)
    await expect(viewer.getByRole('alert')).toHaveText(message)
    await expect(viewer.getByLabel(english.pdfOpenFromDisk!.message)).toBeVisible()
    await viewer.close()
  }
})

test('a report with an /OpenAction script runs none of it, and a picked file opens', async ({ openExtensionPage, pages }) => {
  const script = "document.title = 'PWNED'; globalThis.pwned = true"
  const url = pages.serve('scripted.pdf', writePdf(threatReport({ openActionJavaScript: script })), PDF)
  const viewer = await openExtensionPage(PDF_VIEWER_PATH, `?file=${encodeURIComponent(url)}`)
  await expect(viewer.getByRole('status')).toHaveText(`${ALL_HASHES.length} hashes found in 3 pages`)
  expect(await viewer.evaluate(() => [document.title, (globalThis as { pwned?: boolean }).pwned ?? false])).toEqual([english.pdfViewerTitle!.message, false])

  const missing = await openExtensionPage(PDF_VIEWER_PATH, `?file=${encodeURIComponent(`${pages.url}/gone.pdf`)}`)
  await missing.getByLabel(english.pdfOpenFromDisk!.message).setInputFiles({ name: 'picked.pdf', mimeType: 'application/pdf', buffer: writePdf(threatReport()) })
  await expect(missing.getByRole('status')).toHaveText(`${ALL_HASHES.length} hashes found in 3 pages`)
})

test('the viewer\'s chrome and its error page are axe-clean', async ({ openExtensionPage, pages }) => {
  const url = pages.serve('paper-lantern.pdf', writePdf(threatReport()), PDF)
  const viewer = await openExtensionPage(PDF_VIEWER_PATH, `?file=${encodeURIComponent(url)}`)
  await expect(viewer.getByRole('status')).toHaveText(`${ALL_HASHES.length} hashes found in 3 pages`)
  const ofChrome = await new AxeBuilder({ page: viewer }).include('.hl-pdf-bar').analyze()
  expect(ofChrome.violations.map((violation) => violation.id)).toEqual([])
  const problem = await openExtensionPage(PDF_VIEWER_PATH, `?file=${encodeURIComponent(`${pages.url}/gone.pdf`)}`)
  await expect(problem.getByRole('alert')).toBeVisible()
  const ofProblem = await new AxeBuilder({ page: problem }).analyze()
  expect(ofProblem.violations.map((violation) => violation.id)).toEqual([])
})
