/**
 * New states go to every open extension page, and to each document that shows one of the hashes, by its own id: its
 * share only, and never to a document that replaced it in the frame.
 */
import browser from 'webextension-polyfill'
import type { HashStates } from '../shared/verdict.ts'
import type { WorkerEvent } from '../shared/worker-events.ts'
import { broadcastToExtensionPages } from './extension-page-notices.ts'
import type { DocumentTarget, TabRegistry } from './tab-registry.ts'
import type { ToolbarBadge } from './toolbar-badge.ts'

export interface StatePushContext {
  tabs: Pick<TabRegistry, 'ready' | 'tabsShowing' | 'isListed' | 'documentsOf'>
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
    const forTab: HashStates = {}
    for (const hash of hashes) if (tabs.isListed(tabId, hash)) forTab[hash] = states[hash]!
    const documents = tabs.documentsOf(tabId)
    // Hashes listed without a document (a selection lookup before any report) go to the whole tab, as nothing else can.
    if (documents.length === 0) send(tabId, forTab, undefined)
    for (const document of documents) {
      const forDocument: HashStates = {}
      for (const hash in forTab) if (document.hashes.has(hash)) forDocument[hash] = forTab[hash]!
      if (Object.keys(forDocument).length > 0) send(tabId, forDocument, document)
    }
    badge.schedule(tabId, forTab)
  }
}

/** Chromium addresses a document by its documentId; Firefox has none, so its frame. */
function send(tabId: number, states: HashStates, document: DocumentTarget | undefined): void {
  const event: WorkerEvent = { type: 'states-changed', states }
  const options = document === undefined ? undefined
    : document.documentId === undefined ? { frameId: document.frameId } : { documentId: document.documentId }
  browser.tabs.sendMessage(tabId, event, options as { frameId?: number }).catch(() => undefined)
}
