/**
 * Benchmark 8: the side panel (issue 14). (a) A panel pinned to the tab (`?tab=`) while page (b) of the page-cost
 * benchmark loads: the page's long tasks with the panel open against without it, a fresh browser each, in the same run.
 * (b) The panel showing all of that page's 2,000 hashes ("Next page" until the last), then "Select all shown" and
 * "Clear selection": its longest task. The panel is opened as a tab at its path, as the e2e tests do: a real side panel
 * needs a user's click.
 */
import type { Page } from '@playwright/test'
import { startFixtureServer } from '../test/e2e/fixture-server.ts'
import { startSimulator, type Simulator } from '../test/simulator/spectra-simulator.ts'
import { launchExtension, sleep, startTracing, stopTracing, type ExtensionBrowser } from './lib/browser.ts'
import type { BenchContext } from './lib/context.ts'
import { articlePage } from './lib/pages.ts'
import { figuresOf, median, round, type Figure } from './lib/report.ts'
import { attribute, LONG_TASK_MS, longTasksIn, summarizeTrace, type MainThreadTask } from './lib/trace.ts'
import { untilLookupsSettle, untilMainThreadFree } from './page-cost.ts'

type Variant = 'without-panel' | 'with-panel'

interface LoadRun {
  variant: Variant
  /** Long-task time charged to HashLens's content script on the page (trace.ts `attribute`), and its own long tasks. */
  hashlens: { longTaskMs: number; ownLongTasks: number; longestOwnTaskMs: number; scriptMs: number }
  /** Every long task of the page, its own layout of 4 MB included: the noisy total the attribution is read against. */
  pageLongTasks: { count: number; totalMs: number }
}

interface RenderRun {
  rows: number
  /** Of the panel's own tasks (`isPanelTask`). */
  longestMs: number
  /** The longest task's thread time: a 2-core machine shared with other work inflates wall time. */
  longestCpuMs: number
  longTasks: number
  /** Every task of the panel's thread, the browser's and the harness's included. */
  longestOfAllMs: number
  /** The longest tasks, for results.json. */
  top: Array<{ start: number; ms: number; cpuMs: number | null; scriptMs: number; kind: string; mojoInterface: string | null; isPanelTask: boolean }>
}

function panelUrl(browser: ExtensionBrowser, tabId: number): string {
  return `chrome-extension://${browser.extensionId}/src/panel/panel.html?tab=${tabId}`
}

async function tabIdOf(browser: ExtensionBrowser, url: string): Promise<number> {
  return browser.worker.evaluate(async (pageUrl) => (await chrome.tabs.query({ url: pageUrl }))[0]?.id ?? -1, url)
}

function longestOf(tasks: readonly MainThreadTask[]): number {
  return tasks.reduce((longest, task) => Math.max(longest, task.duration), 0)
}

/**
 * Tasks on the panel's thread that are not the panel's: the browser committing the page's navigation (as long for
 * the extension's PNG icon opened in a tab: 37–76 ms of CPU at a load of 16), and the harness's own DevTools commands
 * (Playwright's injected script, its polling) when they render nothing; one that lays out the panel counts.
 */
function isPanelTask(task: MainThreadTask): boolean {
  if (task.mojoInterface === 'content.mojom.NavigationClient') return false
  return task.mojoInterface !== 'blink.mojom.DevToolsSession' || task.hasStyle || task.hasLayout || task.hasPaint
}

/** Page (b) loads in the tab, traced, with or without a panel pinned to that tab; the browser is handed back open. */
async function measureLoad(simulator: Simulator, variant: Variant, urls: { blank: string; page: string }, maxLookupWaitMs: number): Promise<{ run: LoadRun; browser: ExtensionBrowser; tabId: number }> {
  const browser = await launchExtension(simulator.url)
  const page = await browser.context.newPage()
  await page.goto(urls.blank)
  const tabId = await tabIdOf(browser, urls.blank)
  if (variant === 'with-panel') {
    const panel = await browser.context.newPage()
    await panel.goto(panelUrl(browser, tabId))
    await panel.locator('main').waitFor()
  }
  await page.bringToFront()
  await startTracing(browser.context, page)
  await page.goto(urls.page, { waitUntil: 'load', timeout: 120_000 })
  await untilLookupsSettle(simulator, maxLookupWaitMs)
  await untilMainThreadFree(page)
  await sleep(500)
  const summary = summarizeTrace(await stopTracing(browser.context), urls.page, { hashlens: `chrome-extension://${browser.extensionId}/` })
  const { longTaskMs, ownLongTasks, longestOwnTaskMs, scriptMs } = attribute(summary, 'hashlens', 'HashLens draw')
  return { run: { variant, hashlens: { longTaskMs, ownLongTasks, longestOwnTaskMs, scriptMs }, pageLongTasks: longTasksIn(summary) }, browser, tabId }
}

/**
 * CSS selectors, not Playwright's role queries: those compute every button's accessible name in the panel, a cost of
 * the bench's own that would land in the panel's traced tasks. Returns the hashes of every page shown.
 */
async function turnEveryPage(panel: Page): Promise<string[]> {
  const seen: string[] = []
  for (;;) {
    const range = await panel.locator('[data-page-range]').textContent()
    // "Rows 201–400 of 2000": the page's rows, built a few per task (hash-table.tsx), are all there first.
    const [from, to] = (range ?? '').match(/\d+/g)!.map(Number)
    await panel.waitForFunction((count) => document.querySelectorAll('tr[data-hash]').length === count, to! - from! + 1, { timeout: 30_000 })
    seen.push(...await panel.locator('tr[data-hash]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-hash')!)))
    const next = panel.locator('[data-page-next]:not([disabled])')
    if (await next.count() === 0) return seen
    await next.click()
    await panel.waitForFunction((before) => document.querySelector('[data-page-range]')?.textContent !== before, range, { timeout: 30_000 })
  }
}

/** A fresh panel for the loaded tab, traced from its opening until every row is shown, selected and cleared. */
async function measureRender(browser: ExtensionBrowser, tabId: number, hashCount: number): Promise<RenderRun> {
  const panel = await browser.context.newPage()
  const url = panelUrl(browser, tabId)
  await startTracing(browser.context, panel)
  await panel.goto(url)
  await panel.locator('tr[data-hash]').first().waitFor()
  const seen = await turnEveryPage(panel)
  const rows = new Set(seen).size
  const listed = Number((await panel.locator('[data-filter-all]').textContent())?.replace(/\D/g, ''))
  if (rows !== seen.length || rows !== listed || listed !== hashCount) throw new Error(`the panel showed ${seen.length} rows (${rows} distinct) of ${listed}; the page has ${hashCount} hashes`)
  const shownAtOnce = await panel.locator('tr[data-hash]').count()
  await panel.locator('[data-select-shown]').click()
  await panel.locator('[data-clear-selection]').waitFor()
  if (await panel.locator('tr[data-hash] input:checked').count() !== shownAtOnce) throw new Error('"Select all shown" left rows unticked')
  await panel.locator('[data-clear-selection]').click()
  await panel.locator('[data-clear-selection]').waitFor({ state: 'detached' })
  await untilMainThreadFree(panel)
  await sleep(300)
  const summary = summarizeTrace(await stopTracing(browser.context), url, { hashlens: `chrome-extension://${browser.extensionId}/` })
  const own = summary.tasks.filter(isPanelTask)
  const top = [...summary.tasks].sort((a, b) => b.duration - a.duration).slice(0, 8)
  return {
    rows,
    longestMs: longestOf(own),
    longestCpuMs: own.reduce((longest, task) => Math.max(longest, task.cpuMs ?? task.duration), 0),
    longTasks: own.filter((task) => task.duration > LONG_TASK_MS).length,
    longestOfAllMs: longestOf(summary.tasks),
    top: top.map((task) => ({
      start: round(task.start, 0)!, ms: round(task.duration, 1)!, cpuMs: round(task.cpuMs, 1), scriptMs: round(task.scriptMs.hashlens ?? 0, 1)!,
      kind: `${task.hasStyle ? 'style ' : ''}${task.hasLayout ? 'layout ' : ''}${task.hasPaint ? 'paint' : ''}`.trim(), mojoInterface: task.mojoInterface, isPanelTask: isPanelTask(task),
    })),
  }
}

export async function runPanelCost(context: BenchContext): Promise<Figure[]> {
  const isSmoke = context.isSmoke
  const server = await startFixtureServer()
  const simulator = await startSimulator()
  try {
    // Page (b) of the page-cost benchmark; a smoke run's is small, with more rows than one page of the list.
    const pageBytes = isSmoke ? 200 * 1024 : 4 * 1024 * 1024
    const hashCount = isSmoke ? 300 : 2000
    const reps = isSmoke ? 1 : Number(process.env.BENCH_PANEL_REPS ?? 1)
    const noStore = { 'Cache-Control': 'no-store' }
    const urls = {
      blank: server.serve('panel-blank.html', '<!doctype html><title>blank</title>', noStore),
      page: server.serve('panel-article-b.html', articlePage(pageBytes, hashCount, 1).html, noStore),
    }
    const loads: LoadRun[] = []
    const renders: RenderRun[] = []
    for (let rep = 0; rep < reps; rep++) {
      for (const variant of ['without-panel', 'with-panel'] as const) {
        context.log(`panel (a) page (b) loads ${variant}, run ${rep + 1}/${reps}`)
        const { run, browser, tabId } = await measureLoad(simulator, variant, urls, isSmoke ? 6000 : 10_000)
        try {
          loads.push(run)
          if (variant === 'with-panel') {
            context.log(`panel (b) ${hashCount.toLocaleString('en-US')} rows, run ${rep + 1}/${reps}`)
            renders.push(await measureRender(browser, tabId, hashCount))
          }
        } finally {
          await browser.close()
        }
      }
    }
    const of = (variant: Variant, pick: (run: LoadRun) => number) => median(loads.filter((run) => run.variant === variant).map(pick))
    const chargedWith = of('with-panel', (run) => run.hashlens.longTaskMs)
    const chargedWithout = of('without-panel', (run) => run.hashlens.longTaskMs)
    const ownWith = of('with-panel', (run) => run.hashlens.ownLongTasks)
    const ownWithout = of('without-panel', (run) => run.hashlens.ownLongTasks)
    const added = ownWith === null || ownWithout === null ? null : ownWith - ownWithout
    const rows = renders[0]?.rows ?? 0
    return figuresOf('8 Side panel', [
      {
        // The panel runs in the extension's process: it can reach the page only through the worker and the content script.
        id: 'panel.a.added-long-tasks', label: '(a) page (b) loading with the panel open: HashLens long tasks the panel adds to the page',
        value: added, unit: '', target: { comparison: '<=', value: 0 }, detail: { loads },
      },
      {
        id: 'panel.a.hashlens-long-task-ms', label: '(a) HashLens\'s long-task time on the page with / without the panel', value: chargedWith, unit: 'ms',
        display: `${Math.round(chargedWith ?? 0)} / ${Math.round(chargedWithout ?? 0)} ms`,
      },
      {
        id: 'panel.a.page-long-tasks', label: '(a) all the page\'s long tasks with / without the panel (its own layout included)',
        value: of('with-panel', (run) => run.pageLongTasks.count), unit: '',
        display: `${of('with-panel', (run) => run.pageLongTasks.count) ?? '?'}: ${Math.round(of('with-panel', (run) => run.pageLongTasks.totalMs) ?? 0)} / ` +
          `${of('without-panel', (run) => run.pageLongTasks.count) ?? '?'}: ${Math.round(of('without-panel', (run) => run.pageLongTasks.totalMs) ?? 0)} ms`,
      },
      {
        id: 'panel.b.longest-task-ms', label: `(b) the panel showing ${rows.toLocaleString('en-US')} rows, selecting and clearing them: its longest task`,
        value: round(median(renders.map((run) => run.longestMs)), 0), unit: 'ms', target: { comparison: '<=', value: LONG_TASK_MS }, detail: { renders },
        display: `${Math.round(median(renders.map((run) => run.longestMs)) ?? 0)} ms (CPU ${Math.round(median(renders.map((run) => run.longestCpuMs)) ?? 0)} ms; ` +
          `runs ${renders.map((run) => Math.round(run.longestMs)).join(', ')})`,
      },
      { id: 'panel.b.long-tasks', label: '(b) the panel\'s long tasks', value: median(renders.map((run) => run.longTasks)), unit: '' },
      {
        id: 'panel.b.longest-of-all-ms', label: '(b) the longest task on the panel\'s thread, the navigation\'s commit and the harness\'s own included',
        value: round(median(renders.map((run) => run.longestOfAllMs)), 0), unit: 'ms',
      },
    ], isSmoke)
  } finally {
    await simulator.close()
    await server.close()
  }
}
