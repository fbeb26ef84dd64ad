/**
 * Wiring only, in every frame (about:blank too); an idle site gets no scan, observer or listener. Everything hangs on
 * one AbortController, aborted when the extension context goes (update, reload), so an orphaned script cleans up, and
 * when the frame becomes idle, so that nothing of HashLens stays in the page.
 */
import browser, { type Runtime } from 'webextension-polyfill'
import type { ContentAnswers, ContentMessage } from '../shared/messages.ts'
import type { HashStates } from '../shared/verdict.ts'
import { t } from '../shared/i18n.ts'
import { FLOOD_PACE_MS, HashReporter } from './hash-reporter.ts'
import { createDrawScheduler } from './draw-scheduler.ts'
import { Highlighter } from './highlighter.ts'
import { HoverController, type LookupRequest } from './hover-controller.ts'
import { browserDrawEnvironment } from './mark-painter.ts'
import { PageScanner } from './page-scanner.ts'
import { RetryWaker } from './retry-waker.ts'
import { createTaskSlicer } from './task-slicer.ts'
import { isIdleSitesChanged, parseHashStates, parsePageSettings, parseRevealHash, parseStatesChanged } from './worker-replies.ts'

const lifetime = new AbortController()
/**
 * Firefox's sender has no documentId: this names the document instead (Chromium's worker uses the browser's own).
 * Not crypto.randomUUID(): it exists only in secure contexts, and plain http:// pages need a name too.
 */
const documentId = import.meta.env.MODE === 'firefox' ? randomDocumentId() : undefined

function randomDocumentId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** The worker's answer type is what each check must give. */
const replyChecks: { [T in ContentMessage['type']]: (reply: unknown) => ContentAnswers[T] | null } = {
  'get-page-settings': parsePageSettings,
  'page-hashes': parseHashStates,
  'hover-lookup': parseHashStates,
  'lookup-hash': parseHashStates,
  'lookup-again': parseHashStates,
  'resume-lookups': () => null,
  'open-details': () => null,
  'open-pivot': () => null,
}

async function sendToWorker<M extends ContentMessage>(message: M): Promise<ContentAnswers[M['type']] | null> {
  let reply: unknown
  try {
    reply = await browser.runtime.sendMessage(documentId === undefined ? message : { ...message, documentId })
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

/** Kept on this frame's isolated world, out of the page's reach, which every copy of this file shares. */
const COPY_KEY = '__hashlensContentScript'
interface RunningCopy { isRunning: () => boolean; stop: () => void }

/**
 * The worker injects this file into open frames as sites leave the idle list (content-script-registration.ts): a
 * second copy where one runs does nothing. One that stopped, or was orphaned by an update, makes way.
 */
function claimFrame(): boolean {
  const world = globalThis as { [COPY_KEY]?: RunningCopy }
  const previous = world[COPY_KEY]
  if (previous?.isRunning()) return false
  previous?.stop()
  world[COPY_KEY] = { isRunning: () => !lifetime.signal.aborted && isExtensionContextAlive(), stop: () => lifetime.abort() }
  return true
}

async function start(signal: AbortSignal): Promise<void> {
  const settings = await sendToWorker({ type: 'get-page-settings' })
  if (settings === null || settings.isIdleSite || signal.aborted) return lifetime.abort()

  const highlighter = new Highlighter(browserDrawEnvironment(createDrawScheduler({ signal })))
  signal.addEventListener('abort', () => highlighter.dispose(), { once: true })

  const hover = new HoverController({
    document,
    highlighter,
    settings,
    signal,
    requestLookup: (hash, request) => void requestLookup(hash, request),
    // Firefox opens a sidebar only from its own UI or a shortcut, never from a page's click.
    details: import.meta.env.MODE === 'firefox' ? { hint: () => t('cardDetailsFirefoxHint') } : { open: () => void sendToWorker({ type: 'open-details' }) },
    openPivot: (hash, pivot) => void sendToWorker({ type: 'open-pivot', hash, pivot }),
  })

  async function stopIfIdleNow(): Promise<void> {
    if ((await sendToWorker({ type: 'get-page-settings' }))?.isIdleSite) lifetime.abort()
  }

  const retryWaker = new RetryWaker({ wake: () => void sendToWorker({ type: 'resume-lookups' }), signal })

  function applyStates(states: HashStates): void {
    if (signal.aborted) return
    retryWaker.noteStates(states)
    hover.refresh(highlighter.applyStates(states))
  }

  async function requestLookup(hash: string, request: LookupRequest): Promise<void> {
    const states = await sendToWorker({ type: request, hash })
    if (states) applyStates(states)
  }

  const onWorkerMessage = (message: unknown, sender: Runtime.MessageSender): undefined => {
    if (sender.id !== browser.runtime.id) return undefined
    if (isIdleSitesChanged(message)) void stopIfIdleNow()
    const states = parseStatesChanged(message)
    if (states) applyStates(states)
    const revealed = parseRevealHash(message)
    if (revealed !== null) highlighter.reveal(revealed)
    // Returning nothing tells the polyfill this listener does not respond.
    return undefined
  }
  browser.runtime.onMessage.addListener(onWorkerMessage)
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onWorkerMessage), { once: true })

  // Declared before the reporter, which slows it down once the page floods.
  let scanner: PageScanner | null = null
  const reporter = new HashReporter({
    send: (hashes, unlisted, skipped) => sendToWorker({
      type: 'page-hashes', hashes, ...(unlisted > 0 ? { unlisted } : {}), ...(skipped.length > 0 ? { skipped } : {}),
    }),
    onStates: applyStates,
    onPastBound: () => {
      scanner?.slowTo(FLOOD_PACE_MS)
      highlighter.slowMutationRedrawsTo(FLOOD_PACE_MS)
    },
  })

  // Restored from the back/forward cache (see reportAgain); the browser's own event only: a page could fake it to keep the worker busy.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && event.isTrusted) void reporter.reportAgain()
  }, { signal })

  // Where nothing can be drawn there is nothing to hover either.
  if (highlighter.canDraw) hover.start()

  scanner = new PageScanner({
    document,
    highlighter,
    filters: settings.noiseFilters,
    notSampleKinds: settings.notSampleKinds,
    slicer: createTaskSlicer({ signal }),
    signal,
    onFound: (found, isFirstScan) => void reporter.report(found, isFirstScan),
  })
  await scanner.start()
}

if (claimFrame()) {
  start(lifetime.signal).catch((error: unknown) => {
    // Stop cleanly rather than leave half-working marks; say why only at the console's verbose level.
    console.debug('HashLens stopped in this frame:', error)
    lifetime.abort()
  })
}
