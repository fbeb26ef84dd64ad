/**
 * Benchmark 8: the side panel (issue 14). (a) A panel pinned to the tab (`?tab=`) while page (b) of the page-cost
 * benchmark loads: the page's long tasks with the panel open against without it, a fresh browser each, in the same run.
 * (b) The panel showing all of that page's 2,000 hashes ("Show more" until none is left), then "Select all shown" and
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
import { LONG_TASK_MS, longTasksIn, summarizeTrace, type MainThreadTask } from './lib/trace.ts'
import { untilLookupsSettle, untilMainThreadFree } from './page-cost.ts'

type Variant = 'without-panel' | 'with-panel'

interface LoadRun {
  variant: Variant
  longTasks: { count: number; totalMs: number }
  longestMs: number
}

interface RenderRun {
  rows: number
  longestMs: number
  /** The longest task's thread time: a 2-core machine shared with other work inflates wall time. */
  longestCpuMs: number
  longTasks: number
  /** The longest tasks, for results.json. */
  top: Array<{ start: number; ms: number; cpuMs: number | null; scriptMs: number; kind: string }>
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
  const summary = summarizeTrace(await stopTracing(browser.context), urls.page, {})
  return { run: { variant, longTasks: longTasksIn(summary), longestMs: longestOf(summary.tasks) }, browser, tabId }
}

async function clickUntilGone(panel: Page, name: RegExp): Promise<number> {
  let clicks = 0
  for (;;) {
    const button = panel.getByRole('button', { name })
    if (await button.count() === 0) return clicks
    const rowsBefore = await panel.locator('tr[data-hash]').count()
    await button.click()
    await panel.waitForFunction((before) => document.querySelectorAll('tr[data-hash]').length > before, rowsBefore, { timeout: 30_000 })
    clicks++
  }
}

/** A fresh panel for the loaded tab, traced from its opening until every row is shown, selected and cleared. */
async function measureRender(browser: ExtensionBrowser, tabId: number): Promise<RenderRun> {
  const panel = await browser.context.newPage()
  const url = panelUrl(browser, tabId)
  await startTracing(browser.context, panel)
  await panel.goto(url)
  await panel.locator('tr[data-hash]').first().waitFor()
  await clickUntilGone(panel, /^Show more/)
  const rows = await panel.locator('tr[data-hash]').count()
  // Every hash the tab lists (the detector's count of the page, which its noise filters may make a little smaller).
  const listed = Number((await panel.getByRole('button', { name: /^All \d/ }).textContent())?.replace(/\D/g, ''))
  if (rows !== listed) throw new Error(`the panel shows ${rows} rows of ${listed}`)
  await panel.getByRole('button', { name: 'Select all shown' }).click()
  await panel.getByRole('button', { name: `Copy ${rows.toLocaleString('en-US')} selected` }).waitFor()
  await panel.getByRole('button', { name: 'Clear selection' }).click()
  await panel.getByRole('button', { name: 'Copy all' }).waitFor()
  await untilMainThreadFree(panel)
  await sleep(300)
  const summary = summarizeTrace(await stopTracing(browser.context), url, { hashlens: `chrome-extension://${browser.extensionId}/` })
  const top = [...summary.tasks].sort((a, b) => b.duration - a.duration).slice(0, 5)
  return {
    rows,
    longestMs: longestOf(summary.tasks),
    longestCpuMs: summary.tasks.reduce((longest, task) => Math.max(longest, task.cpuMs ?? task.duration), 0),
    longTasks: summary.tasks.filter((task) => task.duration > LONG_TASK_MS).length,
    top: top.map((task) => ({
      start: round(task.start, 0)!, ms: round(task.duration, 1)!, cpuMs: round(task.cpuMs, 1), scriptMs: round(task.scriptMs.hashlens ?? 0, 1)!,
      kind: `${task.hasStyle ? 'style ' : ''}${task.hasLayout ? 'layout ' : ''}${task.hasPaint ? 'paint' : ''}`.trim(),
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
            renders.push(await measureRender(browser, tabId))
          }
        } finally {
          await browser.close()
        }
      }
    }
    const of = (variant: Variant, pick: (run: LoadRun) => number) => median(loads.filter((run) => run.variant === variant).map(pick))
    const totalWith = of('with-panel', (run) => run.longTasks.totalMs)
    const totalWithout = of('without-panel', (run) => run.longTasks.totalMs)
    const countWith = of('with-panel', (run) => run.longTasks.count)
    const countWithout = of('without-panel', (run) => run.longTasks.count)
    const added = totalWith === null || totalWithout === null ? null : totalWith - totalWithout
    const rows = renders[0]?.rows ?? 0
    return figuresOf('8 Side panel', [
      {
        id: 'panel.a.added-long-task-ms', label: '(a) page (b) loading with the panel open: long-task time the panel adds to the page',
        value: round(added, 0), unit: 'ms', target: { comparison: '<=', value: 50 }, detail: { loads },
        // A difference of two noisy totals: one long task more or less is within the noise of a 2-core machine.
      },
      {
        id: 'panel.a.long-tasks-with-without', label: '(a) the page\'s long tasks with / without the panel', value: countWith, unit: '',
        display: `${countWith ?? '?'}: ${Math.round(totalWith ?? 0)} / ${countWithout ?? '?'}: ${Math.round(totalWithout ?? 0)} ms`,
      },
      {
        id: 'panel.b.longest-task-ms', label: `(b) the panel showing ${rows.toLocaleString('en-US')} rows, selecting and clearing them: its longest task`,
        value: round(median(renders.map((run) => run.longestMs)), 0), unit: 'ms', target: { comparison: '<=', value: LONG_TASK_MS }, detail: { renders },
      },
      { id: 'panel.b.long-tasks', label: '(b) the panel\'s long tasks', value: median(renders.map((run) => run.longTasks)), unit: '' },
    ], isSmoke)
  } finally {
    await simulator.close()
    await server.close()
  }
}
