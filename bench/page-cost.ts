/**
 * Benchmark 2: HashLens's cost to the page, against the page without it and a reference
 * highlighter (lib/reference-marker.ts), one fresh browser per load: (a) a 4 MB article without
 * a hash, (b) the same with 2,000 hashes, (c) a log viewer adding 200 lines/s for 10 s. How
 * tasks are charged (lib/trace.ts `attribute`), and why: README "Performance".
 */
import type { CDPSession, Page } from '@playwright/test'
import { startFixtureServer, type FixtureServer } from '../test/e2e/fixture-server.ts'
import { startSimulator, type Simulator } from '../test/simulator/spectra-simulator.ts'
import { launchExtension, launchPlain, pageMetrics, sleep, startTracing, stopTracing, waitFor, type Browser } from './lib/browser.ts'
import type { BenchContext } from './lib/context.ts'
import { articlePage, logViewerPage } from './lib/pages.ts'
import { REFERENCE_MARKER_SCRIPT, REFERENCE_SOURCE_URL } from './lib/reference-marker.ts'
import { figuresOf, median, round, type Figure, type FigureInput } from './lib/report.ts'
import { attribute, longTasksIn, summarizeTrace, type RenderingMs, type TraceSummary } from './lib/trace.ts'

type Variant = 'without' | 'hashlens' | 'reference'
const VARIANTS: readonly Variant[] = ['without', 'hashlens', 'reference']

interface PageProbe {
  loadAt: number | null
  longTasks: Array<[number, number]>
  logStartAt: number | null
  logEndAt: number | null
}

/** In every variant's pages alike; `longtask` entries are kept in results.json only for comparison with the trace. */
const PROBE_SCRIPT = `(() => {
  const state = { loadAt: null, longTasks: [], logStartAt: null, logEndAt: null }
  window.__hashlensBench = state
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.longTasks.push([entry.startTime, entry.duration])
    }).observe({ type: 'longtask', buffered: true })
  } catch {}
  addEventListener('load', () => { state.loadAt = performance.now() })
})()`

interface RunResult {
  variant: Variant
  summary: TraceSummary
  /** Main-thread task time over the measured window (Performance.getMetrics TaskDuration), ms. */
  taskMs: number
  /** ThreadTime over the window, ms: unlike task time, not inflated while other processes hold the CPU. */
  cpuMs: number
  windowMs: number
  probe: PageProbe
  extensionId: string | null
  /** Lookups the simulator answered during the run: ms after the navigation started, and size. */
  lookups: Array<[number, number]>
}

interface Environment {
  context: BenchContext
  server: FixtureServer
  simulator: Simulator
  /** One browser without the extension serves every run without it (pages are served no-store). */
  plain: Browser | null
}

/** A fresh browser with the extension per run (cold cache, fresh worker); else the shared plain one. */
async function launch(variant: Variant, env: Environment): Promise<Browser & { extensionId: string | null }> {
  if (variant === 'hashlens') return launchExtension(env.simulator.url)
  env.plain ??= await launchPlain()
  return { context: env.plain.context, close: async () => undefined, extensionId: null }
}

function labelsFor(extensionId: string | null): Record<string, string> {
  return {
    hashlens: extensionId ? `chrome-extension://${extensionId}/` : 'chrome-extension://',
    reference: REFERENCE_SOURCE_URL,
  }
}

/** The shared plain browser keeps running: its pages are closed instead. */
function closeLater(browser: Browser, page: Page): void {
  const close = browser.close
  browser.close = async () => {
    await page.close().catch(() => undefined)
    await close()
  }
}

/** On a blank page of the measured page's origin, so the measured navigation stays in this renderer. */
async function preparePage(browser: Browser, variant: Variant, blankUrl: string): Promise<{ page: Page; session: CDPSession }> {
  const page = await browser.context.newPage()
  closeLater(browser, page)
  await page.addInitScript(PROBE_SCRIPT)
  if (variant === 'reference') await page.addInitScript(REFERENCE_MARKER_SCRIPT)
  await page.goto(blankUrl)
  const session = await browser.context.newCDPSession(page)
  await session.send('Performance.enable')
  return { page, session }
}

/** One traced load of a static page: navigate, wait for marks (or not), let it settle. */
async function measureStatic(env: Environment, variant: Variant, url: string, blankUrl: string, hasHashes: boolean, settleMs: number, maxMarkWaitMs: number): Promise<RunResult> {
  const browser = await launch(variant, env)
  try {
    const { page, session } = await preparePage(browser, variant, blankUrl)
    const before = await pageMetrics(session)
    await startTracing(browser.context, page)
    const started = Date.now()
    const lookupsBefore = env.simulator.lookupRequests().length
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 })
    if (hasHashes && variant === 'hashlens') await untilLookupsSettle(env.simulator, maxMarkWaitMs)
    await untilMainThreadFree(page)
    await sleep(settleMs)
    await untilMainThreadFree(page)
    const trace = await stopTracing(browser.context)
    const after = await pageMetrics(session)
    const probe = await readProbe(page)
    const windowMs = Date.now() - started
    return {
      variant,
      summary: summarizeTrace(trace, url, labelsFor(browser.extensionId)),
      taskMs: ((after.TaskDuration ?? 0) - (before.TaskDuration ?? 0)) * 1000,
      cpuMs: ((after.ThreadTime ?? 0) - (before.ThreadTime ?? 0)) * 1000,
      windowMs,
      probe,
      extensionId: browser.extensionId,
      lookups: env.simulator.lookupRequests().slice(lookupsBefore).map((request) => [request.at - started, request.hashes.length]),
    }
  } finally {
    await browser.close()
  }
}

/**
 * The floor under (b)'s 50 ms target: without any extension, the frame after one paragraph's
 * colour changes. No in-place marker can beat it.
 */
async function frameFloor(env: Environment, url: string): Promise<{ changeMs: number[]; idleMs: number[] }> {
  const browser = await launch('without', env)
  try {
    const page = await browser.context.newPage()
    closeLater(browser, page)
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 })
    await untilMainThreadFree(page)
    await sleep(500)
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    return await page.evaluate(async () => {
      const changeMs: number[] = []
      const idleMs: number[] = []
      const paragraphs = document.querySelectorAll('p')
      for (let index = 0; index < 14; index++) {
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
        const start = performance.now()
        const isChange = index % 2 === 0
        if (isChange) (paragraphs[index * 3] as HTMLElement).style.color = index % 4 === 0 ? '#b00' : '#00b'
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
        ;(isChange ? changeMs : idleMs).push(performance.now() - start)
      }
      return { changeMs, idleMs }
    })
  } finally {
    await browser.close()
  }
}

/** The load event can fire inside a long parse-and-layout task, which a trace stopped then would miss. */
export async function untilMainThreadFree(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))))
}

/** Waits until the simulator has had no lookup for 1.5 s (and at least one came), or the deadline. */
export async function untilLookupsSettle(simulator: Simulator, maxWaitMs: number): Promise<void> {
  const before = simulator.lookupRequests().length
  let count = before
  let changedAt = Date.now()
  await waitFor(async () => {
    const now = simulator.lookupRequests().length
    if (now !== count) {
      count = now
      changedAt = Date.now()
    }
    return count > before && Date.now() - changedAt > 1500 ? true : undefined
  }, maxWaitMs, 100)
}

async function readProbe(page: Page): Promise<PageProbe> {
  return page.evaluate(() => (window as unknown as { __hashlensBench: PageProbe }).__hashlensBench)
}

/** One traced run of the log viewer: main-thread time from its first to its last line. */
async function measureLog(env: Environment, variant: Variant, url: string, blankUrl: string, durationMs: number): Promise<RunResult> {
  const browser = await launch(variant, env)
  try {
    const { page, session } = await preparePage(browser, variant, blankUrl)
    await startTracing(browser.context, page)
    await page.goto(url, { waitUntil: 'load' })
    // The window opens at load (the content script's start) and closes when the page stops.
    const before = await pageMetrics(session)
    const startAt = await page.evaluate(() => performance.now())
    await page.waitForFunction(() => (window as unknown as { __logDone: boolean }).__logDone, null, { timeout: durationMs + 30_000, polling: 200 })
    // The last lines' rescan (debounced) and their lookups' answers belong to the window too.
    await sleep(1200)
    const after = await pageMetrics(session)
    const endAt = await page.evaluate(() => performance.now())
    const trace = await stopTracing(browser.context)
    const probe = await readProbe(page)
    probe.logStartAt = startAt
    probe.logEndAt = endAt
    return {
      variant,
      summary: summarizeTrace(trace, url, labelsFor(browser.extensionId)),
      taskMs: ((after.TaskDuration ?? 0) - (before.TaskDuration ?? 0)) * 1000,
      cpuMs: ((after.ThreadTime ?? 0) - (before.ThreadTime ?? 0)) * 1000,
      windowMs: endAt - startAt,
      probe,
      extensionId: browser.extensionId,
      lookups: [],
    }
  } finally {
    await browser.close()
  }
}

function medianOf(runs: readonly RunResult[], variant: Variant, pick: (run: RunResult) => number | null): number | null {
  return median(runs.filter((run) => run.variant === variant).map(pick).filter((value): value is number => value !== null))
}

function labelOf(variant: Variant): string {
  return variant === 'reference' ? 'reference' : 'hashlens'
}

/** The console.timeStamp message each marks its draws with (highlighter.ts, reference-marker.ts). */
function markerOf(variant: Variant): string {
  return variant === 'reference' ? 'reference draw' : 'HashLens draw'
}


function staticFigures(id: 'a' | 'b', title: string, runs: readonly RunResult[], expectedMarks: number): FigureInput[] {
  const attributed = (run: RunResult) => attribute(run.summary, labelOf(run.variant), markerOf(run.variant))
  const added = medianOf(runs, 'hashlens', (run) => attributed(run).longTaskMs)
  const referenceAdded = medianOf(runs, 'reference', (run) => attributed(run).longTaskMs)
  const ownLong = medianOf(runs, 'hashlens', (run) => attributed(run).ownLongTasks)
  const longest = medianOf(runs, 'hashlens', (run) => attributed(run).longestOwnTaskMs)
  const script = medianOf(runs, 'hashlens', (run) => attributed(run).scriptMs)
  const referenceScript = medianOf(runs, 'reference', (run) => attributed(run).scriptMs)
  const taskWith = medianOf(runs, 'hashlens', (run) => run.cpuMs)
  const taskWithout = medianOf(runs, 'without', (run) => run.cpuMs)
  const taskReference = medianOf(runs, 'reference', (run) => run.cpuMs)
  const longWith = medianOf(runs, 'hashlens', (run) => longTasksIn(run.summary).totalMs)
  const longWithout = medianOf(runs, 'without', (run) => longTasksIn(run.summary).totalMs)
  const countWith = medianOf(runs, 'hashlens', (run) => longTasksIn(run.summary).count)
  const countWithout = medianOf(runs, 'without', (run) => longTasksIn(run.summary).count)
  const detail = { runs: runs.map(runDetail) }
  // Where the main-thread time goes besides script: the overlay's cost is mostly the browser's rendering.
  const renderingAdded = (variant: Variant, part: keyof RenderingMs) => diff(medianOf(runs, variant, (run) => run.summary.renderingMs[part]),
    medianOf(runs, 'without', (run) => run.summary.renderingMs[part]))
  const renderingDisplay = (variant: Variant) => (['style', 'layout', 'paint'] as const)
    .map((part) => `${part} ${signed(renderingAdded(variant, part))}`).join(', ')
  const figures: FigureInput[] = [
    { id: `page.${id}.added-long-task-ms`, label: `(${id}) ${title}: long-task time HashLens adds`, value: round(added, 0), unit: 'ms',
      target: { comparison: '<=', value: id === 'a' ? 20 : 150 }, detail },
  ]
  if (id === 'a') {
    figures.push({ id: 'page.a.own-long-tasks', label: '(a) long tasks of HashLens', value: ownLong, unit: '', target: { comparison: '<=', value: 0 } })
  } else {
    figures.push({ id: 'page.b.longest-own-task-ms', label: '(b) longest task of HashLens', value: round(longest, 0), unit: 'ms', target: { comparison: '<=', value: 50 } })
    figures.push({ id: 'page.b.own-long-tasks', label: '(b) long tasks of HashLens', value: ownLong, unit: '' })
    const allFinal = (run: RunResult) => allFinalAt(run.summary, expectedMarks)
    const markedAfterLoad = medianOf(runs, 'hashlens', (run) => {
      const at = allFinal(run)
      return at !== null && run.summary.loadAt !== null ? at - run.summary.loadAt : null
    })
    const finalCounts = runs.filter((run) => run.variant === 'hashlens').map((run) => lastCounts(run.summary)).join(', ')
    figures.push({ id: 'page.b.marked-after-load-ms', label: `(b) all ${expectedMarks.toLocaleString('en-US')} hashes marked with a final state, after load (${finalCounts})`,
      value: round(markedAfterLoad, 0), unit: 'ms', target: { comparison: '<=', value: 1500 } })
    const drawnAfterLoad = medianOf(runs, 'hashlens', (run) => {
      const at = drawnFinalOf(run.summary).at
      return at !== null && run.summary.loadAt !== null ? at - run.summary.loadAt : null
    })
    const drawnCounts = runs.filter((run) => run.variant === 'hashlens').map((run) => drawnFinalOf(run.summary).drawn ?? '?').join(', ')
    figures.push({ id: 'page.b.drawn-after-load-ms', label: `(b) marks drawn near the viewport all final (${drawnCounts} drawn), after load`,
      value: round(drawnAfterLoad, 0), unit: 'ms' })
  }
  figures.push(
    { id: `page.${id}.script-ms`, label: `(${id}) HashLens JavaScript, whole load (reference: ${Math.round(referenceScript ?? 0)} ms)`, value: round(script, 0), unit: 'ms' },
    { id: `page.${id}.reference-added-long-task-ms`, label: `(${id}) reference highlighter: long-task time it adds`, value: round(referenceAdded, 0), unit: 'ms' },
    { id: `page.${id}.ratio-vs-reference`, label: `(${id}) HashLens / reference, long-task time added`, value: ratio(added, referenceAdded), unit: '×' },
    { id: `page.${id}.main-thread-added-ms`, label: `(${id}) main-thread CPU time, with − without (reference: ${signed(diff(taskReference, taskWithout))} ms)`,
      value: round(diff(taskWith, taskWithout), 0), unit: 'ms' },
    { id: `page.${id}.rendering-added-ms`, label: `(${id}) rendering, with − without, ms (reference: ${renderingDisplay('reference')})`,
      value: round(diff(medianOf(runs, 'hashlens', (run) => totalRendering(run.summary.renderingMs)), medianOf(runs, 'without', (run) => totalRendering(run.summary.renderingMs))), 0),
      unit: 'ms', display: renderingDisplay('hashlens') },
    { id: `page.${id}.long-tasks-with-without`, label: `(${id}) all long tasks with / without HashLens`,
      value: round(diff(longWith, longWithout), 0), unit: 'ms',
      display: `${countWith ?? '?'}: ${Math.round(longWith ?? 0)} / ${countWithout ?? '?'}: ${Math.round(longWithout ?? 0)} ms` },
  )
  return figures
}

function totalRendering({ style, layout, paint }: RenderingMs): number {
  return style + layout + paint
}

function logFigures(runs: readonly RunResult[], durationMs: number): FigureInput[] {
  const share = (variant: Variant): number | null => {
    const withTask = medianOf(runs, variant, (run) => run.cpuMs / run.windowMs)
    const without = medianOf(runs, 'without', (run) => run.cpuMs / run.windowMs)
    return withTask === null || without === null ? null : (withTask - without) * 100
  }
  const scriptShare = medianOf(runs, 'hashlens', (run) =>
    (attribute(run.summary, 'hashlens', markerOf('hashlens'), { from: run.probe.logStartAt ?? undefined }).scriptMs / run.windowMs) * 100)
  const pageShare = medianOf(runs, 'without', (run) => (run.cpuMs / run.windowMs) * 100)
  const ours = share('hashlens')
  const reference = share('reference')
  const longWith = medianOf(runs, 'hashlens', (run) => longTasksIn(run.summary).count)
  const longWithout = medianOf(runs, 'without', (run) => longTasksIn(run.summary).count)
  const seconds = Math.round(durationMs / 1000)
  return [
    { id: 'page.c.main-thread-share', label: `(c) log viewer, ${seconds} s: main-thread time HashLens adds`, value: round(ours, 1), unit: '%',
      target: { comparison: '<=', value: 5 }, detail: { runs: runs.map(runDetail) } },
    { id: 'page.c.script-share', label: '(c) HashLens JavaScript alone', value: round(scriptShare, 1), unit: '%' },
    { id: 'page.c.page-share', label: '(c) the page\'s own main-thread time', value: round(pageShare, 1), unit: '%' },
    { id: 'page.c.reference-share', label: '(c) reference highlighter adds', value: round(reference, 1), unit: '%' },
    { id: 'page.c.ratio-vs-reference', label: '(c) HashLens / reference, main-thread time added', value: ratio(ours, reference), unit: '×' },
    { id: 'page.c.long-tasks', label: '(c) long tasks with / without HashLens', value: longWith, unit: '', display: `${longWith ?? '?'} / ${longWithout ?? '?'}` },
  ]
}

const STATE_COUNTS = /HashLens states: (\d+)\/(\d+) final/
const DRAW_COUNTS = /^HashLens draw: (\d+) drawn, (\d+) pending/

/** From the draw markers: when the marks drawn (near the viewport) last changed to all final, and how many. */
function drawnFinalOf(summary: TraceSummary): { at: number | null; drawn: number | null } {
  let at: number | null = null
  let drawn: number | null = null
  let last = ''
  for (const marker of summary.markers) {
    const match = DRAW_COUNTS.exec(marker.message)
    if (!match || match[0] === last) continue
    last = match[0]
    drawn = Number(match[1])
    at = Number(match[2]) === 0 && drawn > 0 ? marker.at : null
  }
  return { at, drawn }
}

/** From the trace's state markers: HashLens draws only marks near the viewport, so the draw markers count fewer. */
function allFinalAt(summary: TraceSummary, expected: number): number | null {
  for (const marker of summary.markers) {
    const match = STATE_COUNTS.exec(marker.message)
    if (match && Number(match[2]) >= expected && Number(match[1]) >= expected) return marker.at
  }
  return null
}

function lastCounts(summary: TraceSummary): string {
  const last = summary.markers.filter((marker) => STATE_COUNTS.test(marker.message)).at(-1)
  const match = last ? STATE_COUNTS.exec(last.message) : null
  return match ? `${match[1]}/${match[2]} final` : 'no states'
}

function diff(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a - b
}

function ratio(a: number | null, b: number | null): number | null {
  if (a === null || b === null || b <= 0) return null
  return round(a / b, 2)
}

function signed(value: number | null): string {
  if (value === null) return '?'
  return `${value >= 0 ? '+' : '−'}${Math.abs(Math.round(value))}`
}

function runDetail(run: RunResult): Record<string, unknown> {
  const label = labelOf(run.variant)
  return {
    variant: run.variant,
    taskMs: round(run.taskMs, 1),
    cpuMs: round(run.cpuMs, 1),
    windowMs: round(run.windowMs, 0),
    loadAt: round(run.summary.loadAt, 0),
    settledAt: round(run.summary.settledAt, 0),
    attributed: attribute(run.summary, label, markerOf(run.variant)),
    draws: run.summary.markers.filter((marker) => marker.message.startsWith(markerOf(run.variant))).map((marker) => round(marker.at, 0)),
    longTasks: run.summary.tasks.filter((task) => task.duration > 50).map((task) => ({
      start: round(task.start, 0), ms: round(task.duration, 1), script: round(task.scriptMs[label] ?? 0, 1),
      kind: `${task.hasParse ? 'parse ' : ''}${task.hasStyle ? 'style ' : ''}${task.hasLayout ? 'layout ' : ''}${task.hasPaint ? 'paint' : ''}`.trim(),
    })),
    longTaskObserver: run.probe.longTasks.map(([start, ms]) => [round(start, 0), round(ms, 1)]),
    probe: { loadAt: run.probe.loadAt, drawnFinal: drawnFinalOf(run.summary) },
    lastStates: lastCounts(run.summary),
    states: run.summary.markers.filter((marker) => STATE_COUNTS.test(marker.message)).map((marker) => `${Math.round(marker.at)}: ${marker.message}`),
    lookups: run.lookups,
    sampleIntervalMs: round(run.summary.sampleIntervalMs, 3),
  }
}

export async function runPageCost(context: BenchContext): Promise<Figure[]> {
  const isSmoke = context.isSmoke
  const server = await startFixtureServer()
  const simulator = await startSimulator()
  const env: Environment = { context, server, simulator, plain: null }
  try {
    const pageBytes = isSmoke ? 200 * 1024 : 4 * 1024 * 1024
    const hashCount = isSmoke ? 100 : 2000
    const reps = isSmoke ? 1 : Number(process.env.BENCH_PAGE_REPS ?? 1)
    // no-store: the plain browser is shared, and no run may load a page from its HTTP cache.
    const noStore = { 'Cache-Control': 'no-store' }
    const blankUrl = server.serve('blank.html', '<!doctype html><title>blank</title>', noStore)
    const plainUrl = server.serve('article-a.html', articlePage(pageBytes, 0, 1).html, noStore)
    const hashesUrl = server.serve('article-b.html', articlePage(pageBytes, hashCount, 1).html, noStore)
    const logDurationMs = isSmoke ? 1500 : 10_000
    const logUrl = server.serve('log.html', logViewerPage({ linesPerSecond: 200, durationMs: logDurationMs, hashEvery: 5 }), noStore)
    const settleMs = isSmoke ? 300 : 1500

    // BENCH_PAGES=b (say) measures one page only, while working on it.
    const pages = (process.env.BENCH_PAGES ?? 'a,b,c').split(',')
    const runsA: RunResult[] = []
    const runsB: RunResult[] = []
    const runsC: RunResult[] = []
    // A smoke run takes every path once, not every combination.
    const variantsA: readonly Variant[] = isSmoke ? ['hashlens'] : VARIANTS
    for (let rep = 0; rep < reps; rep++) {
      for (const variant of pages.includes('a') ? variantsA : []) {
        context.log(`page cost (a) ${variant}, run ${rep + 1}/${reps}`)
        runsA.push(await measureStatic(env, variant, plainUrl, blankUrl, false, settleMs, 0))
      }
      for (const variant of pages.includes('b') ? VARIANTS : []) {
        context.log(`page cost (b) ${variant}, run ${rep + 1}/${reps}`)
        runsB.push(await measureStatic(env, variant, hashesUrl, blankUrl, true, settleMs, isSmoke ? 6000 : 10_000))
      }
    }
    const floor = pages.includes('b') && !isSmoke ? await frameFloor(env, hashesUrl) : null
    // (c) is judged on a difference of two noisy totals: with and without run twice, interleaved.
    const logVariants: Variant[] = isSmoke ? ['without', 'hashlens'] : ['without', 'hashlens', 'reference', 'without', 'hashlens']
    for (const variant of pages.includes('c') ? logVariants : []) {
      context.log(`page cost (c) ${variant}`)
      runsC.push(await measureLog(env, variant, logUrl, blankUrl, logDurationMs))
    }
    const size = isSmoke ? `${Math.round(pageBytes / 1024)} KB` : `${pageBytes / 1024 / 1024} MB`
    return figuresOf('2 Page cost', [
      ...staticFigures('a', `${size}, no hash`, runsA, 0),
      ...staticFigures('b', `${size}, ${hashCount.toLocaleString('en-US')} hashes`, runsB, hashCount),
      ...(floor ? [{
        id: 'page.b.frame-floor-ms',
        label: `(b) same page, no extension: frame after one paragraph's colour changes, median (frame without a change: ${round(median(floor.idleMs) ?? 0, 0)} ms)`,
        value: round(median(floor.changeMs) ?? 0, 0), unit: 'ms', detail: floor,
      }] : []),
      ...logFigures(runsC, logDurationMs),
    ], isSmoke)
  } finally {
    await env.plain?.close()
    await simulator.close()
    await server.close()
  }
}
