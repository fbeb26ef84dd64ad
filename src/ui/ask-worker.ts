import browser, { type Runtime } from 'webextension-polyfill'
import type { ExtensionPageAnswers, ExtensionPageMessage } from '../shared/messages.ts'
import { workerEventSchema, type WorkerEvent } from '../shared/worker-events.ts'

export async function askWorker<M extends ExtensionPageMessage>(message: M): Promise<ExtensionPageAnswers[M['type']]> {
  return (await browser.runtime.sendMessage(message)) as ExtensionPageAnswers[M['type']]
}

/** `runtime.getManifest().background`; Firefox gives the keys it does not use as null. */
interface ManifestBackground {
  service_worker?: string | null
  page?: string | null
  scripts?: readonly string[] | null
}

/** The worker's `sender.url`: Chromium's worker script, or Firefox's background page (generated for `background.scripts`: 153 ESR). */
export function workerUrl(background: ManifestBackground | undefined, urlOf: (path: string) => string): string | null {
  if (background?.service_worker) return urlOf(background.service_worker)
  if (background?.page) return urlOf(background.page)
  if (background?.scripts?.length) return urlOf('_generated_background_page.html')
  return null
}

let ownWorkerUrl: string | null | undefined

/**
 * Only the worker: `runtime.sendMessage` from a content script (a page's renderer) or another
 * extension page reaches every extension page too, and must not paint verdicts into the popup.
 */
export function isFromWorker(sender: Runtime.MessageSender): boolean {
  ownWorkerUrl ??= workerUrl(browser.runtime.getManifest().background, (path) => browser.runtime.getURL(path))
  return sender.id === browser.runtime.id && sender.tab === undefined && ownWorkerUrl !== null && sender.url === ownWorkerUrl
}

export function onWorkerEvent(listener: (event: WorkerEvent) => void): () => void {
  const handler = (message: unknown, sender: Runtime.MessageSender): undefined => {
    if (!isFromWorker(sender)) return undefined
    const event = workerEventSchema.safeParse(message)
    if (event.success) listener(event.data)
    return undefined
  }
  browser.runtime.onMessage.addListener(handler)
  return () => browser.runtime.onMessage.removeListener(handler)
}
