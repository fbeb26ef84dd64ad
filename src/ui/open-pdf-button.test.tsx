// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render } from 'preact'
import { act } from 'preact/test-utils'

const pdfTabs = new Set<number>()
const askWorker = vi.fn(async (message: { type: string; tabId: number }): Promise<unknown> => message.type === 'get-tab-pdf' ? pdfTabs.has(message.tabId) : true)
type OnUpdated = (tabId: number, change: { status?: string }) => void
const listeners = new Set<OnUpdated>()
vi.mock('webextension-polyfill', () => ({
  default: { tabs: { onUpdated: { addListener: (listener: OnUpdated) => listeners.add(listener), removeListener: (listener: OnUpdated) => listeners.delete(listener) } } },
}))
vi.mock('./ask-worker.ts', () => ({ askWorker: (message: { type: string; tabId: number }) => askWorker(message) }))
const { OpenPdfButton } = await import('./open-pdf-button.tsx')

let root: HTMLElement
beforeEach(() => {
  root = document.createElement('div')
  document.body.append(root)
  pdfTabs.clear()
  askWorker.mockClear()
})
afterEach(() => {
  act(() => { render(null, root) })
  root.remove()
})

const button = () => root.querySelector('button')

describe('OpenPdfButton', () => {
  it('shows only on a tab the worker says shows a PDF, and asks the worker to open that tab\'s PDF', async () => {
    pdfTabs.add(5)
    act(() => { render(<><OpenPdfButton tabId={4} /><OpenPdfButton tabId={5} /></>, root) })
    await vi.waitFor(() => expect(button()).not.toBeNull())
    expect(root.querySelectorAll('button')).toHaveLength(1)
    expect(button()!.textContent).toBe('Open this PDF in HashLens')
    act(() => button()!.click())
    expect(askWorker).toHaveBeenLastCalledWith({ type: 'open-tab-pdf', tabId: 5 })
    // Gone at once: the tab is on its way into the viewer.
    await vi.waitFor(() => expect(button()).toBeNull())
  })

  it('asks again when its tab has loaded another page, and stops listening once gone', async () => {
    expect(listeners.size).toBe(0)
    act(() => { render(<OpenPdfButton tabId={7} />, root) })
    await vi.waitFor(() => expect(askWorker).toHaveBeenCalledTimes(1))
    pdfTabs.add(7)
    act(() => { for (const listener of listeners) listener(8, { status: 'complete' }) })
    act(() => { for (const listener of listeners) listener(7, { status: 'loading' }) })
    expect(askWorker).toHaveBeenCalledTimes(1)
    act(() => { for (const listener of listeners) listener(7, { status: 'complete' }) })
    await vi.waitFor(() => expect(button()).not.toBeNull())
    act(() => { render(null, root) })
    expect(listeners.size).toBe(0)
  })
})
