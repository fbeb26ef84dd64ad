import { describe, expect, it, vi } from 'vitest'
import type { Runtime, Tabs } from 'webextension-polyfill'

const ORIGIN = 'chrome-extension://hashlensid'

/** As Chromium answers getURL for a resource web-accessible with use_dynamic_url: the viewer's per-session address. */
const DYNAMIC_ORIGIN = 'chrome-extension://0b45b7d0-a272-4d0c-b9d4-1ec80fde7cf6'

vi.mock('webextension-polyfill', () => ({
  default: { runtime: { id: 'hashlensid', getURL: (path: string) => `${path === 'src/pdf/viewer.html' ? DYNAMIC_ORIGIN : ORIGIN}/${path}` } },
}))

const { isFromExtensionPage, isFromOurContentScript, pdfViewerDocumentOf, routeMessage } = await import('./sender-routing.ts')

const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
const PAGE_URL = 'https://reports.example/campaign'

function tab(id: number, url?: string): Tabs.Tab {
  return { id, url, index: 0, highlighted: false, active: true, pinned: false, incognito: false }
}

const popup: Runtime.MessageSender = { id: 'hashlensid', url: `${ORIGIN}/src/popup/popup.html` }
// The options page opened in a tab of its own still is an extension page.
const optionsInTab: Runtime.MessageSender = { id: 'hashlensid', url: `${ORIGIN}/src/options/options.html`, tab: tab(4, `${ORIGIN}/src/options/options.html`) }
const contentScript: Runtime.MessageSender = { id: 'hashlensid', url: `${PAGE_URL}#frame`, tab: tab(7, PAGE_URL), frameId: 0 }

function setup() {
  const routes = {
    fromExtensionPage: vi.fn(async () => 'page answer'),
    fromContentScript: vi.fn(async (..._args: unknown[]) => 'content answer'),
  }
  return routes
}

describe('sender checks', () => {
  it('tells our extension pages from our content scripts', () => {
    expect(isFromExtensionPage(popup)).toBe(true)
    expect(isFromExtensionPage(optionsInTab)).toBe(true)
    expect(isFromOurContentScript(optionsInTab)).toBe(false)
    expect(isFromExtensionPage(contentScript)).toBe(false)
    expect(isFromOurContentScript(contentScript)).toBe(true)
  })

  it('trusts neither another extension, even on our URL, nor a content script without a tab', () => {
    expect(isFromExtensionPage({ ...popup, id: 'otherid' })).toBe(false)
    expect(isFromOurContentScript({ ...contentScript, id: 'otherid' })).toBe(false)
    expect(isFromOurContentScript({ id: 'hashlensid', url: PAGE_URL })).toBe(false)
  })
})

describe('routeMessage', () => {
  it('hands an extension page\'s request, parsed, to the extension-page handlers', async () => {
    const routes = setup()
    await expect(routeMessage({ type: 'get-status', extra: 'dropped' }, popup, routes)).resolves.toBe('page answer')
    expect(routes.fromExtensionPage).toHaveBeenCalledWith({ type: 'get-status' })
    expect(routes.fromContentScript).not.toHaveBeenCalled()
  })

  it('hands a content script\'s request to the content handlers with its tab, the tab\'s URL and its frame\'s', async () => {
    const routes = setup()
    await expect(routeMessage({ type: 'lookup-hash', hash: SHA1 }, contentScript, routes)).resolves.toBe('content answer')
    expect(routes.fromContentScript).toHaveBeenCalledWith({ type: 'lookup-hash', hash: SHA1 }, 7, PAGE_URL, { frameId: 0, documentKey: 'frame-0', url: `${PAGE_URL}#frame` })
  })

  it('names the sending document by Chromium\'s documentId, never by the one a message claims', async () => {
    const routes = setup()
    const chromium = { ...contentScript, frameId: 2, documentId: 'BROWSER-DOC' } as Runtime.MessageSender
    await routeMessage({ type: 'lookup-hash', hash: SHA1, documentId: 'claimed' }, chromium, routes)
    expect(routes.fromContentScript.mock.calls[0]![3]).toEqual({ frameId: 2, documentKey: 'BROWSER-DOC', documentId: 'BROWSER-DOC', url: `${PAGE_URL}#frame` })
    // Firefox gives none: the id the content script made stands in, and pushes go by frame.
    await routeMessage({ type: 'lookup-hash', hash: SHA1, documentId: 'script-made' }, contentScript, routes)
    expect(routes.fromContentScript.mock.calls[1]![3]).toEqual({ frameId: 0, documentKey: 'script-made', url: `${PAGE_URL}#frame` })
  })

  it('passes the sending document\'s origin on, which tells the site of one whose URL names no host', async () => {
    const routes = setup()
    const popupFrame = { ...contentScript, url: 'about:blank', origin: 'https://opener.example', documentId: 'DOC', tab: tab(9, 'about:blank') } as Runtime.MessageSender
    await routeMessage({ type: 'lookup-hash', hash: SHA1 }, popupFrame, routes)
    expect(routes.fromContentScript.mock.calls[0]!.slice(1)).toEqual([9, 'about:blank', { frameId: 0, documentKey: 'DOC', documentId: 'DOC', url: 'about:blank', origin: 'https://opener.example' }])
  })

  it('gives a content script no answer to an extension-page request: no settings, no credentials', () => {
    const routes = setup()
    for (const message of [{ type: 'get-options' }, { type: 'save-credentials', username: 'u', password: 'p', apiHost: 'https://evil.example' }, { type: 'clear-cache' }]) {
      expect(routeMessage(message, contentScript, routes)).toBeUndefined()
    }
    expect(routes.fromExtensionPage).not.toHaveBeenCalled()
    expect(routes.fromContentScript).not.toHaveBeenCalled()
  })

  it('gives a content script no pivot URLs, and takes from it only a pivot\'s place in the list', () => {
    const routes = setup()
    expect(routeMessage({ type: 'get-pivot-links', hash: SHA1 }, contentScript, routes)).toBeUndefined()
    for (const pivot of [-1, 10, 1.5, '0']) expect(routeMessage({ type: 'open-pivot', hash: SHA1, pivot }, contentScript, routes)).toBeUndefined()
    expect(routes.fromContentScript).not.toHaveBeenCalled()
    void routeMessage({ type: 'open-pivot', hash: SHA1, pivot: 9, url: 'https://evil.example/' }, contentScript, routes)
    expect(routes.fromContentScript.mock.calls[0]![0]).toEqual({ type: 'open-pivot', hash: SHA1, pivot: 9 })
    expect(routeMessage({ type: 'open-pivot', hash: SHA1, pivot: 0 }, { id: 'hashlensid', url: PAGE_URL }, routes)).toBeUndefined()
  })

  it('answers nothing malformed, and nothing from another extension or a sender without a tab', () => {
    const routes = setup()
    expect(routeMessage({ type: 'lookup', hashes: 'not a list' }, popup, routes)).toBeUndefined()
    expect(routeMessage({ type: 'page-hashes', hashes: ['x'.repeat(65)] }, contentScript, routes)).toBeUndefined()
    expect(routeMessage({ type: 'get-status' }, { ...popup, id: 'otherid' }, routes)).toBeUndefined()
    expect(routeMessage({ type: 'get-page-settings' }, { ...contentScript, id: 'otherid' }, routes)).toBeUndefined()
    expect(routeMessage({ type: 'get-page-settings' }, { id: 'hashlensid', url: PAGE_URL }, routes)).toBeUndefined()
    expect(routes.fromExtensionPage).not.toHaveBeenCalled()
    expect(routes.fromContentScript).not.toHaveBeenCalled()
  })
})

describe('the PDF viewer: an untrusted document inside our page (issue 15)', () => {
  const FILE = 'https://reports.example/paper-lantern.pdf'
  const viewerUrl = `${ORIGIN}/src/pdf/viewer.html?file=${encodeURIComponent(FILE)}`
  const viewer = { id: 'hashlensid', url: viewerUrl, tab: tab(12, viewerUrl), frameId: 0, documentId: 'VIEWER-DOC' } as Runtime.MessageSender

  it('is neither a trusted extension page nor a content script', () => {
    expect(isFromExtensionPage(viewer)).toBe(false)
    expect(isFromOurContentScript(viewer)).toBe(false)
    expect(pdfViewerDocumentOf(viewer)).toEqual({ tabId: 12, fileUrl: FILE })
    // Another of our pages is no viewer, whatever its query says; nor is the viewer of another extension or without a tab.
    expect(pdfViewerDocumentOf({ ...optionsInTab, url: `${ORIGIN}/src/options/options.html?file=${FILE}` })).toBeNull()
    expect(pdfViewerDocumentOf({ ...viewer, id: 'otherid' })).toBeNull()
    expect(pdfViewerDocumentOf({ ...viewer, tab: undefined })).toBeNull()
  })

  it('is known by the address it lands on, whatever the dynamic one a redirect went to', () => {
    expect(pdfViewerDocumentOf({ ...viewer, url: `${DYNAMIC_ORIGIN}/src/pdf/viewer.html?file=${encodeURIComponent(FILE)}` })).toBeNull()
    expect(isFromExtensionPage(viewer)).toBe(false)
  })

  it('charges a redirected navigation\'s document, named unencoded, to its own address', () => {
    const raw = 'https://reports.example/get?id=7&format=pdf'
    const redirected = { ...viewer, url: `${ORIGIN}/src/pdf/viewer.html?DNR:${raw}` }
    expect(pdfViewerDocumentOf(redirected)).toEqual({ tabId: 12, fileUrl: raw })
    expect(isFromExtensionPage(redirected)).toBe(false)
  })

  it('reports the document\'s hashes as the top document of its tab, at the PDF\'s address: its site pays', async () => {
    const routes = setup()
    await expect(routeMessage({ type: 'page-hashes', hashes: [SHA1] }, viewer, routes)).resolves.toBe('content answer')
    expect(routes.fromContentScript).toHaveBeenCalledWith({ type: 'page-hashes', hashes: [SHA1] }, 12, FILE,
      { frameId: 0, documentKey: 'VIEWER-DOC', documentId: 'VIEWER-DOC', url: FILE })
    await routeMessage({ type: 'lookup-hash', hash: SHA1 }, viewer, routes)
    await routeMessage({ type: 'get-page-settings' }, viewer, routes)
    expect(routes.fromContentScript).toHaveBeenCalledTimes(3)
  })

  it('gets the hover card\'s messages as a content script does: hover lookups, forced lookups (rate-limited there), details, pivots', async () => {
    const routes = setup()
    const card = [{ type: 'hover-lookup', hash: SHA1 }, { type: 'lookup-again', hash: SHA1 }, { type: 'open-details' }, { type: 'open-pivot', hash: SHA1, pivot: 0 }]
    for (const message of card) await expect(routeMessage(message, viewer, routes)).resolves.toBe('content answer')
    expect(routes.fromContentScript.mock.calls.map((call) => [call[0], call[1], call[2]])).toEqual(card.map((message) => [message, 12, FILE]))
  })

  it('a picked file has no address: its hashes are charged to no site\'s budget', async () => {
    const routes = setup()
    const picked = { ...viewer, url: `${ORIGIN}/src/pdf/viewer.html` }
    await routeMessage({ type: 'page-hashes', hashes: [SHA1] }, picked, routes)
    expect(routes.fromContentScript.mock.calls[0]!.slice(2)).toEqual([undefined, { frameId: 0, documentKey: 'VIEWER-DOC', documentId: 'VIEWER-DOC', url: undefined }])
  })

  it('gets no answer to anything else: no settings, no credentials, no cache, no other tab', () => {
    const routes = setup()
    const refused = [
      { type: 'get-options' }, { type: 'get-status' }, { type: 'clear-cache' }, { type: 'lookup', hashes: [SHA1] },
      { type: 'save-credentials', username: 'u', password: 'p', apiHost: 'https://evil.example' },
      { type: 'get-tab-report', tabId: 3 }, { type: 'open-pivot', hash: SHA1, pivot: 99 },
    ]
    for (const message of refused) expect(routeMessage(message, viewer, routes)).toBeUndefined()
    expect(routes.fromExtensionPage).not.toHaveBeenCalled()
    expect(routes.fromContentScript).not.toHaveBeenCalled()
  })
})
