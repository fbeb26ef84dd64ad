/** Issue 12: a page flooding HashLens with fresh hashes slows no other tab, survives a worker stop, and its popup opens fast. */
import type { BrowserContext, Page, Worker } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { expect, test, stopServiceWorkers } from './fixtures.ts'
import { addedBy, floodPage } from '../support/flood-page.ts'
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
  await flood.goto(pages.serve(name, floodPage(FLOOD_MS)).replace('127.0.0.1', 'localhost'))
  return flood
}

function isFloodDone(flood: Page): Promise<boolean> {
  return flood.evaluate(() => (window as unknown as { done?: boolean }).done ?? false)
}

function lookedUp(simulator: Simulator): number {
  return simulator.lookedUpHashes().length
}

/** The worker now: the test stops it once, and Playwright's handle of a stopped worker is closed. */
async function runningWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers().find((worker) => worker.url().startsWith('chrome-extension://')) ??
    await context.waitForEvent('serviceworker')
}

/** The settings of this test; `idleSites` as given. */
function settingsWith(idleSites: string[]): { settings: Record<string, unknown> } {
  // 25 innocent pages of one site, past its default daily budget: budgets are not what this test measures.
  return { settings: { perSiteDailyBudget: 100_000, totalDailyBudget: 100_000, idleSites } }
}

/**
 * A flood, and innocent pages timed beside it once it is well under way. With HashLens idle on the flood's site, what
 * the flooding page itself takes of the machine; with HashLens there, that and HashLens's work on it.
 */
async function timedBesideFlood(
  { context, pages, simulator }: { context: BrowserContext; pages: FixtureServer; simulator: Simulator },
  name: string, isHashLensIdleThere: boolean,
): Promise<{ flood: Page; times: number[] }> {
  await (await runningWorker(context)).evaluate((settings) => chrome.storage.local.set(settings), settingsWith(isHashLensIdleThere ? ['localhost'] : []))
  const lookedUpBefore = lookedUp(simulator)
  const flood = await openFlood(context, pages, `${name}.html`)
  // Past the flooding tab's 20,000 listed hashes and still adding.
  await expect.poll(() => addedBy(flood), { timeout: 20_000 }).toBeGreaterThanOrEqual(30_000)
  // And, where HashLens works, its per-page cap of lookups spent (the first 1,000 hashes, as any page's): what is left
  // is the flood itself.
  if (!isHashLensIdleThere) await expect.poll(() => lookedUp(simulator) - lookedUpBefore, { timeout: 20_000 }).toBeGreaterThanOrEqual(1000)
  const times = await timesToVerdicts(context, pages, `${name}-innocent`)
  // Every page timed while the flood went on.
  expect(await isFloodDone(flood)).toBe(false)
  return { flood, times }
}

test('a page adding 2,000 fresh hashes every 250 ms for 30 s slows no other tab, survives a worker stop, and its popup lists rows within 3 seconds', async ({ context, configure, pages, simulator, serviceWorker, openExtensionPage }) => {
  test.setTimeout(240_000)
  await configure()
  const environment = { context, pages, simulator }
  await serviceWorker.evaluate((settings) => chrome.storage.local.set(settings), settingsWith([]))
  const alone = await timesToVerdicts(context, pages, 'alone')
  // Floods with HashLens idle there and working there, in the order idle, working, working, idle: a browser's pages
  // grow slower over a run (50 fresh pages alone: the first ten 0.44 s, the last ten 0.63 s in means, the worker's CPU
  // per page unchanged), which a fixed order would charge to whichever came last.
  const idleFirst = await timedBesideFlood(environment, 'flood-idle-1', true)
  await idleFirst.flood.close()
  const working = await timedBesideFlood(environment, 'flood-1', false)
  const floodTabId = await tabIdOf(working.flood, serviceWorker)

  // During the first flood with HashLens working: a worker stop while the innocent tab's lookups are on their way,
  // which still end with their verdicts.
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
  await popup.close()
  await innocent.close()
  await working.flood.close()

  const workingAgain = await timedBesideFlood(environment, 'flood-2', false)
  await workingAgain.flood.close()
  const idleAgain = await timedBesideFlood(environment, 'flood-idle-2', true)
  await idleAgain.flood.close()
  const besideIdleFlood = [...idleFirst.times, ...idleAgain.times]
  const flooded = [...working.times, ...workingAgain.times]
  console.log(`innocent tab, time to verdicts: median ${median(alone)} ms alone [${alone.join(', ')}], ` +
    `${median(besideIdleFlood)} ms beside the flood with HashLens idle there [${besideIdleFlood.join(', ')}], ` +
    `${median(flooded)} ms beside the flood [${flooded.join(', ')}]`)
  // As fast as alone, but for what the flooding tab takes of a two-core machine: its own script and rendering, and
  // HashLens's rescans and redraws of it every 2 seconds (FLOOD_PACE_MS). A registry rewriting every tab on each change
  // (issue 12: 9× slower) did not finish these pages within the flood. The bound leaves room for a machine busy with
  // other work: at a load of 8 on two cores, 2.1–3.1× alone. Against the floods with HashLens idle there: see the
  // README's "Performance".
  expect(median(flooded)).toBeLessThanOrEqual(3 * median(alone) + 1000)
})
