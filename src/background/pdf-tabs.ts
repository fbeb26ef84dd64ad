/**
 * The ways into the PDF viewer that the user takes (issue 15): the popup's and the panel's "Open this PDF in HashLens"
 * on a tab showing a PDF, which opens the viewer in that tab, and "Open PDF in HashLens" on a link to one, in a new tab.
 */
import browser, { type Menus, type Tabs } from 'webextension-polyfill'
import { isPdfSourceUrl, PDF_VIEWER_PATH, viewerQueryFor } from '../shared/pdf-viewer-files.ts'
import { openBesideTab } from './pivot-tabs.ts'

const PDF_LINK_MENU_ID = 'hashlens-open-pdf-link'

/**
 * Links whose path ends in .pdf (the browser matches a pattern's path against the link's path and query): an item on
 * every link would crowd the menu of all the links that are no PDF.
 */
const PDF_LINK_PATTERNS: readonly string[] = ['*://*/*.pdf', '*://*/*.pdf?*', '*://*/*.PDF', '*://*/*.PDF?*', 'file:///*.pdf', 'file:///*.PDF']

/**
 * The viewer's address at our own origin, where it shows in the address bar: `getURL(PDF_VIEWER_PATH)` answers the
 * per-session dynamic one, which only a redirect from a page needs (pdf-redirect.ts).
 */
export function viewerUrlFor(fileUrl: string): string {
  return `${browser.runtime.getURL('')}${PDF_VIEWER_PATH}${viewerQueryFor(fileUrl)}`
}

/**
 * Whether a tab at `url` shows a PDF: by its top document's content type, which Chromium's PDF viewer keeps
 * (`application/pdf`) and which tells a `.pdf` address answering a login page; by the address's path where no script
 * may run to ask (Firefox's own viewer, a page of the store), as the viewer then says itself what it cannot open.
 */
export function isPdfShown(url: string, contentType: string | undefined): boolean {
  if (!isPdfSourceUrl(url)) return false
  if (contentType !== undefined) return contentType === 'application/pdf'
  return /\.pdf$/i.test(new URL(url).pathname)
}

/** Runs in the tab's top frame, in HashLens's isolated world: reads, changes nothing the page could see. */
function topDocumentContentType(): string {
  return document.contentType
}

/** The address of the PDF the tab shows, or null when it shows none (or is the viewer already). */
export async function pdfShownIn(tabId: number): Promise<string | null> {
  // Without host access to the tab (a file:// one without file access) the browser gives no URL: nothing to open.
  const url = await browser.tabs.get(tabId).then((tab) => tab.url, () => undefined)
  if (url === undefined || !isPdfSourceUrl(url)) return null
  const answers = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: topDocumentContentType }).catch(() => null)
  const contentType = answers?.[0]?.result
  return isPdfShown(url, typeof contentType === 'string' ? contentType : undefined) ? url : null
}

/**
 * In the same tab: the PDF the user is looking at becomes the same PDF with its hashes, the popup and the panel go on
 * showing that tab, and Back returns to the browser's viewer.
 */
export async function openTabPdfInViewer(tabId: number): Promise<boolean> {
  const url = await pdfShownIn(tabId)
  if (url === null) return false
  await browser.tabs.update(tabId, { url: viewerUrlFor(url) })
  return true
}

/** Menus persist across worker restarts: created on install and update only. */
export function createPdfLinkMenu(): void {
  const title = browser.i18n.getMessage('contextMenuOpenPdf')
  browser.contextMenus.create({ id: PDF_LINK_MENU_ID, title, contexts: ['link'], targetUrlPatterns: [...PDF_LINK_PATTERNS] }, () => {
    // Re-created on every update; "duplicate id" is expected and harmless.
    void browser.runtime.lastError
  })
}

/** Beside the page, as "Open link in new tab" would: the page the user is reading stays where it was. */
export function onPdfLinkMenuClicked(info: Menus.OnClickData, tab: Tabs.Tab | undefined): void {
  if (info.menuItemId !== PDF_LINK_MENU_ID || info.linkUrl === undefined || !isPdfSourceUrl(info.linkUrl)) return
  const viewerUrl = viewerUrlFor(info.linkUrl)
  void (tab?.id === undefined ? browser.tabs.create({ url: viewerUrl }).then(() => undefined, () => undefined) : openBesideTab(viewerUrl, tab.id))
}
