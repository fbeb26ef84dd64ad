/** Issue 11: daily budgets for automatic lookups, per site (registrable domain) and in total. */
import type { Page, Worker } from '@playwright/test'
import { expect, makeHash, test, stopServiceWorkers } from './fixtures.ts'
import { saveAccountInOptions } from '../support/options-form.ts'
import { cardText, clickCardButton } from '../support/card.ts'
import type { Simulator } from '../simulator/spectra-simulator.ts'

function hashList(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => makeHash(from + i, 40, '7'))
}

async function tabIdOf(page: Page, serviceWorker: Worker): Promise<number> {
  return serviceWorker.evaluate(async (url) => (await chrome.tabs.query({})).find((tab) => tab.url === url)?.id ?? -1, page.url())
}

async function setSettings(serviceWorker: Worker, settings: Record<string, unknown>): Promise<void> {
  await serviceWorker.evaluate(async (stored) => chrome.storage.local.set({ settings: stored }), settings)
}

/** Stays at `count`: polled up to it, then still there a while later. */
async function expectSentToSettleAt(simulator: Simulator, count: number): Promise<void> {
  await expect.poll(() => simulator.lookedUpHashes().length, { timeout: 15_000 }).toBe(count)
  await new Promise((resolve) => setTimeout(resolve, 1500))
  expect(simulator.lookedUpHashes()).toHaveLength(count)
}

test('a page that keeps opening iframes on fresh subdomains and fresh sites gets no budget beyond its own site\'s', async ({ context, configure, serviceWorker, simulator }) => {
  await configure()
  await setSettings(serviceWorker, { perSiteDailyBudget: 30, perPageCap: 100_000 })
  const frameHashes = new Map<string, string[]>()
  let next = 0
  await context.route(/^http:\/\/[^/]*\.test\//, async (route) => {
    const url = new URL(route.request().url())
    if (url.pathname === '/top') {
      // Each frame on a host never seen before: a fresh subdomain of the page's site, or a fresh site of its own.
      const frames = Array.from({ length: 8 }, (_, i) => {
        const host = i % 2 === 0 ? `f${i}${Math.random().toString(36).slice(2, 8)}.fixtures.test` : `s${i}${Math.random().toString(36).slice(2, 8)}.test`
        return `<iframe src="http://${host}/frame" width="400" height="200"></iframe>`
      })
      await route.fulfill({ contentType: 'text/html', body: `<!doctype html><p>${hashList(9000, 5).join(' ')}</p>${frames.join('')}` })
      return
    }
    const hashes = frameHashes.get(url.host) ?? hashList(10_000 + 20 * next++, 10)
    frameHashes.set(url.host, hashes)
    await route.fulfill({ contentType: 'text/html', body: `<!doctype html><p>${hashes.join('<br>')}</p>` })
  })
  const page = await context.newPage()
  await page.goto('http://www.fixtures.test/top')
  // 5 + 8 × 10 hashes, but every frame's lookups are charged to the tab's top-level site too.
  await expect.poll(() => frameHashes.size, { timeout: 15_000 }).toBe(8)
  await expectSentToSettleAt(simulator, 30)

  // A frame left without lookups: its card names the top-level site's budget, whichever host the frame is on.
  const sent = new Set(simulator.lookedUpHashes())
  const [host, idleHashes] = [...frameHashes].find(([, hashes]) => hashes.every((hash) => !sent.has(hash)))!
  const frame = page.frameLocator(`iframe[src="http://${host}/frame"]`)
  await frame.locator('p').scrollIntoViewIfNeeded()
  const box = (await frame.locator('p').boundingBox())!
  await page.mouse.move(box.x + 30, box.y + 8)
  const cardFrame = page.frames().find((candidate) => candidate.url() === `http://${host}/frame`)!
  await expect.poll(() => cardText(cardFrame)).toContain('budget of automatic lookups for fixtures.test is spent')
  expect(await cardText(cardFrame)).toContain('00:00 UTC')
  expect(idleHashes).toHaveLength(10)
})

test('a per-site budget set in Options stops automatic lookups; the card and popup say which and when, and the rest can still be looked up', async ({ context, pages, simulator, serviceWorker, openExtensionPage }) => {
  const options = await openExtensionPage('src/options/options.html')
  await options.getByLabel('Automatic lookups per site per day').fill('50')
  await saveAccountInOptions(options, simulator.url)
  const hashes = hashList(20_000, 80)
  const page = await context.newPage()
  await page.goto(pages.serve('budget.html', `<!doctype html><body style="font: 16px monospace; padding: 40px">
    <ol>${hashes.map((hash, i) => `<li id="h${i}">${hash}</li>`).join('')}</ol></body>`))
  await expectSentToSettleAt(simulator, 50)
  const resetsAt = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1)).toISOString().slice(0, 10)

  // The last hash was left: its card names the site's budget and the reset, and offers "Look up".
  const last = page.locator('#h79')
  await last.scrollIntoViewIfNeeded()
  const box = (await last.boundingBox())!
  await page.mouse.move(box.x + 30, box.y + box.height / 2)
  await expect.poll(() => cardText(page)).toContain('budget of automatic lookups for 127.0.0.1 is spent')
  expect(await cardText(page)).toContain(`${resetsAt} 00:00 UTC`)
  await clickCardButton(page, 'Look up')
  await expect.poll(() => simulator.lookedUpHashes()).toContain(hashes[79])
  expect(simulator.lookedUpHashes()).toHaveLength(51)

  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${await tabIdOf(page, serviceWorker)}`)
  await expect(popup.locator('[data-budget-stop]')).toContainText(`for 127.0.0.1 is spent. It starts afresh at ${resetsAt} 00:00 UTC`)
  await popup.getByRole('button', { name: 'Look up the remaining 29' }).click()
  await expect.poll(() => simulator.lookedUpHashes().length).toBe(80)
})

test('the popup names the site\'s spent budget also when Chromium gives the worker no URL for the tab', async ({ context, configure, pages, simulator, serviceWorker, openExtensionPage }) => {
  await configure()
  await setSettings(serviceWorker, { perSiteDailyBudget: 5 })
  const page = await context.newPage()
  await page.goto(pages.serve('no-tab-url.html', `<!doctype html><p>${hashList(40_000, 8).join(' ')}</p>`))
  await expectSentToSettleAt(simulator, 5)
  const tabId = await tabIdOf(page, serviceWorker)
  // As for a tab the extension has no host access to (only activeTab, say): tabs.get leaves its URL out.
  await serviceWorker.evaluate(() => {
    const get = chrome.tabs.get.bind(chrome.tabs)
    const withoutUrl = (tabId: number) => get(tabId).then((tab) => ({ ...tab, url: undefined, pendingUrl: undefined }))
    chrome.tabs.get = ((tabId: number, callback?: (tab: chrome.tabs.Tab) => void) => {
      if (!callback) return withoutUrl(tabId)
      void withoutUrl(tabId).then(callback)
    }) as typeof chrome.tabs.get
  })
  expect(await serviceWorker.evaluate(async (id) => (await chrome.tabs.get(id)).url ?? null, tabId)).toBeNull()

  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
  await expect(popup.locator('[data-budget-stop]')).toContainText('budget of automatic lookups for 127.0.0.1 is spent')
  await expect(popup.getByRole('button', { name: 'Look up the remaining 3' })).toBeVisible()
})

test('budgets survive a worker stop', async ({ context, configure, pages, serviceWorker, simulator }) => {
  await configure()
  await setSettings(serviceWorker, { perSiteDailyBudget: 20 })
  const first = await context.newPage()
  await first.goto(pages.serve('first.html', `<!doctype html><p>${hashList(30_000, 30).join(' ')}</p>`))
  await expectSentToSettleAt(simulator, 20)
  await expect.poll(() => serviceWorker.evaluate(async () => {
    const stored = (await chrome.storage.local.get('dailyBudgets')).dailyBudgets as { total?: number } | undefined
    return stored?.total
  })).toBe(20)

  await stopServiceWorkers(context, first)
  // The same site, new hashes: the restarted worker still knows the site's budget is spent.
  const again = await context.newPage()
  await again.goto(pages.serve('again.html', `<!doctype html><p>${hashList(31_000, 10).join(' ')}</p>`))
  // Another site still gets its lookups, so the worker is up and answering.
  const other = await context.newPage()
  const otherHashes = hashList(32_000, 5)
  await other.goto(pages.serve('other.html', `<!doctype html><p>${otherHashes.join(' ')}</p>`).replace('127.0.0.1', 'localhost'))
  await expectSentToSettleAt(simulator, 25)
  expect(simulator.lookedUpHashes().slice(20).sort()).toEqual([...otherHashes].sort())
})

/** The tab opened last: Chromium gives no `tab.url` for a blob: or about:blank document, so tabIdOf cannot find it. */
async function newestTabId(serviceWorker: Worker): Promise<number> {
  return serviceWorker.evaluate(async () => Math.max(...(await chrome.tabs.query({})).map((tab) => tab.id ?? -1)))
}

/** The stored spend of each site charged today. */
async function sitesCharged(serviceWorker: Worker): Promise<Record<string, number>> {
  return serviceWorker.evaluate(async () => ((await chrome.storage.local.get('dailyBudgets')).dailyBudgets as { sites?: Record<string, number> } | undefined)?.sites ?? {})
}

test('a page moving its hashes into a blob: document of its own is charged to its own site', async ({ context, configure, pages, serviceWorker, simulator, openExtensionPage }) => {
  await configure()
  await setSettings(serviceWorker, { perSiteDailyBudget: 5, perPageCap: 100 })
  const hashes = hashList(50_000, 20)
  const page = await context.newPage()
  // No user gesture: the page navigates its own tab to a document whose URL names no host.
  await page.goto(pages.serve('to-blob.html', `<!doctype html><script>
    const html = '<!doctype html><body style="font: 14px monospace">${hashes.map((hash) => `<p>${hash}</p>`).join('')}</body>'
    location.href = URL.createObjectURL(new Blob([html], { type: 'text/html' }))
  </script>`))
  await page.waitForURL(/^blob:/)
  await expectSentToSettleAt(simulator, 5)
  await expect.poll(() => sitesCharged(serviceWorker)).toEqual({ '127.0.0.1': 5 })

  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${await newestTabId(serviceWorker)}`)
  await expect(popup.locator('[data-budget-stop]')).toContainText('budget of automatic lookups for 127.0.0.1 is spent')
})

test('an about:blank popup a page writes its hashes into is charged to the page\'s site', async ({ context, configure, pages, serviceWorker, simulator, openExtensionPage }) => {
  await configure()
  await setSettings(serviceWorker, { perSiteDailyBudget: 5, perPageCap: 100 })
  const hashes = hashList(51_000, 20)
  const opener = await context.newPage()
  await opener.goto(pages.serve('opener.html', '<!doctype html><p>opener</p>').replace('127.0.0.1', 'localhost'))
  const popupOpened = context.waitForEvent('page')
  await opener.evaluate((written) => {
    const popup = window.open('about:blank', '_blank')!
    popup.document.body.style.font = '14px monospace'
    popup.document.body.innerHTML = written.map((hash) => `<p>${hash}</p>`).join('')
  }, hashes)
  const popupPage = await popupOpened
  expect(popupPage.url()).toBe('about:blank')
  await expectSentToSettleAt(simulator, 5)
  await expect.poll(() => sitesCharged(serviceWorker)).toEqual({ localhost: 5 })

  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${await newestTabId(serviceWorker)}`)
  await expect(popup.locator('[data-budget-stop]')).toContainText('budget of automatic lookups for localhost is spent')
})
