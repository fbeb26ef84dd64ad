/** Issue 12: a page flooding HashLens with fresh hashes slows no other tab, survives a worker stop, and its popup opens fast. */
import type { BrowserContext, Page, Worker } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { expect, test, stopServiceWorkers } from './fixtures.ts'
import { markCounts } from '../support/marks.ts'
import type { FixtureServer } from './fixture-server.ts'
import type { Simulator } from '../simulator/spectra-simulator.ts'
import { LIST_PAGE_SIZE } from '../../src/shared/tab-list.ts'

const FLOOD_MS = 30_000
const INNOCENT_HASHES = 300
/** Fresh innocent pages timed alone and beside the flood: the median of each, so one slow moment of this loaded machine does not decide. */
const TIMED_PAGES = 5

async function tabIdOf(page: Page, serviceWorker: Worker): Promise<number> {
  return serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1, page.url())
}

/**
 * A page of fresh hashes, none cached: the simulator's verdict follows the last digit (0 malicious, 7 known). Four
 * to a line, all within a screen of the viewport, where marks are drawn (and so read here).
 */
function innocentPage(pages: FixtureServer, name: string): string {
  const hashes = Array.from({ length: INNOCENT_HASHES }, (_, i) => `a1${randomBytes(19).toString('hex').slice(0, 37)}${i % 2 === 0 ? '0' : '7'}`)
  const lines = Array.from({ length: INNOCENT_HASHES / 4 }, (_, line) => hashes.slice(4 * line, 4 * line + 4).join(' '))
  return pages.serve(name, `<!doctype html><body style="font: 12px monospace"><pre>${lines.join('\n')}</pre></body>`)
}

/** Each fresh page's time to verdicts (ms), one after another. */
async function timesToVerdicts(context: BrowserContext, pages: FixtureServer, name: string): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < TIMED_PAGES; i++) times.push(await timeToVerdictsOf(context, innocentPage(pages, `${name}-${i}.html`)))
  return times
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/** Verdicts only: a hash a budget stopped ("Not looked up") is final too, but says nothing of how fast lookups are. */
async function showsEveryVerdict(page: Page): Promise<boolean> {
  const counts = await markCounts(page)
  return (counts.malicious ?? 0) + (counts.known ?? 0) === INNOCENT_HASHES
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

/** A page adding 2,000 fresh hashes every 250 ms for FLOOD_MS, on localhost: another site (its own budget) than the innocent pages on 127.0.0.1. */
async function openFlood(context: BrowserContext, pages: FixtureServer, name: string): Promise<Page> {
  const flood = await context.newPage()
  await flood.goto(pages.serve(name, `<!doctype html><body style="font: 12px monospace"><script>
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
  return flood
}

function addedBy(flood: Page): Promise<number> {
  return flood.evaluate(() => (window as unknown as { added: number }).added)
}

function isFloodDone(flood: Page): Promise<boolean> {
  return flood.evaluate(() => (window as unknown as { done?: boolean }).done ?? false)
}

function lookedUp(simulator: Simulator): number {
  return simulator.lookedUpHashes().length
}

test('a page adding 2,000 fresh hashes every 250 ms for 30 s slows no other tab, survives a worker stop, and its popup lists rows within 3 seconds', async ({ context, configure, pages, simulator, serviceWorker, openExtensionPage }) => {
  test.setTimeout(180_000)
  await configure()
  // 11 innocent pages of one site, past its default daily budget: budgets are not what this test measures.
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { perSiteDailyBudget: 100_000, totalDailyBudget: 100_000 } }))
  const alone = await timesToVerdicts(context, pages, 'alone')

  // The same flood with HashLens idle on its site: what the flooding page itself takes of the machine, HashLens apart.
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { perSiteDailyBudget: 100_000, totalDailyBudget: 100_000, idleSites: ['localhost'] } }))
  const idleFlood = await openFlood(context, pages, 'flood-idle.html')
  await expect.poll(() => addedBy(idleFlood), { timeout: 20_000 }).toBeGreaterThanOrEqual(30_000)
  const besideIdleFlood = await timesToVerdicts(context, pages, 'beside-idle')
  expect(await isFloodDone(idleFlood)).toBe(false)
  await idleFlood.close()
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { perSiteDailyBudget: 100_000, totalDailyBudget: 100_000 } }))

  const lookedUpAlone = lookedUp(simulator)
  const flood = await openFlood(context, pages, 'flood.html')
  const floodTabId = await tabIdOf(flood, serviceWorker)
  // Well into the flood: the flooding tab is past its 20,000 listed hashes and still adding.
  await expect.poll(() => addedBy(flood), { timeout: 20_000 }).toBeGreaterThanOrEqual(30_000)
  // And its per-page cap of lookups spent (the first 1,000 hashes, as any page's): what is left is the flood itself.
  await expect.poll(() => lookedUp(simulator) - lookedUpAlone, { timeout: 20_000 }).toBeGreaterThanOrEqual(1000)
  const flooded = await timesToVerdicts(context, pages, 'flooded')
  console.log(`innocent tab, time to verdicts: median ${median(alone)} ms alone [${alone.join(', ')}], ` +
    `${median(besideIdleFlood)} ms beside the flood with HashLens idle there [${besideIdleFlood.join(', ')}], ` +
    `${median(flooded)} ms beside the flood [${flooded.join(', ')}]`)
  // Every page timed while the flood went on.
  expect(await isFloodDone(flood)).toBe(false)
  // As fast as alone, but for what the flooding tab takes of a two-core machine: its own script and rendering (with
  // HashLens idle there, 0.8–0.9× alone, the first pages of a fresh browser being the slowest), and HashLens's rescans
  // and redraws of it once a second (FLOOD_PACE_MS): 1.1–1.25× alone in medians (1.4–1.5× at four a second). A registry
  // rewriting every tab on each change (issue 12: 9× slower) did not finish these pages within the flood. The bound
  // leaves room for a machine busy with other work: at a load of 8 on two cores, 2.1–3.1×. Against the same flood with
  // HashLens idle there, logged above: 0.92–1.19× on an idle machine, 1.3–1.7× at a load of 5–8 in the seconds after
  // the flood passes its bound, 0.9–1.3× some 10 s later, once the worker has taken in its 20,000 listed hashes.
  expect(median(flooded)).toBeLessThanOrEqual(3 * median(alone) + 1000)

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
  // A page of rows, built a few per task (hash-table.tsx).
  const rows = LIST_PAGE_SIZE
  await expect(table.locator('tr[data-hash]')).toHaveCount(rows)
  console.log(`flooding tab's popup: first rows ${Math.round(firstRowsMs)} ms after it opened (${rows} rows)`)
  // Measured 0.48–0.76 s on a quiet 2-core machine, 2.8 s in a CI run with other work beside it: the worker answers
  // its first ask ~1 s late while it takes in the flood after its restart above. Issue 12's popup showed no row in 60 s.
  expect(firstRowsMs).toBeLessThan(3000)
  await expect(popup.getByRole('button', { name: 'All 20000' })).toBeVisible()
  await expect(popup.locator('[data-unlisted]')).toContainText('a tab lists at most 20000 hashes')
  const firstRow = await table.locator('tr[data-hash]').first().getAttribute('data-hash')
  await popup.getByRole('button', { name: 'Next page' }).click()
  await expect(popup.locator('[data-page-range]')).toHaveText(`Rows ${rows + 1}–${2 * rows} of 20000`)
  await expect(table.locator('tr[data-hash]')).toHaveCount(rows)
  await expect(table.locator('tr[data-hash]').first()).not.toHaveAttribute('data-hash', firstRow!)
})
