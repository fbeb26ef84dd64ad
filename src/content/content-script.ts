/**
 * HashLens in a page (every frame, about:blank included): wiring only.
 *
 * Asks the worker for this page's settings first; on an idle site it stops there (no
 * scan, no observer, no listener). Otherwise it scans, marks, reports the hashes, and
 * follows state changes pushed by the worker. Everything it adds hangs on one
 * AbortController, aborted when the extension context goes away (update, reload), so an
 * orphaned script removes its marks and listeners instead of lingering.
 *
 * Nothing is put on `window`: content scripts run in an isolated world anyway.
 */
import browser, { type Runtime } from 'webextension-polyfill'
import type { ContentAnswers, ContentMessage } from '../shared/messages.ts'
import type { HashStates } from '../shared/verdict.ts'
import { HashReporter } from './hash-reporter.ts'
import { createDrawScheduler } from './draw-scheduler.ts'
import { Highlighter } from './highlighter.ts'
import { HoverController, type LookupRequest } from './hover-controller.ts'
import { browserHighlightEnvironment } from './mark-painter.ts'
import { PageScanner } from './page-scanner.ts'
import { createTaskSlicer } from './task-slicer.ts'
import { parseHashStates, parsePageSettings, parseStatesChanged } from './worker-replies.ts'

const lifetime = new AbortController()

/** How each answer is checked before use: the worker's answer type is what each check must give. */
const replyChecks: { [T in ContentMessage['type']]: (reply: unknown) => ContentAnswers[T] | null } = {
  'get-page-settings': parsePageSettings,
  'page-hashes': parseHashStates,
  'hover-lookup': parseHashStates,
  'lookup-hash': parseHashStates,
  'lookup-again': parseHashStates,
}

/** The worker's answer, checked; null when there is none or it does not fit. */
async function sendToWorker<M extends ContentMessage>(message: M): Promise<ContentAnswers[M['type']] | null> {
  let reply: unknown
  try {
    reply = await browser.runtime.sendMessage(message)
  } catch {
    // After an extension update or reload this script is orphaned: runtime.id goes away.
    if (!isExtensionContextAlive()) lifetime.abort()
    return null
  }
  return replyChecks[message.type as M['type']](reply)
}

function isExtensionContextAlive(): boolean {
  try {
    return Boolean(browser.runtime.id)
  } catch {
    return false
  }
}

async function start(signal: AbortSignal): Promise<void> {
  const settings = await sendToWorker({ type: 'get-page-settings' })
  if (settings === null || settings.isIdleSite || signal.aborted) return

  const highlighter = new Highlighter(browserHighlightEnvironment(createDrawScheduler({ signal })))
  signal.addEventListener('abort', () => highlighter.dispose(), { once: true })

  const hover = new HoverController({
    document,
    highlighter,
    settings,
    signal,
    requestLookup: (hash, request) => void requestLookup(hash, request),
  })

  function applyStates(states: HashStates): void {
    if (signal.aborted) return
    hover.refresh(highlighter.applyStates(states))
  }

  async function requestLookup(hash: string, request: LookupRequest): Promise<void> {
    const states = await sendToWorker({ type: request, hash })
    if (states) applyStates(states)
  }

  const onWorkerMessage = (message: unknown, sender: Runtime.MessageSender): undefined => {
    if (sender.id !== browser.runtime.id) return undefined
    const states = parseStatesChanged(message)
    if (states) applyStates(states)
    // No answer: returning nothing tells the polyfill this listener does not respond.
    return undefined
  }
  browser.runtime.onMessage.addListener(onWorkerMessage)
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onWorkerMessage), { once: true })

  const reporter = new HashReporter({
    send: (hashes) => sendToWorker({ type: 'page-hashes', hashes }),
    onStates: applyStates,
  })

  // Back to this page from the back/forward cache: the script does not run again, but the
  // worker forgot the tab's hashes when it navigated away. Tell it again (list, badge, popup).
  // Only the browser's own event: a page could dispatch fake ones to make the worker busy.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && event.isTrusted) void reporter.reportAgain()
  }, { signal })

  // Without the highlight API nothing is drawn, so there is nothing to hover either.
  if (highlighter.canDraw) hover.start()

  const scanner = new PageScanner({
    document,
    highlighter,
    filters: settings.noiseFilters,
    slicer: createTaskSlicer({ signal }),
    signal,
    onFound: (found, isFirstScan) => void reporter.report(found, isFirstScan),
  })
  await scanner.start()
}

start(lifetime.signal).catch((error: unknown) => {
  // Stop cleanly rather than leave half-working marks; say why only at the console's verbose level.
  console.debug('HashLens stopped in this frame:', error)
  lifetime.abort()
})
