import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Menus, Tabs } from 'webextension-polyfill'

const created: unknown[] = []
const tabs = {
  get: vi.fn(async (tabId: number) => ({ id: tabId, index: 2, windowId: 1 }) as Tabs.Tab),
  create: vi.fn(async (properties: unknown) => { created.push(properties); return {} }),
}
vi.mock('webextension-polyfill', () => ({ default: { runtime: { getURL: (path: string) => `chrome-extension://hashlensid/${path}` }, tabs } }))
const { isPdfShown, onPdfLinkMenuClicked, viewerUrlFor } = await import('./pdf-tabs.ts')

beforeEach(() => {
  created.length = 0
})

describe('isPdfShown', () => {
  it('believes the top document\'s content type over the address', () => {
    expect(isPdfShown('https://reports.example/download?id=7', 'application/pdf')).toBe(true)
    // A .pdf address that answered a login page.
    expect(isPdfShown('https://reports.example/report.pdf', 'text/html')).toBe(false)
  })

  it('goes by the path where no script could ask, and never for a page of the browser\'s or ours', () => {
    expect(isPdfShown('https://reports.example/Report.PDF?x=1#page=2', undefined)).toBe(true)
    expect(isPdfShown('https://reports.example/report.pdf.html', undefined)).toBe(false)
    expect(isPdfShown('chrome-extension://hashlensid/src/pdf/viewer.html?file=a.pdf', 'application/pdf')).toBe(false)
    expect(isPdfShown('chrome://print/a.pdf', undefined)).toBe(false)
  })
})

describe('the link menu', () => {
  const info = (linkUrl: string | undefined, menuItemId = 'hashlens-open-pdf-link'): Menus.OnClickData => ({ menuItemId, linkUrl, editable: false, modifiers: [] })

  it('opens the viewer for the link\'s address beside the tab it was clicked in, at our own origin', async () => {
    onPdfLinkMenuClicked(info('https://reports.example/a b.pdf?id=7&x=1'), { id: 9 } as Tabs.Tab)
    await vi.waitFor(() => expect(created).toHaveLength(1))
    expect(created[0]).toEqual({ url: viewerUrlFor('https://reports.example/a b.pdf?id=7&x=1'), windowId: 1, index: 3, openerTabId: 9 })
    expect(viewerUrlFor('https://reports.example/a.pdf')).toBe(`chrome-extension://hashlensid/src/pdf/viewer.html?file=${encodeURIComponent('https://reports.example/a.pdf')}`)
  })

  it('ignores other menus\' clicks and links the viewer cannot open', async () => {
    onPdfLinkMenuClicked(info('https://reports.example/a.pdf', 'hashlens-lookup-selection'), { id: 9 } as Tabs.Tab)
    onPdfLinkMenuClicked(info('javascript:alert(1)//.pdf'), { id: 9 } as Tabs.Tab)
    onPdfLinkMenuClicked(info(undefined), { id: 9 } as Tabs.Tab)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(created).toEqual([])
  })
})
