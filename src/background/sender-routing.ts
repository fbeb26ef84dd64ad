/**
 * Our pages may ask anything, our content scripts (inside hostile pages) only contentMessageSchema's set, the PDF viewer
 * (an untrusted document inside our page) only pdfViewerMessageSchema's, others nothing.
 */
import browser, { type Runtime } from 'webextension-polyfill'
import { contentMessageSchema, extensionPageMessageSchema, pdfViewerMessageSchema, type ContentMessage, type ExtensionPageMessage } from '../shared/messages.ts'
import { fileOfViewerQuery, PDF_VIEWER_PATH } from '../shared/pdf-viewer-files.ts'
import type { DocumentSender } from './tab-registry.ts'

export interface MessageRoutes {
  fromExtensionPage: (message: ExtensionPageMessage) => Promise<unknown>
  fromContentScript: (message: ContentMessage, tabId: number, pageUrl: string | undefined, document: DocumentSender) => Promise<unknown>
}

function isOurUrl(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL(''))
}

/**
 * By our own origin, never by `getURL(PDF_VIEWER_PATH)`: the viewer is web-accessible at a dynamic URL (pdf-redirect.ts),
 * so that answers the per-session address a redirect goes to, while the viewer's messages come from the address it lands on.
 */
function isPdfViewerUrl(url: string): boolean {
  return url.split(/[?#]/, 1)[0] === `${browser.runtime.getURL('')}${PDF_VIEWER_PATH}`
}

/** Content scripts share our id: their URL is the page's. The PDF viewer is ours, but no trusted page. */
export function isFromExtensionPage(sender: Runtime.MessageSender): boolean {
  return isOurUrl(sender) && !isPdfViewerUrl(sender.url!)
}

export function isFromOurContentScript(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.tab?.id !== undefined && !isOurUrl(sender)
}

/**
 * The PDF viewer in a tab, and the document it shows: the `?file=` of its own URL, which the browser reports (the
 * message cannot claim another). Null for any other sender. A picked file has no URL: its hashes go to no host's site.
 */
export function pdfViewerDocumentOf(sender: Runtime.MessageSender): { tabId: number; fileUrl: string | undefined } | null {
  if (!isOurUrl(sender) || !isPdfViewerUrl(sender.url!) || sender.tab?.id === undefined) return null
  const file = fileOfViewerQuery(new URL(sender.url!).search)
  return { tabId: sender.tab.id, fileUrl: file !== null && URL.canParse(file) ? file : undefined }
}

/** Undefined (no answer at all) for whatever is not ours to answer: another extension, a web page. */
export function routeMessage(raw: unknown, sender: Runtime.MessageSender, routes: MessageRoutes): Promise<unknown> | undefined {
  const pdfViewer = pdfViewerDocumentOf(sender)
  if (pdfViewer) {
    const parsed = pdfViewerMessageSchema.safeParse(raw)
    if (!parsed.success) return undefined
    // Handled as the top document of a tab showing the PDF itself: its cap, its site's budget, its site's idle switch.
    const { documentKey, documentId } = documentOf(sender, parsed.data)
    const document: DocumentSender = { frameId: 0, documentKey, ...(documentId && { documentId }), url: pdfViewer.fileUrl }
    return routes.fromContentScript(parsed.data, pdfViewer.tabId, pdfViewer.fileUrl, document)
  }
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
