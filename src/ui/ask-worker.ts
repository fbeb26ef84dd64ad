/**
 * Typed requests from the extension's pages (popup, options) to the worker. The message type
 * decides the answer's type, so a page cannot misread what it gets back.
 */
import browser from 'webextension-polyfill'
import type { ExtensionPageAnswers, ExtensionPageMessage } from '../shared/messages.ts'
import type { WorkerEvent } from '../shared/worker-events.ts'

export async function askWorker<M extends ExtensionPageMessage>(message: M): Promise<ExtensionPageAnswers[M['type']]> {
  return (await browser.runtime.sendMessage(message)) as ExtensionPageAnswers[M['type']]
}

/** Subscribes to the worker's pushes; returns the unsubscribe function. */
export function onWorkerEvent(listener: (event: WorkerEvent) => void): () => void {
  const handler = (message: unknown): undefined => {
    if (typeof message === 'object' && message !== null && 'type' in message &&
        (message.type === 'states-changed' || message.type === 'status-changed' || message.type === 'tab-hashes-changed')) {
      listener(message as WorkerEvent)
    }
    return undefined
  }
  browser.runtime.onMessage.addListener(handler)
  return () => browser.runtime.onMessage.removeListener(handler)
}
