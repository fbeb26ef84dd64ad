/**
 * Benchmark 9: the PDF viewer on a big report (issue 15 item 5). A generated 200-page report with 2,000 hashes (real
 * text objects, test/support/pdf-fixture.ts: per page a table of SHA-256s, some wrapped 36+28, a list of MD5s and
 * SHA-1s in prose), served over HTTP and opened in the viewer, traced: the time from navigation start to every page
 * read (the viewer's `HashLens PDF done` marker), and its longest tasks while reading. A task is HashLens's when it
 * holds one of the viewer's own markers (a page's text laid out and searched, its marks drawn: TRACE_MARK in
 * pdf-marks.ts), whatever else ran in it (pdf.js's answer that resumed it, Preact's render after it); the others are
 * pdf.js's own (parsing answers, rendering the pages in view, text layers). The reference, in the same browser: the
 * same bytes in a plain page with pdf.js alone (its own build, no HashLens), getTextContent of every page.
 * `BENCH_PDF_TRACE=<file>` keeps the viewer's trace (for DevTools' Performance panel).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { makeHash } from '../test/e2e/fixtures.ts'
import { startFixtureServer } from '../test/e2e/fixture-server.ts'
import { REPO_ROOT } from '../test/support/chromium.ts'
import { writePdf, type PdfText } from '../test/support/pdf-fixture.ts'
import { startSimulator } from '../test/simulator/spectra-simulator.ts'
import { PDF_VIEWER_PATH } from '../src/shared/pdf-viewer-files.ts'
import { TRACE_MARK } from '../src/pdf/pdf-marks.ts'
import { launchExtension, sleep, startTracing, stopTracing } from './lib/browser.ts'
import type { BenchContext } from './lib/context.ts'
import { figuresOf, round, type Figure } from './lib/report.ts'
import { LONG_TASK_MS, summarizeTrace, type MainThreadTask, type TraceSummary } from './lib/trace.ts'

const HASHES_PER_PAGE = 10
const DIGITS = '0123456789abcdef'
const PDFJS_BUILD = path.join(REPO_ROOT, 'node_modules/pdfjs-dist/build')

/** Per page: 4 SHA-256s in a table (every other one wrapped 36+28), 3 MD5s one per line, 3 SHA-1s in prose. */
export function bigReport(pageCount: number): { pages: PdfText[][]; hashes: string[] } {
  const hashes: string[] = []
  const pages = Array.from({ length: pageCount }, (_, index) => {
    const hash = (slot: number, length: 32 | 40 | 64) => {
      const made = makeHash(90_000 + index * HASHES_PER_PAGE + slot, length, DIGITS[(index + slot) % DIGITS.length]!)
      hashes.push(made)
      return made
    }
    const texts: PdfText[] = [
      { text: `Appendix B.${index + 1}: indicators of wave ${index + 1}`, x: 50, y: 790, size: 14 },
      { text: 'The operators staged the following payloads on the compromised file servers.', x: 50, y: 764 },
      { text: 'File', x: 50, y: 740 }, { text: 'SHA-256', x: 160, y: 740 },
    ]
    let y = 724
    for (let slot = 0; slot < 4; slot++) {
      const sha256 = hash(slot, 64)
      texts.push({ text: `stage${slot + 1}.bin`, x: 50, y })
      if (slot % 2 === 0) {
        texts.push({ text: sha256, x: 160, y, size: 8 })
        y -= 20
      } else {
        texts.push({ text: sha256.slice(0, 36), x: 160, y, size: 8 }, { text: sha256.slice(36), x: 160, y: y - 10, size: 8 })
        y -= 30
      }
    }
    texts.push({ text: 'Dropped files (MD5):', x: 50, y: y - 10 })
    y -= 26
    for (let slot = 4; slot < 7; slot++, y -= 12) texts.push({ text: hash(slot, 32), x: 50, y })
    y -= 14
    for (let slot = 7; slot < 10; slot++, y -= 14) texts.push({ text: `The loader with SHA-1 ${hash(slot, 40)} beacons hourly.`, x: 50, y, size: 9 })
    texts.push({ text: `${index + 1}`, x: 290, y: 40, size: 9 })
    return texts
  })
  return { pages, hashes }
}

/** pdf.js alone in a plain page: open the same bytes as the viewer does (fetch, then data), then every page's text. */
function referencePage(pdfUrl: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>pdf.js alone</title></head><body>
<script type="module">
import { getDocument, GlobalWorkerOptions } from './pdf.min.mjs'
GlobalWorkerOptions.workerSrc = './pdf.worker.min.mjs'
const bytes = new Uint8Array(await (await fetch(${JSON.stringify(pdfUrl)})).arrayBuffer())
const pdf = await getDocument({ data: bytes, useWasm: false }).promise
let items = 0
for (let n = 1; n <= pdf.numPages; n++) items += (await (await pdf.getPage(n)).getTextContent()).items.length
window.__reference = { ms: performance.now(), items }
</script></body></html>`
}

interface TaskRow { start: number; ms: number; cpuMs: number | null; marks: string[] }

function rowOf(task: MainThreadTask, marks: string[]): TaskRow {
  return { start: round(task.start, 0)!, ms: round(task.duration, 1)!, cpuMs: round(task.cpuMs, 1), marks: marks.slice(0, 3) }
}

/** The tasks up to `until` (ms since navigation start), split by whether they hold one of HashLens's markers. */
function splitTasks(summary: TraceSummary, until: number): { hashlens: TaskRow[]; others: TaskRow[] } {
  const marks = summary.markers.filter((marker) => marker.message.startsWith(TRACE_MARK))
  const hashlens: TaskRow[] = []
  const others: TaskRow[] = []
  for (const task of summary.tasks) {
    if (task.start > until) continue
    const inside = marks.filter((marker) => marker.at >= task.start && marker.at <= task.start + task.duration).map((marker) => marker.message)
    ;(inside.length > 0 ? hashlens : others).push(rowOf(task, inside))
  }
  const byLength = (a: TaskRow, b: TaskRow) => b.ms - a.ms
  return { hashlens: hashlens.sort(byLength), others: others.sort(byLength) }
}

async function statusOf(page: Page): Promise<string> {
  return (await page.locator('.hl-pdf-status').textContent().catch(() => null)) ?? ''
}

export async function runPdfViewer(context: BenchContext): Promise<Figure[]> {
  const pageCount = context.isSmoke ? 10 : 200
  const { pages, hashes } = bigReport(pageCount)
  const bytes = writePdf({ pages, title: 'Appendix B: indicators' })
  const server = await startFixtureServer()
  const simulator = await startSimulator()
  const browser = await launchExtension(simulator.url)
  try {
    const noStore = { 'Cache-Control': 'no-store' }
    const pdfUrl = server.serve('big-report.pdf', bytes, { 'Content-Type': 'application/pdf', ...noStore })
    server.serve('pdf.min.mjs', readFileSync(path.join(PDFJS_BUILD, 'pdf.min.mjs')), { 'Content-Type': 'text/javascript' })
    server.serve('pdf.worker.min.mjs', readFileSync(path.join(PDFJS_BUILD, 'pdf.worker.min.mjs')), { 'Content-Type': 'text/javascript' })
    const referenceUrl = server.serve('pdfjs-alone.html', referencePage(pdfUrl), noStore)

    context.log(`pdf: the viewer reads a ${pageCount}-page report with ${hashes.length.toLocaleString('en-US')} hashes (${Math.round(bytes.length / 1024)} KB)`)
    const viewerUrl = `chrome-extension://${browser.extensionId}/${PDF_VIEWER_PATH}?file=${encodeURIComponent(pdfUrl)}`
    const expected = `${hashes.length} hashes found in ${pageCount} pages`
    const readTraced = async (): Promise<TraceSummary> => {
      const viewer = await browser.context.newPage()
      await startTracing(browser.context, viewer)
      await viewer.goto(viewerUrl)
      const deadline = Date.now() + 120_000
      while (await statusOf(viewer) !== expected) {
        if (Date.now() > deadline) throw new Error(`the viewer said "${await statusOf(viewer)}", not "${expected}"`)
        await sleep(100)
      }
      await sleep(500)
      const trace = await stopTracing(browser.context)
      await viewer.close()
      if (process.env.BENCH_PDF_TRACE) writeFileSync(process.env.BENCH_PDF_TRACE, trace)
      return summarizeTrace(trace, viewerUrl, {})
    }
    let summary: TraceSummary
    let attempts = 1
    try {
      summary = await readTraced()
    } catch (error) {
      // Now and then (1 run of 7 here) Chromium's trace lacks the page's ParseHTML: once more (verdicts cached by then).
      context.log(`pdf: ${error instanceof Error ? error.message : String(error)}; once more`)
      attempts++
      summary = await readTraced()
    }
    const done = summary.markers.find((marker) => marker.message === `${TRACE_MARK} done`)
    if (!done) throw new Error('the trace has no marker of the viewer\'s end of reading')
    const { hashlens, others } = splitTasks(summary, done.at)

    context.log('pdf: reference, pdf.js alone in a plain page')
    const plain = await browser.context.newPage()
    await startTracing(browser.context, plain)
    await plain.goto(referenceUrl)
    await plain.waitForFunction(() => (window as unknown as { __reference?: unknown }).__reference !== undefined, null, { timeout: 120_000 })
    const reference = await plain.evaluate(() => (window as unknown as { __reference: { ms: number; items: number } }).__reference)
    const referenceSummary = summarizeTrace(await stopTracing(browser.context), referenceUrl, {})
    const referenceLongest = referenceSummary.tasks.filter((task) => task.start <= reference.ms).reduce((longest, task) => Math.max(longest, task.duration), 0)
    await plain.close()

    const longest = hashlens[0]
    return figuresOf('9 PDF', [
      {
        id: 'pdf.open-to-found-ms', label: `open → all ${hashes.length.toLocaleString('en-US')} hashes found (${pageCount} pages)`,
        value: round(done.at, 0), unit: 'ms', target: { comparison: '<=', value: 5000 }, detail: { attempts },
      },
      {
        id: 'pdf.reference-text-ms', label: 'reference: pdf.js alone, open and getTextContent of every page (plain page)',
        value: round(reference.ms, 0), unit: 'ms', detail: { items: reference.items },
      },
      {
        id: 'pdf.hashlens-longest-task-ms', label: 'the viewer\'s longest task holding HashLens\'s work while reading',
        value: round(longest?.ms ?? 0, 1), unit: 'ms', target: { comparison: '<=', value: LONG_TASK_MS },
        detail: { top: hashlens.slice(0, 5), count: hashlens.length },
      },
      {
        // On a shared machine a task's wall time is mostly other processes' turns: this is the work itself.
        id: 'pdf.hashlens-most-cpu-task-ms', label: 'the viewer\'s task of most thread time holding HashLens\'s work', unit: 'ms',
        value: round(hashlens.reduce((most, task) => Math.max(most, task.cpuMs ?? 0), 0), 1),
      },
      { id: 'pdf.hashlens-cpu-ms', label: 'thread time of all the tasks holding HashLens\'s work while reading', value: round(hashlens.reduce((sum, task) => sum + (task.cpuMs ?? 0), 0), 0), unit: 'ms' },
      {
        id: 'pdf.hashlens-long-tasks', label: 'HashLens tasks over 50 ms while reading', value: hashlens.filter((task) => task.ms > LONG_TASK_MS).length, unit: '',
      },
      {
        id: 'pdf.pdfjs-longest-task-ms', label: 'the viewer\'s longest task of pdf.js\'s own (rendering, its answers)',
        value: round(others[0]?.ms ?? 0, 1), unit: 'ms', detail: { top: others.slice(0, 5) },
      },
      { id: 'pdf.reference-longest-task-ms', label: 'reference: pdf.js alone, longest task', value: round(referenceLongest, 1), unit: 'ms' },
    ], context.isSmoke)
  } finally {
    await browser.close()
    await simulator.close()
    await server.close()
  }
}
