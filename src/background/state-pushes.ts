/** New states go to every open extension page, and to each tab that shows one of the hashes: its share only. */
import browser from 'webextension-polyfill'
import type { HashStates } from '../shared/verdict.ts'
import type { WorkerEvent } from '../shared/worker-events.ts'
import { broadcastToExtensionPages } from './extension-page-notices.ts'
import type { TabRegistry } from './tab-registry.ts'
import type { ToolbarBadge } from './toolbar-badge.ts'

export interface StatePushContext {
  tabs: Pick<TabRegistry, 'ready' | 'tabsShowing' | 'hashesOf'>
  badge: Pick<ToolbarBadge, 'schedule'>
}

export function publishStates(states: HashStates, ctx: StatePushContext): void {
  broadcastToExtensionPages({ type: 'states-changed', states })
  // After a worker restart the tab registry may still be loading: wait, or pushes miss tabs.
  void ctx.tabs.ready.then(() => pushStatesToTabs(states, ctx))
}

function pushStatesToTabs(states: HashStates, { tabs, badge }: StatePushContext): void {
  const hashes = Object.keys(states)
  for (const tabId of tabs.tabsShowing(hashes)) {
    const shown = new Set(tabs.hashesOf(tabId))
    const forTab: HashStates = {}
    for (const hash of hashes) if (shown.has(hash)) forTab[hash] = states[hash]!
    const event: WorkerEvent = { type: 'states-changed', states: forTab }
    browser.tabs.sendMessage(tabId, event).catch(() => undefined)
    badge.schedule(tabId, forTab)
  }
}
