/**
 * Who sent a message decides what it may ask: the extension's own pages everything, its content
 * scripts (inside hostile pages) only contentMessageSchema's narrow set, anyone else nothing.
 */
import browser, { type Runtime } from 'webextension-polyfill'
import { contentMessageSchema, extensionPageMessageSchema, type ContentMessage, type ExtensionPageMessage } from '../shared/messages.ts'

export interface MessageRoutes {
  fromExtensionPage: (message: ExtensionPageMessage) => Promise<unknown>
  /** `pageUrl` is the sender's tab's (its site decides "idle"). */
  fromContentScript: (message: ContentMessage, tabId: number, pageUrl: string | undefined) => Promise<unknown>
}

/** Extension pages (popup, options) are the only senders trusted with settings and credentials. */
export function isFromExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' &&
    sender.url.startsWith(browser.runtime.getURL(''))
}

export function isFromOurContentScript(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.tab?.id !== undefined && !isFromExtensionPage(sender)
}

/** The answer for runtime.onMessage: undefined (no answer at all) for whatever is not ours to answer. */
export function routeMessage(raw: unknown, sender: Runtime.MessageSender, routes: MessageRoutes): Promise<unknown> | undefined {
  if (isFromExtensionPage(sender)) {
    const parsed = extensionPageMessageSchema.safeParse(raw)
    if (!parsed.success) return undefined
    return routes.fromExtensionPage(parsed.data)
  }
  if (isFromOurContentScript(sender)) {
    const parsed = contentMessageSchema.safeParse(raw)
    if (!parsed.success) return undefined
    return routes.fromContentScript(parsed.data, sender.tab!.id!, sender.tab?.url ?? sender.url)
  }
  // Anything else (another extension, a web page) gets no answer at all.
  return undefined
}
