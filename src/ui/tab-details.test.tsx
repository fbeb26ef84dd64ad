// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import type { HashDetailsReport } from '../shared/sample-details.ts'

const A = 'a1'.padEnd(40, '0')
const B = 'a1'.padEnd(40, '7')
const askWorker = vi.fn(async (message: { type: string; hash?: string }): Promise<unknown> => {
  if (message.type === 'get-tab-pdf') return false
  if (message.type === 'get-hash-details') {
    return { hash: message.hash!, state: { state: 'idle' }, xref: {}, rha1: { unavailable: 'type-unknown' } } satisfies HashDetailsReport
  }
  return {
    hashes: [A, B], matching: 2, total: 2, counts: { other: 2 }, remaining: 0, skipped: 0, states: {}, unlisted: 0, site: '',
    isIdleSite: false, idleSitesManaged: false, lookupMode: 'automatic', selectionOffer: [], selectedRows: [],
  }
})
vi.mock('webextension-polyfill', () => ({ default: { tabs: { onUpdated: { addListener: () => undefined, removeListener: () => undefined } } } }))
vi.mock('./ask-worker.ts', () => ({ askWorker: (message: { type: string }) => askWorker(message as { type: string }), onWorkerEvent: () => () => undefined }))
const { TabDetails } = await import('./tab-details.tsx')

let root: HTMLElement
beforeEach(() => {
  root = document.createElement('div')
  document.body.append(root)
})
afterEach(() => {
  render(null, root)
  root.remove()
})

const detailsButtonOf = (hash: string) => root.querySelector<HTMLButtonElement>(`tr[data-hash="${hash}"] .hl-row-details`)!
const back = () => root.querySelector<HTMLButtonElement>('[data-details-back]')
const list = () => root.querySelector('table')!.closest<HTMLElement>('.hl-stack')!

async function shown(replacesList: boolean): Promise<void> {
  act(() => { render(<TabDetails tabId={3} replacesList={replacesList}><p data-beside-list>manual lookup</p></TabDetails>, root) })
  await vi.waitFor(() => expect(root.querySelector(`tr[data-hash="${B}"]`)).not.toBeNull())
}

async function openDetails(hash: string): Promise<void> {
  detailsButtonOf(hash).focus()
  act(() => detailsButtonOf(hash).click())
  await vi.waitFor(() => expect(root.querySelector(`[data-details-hash="${hash}"]`)).not.toBeNull())
}

describe('TabDetails', () => {
  it('in place of the list: "Details" hides the list and what is beside it, Back shows them and focuses that row\'s "Details"', async () => {
    await shown(true)
    await openDetails(B)
    expect(list().hidden).toBe(true)
    expect(root.querySelector('[data-beside-list]')!.closest('[hidden]')).not.toBeNull()
    expect(document.activeElement).toBe(back())

    act(() => back()!.click())
    expect(root.querySelector('[data-details-hash]')).toBeNull()
    expect(list().hidden).toBe(false)
    expect(document.activeElement).toBe(detailsButtonOf(B))
  })

  it('Escape closes the view from within it or from the body, not from the list', async () => {
    await shown(false)
    await openDetails(A)
    expect(list().hidden).toBe(false)
    const search = root.querySelector<HTMLInputElement>('[data-list-search]')!
    search.focus()
    act(() => { search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })) })
    expect(root.querySelector('[data-details-hash]')).not.toBeNull()

    back()!.focus()
    act(() => { back()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })) })
    expect(root.querySelector('[data-details-hash]')).toBeNull()
    expect(document.activeElement).toBe(detailsButtonOf(A))

    await openDetails(B)
    ;(document.activeElement as HTMLElement).blur()
    act(() => { document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })) })
    expect(root.querySelector('[data-details-hash]')).toBeNull()
    expect(document.activeElement).toBe(detailsButtonOf(B))
  })
})
