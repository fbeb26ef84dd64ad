/** Our pages may ask anything, our content scripts (inside hostile pages) only contentMessageSchema's set, others nothing. */
import browser, { type Runtime } from 'webextension-polyfill'
import { contentMessageSchema, extensionPageMessageSchema, type ContentMessage, type ExtensionPageMessage } from '../shared/messages.ts'
import type { DocumentSender } from './tab-registry.ts'

export interface MessageRoutes {
  fromExtensionPage: (message: ExtensionPageMessage) => Promise<unknown>
  fromContentScript: (message: ContentMessage, tabId: number, pageUrl: string | undefined, document: DocumentSender) => Promise<unknown>
}

/** Content scripts share our id: their URL is the page's. */
export function isFromExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' &&
    sender.url.startsWith(browser.runtime.getURL(''))
}

export function isFromOurContentScript(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.tab?.id !== undefined && !isFromExtensionPage(sender)
}

/** Undefined (no answer at all) for whatever is not ours to answer: another extension, a web page. */
export function routeMessage(raw: unknown, sender: Runtime.MessageSender, routes: MessageRoutes): Promise<unknown> | undefined {
  if (isFromExtensionPage(sender)) {
    const parsed = extensionPageMessageSchema.safeParse(raw)
    if (!parsed.success) return undefined
    return routes.fromExtensionPage(parsed.data)
  }
  if (isFromOurContentScript(sender)) {
    const parsed = contentMessageSchema.safeParse(raw)
    if (!parsed.success) return undefined
    return routes.fromContentScript(parsed.data, sender.tab!.id!, sender.tab?.url ?? sender.url, documentOf(sender, parsed.data))
  }
  return undefined
}

/**
 * Chromium's documentId comes from the browser, so the page cannot mint new documents to renew its cap; Firefox has
 * none, and the id its content script made (in its own world, out of the page's reach) stands in.
 */
export function documentOf(sender: Runtime.MessageSender, message: ContentMessage): DocumentSender {
  const frameId = sender.frameId ?? 0
  const documentId = (sender as { documentId?: unknown }).documentId
  // Its site when its URL names no host (documentSiteOf); a browser may give none.
  const senderOrigin = (sender as { origin?: unknown }).origin
  const origin = typeof senderOrigin === 'string' ? { origin: senderOrigin } : {}
  const url = sender.url
  if (typeof documentId === 'string' && documentId !== '') return { frameId, documentKey: documentId, documentId, url, ...origin }
  return { frameId, documentKey: message.documentId ?? `frame-${frameId}`, url, ...origin }
}
