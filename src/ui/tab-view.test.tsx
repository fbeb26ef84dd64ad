// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import type { WorkerEvent } from '../shared/worker-events.ts'

interface ReportRequest { type: string; search?: string; sort?: string; selectedRows?: string[] }
const requests: ReportRequest[] = []
let onTab: string[] = []
const askWorker = vi.fn(async (message: ReportRequest): Promise<unknown> => {
  requests.push(message)
  const asked = message.selectedRows ?? []
  return {
    hashes: onTab, matching: onTab.length, total: onTab.length, counts: { other: onTab.length }, remaining: 0, skipped: 0,
    states: {}, unlisted: 0, site: '', isIdleSite: false, idleSitesManaged: false, lookupMode: 'automatic', selectionOffer: [],
    selectedRows: asked.filter((hash) => onTab.includes(hash)),
  }
})
const listeners = new Set<(event: WorkerEvent) => void>()
vi.mock('./ask-worker.ts', () => ({
  askWorker: (message: ReportRequest) => askWorker(message),
  onWorkerEvent: (listener: (event: WorkerEvent) => void) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
}))
const { TabView } = await import('./tab-view.tsx')

const A = 'a'.repeat(40)
const B = 'b'.repeat(40)
const C = 'c'.repeat(40)

let root: HTMLElement
beforeEach(() => {
  root = document.createElement('div')
  document.body.append(root)
  requests.length = 0
  onTab = [A, B, C]
})
afterEach(() => {
  render(null, root)
  root.remove()
})

const copyLabel = () => root.querySelector('[data-copy]')?.textContent
const box = (hash: string) => root.querySelector<HTMLInputElement>(`tr[data-hash="${hash}"] input[type="checkbox"]`)!

async function shown(): Promise<void> {
  act(() => { render(<TabView tabId={3} />, root) })
  await vi.waitFor(() => expect(root.querySelector(`tr[data-hash="${A}"]`)).not.toBeNull())
}

describe('TabView: the list\'s query and selection (issue 14 part 1)', () => {
  it('asks the worker again with the search typed and the sort chosen', async () => {
    await shown()
    const search = root.querySelector<HTMLInputElement>('[data-list-search]')!
    act(() => {
      search.value = 'trojan'
      search.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await vi.waitFor(() => expect(requests.at(-1)).toMatchObject({ type: 'get-tab-report', search: 'trojan', sort: 'page' }))
    const sort = root.querySelector<HTMLSelectElement>('[data-list-sort]')!
    act(() => {
      sort.value = 'verdict'
      sort.dispatchEvent(new Event('change', { bubbles: true }))
    })
    await vi.waitFor(() => expect(requests.at(-1)).toMatchObject({ search: 'trojan', sort: 'verdict' }))
  })

  it('sends the selection with each report and drops the rows the tab no longer has', async () => {
    await shown()
    act(() => { box(A).click() })
    act(() => { box(C).click() })
    expect(copyLabel()).toBe('Copy 2 selected')
    // The page navigates: C is gone from the tab.
    onTab = [A, B]
    await act(async () => {
      for (const listener of listeners) listener({ type: 'tab-hashes-changed', tabId: 3 } as WorkerEvent)
      await Promise.resolve()
    })
    await vi.waitFor(() => expect(copyLabel()).toBe('Copy 1 selected'))
    expect(requests.at(-1)!.selectedRows!.sort()).toEqual([A, C])
    expect(box(A).checked).toBe(true)
    act(() => { (root.querySelector('[data-clear-selection]') as HTMLButtonElement).click() })
    expect(copyLabel()).toBe('Copy all')
  })
})

describe('TabView: a report the worker fails to answer', () => {
  it('asks again shortly when an ask is rejected (a worker stopped mid-answer), so a page turned still comes', async () => {
    await shown()
    onTab = Array.from({ length: 450 }, (_, i) => i.toString(16).padStart(40, '0'))
    askWorker.mockRejectedValueOnce(new Error('The message port closed before a response was received.'))
    await act(async () => {
      for (const listener of listeners) listener({ type: 'tab-hashes-changed', tabId: 3 } as WorkerEvent)
      await Promise.resolve()
    })
    await vi.waitFor(() => expect(root.querySelector(`tr[data-hash="${onTab[0]}"]`)).not.toBeNull(), { timeout: 3000 })
    // The first report, then the one asked again after the rejected ask (which the mock does not record).
    expect(requests).toHaveLength(2)
  })
})
