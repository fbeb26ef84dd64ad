/** Our pages may ask anything, our content scripts (inside hostile pages) only contentMessageSchema's set, others nothing. */
import browser, { type Runtime } from 'webextension-polyfill'
import { contentMessageSchema, extensionPageMessageSchema, type ContentMessage, type ExtensionPageMessage } from '../shared/messages.ts'

export interface MessageRoutes {
  fromExtensionPage: (message: ExtensionPageMessage) => Promise<unknown>
  fromContentScript: (message: ContentMessage, tabId: number, pageUrl: string | undefined, frameUrl: string | undefined) => Promise<unknown>
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
    return routes.fromContentScript(parsed.data, sender.tab!.id!, sender.tab?.url ?? sender.url, sender.url)
  }
  return undefined
}
