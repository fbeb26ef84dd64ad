/** Chromium for the benchmarks, with or without the extension, and the DevTools helpers the figures need. */
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DIST, launchChromium, launchWithExtension } from '../../test/support/chromium.ts'
import { DEMO_PASSWORD, DEMO_USERNAME } from '../../test/simulator/spectra-simulator.ts'

export interface Browser {
  context: BrowserContext
  close(): Promise<void>
}

export interface ExtensionBrowser extends Browser {
  extensionId: string
  worker: Worker
}

/** The build measured: dist/, or another (`--compare-dist`, run-benchmarks.ts) through BENCH_DIST. */
export function benchDist(): string {
  return process.env.BENCH_DIST ?? DIST
}

export async function launchPlain(): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'hashlens-bench-plain-'))
  // The same launcher and flags as the extension's browser, minus the extension, so the two compare.
  const context = await launchChromium({ userDataDir, dist: null })
  return {
    context,
    async close() {
      await context.close()
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

/**
 * Waits for the options page a new install opens and for the worker's ready promise: until
 * then a content script's messages can wait seconds, and figures are about pages, not start-up.
 */
export async function launchExtension(simulatorUrl: string): Promise<ExtensionBrowser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'hashlens-bench-ext-'))
  const context = await launchWithExtension({ userDataDir, dist: benchDist() })
  const worker = await serviceWorkerOf(context)
  const extensionId = new URL(worker.url()).host
  const isOptionsPage = (page: Page): boolean => page.url().startsWith(`chrome-extension://${extensionId}/`)
  await waitFor(async () => (context.pages().some(isOptionsPage) ? true : undefined), 5000, 25)
  await worker.evaluate(async (credentials) => {
    await chrome.storage.local.set({ credentials })
  }, { username: DEMO_USERNAME, password: DEMO_PASSWORD, apiHost: simulatorUrl })
  const status = await context.newPage()
  await status.goto(`chrome-extension://${extensionId}/src/popup/popup.html`)
  await status.evaluate(() => chrome.runtime.sendMessage({ type: 'get-status' }))
  for (const page of context.pages()) if (isOptionsPage(page)) await page.close()
  await sleep(300)
  return {
    context,
    extensionId,
    worker,
    async close() {
      await context.close()
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

/** Polled as well as awaited: a worker that starts before Playwright listens sends no 'serviceworker' event. */
async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  const deadline = Date.now() + 30_000
  for (;;) {
    const worker = context.serviceWorkers().find((candidate) => candidate.url().startsWith('chrome-extension://'))
    if (worker) return worker
    if (Date.now() > deadline) throw new Error('the extension\'s service worker did not start')
    await context.waitForEvent('serviceworker', { timeout: 500 }).catch(() => undefined)
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Polls `probe` until it returns a value other than undefined, or the deadline passes (then undefined). */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 50): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() >= deadline) return undefined
    await sleep(intervalMs)
  }
}

export type Metrics = Record<string, number>

/** `Performance.getMetrics` as a record (TaskDuration, ScriptDuration… in seconds). */
export async function pageMetrics(session: CDPSession): Promise<Metrics> {
  const { metrics } = await session.send('Performance.getMetrics')
  return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]))
}

/** Tasks, timeline events and V8 samples; not the disabled-by-default timeline, which slows the page. */
export const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
]

export async function startTracing(context: BrowserContext, page: Page): Promise<void> {
  const browser = context.browser()
  if (!browser) throw new Error('tracing needs the Browser object of the context')
  await browser.startTracing(page, { categories: TRACE_CATEGORIES })
}

export async function stopTracing(context: BrowserContext): Promise<Buffer> {
  return context.browser()!.stopTracing()
}

/** Playwright opens sessions on pages only: this attaches to the worker through the browser target (non-flat). */
export class WorkerSession {
  private nextId = 0
  private readonly waiting = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>()

  private constructor(private readonly root: CDPSession, private readonly sessionId: string) {
    root.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== this.sessionId) return
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } }
      if (message.id !== undefined) this.waiting.get(message.id)?.(message)
    })
  }

  static async attach(context: BrowserContext, extensionId: string): Promise<WorkerSession> {
    const root = await context.browser()!.newBrowserCDPSession()
    const { targetInfos } = await root.send('Target.getTargets')
    const target = targetInfos.find((info) => info.type === 'service_worker' && info.url.includes(extensionId))
    if (!target) throw new Error('the extension has no service worker target')
    const { sessionId } = await root.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })
    return new WorkerSession(root, sessionId)
  }

  async send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.nextId
    const answer = new Promise<{ result?: unknown; error?: { message: string } }>((resolve) => this.waiting.set(id, resolve))
    await this.root.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) })
    const message = await answer
    this.waiting.delete(id)
    if (message.error) throw new Error(`${method}: ${message.error.message}`)
    return message.result as T
  }

  async detach(): Promise<void> {
    await this.root.detach().catch(() => undefined)
  }
}
