/** The PDF viewer (issue 15) in Chromium: a generated report served over HTTP, its hashes looked up through the simulator. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { pathToFileURL } from 'node:url'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { test, expect } from './fixtures.ts'
import { cardText } from '../support/card.ts'
import { REPORT_HASHES, threatReport, writePdf, type PdfText } from '../support/pdf-fixture.ts'
import { PDF_VIEWER_PATH } from '../../src/shared/pdf-viewer-files.ts'

const english = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>
const ALL_HASHES = [...REPORT_HASHES.wrapped, ...REPORT_HASHES.md5List, REPORT_HASHES.upperCase, REPORT_HASHES.footnote]
const PDF = { 'Content-Type': 'application/pdf' }

/**
 * The centre of the text `text` on the rendered text layer: one of pdf.js's spans, or a stretch of one. Found and
 * measured in one evaluation, polled: a zoom's re-render replaces the text layer between two of them.
 */
async function centreOfText(viewer: Page, text: string): Promise<{ x: number; y: number }> {
  const centre = () => viewer.evaluate((wanted) => {
    const span = [...document.querySelectorAll('.textLayer span')].find((each) => each.textContent!.includes(wanted))
    if (!span?.firstChild) return null
    span.scrollIntoView({ block: 'center' })
    const range = document.createRange()
    const start = span.textContent!.indexOf(wanted)
    range.setStart(span.firstChild, start)
    range.setEnd(span.firstChild, start + wanted.length)
    const rect = range.getBoundingClientRect()
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }
  }, text)
  let found: { x: number; y: number } | null = null
  await expect.poll(async () => (found = await centre())).not.toBeNull()
  return found!
}

/** The page the current find match is on, and its text; null when none is highlighted. */
function currentFindMatch(viewer: Page) {
  return viewer.evaluate(() => {
    const [range] = [...(CSS.highlights.get('hashlens-pdf-find-current') ?? [])] as Range[]
    if (!range) return null
    const page = (range.startContainer.parentElement!.closest('.hl-pdf-page') as HTMLElement).getAttribute('aria-label')
    const { top, bottom } = range.getBoundingClientRect()
    return { page, text: range.toString(), isOnScreen: top >= 0 && bottom <= innerHeight }
  })
}

/** A long document of prose, one word only on its last page: find must read pages never rendered. */
function longDocument(pageCount: number): PdfText[][] {
  return Array.from({ length: pageCount }, (_, index) => [
    { text: `Chapter ${index + 1}`, x: 50, y: 780, size: 14 },
    { text: 'The campaign used commodity loaders and living-off-the-land tools.', x: 50, y: 750 },
    ...index === pageCount - 1 ? [{ text: 'Attribution: the Quillwort cluster.', x: 50, y: 730 }] : [],
  ])
}

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

test('a report with an /OpenAction and a document-level script runs none of it, and a picked file opens', async ({ openExtensionPage, pages }) => {
  const script = "globalThis.pwned = true; document.title = 'PWNED'; app.alert('PWNED'); this.print()"
  const scripted = writePdf(threatReport({ openActionJavaScript: script }))
  // The script is in the file, twice (a document without it would prove nothing).
  expect(scripted.toString('latin1').match(/\/OpenAction \d+ 0 R \/Names << \/JavaScript|\/S \/JavaScript \/JS \(globalThis\.pwned/g)).toHaveLength(2)
  const url = pages.serve('scripted.pdf', scripted, PDF)
  const viewer = await openExtensionPage(PDF_VIEWER_PATH, `?file=${encodeURIComponent(url)}`)
  const dialogs: string[] = []
  viewer.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await viewer.evaluate(() => {
    window.print = () => { (globalThis as { printed?: boolean }).printed = true }
  })
  await expect(viewer.getByRole('status')).toHaveText(`${ALL_HASHES.length} hashes found in 3 pages`)
  expect(await viewer.evaluate(() => [document.title, (globalThis as { pwned?: boolean }).pwned ?? false, (globalThis as { printed?: boolean }).printed ?? false]))
    .toEqual([english.pdfViewerTitle!.message, false, false])
  expect(dialogs).toEqual([])

  const missing = await openExtensionPage(PDF_VIEWER_PATH, `?file=${encodeURIComponent(`${pages.url}/gone.pdf`)}`)
  await missing.getByLabel(english.pdfOpenFromDisk!.message).setInputFiles({ name: 'picked.pdf', mimeType: 'application/pdf', buffer: writePdf(threatReport()) })
  await expect(missing.getByRole('status')).toHaveText(`${ALL_HASHES.length} hashes found in 3 pages`)
})

test('the viewer\'s chrome, its find bar and its error page are axe-clean', async ({ openExtensionPage, pages }) => {
  const url = pages.serve('paper-lantern.pdf', writePdf(threatReport()), PDF)
  const viewer = await openExtensionPage(PDF_VIEWER_PATH, `?file=${encodeURIComponent(url)}`)
  await expect(viewer.getByRole('status')).toHaveText(`${ALL_HASHES.length} hashes found in 3 pages`)
  const ofChrome = await new AxeBuilder({ page: viewer }).include('.hl-pdf-bar').analyze()
  expect(ofChrome.violations.map((violation) => violation.id)).toEqual([])
  await viewer.keyboard.press('Control+f')
  await viewer.getByLabel(english.pdfFindLabel!.message).fill('loader')
  await expect(viewer.getByText('1 of 4')).toBeVisible()
  const ofFindBar = await new AxeBuilder({ page: viewer }).include('.hl-pdf-find').analyze()
  expect(ofFindBar.violations.map((violation) => violation.id)).toEqual([])
  const problem = await openExtensionPage(PDF_VIEWER_PATH, `?file=${encodeURIComponent(`${pages.url}/gone.pdf`)}`)
  await expect(problem.getByRole('alert')).toBeVisible()
  const ofProblem = await new AxeBuilder({ page: problem }).analyze()
  expect(ofProblem.violations.map((violation) => violation.id)).toEqual([])
})

test('the web pages\' hover card shows a hash\'s verdict on the viewer\'s marks, a wrapped hash on either piece', async ({ configure, openExtensionPage, pages }) => {
  await configure()
  const url = pages.serve('paper-lantern.pdf', writePdf(threatReport()), PDF)
  const viewer = await openExtensionPage(PDF_VIEWER_PATH, `?file=${encodeURIComponent(url)}`)
  await expect(viewer.getByRole('status')).toHaveText(`${ALL_HASHES.length} hashes found in 3 pages`)
  await expect.poll(() => viewer.evaluate(() => CSS.highlights.has('hashlens-pdf-pending'))).toBe(false)

  // fcde…8fb9 (last digit 9: the simulator's Known), wrapped 40+24: its second piece on the next line.
  const wrapped = REPORT_HASHES.wrapped[1]
  const secondPiece = await centreOfText(viewer, wrapped.slice(40))
  await viewer.mouse.move(secondPiece.x, secondPiece.y)
  await expect.poll(async () => (await cardText(viewer)).split('\n')[0], { timeout: 10_000 }).toBe('Known')
  expect((await cardText(viewer)).replace(/\s/g, '')).toContain(wrapped)

  // 5d41…c592 (2: Malicious), in the MD5 list on page 2.
  await viewer.mouse.move(5, 5)
  await expect.poll(() => cardText(viewer)).toBe('')
  const md5 = REPORT_HASHES.md5List[2]
  const inList = await centreOfText(viewer, md5)
  await viewer.mouse.move(inList.x, inList.y)
  await expect.poll(async () => (await cardText(viewer)).split('\n')[0], { timeout: 10_000 }).toBe('Malicious')
  expect((await cardText(viewer)).replace(/\s/g, '')).toContain(md5)
})

test('pages, zoom and text selection, from the buttons and the keyboard', async ({ openExtensionPage, pages }) => {
  const url = pages.serve('paper-lantern.pdf', writePdf(threatReport()), PDF)
  const viewer = await openExtensionPage(PDF_VIEWER_PATH, `?file=${encodeURIComponent(url)}`)
  await expect(viewer.getByRole('status')).toHaveText(`${ALL_HASHES.length} hashes found in 3 pages`)
  const field = viewer.getByLabel(english.pdfPageNumber!.message)
  const pageTop = (page: number) => viewer.getByRole('region', { name: `Page ${page}`, exact: true }).evaluate((box) => Math.round(box.getBoundingClientRect().top))
  const barBottom = await viewer.locator('.hl-pdf-bar').evaluate((bar) => Math.round(bar.getBoundingClientRect().bottom))
  await expect(viewer.getByText('Page 1 of 3')).toBeVisible()
  await expect(viewer.getByRole('button', { name: english.pdfPreviousPage!.message })).toBeDisabled()

  await viewer.getByRole('button', { name: english.pdfNextPage!.message }).click()
  await expect(field).toHaveValue('2')
  await expect(viewer.getByText('Page 2 of 3')).toBeVisible()
  expect(Math.abs(await pageTop(2) - barBottom)).toBeLessThan(16)

  await field.fill('3')
  await field.press('Enter')
  await expect(viewer.getByText('Page 3 of 3')).toBeVisible()
  await expect(viewer.getByRole('button', { name: english.pdfNextPage!.message })).toBeDisabled()
  // Scrolling by hand moves the page number with it.
  await viewer.mouse.move(640, 500)
  await viewer.mouse.wheel(0, -100_000)
  await expect(field).toHaveValue('1')
  // Tab to Next and press it, as a keyboard user does.
  await field.focus()
  await viewer.keyboard.press('Tab')
  await expect(viewer.getByRole('button', { name: english.pdfNextPage!.message })).toBeFocused()
  await viewer.keyboard.press('Enter')
  await expect(field).toHaveValue('2')

  const pageWidth = () => viewer.getByRole('region', { name: 'Page 1', exact: true }).evaluate((box) => Math.round(box.getBoundingClientRect().width))
  await expect(viewer.getByText('100%', { exact: true })).toBeVisible()
  expect(await pageWidth()).toBe(595)
  await viewer.getByRole('button', { name: english.pdfZoomIn!.message }).click()
  await expect(viewer.getByText('125%', { exact: true })).toBeVisible()
  await expect.poll(pageWidth).toBe(744)
  // The page that was shown stays shown.
  await expect(field).toHaveValue('2')
  await viewer.getByRole('button', { name: english.pdfFitWidth!.message }).click()
  const columnWidth = await viewer.locator('.hl-pdf-pages').evaluate((main) => main.clientWidth - 24)
  await expect.poll(pageWidth).toBe(columnWidth)
  await viewer.getByRole('button', { name: english.pdfZoomOut!.message }).click()
  await expect.poll(pageWidth).toBeLessThan(columnWidth)

  // Text selection on the text layer: a double click selects a word of the rendered page.
  // Polled: the zoom's re-render, or a page rendered as the word scrolls into view, can move the word under the click.
  await expect.poll(async () => {
    const word = await centreOfText(viewer, 'Recommendations')
    await viewer.mouse.dblclick(word.x, word.y)
    return viewer.evaluate(() => getSelection()!.toString().trim())
  }).toBe('Recommendations')
})

test('Ctrl+F finds text on pages never rendered, steps through the matches and scrolls to each; Escape closes it', async ({ openExtensionPage, pages }) => {
  const url = pages.serve('long.pdf', writePdf({ pages: longDocument(40) }), PDF)
  const viewer = await openExtensionPage(PDF_VIEWER_PATH, `?file=${encodeURIComponent(url)}`)
  await expect(viewer.getByRole('status')).toHaveText('0 hashes found in 40 pages')
  // Far pages are boxes without a text layer: the browser's own find would not see them.
  expect(await viewer.locator('.textLayer').count()).toBeLessThan(40)

  await viewer.locator('main').click({ position: { x: 5, y: 5 } })
  await viewer.keyboard.press('Control+f')
  const findField = viewer.getByLabel(english.pdfFindLabel!.message)
  await expect(findField).toBeFocused()
  await findField.fill('quillwort')
  await expect(viewer.getByText('1 of 1')).toBeVisible()
  await expect.poll(() => currentFindMatch(viewer)).toEqual({ page: 'Page 40', text: 'Quillwort', isOnScreen: true })
  await expect(viewer.getByLabel(english.pdfPageNumber!.message)).toHaveValue(/^(39|40)$/)

  await findField.fill('living-off-the-land tools')
  const count = viewer.getByText(/^\d+ of 40$/)
  await expect(count).toBeVisible()
  // The match it starts from is the first at or after the page shown; Enter steps on (wrapping), Shift+Enter back.
  const before = Number((await count.textContent())!.split(' ')[0])
  await findField.press('Enter')
  await expect(viewer.getByText(`${(before % 40) + 1} of 40`, { exact: true })).toBeVisible()
  await expect.poll(() => currentFindMatch(viewer)).toMatchObject({ text: 'living-off-the-land tools', isOnScreen: true })
  await findField.press('Shift+Enter')
  await expect(viewer.getByText(`${before} of 40`, { exact: true })).toBeVisible()

  await findField.fill('no such words')
  await expect(viewer.getByText(english.pdfFindNone!.message)).toBeVisible()
  await findField.press('Escape')
  await expect(findField).toBeHidden()
  await expect(viewer.getByRole('button', { name: english.pdfFind!.message })).toBeFocused()
  expect(await viewer.evaluate(() => CSS.highlights.get('hashlens-pdf-find-current')?.size ?? 0)).toBe(0)
})

test('Print renders every page, rendered on screen or not, before the print dialog; Download saves the bytes under the file\'s name', async ({ openExtensionPage, pages }) => {
  const bytes = writePdf({ pages: longDocument(12) })
  const url = pages.serve('download', bytes, { ...PDF, 'Content-Disposition': 'attachment; filename="Quillwort report.pdf"' })
  const viewer = await openExtensionPage(PDF_VIEWER_PATH, `?file=${encodeURIComponent(url)}`)
  await expect(viewer.getByRole('status')).toHaveText('0 hashes found in 12 pages')
  // The dialog itself is the browser's: what it would print is read as it opens.
  await viewer.evaluate(() => {
    window.print = () => {
      const images = [...document.querySelectorAll<HTMLImageElement>('.hl-pdf-print img')]
      ;(window as unknown as { printed: number[][] }).printed.push(images.map((image) => image.naturalWidth))
    }
    ;(window as unknown as { printed: number[][] }).printed = []
  })
  await viewer.getByRole('button', { name: english.pdfPrint!.message }).click()
  const printed = () => viewer.evaluate(() => (window as unknown as { printed: number[][] }).printed)
  // 12 pages at 150 dpi: 595 pt → 1239 px.
  await expect.poll(printed, { timeout: 20_000 }).toEqual([Array(12).fill(1239)])
  await viewer.evaluate(() => dispatchEvent(new Event('afterprint')))
  await expect(viewer.locator('.hl-pdf-print')).toHaveCount(0)
  await viewer.keyboard.press('Control+p')
  await expect.poll(async () => (await printed()).length, { timeout: 20_000 }).toBe(2)

  const download = viewer.waitForEvent('download')
  await viewer.getByRole('button', { name: english.pdfDownload!.message }).click()
  const saved = await download
  expect(saved.suggestedFilename()).toBe('Quillwort report.pdf')
  expect(Buffer.compare(readFileSync((await saved.path())!), bytes)).toBe(0)
})

test('a file:// PDF opens with "Allow access to file URLs", and without it gets the sentence that says how to allow it', async ({ context, extensionId, openExtensionPage }) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'hashlens-pdf-')), 'report.pdf')
  writeFileSync(file, writePdf(threatReport()))
  const query = `?file=${encodeURIComponent(pathToFileURL(file).href)}`
  // Chromium grants file access to an extension loaded with --load-extension, as Playwright loads it.
  const viewer = await openExtensionPage(PDF_VIEWER_PATH, query)
  expect(await viewer.evaluate(() => chrome.extension.isAllowedFileSchemeAccess())).toBe(true)
  await expect(viewer.getByRole('status')).toHaveText(`${ALL_HASHES.length} hashes found in 3 pages`)
  await viewer.close()

  // The switch on chrome://extensions, turned off as the user would there (the browser reloads the extension).
  const extensions = await context.newPage()
  await extensions.goto('chrome://extensions')
  await extensions.evaluate((id) => new Promise<void>((resolve) => {
    (chrome as unknown as { developerPrivate: { updateExtensionConfiguration: (update: object, done: () => void) => void } })
      .developerPrivate.updateExtensionConfiguration({ extensionId: id, fileAccess: false }, resolve)
  }), extensionId)
  // Reloaded when enabled again, with file access off.
  await expect.poll(() => extensions.evaluate((id) => new Promise<string>((resolve) => {
    (chrome as unknown as { developerPrivate: { getExtensionInfo: (id: string, done: (info: { state: string; fileAccess: { isActive: boolean } }) => void) => void } })
      .developerPrivate.getExtensionInfo(id, (info) => resolve(`${info.state}, file access ${info.fileAccess.isActive}`))
  }), extensionId), { timeout: 20_000 }).toBe('ENABLED, file access false')
  const refused = await openExtensionPage(PDF_VIEWER_PATH, query)
  expect(await refused.evaluate(() => chrome.extension.isAllowedFileSchemeAccess())).toBe(false)
  await expect(refused.getByRole('alert')).toHaveText(english.pdfErrorFileAccess!.message)
  await expect(refused.getByLabel(english.pdfOpenFromDisk!.message)).toBeVisible()
})
