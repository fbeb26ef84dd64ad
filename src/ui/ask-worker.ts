/**
 * Typed requests from the extension's pages (popup, options) to the worker. The message type
 * decides the answer's type, so a page cannot misread what it gets back.
 */
import browser from 'webextension-polyfill'
import type { ExtensionPageMessage } from '../shared/messages.ts'
import type { ConnectionCheck, OptionsReport, SaveResult, StatusReport, TabReport, WorkerEvent } from '../shared/worker-events.ts'
import type { HashStates } from '../shared/verdict.ts'


interface Answers {
  'lookup': HashStates
  'get-status': StatusReport
  'get-options': OptionsReport
  'save-settings': SaveResult
  'save-credentials': SaveResult
  'test-connection': ConnectionCheck
  'clear-cache': SaveResult
  'get-tab-report': TabReport
  'lookup-tab-remaining': HashStates
  'set-site-idle': SaveResult
}

export async function askWorker<M extends ExtensionPageMessage>(message: M): Promise<Answers[M['type']]> {
  return (await browser.runtime.sendMessage(message)) as Answers[M['type']]
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
