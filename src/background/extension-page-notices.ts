import browser from 'webextension-polyfill'
import type { WorkerEvent } from '../shared/worker-events.ts'

/** A growing log page reports often, and each notice costs the popup a cache read over all the tab's hashes. */
const TAB_HASHES_THROTTLE_MS = 200

const tabChangeTimers = new Map<number, ReturnType<typeof setTimeout>>()

export function broadcastToExtensionPages(event: WorkerEvent): void {
  // Rejects when no extension page is open: nobody to tell, nothing lost.
  browser.runtime.sendMessage(event).catch(() => undefined)
}

/** On this notice an open popup asks for the tab's report again. */
export function scheduleTabHashesChanged(tabId: number): void {
  if (tabChangeTimers.has(tabId)) return
  tabChangeTimers.set(tabId, setTimeout(() => {
    tabChangeTimers.delete(tabId)
    broadcastToExtensionPages({ type: 'tab-hashes-changed', tabId })
  }, TAB_HASHES_THROTTLE_MS))
}
