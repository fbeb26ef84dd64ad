/**
 * A row's detail view in the side panel and in the popup: what the cache knows, then "More" (TCA-0103 XREF, TCA-0321
 * RHA1) on request.
 */
import type { Page, Worker } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { test, expect, makeHash } from './fixtures.ts'
import { markedCount } from '../support/marks.ts'

const PE_SAMPLE = makeHash(1701, 40, '0')
const OTHER = makeHash(1702, 40, '7')
const LATER = makeHash(1703, 40, '8')
const ANOTHER_PE = makeHash(1704, 40, '1')

const XREF_MORE = 'Multi-AV history — costs 1 lookup'
const RHA1_MORE = 'Functionally similar files (RHA1) — costs 1 lookup'

test.use({ simulatorOptions: { sampleTypes: {
  [PE_SAMPLE]: 'PE32 executable (GUI) Intel 80386, for MS Windows', [ANOTHER_PE]: 'PE32+ executable (DLL) x86-64, for MS Windows',
} } })

async function tabIdOf(page: Page, serviceWorker: Worker): Promise<number> {
  return serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1, page.url())
}

/** "More" as the worker takes it, past the view: a second ask for a cached answer must send nothing. */
function askMore(panel: Page, hash: string, api: 'xref' | 'rha1') {
  return panel.evaluate(async (message) => chrome.runtime.sendMessage(message), { type: 'fetch-hash-more', hash, api })
}

test('a row\'s details show the cache, and each "More" sends one request for the hash; a second sends none', async ({ context, configure, pages, openExtensionPage, serviceWorker, simulator }) => {
  await configure()
  const page = await context.newPage()
  await page.goto(pages.serve('details.html', `<!doctype html><body><p>${PE_SAMPLE}</p><p>${OTHER}</p></body>`))
  await expect.poll(() => markedCount(page)).toBe(2)
  const panel = await openExtensionPage('src/panel/panel.html', `?tab=${await tabIdOf(page, serviceWorker)}`)
  const table = panel.getByRole('table', { name: 'Hashes on this page' })
  await expect(table.locator(`tr[data-hash="${PE_SAMPLE}"] .hl-badge`)).toHaveText('Malicious')

  await table.locator(`tr[data-hash="${PE_SAMPLE}"]`).getByRole('button', { name: 'Details' }).click()
  const details = panel.getByRole('region', { name: 'Details' })
  await expect(details.getByRole('definition').first()).toBeVisible()
  await expect(details).toContainText('Threat name')
  expect(simulator.detailRequests('xref')).toHaveLength(0)
  // RHA1 waits for the file type the multi-AV history gives.
  await expect(details.locator('[data-more="rha1"]')).toContainText('RHA1 needs the file type')

  await details.getByRole('button', { name: 'Multi-AV history — costs 1 lookup' }).click()
  const engines = details.getByRole('table', { name: 'Detections by engine' })
  await expect(engines).toBeVisible()
  await expect(details.locator('[data-more="xref"]')).toContainText('PE32 executable')
  expect(simulator.detailRequests('xref').map((request) => request.hashes)).toEqual([[PE_SAMPLE]])
  await expect(details.getByRole('button', { name: 'Multi-AV history — costs 1 lookup' })).toHaveCount(0)
  expect(await askMore(panel, PE_SAMPLE, 'xref')).toMatchObject({ ok: true })
  expect(simulator.detailRequests('xref')).toHaveLength(1)

  await details.getByRole('button', { name: 'Functionally similar files (RHA1) — costs 1 lookup' }).click()
  await expect(details.locator('[data-more="rha1"]')).toContainText('Total')
  expect(simulator.detailRequests('rha1').map((request) => [request.hashType, request.hashes])).toEqual([['pe01', [PE_SAMPLE]]])
  expect(await askMore(panel, PE_SAMPLE, 'rha1')).toMatchObject({ ok: true })
  expect(simulator.detailRequests('rha1')).toHaveLength(1)

  // Closed and opened again: the answers come from the store, and nothing more is sent.
  await details.getByRole('button', { name: 'Back to the list' }).click()
  await table.locator(`tr[data-hash="${PE_SAMPLE}"]`).getByRole('button', { name: 'Details' }).click()
  await expect(panel.getByRole('table', { name: 'Detections by engine' })).toBeVisible()
  expect(simulator.detailRequests('xref')).toHaveLength(1)
  expect(simulator.detailRequests('rha1')).toHaveLength(1)
})

test('a 403 on multi-AV hides its "More" and says why, while the page\'s File Reputation lookups go on', async ({ context, configure, pages, openExtensionPage, serviceWorker, simulator }) => {
  await configure()
  simulator.inject({ kind: 'forbidden', on: 'xref' })
  const page = await context.newPage()
  await page.goto(pages.serve('details-403.html', `<!doctype html><body><p id="first">${PE_SAMPLE}</p></body>`))
  await expect.poll(() => markedCount(page)).toBe(1)
  // `?hash=` opens the detail view at once.
  const panel = await openExtensionPage('src/panel/panel.html', `?tab=${await tabIdOf(page, serviceWorker)}&hash=${PE_SAMPLE}`)
  const details = panel.getByRole('region', { name: 'Details' })
  await expect(details.locator('.hl-badge').first()).toHaveText('Malicious')

  await details.getByRole('button', { name: 'Multi-AV history — costs 1 lookup' }).click()
  await expect(details.getByRole('alert')).toContainText('not entitled to Multi-AV history')
  await expect(details.locator('[data-more="xref"] [data-unavailable="not-entitled"]')).toBeVisible()
  await expect(details.getByRole('button', { name: /Multi-AV history/ })).toHaveCount(0)
  await expect(details.locator('[data-more="rha1"]')).toContainText('RHA1 needs the file type')
  // What was shown stays.
  await expect(details.locator('.hl-badge').first()).toHaveText('Malicious')
  expect(simulator.detailRequests('xref')).toHaveLength(1)
  expect(await askMore(panel, PE_SAMPLE, 'xref')).toMatchObject({ ok: false, problem: { kind: 'not-offered', reason: 'not-entitled' } })
  expect(simulator.detailRequests('xref')).toHaveLength(1)

  // A new hash on the page still gets its verdict.
  await page.evaluate((hash) => {
    const line = document.createElement('p')
    line.textContent = hash
    document.body.append(line)
  }, LATER)
  await expect.poll(() => markedCount(page)).toBe(2)
  const table = panel.getByRole('table', { name: 'Hashes on this page' })
  await expect(table.locator(`tr[data-hash="${LATER}"] .hl-badge`)).toHaveText('Known')
  expect(simulator.lookedUpHashes()).toContain(LATER)
})

test('the detail view with both answers is axe-clean in light and dark', async ({ context, configure, pages, openExtensionPage, serviceWorker }) => {
  await configure()
  const page = await context.newPage()
  await page.goto(pages.serve('details-axe.html', `<!doctype html><body><p>${PE_SAMPLE}</p></body>`))
  await expect.poll(() => markedCount(page)).toBe(1)
  const panel = await openExtensionPage('src/panel/panel.html', `?tab=${await tabIdOf(page, serviceWorker)}&hash=${PE_SAMPLE}`)
  const details = panel.getByRole('region', { name: 'Details' })
  await details.getByRole('button', { name: XREF_MORE }).click()
  await details.getByRole('button', { name: RHA1_MORE }).click()
  await expect(details.locator('[data-more="rha1"]')).toContainText('Total')
  for (const scheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme: scheme })
    const results = await new AxeBuilder({ page: panel }).analyze()
    expect(results.violations.map((violation) => `${scheme}: ${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([])
  }
})

test('a 403 on RHA1 hides its "More" and says why, while multi-AV and the page\'s File Reputation lookups go on', async ({ context, configure, pages, openExtensionPage, serviceWorker, simulator }) => {
  await configure()
  simulator.inject({ kind: 'forbidden', on: 'rha1' })
  const page = await context.newPage()
  await page.goto(pages.serve('details-rha1-403.html', `<!doctype html><body><p>${PE_SAMPLE}</p><p>${ANOTHER_PE}</p></body>`))
  await expect.poll(() => markedCount(page)).toBe(2)
  const panel = await openExtensionPage('src/panel/panel.html', `?tab=${await tabIdOf(page, serviceWorker)}&hash=${PE_SAMPLE}`)
  const details = panel.getByRole('region', { name: 'Details' })
  await expect(details.locator('.hl-badge').first()).toHaveText('Malicious')

  // The multi-AV history gives the PE file type, which offers RHA1; RHA1 answers 403.
  await details.getByRole('button', { name: XREF_MORE }).click()
  await expect(details.locator('[data-more="xref"]')).toContainText('PE32 executable')
  await details.getByRole('button', { name: RHA1_MORE }).click()
  await expect(details.getByRole('alert')).toContainText('not entitled to Functionally similar files (RHA1)')
  await expect(details.locator('[data-more="rha1"] [data-unavailable="not-entitled"]')).toBeVisible()
  await expect(details.getByRole('button', { name: /RHA1/ })).toHaveCount(0)
  // What was shown stays, and a second ask sends nothing.
  await expect(details.getByRole('table', { name: 'Detections by engine' })).toBeVisible()
  expect(simulator.detailRequests('rha1').map((request) => request.status)).toEqual([403])
  expect(await askMore(panel, PE_SAMPLE, 'rha1')).toMatchObject({ ok: false, problem: { kind: 'not-offered', reason: 'not-entitled' } })
  expect(simulator.detailRequests('rha1')).toHaveLength(1)

  // Multi-AV still answers, for another sample, whose RHA1 is now not offered for the account.
  await details.getByRole('button', { name: 'Back to the list' }).click()
  await panel.getByRole('table', { name: 'Hashes on this page' }).locator(`tr[data-hash="${ANOTHER_PE}"]`).getByRole('button', { name: 'Details' }).click()
  const other = panel.locator(`[data-details-hash="${ANOTHER_PE}"]`)
  await other.getByRole('button', { name: XREF_MORE }).click()
  await expect(other.locator('[data-more="xref"]')).toContainText('PE32+ executable')
  expect(simulator.detailRequests('xref').map((request) => [request.hashes, request.status])).toEqual([[[PE_SAMPLE], 200], [[ANOTHER_PE], 200]])
  await expect(other.locator('[data-more="rha1"] [data-unavailable="not-entitled"]')).toBeVisible()
  expect(simulator.detailRequests('rha1')).toHaveLength(1)

  // A new hash on the page still gets its verdict.
  await page.evaluate((hash) => {
    const line = document.createElement('p')
    line.textContent = hash
    document.body.append(line)
  }, LATER)
  await expect.poll(() => markedCount(page)).toBe(3)
  await expect(panel.getByRole('table', { name: 'Hashes on this page' }).locator(`tr[data-hash="${LATER}"] .hl-badge`)).toHaveText('Known')
  expect(simulator.lookedUpHashes()).toContain(LATER)
})

test('in the popup, a row\'s "Details" takes the list\'s place; "More" sends one request; Back brings the list back, focus on that row', async ({ context, configure, pages, openExtensionPage, serviceWorker, simulator }) => {
  await configure()
  const page = await context.newPage()
  await page.goto(pages.serve('details-popup.html', `<!doctype html><body><p>${PE_SAMPLE}</p><p>${OTHER}</p></body>`))
  await expect.poll(() => markedCount(page)).toBe(2)
  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${await tabIdOf(page, serviceWorker)}`)
  const table = popup.getByRole('table', { name: 'Hashes on this page' })
  await expect(table.locator(`tr[data-hash="${PE_SAMPLE}"] .hl-badge`)).toHaveText('Malicious')
  // The list as the user left it: filtered to the malicious row.
  await popup.getByRole('button', { name: 'Malicious 1' }).click()
  await expect(table.locator('tr[data-hash]')).toHaveCount(1)

  await table.locator(`tr[data-hash="${PE_SAMPLE}"]`).getByRole('button', { name: 'Details' }).click()
  const details = popup.getByRole('region', { name: 'Details' })
  await expect(details.locator('.hl-badge').first()).toHaveText('Malicious')
  await expect(details).toContainText('Threat name')
  await expect(details.getByRole('button', { name: 'Back to the list' })).toBeFocused()
  // In the list's place: the list and the manual lookup are gone meanwhile.
  await expect(table).toBeHidden()
  await expect(popup.getByRole('textbox', { name: 'Hashes', exact: true })).toBeHidden()
  expect(simulator.detailRequests('xref')).toHaveLength(0)

  await details.getByRole('button', { name: XREF_MORE }).click()
  await expect(details.getByRole('table', { name: 'Detections by engine' })).toBeVisible()
  await expect(details.locator('[data-more="xref"]')).toContainText('PE32 executable')
  await expect(details.getByRole('button', { name: RHA1_MORE })).toBeVisible()
  expect(simulator.detailRequests('xref').map((request) => request.hashes)).toEqual([[PE_SAMPLE]])

  await details.getByRole('button', { name: 'Back to the list' }).click()
  await expect(details).toHaveCount(0)
  await expect(table.locator('tr[data-hash]')).toHaveCount(1)
  await expect(popup.getByRole('button', { name: 'Malicious 1' })).toHaveAttribute('aria-pressed', 'true')
  await expect(table.locator(`tr[data-hash="${PE_SAMPLE}"]`).getByRole('button', { name: 'Details' })).toBeFocused()
  await expect(popup.getByRole('textbox', { name: 'Hashes', exact: true })).toBeVisible()
  expect(simulator.detailRequests('xref')).toHaveLength(1)
})

test('the popup\'s detail view with both answers is axe-clean in light and dark', async ({ context, configure, pages, openExtensionPage, serviceWorker }) => {
  await configure()
  const page = await context.newPage()
  await page.goto(pages.serve('details-popup-axe.html', `<!doctype html><body><p>${PE_SAMPLE}</p></body>`))
  await expect.poll(() => markedCount(page)).toBe(1)
  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${await tabIdOf(page, serviceWorker)}`)
  await popup.getByRole('table', { name: 'Hashes on this page' }).getByRole('button', { name: 'Details' }).click()
  const details = popup.getByRole('region', { name: 'Details' })
  await details.getByRole('button', { name: XREF_MORE }).click()
  await details.getByRole('button', { name: RHA1_MORE }).click()
  await expect(details.locator('[data-more="rha1"]')).toContainText('Total')
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme })
    const results = await new AxeBuilder({ page: popup }).analyze()
    expect(results.violations.map((violation) => `${scheme}: ${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([])
  }
})
