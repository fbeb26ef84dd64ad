/**
 * A translation is a file: with messages.json rewritten to ⟦message⟧ (placeholders kept), a copy of the build shows
 * nothing else in the popup, options page and card, but for data: hashes, type names, threat names, numbers, dates.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { test as base, expect, makeHash } from './fixtures.ts'
import { DIST, launchWithExtension } from '../support/chromium.ts'
import type { MessageFile } from '../support/chrome-i18n.ts'
import { readCard } from '../support/card.ts'
import { CHECK_FILES_PATH } from '../../src/shared/check-files-page.ts'
import { DOWNLOAD_DETAILS_PATH, type DownloadCheck } from '../../src/shared/download-checks.ts'

/** The pseudo-translation of one message; the language tag becomes the pseudo-locale's own. */
function pseudo(name: string, message: string): string {
  return name === 'languageTag' ? 'en-XA' : `⟦${message}⟧`
}

const test = base.extend({
  context: async ({}, use) => {
    const dist = mkdtempSync(path.join(tmpdir(), 'hashlens-pseudo-'))
    cpSync(DIST, dist, { recursive: true })
    const file = path.join(dist, '_locales', 'en', 'messages.json')
    const messages = JSON.parse(readFileSync(file, 'utf8')) as MessageFile
    for (const [name, entry] of Object.entries(messages)) entry.message = pseudo(name, entry.message)
    writeFileSync(file, JSON.stringify(messages, null, 2))
    const context = await launchWithExtension({ dist })
    // As fixtures.ts's context: the install opens Options by itself, and can navigate a test's page opened before it.
    await expect.poll(() => context.pages().some((page) => page.url().endsWith('/src/options/options.html')), { timeout: 15_000 }).toBe(true)
    await use(context)
    await context.close()
    rmSync(dist, { recursive: true, force: true })
  },
})

/** Texts users read that are data, not HashLens's words (as regular expression sources). */
const USER_DATA = [
  '^[0-9a-f]+$', // hashes, and pasted tokens that are not quite hashes
  '^(MD5|SHA-1|SHA-256)$', // hash type names, the same in every language
  '^[A-Za-z0-9-]+(\\.[A-Za-z0-9_-]+){2,}$', // threat names from the service: Win32.Trojan.Emotet
  '^[0-9.,]+ (byte|bytes|kB|MB|GB|TB)$', // a file's size, in the units Intl.NumberFormat gives the page's language
  '^sample\\.bin$', // the name of the file the test drops
  '^(setup\\.exe|report\\.pdf)$', '^(https|blob):', '^application/', // the downloads the test seeds: names, addresses, types
  '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC$', // times, written the same in every language (status-text.ts formatUtc)
]

interface TextReport {
  /** Visible texts (and titles, accessible names, placeholders) not wrapped in ⟦…⟧. */
  untranslated: string[]
  wrapped: number
}

/** Each text (with where it was found) checked: wrapped, data, or untranslated. */
function reportOn(texts: ReadonlyArray<[text: string, source: string]>): TextReport {
  const data = USER_DATA.map((source) => new RegExp(source, 'u'))
  const untranslated: string[] = []
  let wrapped = 0
  for (const [text, source] of texts) {
    const trimmed = text.trim()
    if (!/\p{L}/u.test(trimmed)) continue // numbers, dates, punctuation
    if (trimmed.startsWith('⟦') && trimmed.endsWith('⟧')) wrapped++
    else if (!data.some((pattern) => pattern.test(trimmed))) untranslated.push(`${source}: ${trimmed}`)
  }
  return { untranslated, wrapped }
}

/** Every visible text node, title, aria-label, placeholder and alt in an extension page. */
async function textsOf(page: Page): Promise<TextReport> {
  return reportOn(await page.evaluate(() => {
    const texts: Array<[string, string]> = []
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (!parent || parent.closest('script, style, template, title')) continue
      if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue
      texts.push([node.textContent ?? '', parent.localName])
    }
    for (const element of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
      for (const attribute of ['title', 'aria-label', 'placeholder', 'alt']) {
        const value = element.getAttribute(attribute)
        if (value) texts.push([value, `${element.localName}[${attribute}]`])
      }
    }
    texts.push([document.title, 'title'])
    return texts
  }))
}

/** The shown card's texts, its name and its buttons' names, as the accessibility tree gives them (its root is closed). */
async function cardTextsOf(page: Page): Promise<TextReport> {
  const card = await readCard(page)
  if (card === null) throw new Error('No card is shown')
  return reportOn([[card.label, 'dialog name'], ...card.text.split('\n').map((text): [string, string] => [text, 'text']),
    ...card.buttons.map((name): [string, string] => [name, 'button'])])
}

const verdicts = [makeHash(1901, 40, '0'), makeHash(1902, 64, '4'), makeHash(1903, 32, '7'), makeHash(1904, 40, 'a'), makeHash(1905, 64, 'c')]
const overCap = [makeHash(1906, 40, '1'), makeHash(1907, 40, '2')]

test('with a pseudo-translated messages.json, the popup, the options page and the hover card show only translated words', async ({
  context, configure, pages, serviceWorker, openExtensionPage, simulator,
}) => {
  await configure()
  await serviceWorker.evaluate(() => chrome.storage.local.set({
    settings: { perPageCap: 5, pivots: [{ name: 'Spectra Analyze', urlTemplate: 'https://analyze.example/sample/{hash}' }] },
  }))
  const page = await context.newPage()
  await page.goto(pages.serve('pseudo.html', `<!doctype html><body style="font: 16px monospace; padding: 40px">${
    [...verdicts, ...overCap].map((hash, i) => `<p id="h${i}" style="margin-bottom: 200px">${hash}</p>`).join('')}</body>`))
  await expect.poll(() => simulator.lookedUpHashes().length).toBe(5)
  const tabId = await serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]!.id!, page.url())
  await expect.poll(() => serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).not.toBe('')

  // The popup: status, the page's hashes (five verdicts, two over the cap), a manual lookup
  // with a token that is not a hash.
  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
  await expect(popup.locator('tr[data-hash] .hl-badge', { hasText: '⟦Not found⟧' })).toHaveCount(1)
  await expect(popup.locator('tr[data-hash] .hl-badge', { hasText: '⟦Not looked up⟧' })).toHaveCount(2)
  await popup.locator('#hashes-input').fill(`${verdicts[0]} ${'ab12'.repeat(8)}f`)
  await popup.locator('form button[type=submit]').click()
  await expect(popup.locator('.hl-invalid li')).toContainText('⟦33 hex digits — ⟦MD5 has 32⟧⟧')
  await expect(popup).toHaveTitle('⟦HashLens⟧')
  expect(await popup.evaluate(() => document.documentElement.lang)).toBe('en-XA')
  const popupTexts = await textsOf(popup)
  expect(popupTexts.untranslated).toEqual([])
  expect(popupTexts.wrapped).toBeGreaterThan(25)

  // The options page, with a result line from the page and one from the worker.
  const options = await openExtensionPage('src/options/options.html')
  await options.locator('#username').waitFor()
  await options.getByRole('button', { name: '⟦Clear cache⟧' }).click()
  await expect(options.getByTestId('options-result')).toHaveText('⟦Cache cleared: every hash will be looked up again when next seen.⟧')
  await expect(options).toHaveTitle('⟦HashLens options⟧')
  // The worker's words too: Test connection answers from the worker.
  await options.getByRole('button', { name: '⟦Test connection⟧' }).click()
  await expect(options.getByTestId('options-result')).toHaveText(/^⟦OK — connected to .* as u\/demo\/analyst\..*⟧$/)
  const optionsTexts = await textsOf(options)
  expect(optionsTexts.untranslated).toEqual([])
  expect(optionsTexts.wrapped).toBeGreaterThan(30)

  // The hover card, on a malicious hash (facts, link) and on one over the cap (Look up).
  await page.bringToFront()
  for (const [index, badge] of [[0, '⟦Malicious⟧'], [2, '⟦Known⟧'], [4, '⟦Not found⟧'], [5, '⟦Not looked up⟧']] as const) {
    await page.mouse.move(1, 1)
    await expect.poll(() => readCard(page)).toBeNull()
    const target = page.locator(`#h${index}`)
    await target.scrollIntoViewIfNeeded()
    const box = (await target.boundingBox())!
    await page.mouse.move(box.x + 30, box.y + box.height / 2)
    // Shown, not merely built during the hover delay (a hidden card is not in the tree); the badge reads first.
    await expect.poll(async () => (await readCard(page))?.text.split('\n')[0]).toBe(badge)
    expect((await readCard(page))!.label).toBe('⟦HashLens verdict⟧')
    const cardTexts = await cardTextsOf(page)
    expect(cardTexts.untranslated, badge).toEqual([])
    expect(cardTexts.wrapped, badge).toBeGreaterThanOrEqual(3)
  }
})

test('with a pseudo-translated messages.json, the Check files page with a hashed file shows only translated words', async ({ openExtensionPage, configure }) => {
  await configure()
  const page = await openExtensionPage(CHECK_FILES_PATH)
  await page.locator('[data-drop-zone]').waitFor()
  await page.evaluate(() => {
    const transfer = new DataTransfer()
    transfer.items.add(new File([new Uint8Array(5000).fill(1)], 'sample.bin'))
    document.querySelector('[data-drop-zone]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
  })
  await expect(page.locator('[data-file-row] .hl-badge')).not.toHaveText('⟦Not looked up⟧')
  await expect(page).toHaveTitle('⟦HashLens — check files⟧')
  const texts = await textsOf(page)
  expect(texts.untranslated).toEqual([])
  expect(texts.wrapped).toBeGreaterThan(8)
})

test('with a pseudo-translated messages.json, the download details page shows only translated words: a verdict, the delete question, a download not checked, the list', async ({ openExtensionPage, configure, serviceWorker }) => {
  await configure()
  const sha256 = makeHash(1908, 64, '0')
  const checks: DownloadCheck[] = [
    { id: 2, fileName: 'report.pdf', url: 'blob:https://mail.example/6f1c', bytes: 52_000, mime: 'application/pdf', completedAt: Date.UTC(2026, 11, 4, 18, 45),
      step: 'not-checked', notChecked: { reason: 'fetch-failed', detail: '403' } },
    { id: 1, fileName: 'setup.exe', url: 'https://files.example/setup.exe', bytes: 3_000_000, mime: 'application/octet-stream', completedAt: Date.UTC(2026, 11, 4, 18, 30),
      step: 'done', hashes: { md5: makeHash(1909, 32, '0'), sha1: makeHash(1910, 40, '0'), sha256 } },
  ]
  // Where the worker keeps its checks (background/download-check-store.ts).
  await serviceWorker.evaluate((kept) => chrome.storage.session.set({ downloadChecks: kept }), checks)
  const page = await openExtensionPage(DOWNLOAD_DETAILS_PATH, '?id=1')
  await page.evaluate((hash) => chrome.runtime.sendMessage({ type: 'lookup', hashes: [hash] }), sha256)
  await expect(page.locator('[data-details-hash] .hl-badge')).toHaveText('⟦Malicious⟧')
  await page.getByRole('button', { name: '⟦Delete file⟧' }).click()
  await expect(page).toHaveTitle('⟦HashLens — downloads⟧')
  for (const query of ['?id=1', '?id=2', '']) {
    if (query !== '?id=1') await page.goto(page.url().replace(/\?.*$/, '') + query)
    await expect(page.locator(query === '?id=2' ? '[data-not-checked]' : query ? '[data-download-confirm]' : '[data-download-row]').first()).toBeVisible()
    const texts = await textsOf(page)
    expect(texts.untranslated, query || 'the list').toEqual([])
    expect(texts.wrapped, query || 'the list').toBeGreaterThan(5)
  }
})
