/** The side panel's list (issue 14 item 1): search and sort done by the worker over the whole tab, and multi-select. */
import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { test, expect, makeHash } from './fixtures.ts'

// The simulator's verdict is the last digit's (records.ts): 7 known, 0 malicious, c not found, 4 suspicious.
const KNOWN = makeHash(1801, 40, '7')
const NOT_FOUND = makeHash(1802, 64, 'c')
const MALICIOUS = makeHash(1803, 40, '0')
const SUSPICIOUS = makeHash(1804, 32, '4')
const ON_PAGE = [KNOWN, NOT_FOUND, MALICIOUS, SUSPICIOUS]

async function openPanelOnFixture({ context, pages, serviceWorker, openExtensionPage }: {
  context: import('@playwright/test').BrowserContext; pages: { serve(name: string, html: string): string }
  serviceWorker: import('@playwright/test').Worker; openExtensionPage(path: string, query?: string): Promise<Page>
}): Promise<Page> {
  const page = await context.newPage()
  const url = pages.serve('panel-list.html', `<!doctype html><body>${ON_PAGE.map((hash) => `<p>${hash}</p>`).join('')}</body>`)
  await page.goto(url)
  const tabId = await serviceWorker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id ?? -1, url)
  await expect.poll(() => serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).not.toBe('')
  const panel = await openExtensionPage('src/panel/panel.html', `?tab=${tabId}`)
  await expect(panel.locator(`tr[data-hash="${SUSPICIOUS}"] .hl-badge`)).toHaveText('Suspicious')
  await expect(panel.locator(`tr[data-hash="${NOT_FOUND}"] .hl-badge`)).toHaveText('Not found')
  return panel
}

const rowsOf = (panel: Page) => panel.getByRole('table', { name: 'Hashes on this page' }).locator('tr[data-hash]')
const shownHashes = (panel: Page) => rowsOf(panel).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-hash')))

test('search narrows the rows to the hashes that match, by a part of the hash or of the threat name; the counts stay the tab\'s', async ({ context, configure, pages, serviceWorker, openExtensionPage }) => {
  await configure()
  const panel = await openPanelOnFixture({ context, pages, serviceWorker, openExtensionPage })
  const search = panel.getByRole('searchbox', { name: 'Search' })
  await search.fill(MALICIOUS.slice(10, 22).toUpperCase())
  await expect.poll(() => shownHashes(panel)).toEqual([MALICIOUS])
  await expect(panel.getByRole('button', { name: 'All 4' })).toBeVisible()

  // The threat name the worker knows of the malicious row, in other case.
  await search.fill('')
  await expect(rowsOf(panel)).toHaveCount(4)
  const detail = await panel.locator(`tr[data-hash="${MALICIOUS}"] .hl-detail`).textContent()
  const threatName = detail!.split(' · ')[1]!
  await search.fill(threatName.toLowerCase())
  // The unfiltered list holds the malicious row too: wait for the known one to go, then check the malicious stayed.
  await expect.poll(() => shownHashes(panel)).not.toContain(KNOWN)
  expect(await shownHashes(panel)).toContain(MALICIOUS)

  await search.fill('no such hash here')
  await expect(rowsOf(panel)).toHaveCount(0)
  await expect(panel.getByText('No hash matches.')).toBeVisible()
})

test('sort by verdict puts the malicious first, then suspicious, known and not found; "Order on page" restores the page\'s', async ({ context, configure, pages, serviceWorker, openExtensionPage }) => {
  await configure()
  const panel = await openPanelOnFixture({ context, pages, serviceWorker, openExtensionPage })
  expect(await shownHashes(panel)).toEqual(ON_PAGE)
  await panel.getByLabel('Sort').selectOption({ label: 'Verdict, then order on page' })
  await expect.poll(() => shownHashes(panel)).toEqual([MALICIOUS, SUSPICIOUS, KNOWN, NOT_FOUND])
  await panel.getByLabel('Sort').selectOption({ label: 'Order on page' })
  await expect.poll(() => shownHashes(panel)).toEqual(ON_PAGE)
})

test('two rows selected: Copy holds exactly those two, and the STIX export only their objects', async ({ context, configure, pages, serviceWorker, openExtensionPage }) => {
  await configure()
  const panel = await openPanelOnFixture({ context, pages, serviceWorker, openExtensionPage })
  // Chromium grants no clipboard permission to an extension's (opaque to CDP) origin: what the panel writes is recorded
  // on its way to the real clipboard.
  await panel.evaluate(() => {
    const write = navigator.clipboard.writeText.bind(navigator.clipboard)
    navigator.clipboard.writeText = async (text: string) => {
      (window as unknown as { copied: string[] }).copied = [...(window as unknown as { copied?: string[] }).copied ?? [], text]
      await write(text).catch(() => undefined)
    }
  })
  await panel.getByRole('checkbox', { name: `Select ${MALICIOUS}` }).check()
  await panel.getByRole('checkbox', { name: `Select ${KNOWN}` }).check()
  await panel.getByRole('button', { name: 'Copy 2 selected' }).click()
  await expect(panel.getByRole('status').filter({ hasText: 'Copied 2 hashes.' })).toBeVisible()
  const copied = await panel.evaluate(() => (window as unknown as { copied: string[] }).copied)
  expect(copied).toHaveLength(1)
  expect(copied[0]!.split('\n').sort()).toEqual([MALICIOUS, KNOWN].sort())

  const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Export STIX, 2 selected' }).click()])
  const bundle = JSON.parse(await readFile((await download.path())!, 'utf8')) as { objects: Array<{ type: string; hashes?: Record<string, string> }> }
  const files = bundle.objects.filter((object) => object.type === 'file')
  const named = files.map((file) => Object.values(file.hashes!).map((hash) => hash.toLowerCase()))
  expect(named).toHaveLength(2)
  expect(named.every((hashes) => hashes.includes(MALICIOUS) || hashes.includes(KNOWN))).toBe(true)
  expect(JSON.stringify(bundle)).not.toContain(SUSPICIOUS)
  expect(JSON.stringify(bundle)).not.toContain(NOT_FOUND)

  // Cleared, the buttons act on the whole list again.
  await panel.getByRole('button', { name: 'Clear selection' }).click()
  await expect(panel.getByRole('button', { name: 'Copy all' })).toBeVisible()
  await panel.getByRole('button', { name: 'Select all shown' }).click()
  await expect(panel.getByRole('button', { name: 'Copy 4 selected' })).toBeVisible()
})

test('the panel shows the quota used as a meter with a name, beside its text', async ({ context, configure, pages, serviceWorker, openExtensionPage }) => {
  await configure()
  const panel = await openPanelOnFixture({ context, pages, serviceWorker, openExtensionPage })
  const meter = panel.getByRole('meter', { name: 'Lookups used' })
  await expect(meter).toBeVisible()
  await expect(panel.getByTestId('quota-usage')).toBeVisible()
  const { value, max } = await meter.evaluate((element: HTMLMeterElement) => ({ value: element.value, max: element.max }))
  expect(max).toBeGreaterThan(0)
  expect(value).toBeGreaterThanOrEqual(0)
})
