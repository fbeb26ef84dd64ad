/** Issue 12: a page flooding HashLens with fresh hashes slows no other tab, survives a worker stop, and its popup opens fast. */
import type { BrowserContext, Page, Worker } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { expect, test, stopServiceWorkers } from './fixtures.ts'
import { markCounts } from '../support/marks.ts'
import type { FixtureServer } from './fixture-server.ts'
import type { Simulator } from '../simulator/spectra-simulator.ts'

const FLOOD_MS = 30_000
const INNOCENT_HASHES = 300

async function tabIdOf(page: Page, serviceWorker: Worker): Promise<number> {
  return serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1, page.url())
}

/** A page of fresh hashes, none cached: the simulator's verdict follows the last digit (0 malicious, 7 known). */
function innocentPage(pages: FixtureServer, name: string): string {
  const hashes = Array.from({ length: INNOCENT_HASHES }, (_, i) => `a1${randomBytes(19).toString('hex').slice(0, 37)}${i % 2 === 0 ? '0' : '7'}`)
  return pages.serve(name, `<!doctype html><body style="font: 12px monospace"><pre>${hashes.join('\n')}</pre></body>`)
}

/** The best of two fresh pages: this machine's load comes and goes, and the bound is about what HashLens adds. */
async function timeToVerdicts(context: BrowserContext, pages: FixtureServer, name: string): Promise<number> {
  const first = await timeToVerdictsOf(context, innocentPage(pages, `${name}-1.html`))
  return Math.min(first, await timeToVerdictsOf(context, innocentPage(pages, `${name}-2.html`)))
}

async function showsEveryVerdict(page: Page): Promise<boolean> {
  const counts = await markCounts(page)
  return Object.values(counts).reduce((total, count) => total + count, 0) >= INNOCENT_HASHES && !counts.pending
}

/** Opens the page and returns how long (ms) until every one of its hashes shows a final mark (read as no page can). */
async function timeToVerdictsOf(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage()
  const started = Date.now()
  await page.goto(url)
  await expect.poll(() => showsEveryVerdict(page), { timeout: 30_000, intervals: [50] }).toBe(true)
  const ms = Date.now() - started
  await page.close()
  return ms
}

function lookedUp(simulator: Simulator): number {
  return simulator.lookedUpHashes().length
}

test('a page adding 2,000 fresh hashes every 250 ms for 30 s slows no other tab, survives a worker stop, and its popup lists rows within a second', async ({ context, configure, pages, simulator, serviceWorker, openExtensionPage }) => {
  test.setTimeout(180_000)
  await configure()
  const alone = await timeToVerdicts(context, pages, 'alone')

  // Another site (its own budget): localhost, while the innocent pages are on 127.0.0.1.
  const flood = await context.newPage()
  await flood.goto(pages.serve('flood.html', `<!doctype html><body style="font: 12px monospace"><script>
    const end = Date.now() + ${FLOOD_MS}
    window.added = 0
    const timer = setInterval(() => {
      if (Date.now() > end) { clearInterval(timer); window.done = true; return }
      // The shown block is replaced: the worker gets 2,000 new hashes each time, the page's own drawing stays small.
      const block = document.createElement('pre')
      block.textContent = Array.from({ length: 2000 }, () => 'a1' + Array.from(crypto.getRandomValues(new Uint8Array(19)), (b) => b.toString(16).padStart(2, '0')).join('')).join('\\n')
      document.body.replaceChildren(block)
      window.added += 2000
    }, 250)
  </script></body>`).replace('127.0.0.1', 'localhost'))
  const floodTabId = await tabIdOf(flood, serviceWorker)
  // Well into the flood: the flooding tab is past its 20,000 listed hashes and still adding.
  await expect.poll(() => flood.evaluate(() => (window as unknown as { added: number }).added), { timeout: 20_000 }).toBeGreaterThanOrEqual(30_000)
  const flooded = await timeToVerdicts(context, pages, 'flooded')
  console.log(`innocent tab, time to verdicts: ${Math.round(alone)} ms alone, ${Math.round(flooded)} ms beside the flood`)
  // The flooding tab's own content script (scanning and marking 8,000 hashes a second) shares this machine's two
  // cores: with the flood's site idle the innocent tab is as fast as alone. A registry rewriting every tab on each
  // change (issue 12: 9× slower, and verdicts lost after a worker stop) is well past this bound.
  expect(flooded).toBeLessThan(4 * alone + 1000)

  // A worker stop while the innocent tab's lookups are on their way: they still end with their verdicts.
  simulator.inject({ kind: 'slow', ms: 2000, times: 3 })
  const before = lookedUp(simulator)
  const innocent = await context.newPage()
  await innocent.goto(innocentPage(pages, 'in-flight.html'))
  await expect.poll(() => lookedUp(simulator) - before, { timeout: 15_000 }).toBeGreaterThan(0)
  await stopServiceWorkers(context, innocent)
  await expect.poll(() => showsEveryVerdict(innocent), { timeout: 40_000 }).toBe(true)

  // The flooding tab's popup: rows within a second of opening, and the count of the hashes past its bound.
  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${floodTabId}`)
  // In the popup's own clock, from its navigation start: opening a tab for it is the test's doing, not the popup's.
  const firstRowsMs = await (await popup.waitForFunction(() => (document.querySelector('tr[data-hash]') ? performance.now() : 0),
    undefined, { polling: 10, timeout: 10_000 })).jsonValue()
  const table = popup.getByRole('table', { name: 'Hashes on this page' })
  const rows = await table.locator('tr[data-hash]').count()
  console.log(`flooding tab's popup: first rows ${Math.round(firstRowsMs)} ms after it opened (${rows} rows)`)
  expect(firstRowsMs).toBeLessThan(1000)
  await expect(popup.getByRole('button', { name: 'All 20000' })).toBeVisible()
  await expect(popup.locator('[data-unlisted]')).toContainText('a tab lists at most 20000 hashes')
  await popup.getByRole('button', { name: /^Show more/ }).click()
  await expect(table.locator('tr[data-hash]')).toHaveCount(2 * rows)
})
