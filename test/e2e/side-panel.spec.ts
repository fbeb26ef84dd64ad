/** The side panel: one tab's hashes beside the page, live, pinned with `?tab=` or following the active tab. */
import type { Page, Worker } from '@playwright/test'
import { test, expect, makeHash } from './fixtures.ts'
import { markedCount, pageMarkup } from '../support/marks.ts'
import { clickCardButton, readCard } from '../support/card.ts'

async function tabIdOf(page: Page, serviceWorker: Worker): Promise<number> {
  return serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1, page.url())
}

test('the panel for a tab lists its hashes with badges and counts, and follows verdicts and the tab\'s navigations', async ({ context, configure, pages, openExtensionPage, serviceWorker }) => {
  await configure()
  const first = [makeHash(1601, 40, '0'), makeHash(1602, 64, '7')]
  const next = makeHash(1603, 32, '1')
  const page = await context.newPage()
  await page.goto(pages.serve('panel-first.html', `<!doctype html><body>${first.map((hash) => `<p>${hash}</p>`).join('')}</body>`))
  await expect.poll(() => markedCount(page)).toBe(2)
  const tabId = await tabIdOf(page, serviceWorker)

  const panel = await openExtensionPage('src/panel/panel.html', `?tab=${tabId}`)
  await expect(panel).toHaveTitle('HashLens — hashes on this tab')
  const table = panel.getByRole('table', { name: 'Hashes on this page' })
  await expect(table.locator(`tr[data-hash="${first[0]}"] .hl-badge`)).toHaveText('Malicious')
  await expect(table.locator(`tr[data-hash="${first[1]}"] .hl-badge`)).toHaveText('Known')
  await expect(panel.getByRole('button', { name: 'Malicious 1' })).toBeVisible()

  // A new document in the tab: the panel lists its hashes only, with their verdicts once they arrive.
  await page.goto(pages.serve('panel-next.html', `<!doctype html><body><p>${next}</p></body>`))
  await expect(table.locator('tr[data-hash]')).toHaveCount(1)
  await expect(table.locator(`tr[data-hash="${next}"] .hl-badge`)).toHaveText('Malicious')
  await expect(panel.getByRole('button', { name: 'Known 1' })).toHaveCount(0)

  // The filter keeps what it names.
  await panel.getByRole('button', { name: 'Malicious 1' }).click()
  await expect(table.locator('tr[data-hash]')).toHaveCount(1)
})

test('an unpinned panel shows the active tab of its window and follows tab switches', async ({ context, configure, pages, openExtensionPage }) => {
  await configure()
  const onA = makeHash(1611, 40, '2')
  const onB = makeHash(1612, 40, '8')
  const a = await context.newPage()
  await a.goto(pages.serve('panel-a.html', `<!doctype html><p>${onA}</p>`))
  await expect.poll(() => markedCount(a)).toBe(1)
  const b = await context.newPage()
  await b.goto(pages.serve('panel-b.html', `<!doctype html><p>${onB}</p>`))
  await expect.poll(() => markedCount(b)).toBe(1)

  // Opened as a tab of the same window, the panel is the active tab at first: it has no hashes of its own.
  const panel = await openExtensionPage('src/panel/panel.html')
  const table = panel.getByRole('table', { name: 'Hashes on this page' })
  await a.bringToFront()
  await expect(table.locator(`tr[data-hash="${onA}"] .hl-badge`)).toHaveText('Malicious')
  await expect(table.locator('tr[data-hash]')).toHaveCount(1)
  await b.bringToFront()
  await expect(table.locator(`tr[data-hash="${onB}"] .hl-badge`)).toHaveText('Known')
  await expect(table.locator(`tr[data-hash="${onA}"]`)).toHaveCount(0)
})

test('the card\'s "Details" opens the side panel beside the tab, on the user\'s click only', async ({ context, configure, pages, serviceWorker }) => {
  await configure()
  const hash = makeHash(1621, 40, '0')
  const page = await context.newPage()
  await page.goto(pages.serve('panel-details.html', `<!doctype html><body style="font: 16px monospace; padding: 40px"><p id="h">${hash}</p></body>`))
  await expect.poll(() => markedCount(page, 'malicious')).toBe(1)
  const panels = () => serviceWorker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType] })).length)
  expect(await panels()).toBe(0)
  const box = (await page.locator('#h').boundingBox())!
  await page.mouse.move(box.x + 30, box.y + box.height / 2)
  await expect.poll(async () => (await readCard(page))?.buttons ?? []).toContain('Details')
  await clickCardButton(page, 'Details')
  await expect.poll(panels).toBe(1)
})

test('a row\'s hash scrolls the page to it (in a frame too), leaving the page\'s DOM byte for byte as it was', async ({ context, configure, pages, openExtensionPage, serviceWorker }) => {
  await configure()
  const far = makeHash(1631, 40, '0')
  const inFrame = makeHash(1632, 40, '7')
  const frameUrl = pages.serve('panel-reveal-frame.html', `<!doctype html><body style="margin: 0"><div style="height: 1500px"></div><p id="f">${inFrame}</p></body>`)
  const page = await context.newPage()
  await page.goto(pages.serve('panel-reveal.html', `<!doctype html><body style="font: 16px monospace">
    <div style="height: 3000px">top</div><p id="far">${far}</p><div style="height: 2000px"></div>
    <iframe src="${frameUrl}" style="width: 600px; height: 200px"></iframe></body>`))
  await expect.poll(async () => (await serviceWorker.evaluate(async (id) => chrome.action.getBadgeText({ tabId: id }), await tabIdOf(page, serviceWorker)))).toBe('1')
  const tabId = await tabIdOf(page, serviceWorker)
  // HashLens's own hosts come and go as it draws (the frame's, once the reveal brings its mark into view): the page's nodes are compared.
  const before = await pageMarkup(page)
  const frame = page.frames().find((candidate) => candidate.url() === frameUrl)!
  const frameDomBefore = await pageMarkup(frame)
  expect(await page.evaluate(() => scrollY)).toBe(0)

  const panel = await openExtensionPage('src/panel/panel.html', `?tab=${tabId}`)
  const table = panel.getByRole('table', { name: 'Hashes on this page' })
  await table.getByRole('button', { name: far }).click()
  await expect.poll(() => page.evaluate((id) => {
    const rect = document.getElementById(id)!.getBoundingClientRect()
    return rect.top >= 0 && rect.bottom <= innerHeight
  }, 'far')).toBe(true)
  expect(await page.evaluate(() => scrollY)).toBeGreaterThan(2000)

  await table.getByRole('button', { name: inFrame }).click()
  await expect.poll(() => frame.evaluate(() => scrollY)).toBeGreaterThan(1000)
  expect(await pageMarkup(page)).toBe(before)
  expect(await pageMarkup(frame)).toBe(frameDomBefore)
})
