/** The open popup follows the tab; a page restored from the back/forward cache gets its hashes back in the worker. */
import type { Page, Worker } from '@playwright/test'
import { test, expect, makeHash } from './fixtures.ts'
import { markedCount } from '../support/marks.ts'

async function tabIdOf(page: Page, serviceWorker: Worker): Promise<number> {
  return serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1, page.url())
}

function badgeOf(serviceWorker: Worker, tabId: number): Promise<string> {
  return serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)
}

test('hashes a page shows after the popup opened join its list, with their verdicts, without reopening', async ({ context, configure, pages, openExtensionPage, serviceWorker }) => {
  await configure()
  const first = makeHash(1501, 40, '7')
  const later = [makeHash(1502, 40, '0'), makeHash(1503, 64, 'c')]
  const page = await context.newPage()
  await page.goto(pages.serve('live.html', `<!doctype html><body><p>${first}</p><div id="log"></div></body>`))
  await expect.poll(() => markedCount(page, 'known')).toBe(1)
  const tabId = await tabIdOf(page, serviceWorker)

  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
  const table = popup.getByRole('table', { name: 'Hashes on this page' })
  await expect(table.locator('tr')).toHaveCount(1)
  await expect(table.locator(`tr[data-hash="${first}"] .hl-badge`)).toHaveText('Known')

  await page.evaluate((hashes) => {
    for (const hash of hashes) {
      const line = document.createElement('p')
      line.textContent = `new sample ${hash}`
      document.getElementById('log')!.append(line)
    }
  }, later)
  await expect(table.locator('tr')).toHaveCount(3)
  await expect(table.locator(`tr[data-hash="${later[0]}"] .hl-badge`)).toHaveText('Malicious')
  await expect(table.locator(`tr[data-hash="${later[1]}"] .hl-badge`)).toHaveText('Not found')
})

test('the popup of a page with no hashes shows the list once hashes appear', async ({ context, configure, pages, openExtensionPage, serviceWorker }) => {
  await configure()
  const hash = makeHash(1511, 32, '4')
  const page = await context.newPage()
  await page.goto(pages.serve('empty-then-live.html', '<!doctype html><body><p>Nothing yet.</p></body>'))
  // The content script has asked for its settings and scanned: wait for the worker to know the tab.
  const tabId = await tabIdOf(page, serviceWorker)
  await page.waitForTimeout(500)
  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
  await expect(popup.getByRole('heading', { name: 'On this page' })).toBeVisible()
  await expect(popup.getByRole('table', { name: 'Hashes on this page' })).toHaveCount(0)

  await page.evaluate((text) => document.body.insertAdjacentHTML('beforeend', `<p>${text}</p>`), hash)
  const table = popup.getByRole('table', { name: 'Hashes on this page' })
  await expect(table.locator(`tr[data-hash="${hash}"] .hl-badge`)).toHaveText('Suspicious')
})

test.describe('back/forward cache', () => {
test.use({ backForwardCache: true })

test('back to a page restored from the back/forward cache: its hashes are listed and counted again', async ({ context, configure, pages, openExtensionPage, serviceWorker }) => {
  await configure()
  const malicious = makeHash(1521, 40, '1')
  const known = makeHash(1522, 64, '8')
  const page = await context.newPage()
  const pageA = pages.serve('bfcache-a.html', `<!doctype html><body>
    <script>addEventListener('pageshow', (event) => { window.__restored = event.persisted })</script>
    <p>${malicious}</p><p>${known}</p></body>`)
  const pageB = pages.serve('bfcache-b.html', '<!doctype html><body><p>No hashes here.</p></body>')
  await page.goto(pageA)
  await expect.poll(() => markedCount(page, 'malicious')).toBe(1)
  const tabId = await tabIdOf(page, serviceWorker)
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('1')

  await page.goto(pageB)
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('')
  await page.waitForTimeout(300) // the worker forgets the tab's hashes on 'loading'

  // A page restored from the cache fires no load event: wait for the commit only.
  await page.goBack({ waitUntil: 'commit' })
  await expect.poll(() => page.evaluate(() => (window as unknown as { __restored?: boolean }).__restored),
    { message: 'page A should come back from the back/forward cache' }).toBe(true)

  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('1')
  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
  const table = popup.getByRole('table', { name: 'Hashes on this page' })
  await expect(table.locator('tr')).toHaveCount(2)
  await expect(table.locator(`tr[data-hash="${malicious}"] .hl-badge`)).toHaveText('Malicious')
  await expect(table.locator(`tr[data-hash="${known}"] .hl-badge`)).toHaveText('Known')
})
})
