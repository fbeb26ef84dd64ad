// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import type { HashStates } from '../shared/verdict.ts'
import type { TabReport } from '../shared/worker-events.ts'

const askWorker = vi.fn(async (_message: unknown): Promise<unknown> => ({}))
vi.mock('./ask-worker.ts', () => ({ askWorker: (message: unknown) => askWorker(message) }))
const { PageView } = await import('./page-view.tsx')

const SAMPLE = 'a'.repeat(64)
const CHECKSUM = 'c'.repeat(64)
const COMMIT = 'd'.repeat(40)

function reportOf(overrides: Partial<TabReport> = {}): TabReport {
  return {
    hashes: [SAMPLE, CHECKSUM, COMMIT], offset: 0, matching: 3, total: 3, counts: { other: 3 }, remaining: 1, skipped: 2,
    states: {}, unlisted: 0, site: 'crates.example', isIdleSite: false, idleSitesManaged: false, lookupMode: 'automatic',
    selectionOffer: [], selectedRows: [], ...overrides,
  }
}

const STATES: HashStates = {
  [SAMPLE]: { state: 'idle' },
  [CHECKSUM]: { state: 'idle', skippedAs: 'dependency-checksum' },
  [COMMIT]: { state: 'idle', skippedAs: 'commit-id' },
}

let root: HTMLElement
beforeEach(() => {
  root = document.createElement('div')
  document.body.append(root)
  askWorker.mockClear()
})
afterEach(() => {
  render(null, root)
  root.remove()
})

interface ListProps {
  onPage?: (offset: number) => void
  selected?: ReadonlySet<string>; search?: string; sort?: 'page' | 'verdict'
  onSearch?: (search: string) => void; onSort?: (sort: 'page' | 'verdict') => void; onSelect?: (hashes: readonly string[], isSelected: boolean) => void
}

function show(report: TabReport, onChanged = vi.fn(), list: ListProps = {}) {
  act(() => {
    render(<PageView tabId={5} report={report} states={STATES} filter="all" onFilter={vi.fn()} onPage={list.onPage ?? vi.fn()} onChanged={onChanged}
      query={{ search: list.search ?? '', sort: list.sort ?? 'page' }} onSearch={list.onSearch ?? vi.fn()} onSort={list.onSort ?? vi.fn()}
      selected={list.selected ?? new Set()} onSelect={list.onSelect ?? vi.fn()} />, root)
  })
  return onChanged
}

function buttonNamed(text: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find((button) => button.textContent === text)
}

describe('PageView: hashes skipped as no file sample (issue 13)', () => {
  it('offers "Look up the skipped N", which asks the worker for the tab\'s skipped hashes, apart from the remaining ones', async () => {
    const onChanged = show(reportOf())
    expect(buttonNamed('Look up the remaining 1')).toBeDefined()
    buttonNamed('Look up the skipped 2')!.click()
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalled())
    expect(askWorker.mock.calls).toEqual([[{ type: 'lookup-tab-skipped', tabId: 5 }]])
  })

  it('says in each skipped row what the hash looks like', () => {
    show(reportOf())
    const detail = (hash: string) => root.querySelector(`tr[data-hash="${hash}"] .hl-detail`)!.textContent
    expect(detail(CHECKSUM)).toContain('Not looked up: looks like a dependency checksum')
    expect(detail(COMMIT)).toContain('Not looked up: looks like a commit id')
    expect(detail(SAMPLE)).not.toContain('looks like')
  })

  it('offers no such button when nothing was skipped', () => {
    show(reportOf({ skipped: 0 }))
    expect([...root.querySelectorAll('button')].some((button) => button.textContent?.includes('skipped'))).toBe(false)
  })
})

async function exportBy(selector: string): Promise<{ name: string; text: string; type: string }> {
  const blobs: Blob[] = []
  const names: string[] = []
  const created = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => { blobs.push(blob as Blob); return 'blob:x' })
  const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { names.push(this.download) })
  root.querySelector<HTMLButtonElement>(selector)!.click()
  await vi.waitFor(() => expect(blobs).toHaveLength(1))
  created.mockRestore()
  clicked.mockRestore()
  return { name: names[0]!, text: await blobs[0]!.text(), type: blobs[0]!.type }
}

describe('PageView: STIX export (issue 14 part 5)', () => {
  const exportStix = () => exportBy('[data-export-stix]')

  it('names the page address only once "Include page address" is ticked', async () => {
    show(reportOf({ pageUrl: 'https://crates.example/private' }))
    const box = root.querySelector<HTMLInputElement>('[data-include-page-address]')!
    expect(box.checked).toBe(false)
    const plain = await exportStix()
    expect(plain.name).toBe('hashlens.stix.json')
    expect(plain.type).toBe('application/json')
    expect(JSON.parse(plain.text)).toMatchObject({ type: 'bundle' })
    expect(plain.text).not.toContain('crates.example')
    act(() => { box.click() })
    expect((await exportStix()).text).toContain('https://crates.example/private')
  })
})

describe('PageView: search, sort and selection (issue 14 part 1)', () => {
  it('hands the search text and the sort chosen to the tab view, which asks the worker', () => {
    const onSearch = vi.fn()
    const onSort = vi.fn()
    show(reportOf(), vi.fn(), { onSearch, onSort })
    const box = root.querySelector<HTMLInputElement>('[data-list-search]')!
    expect(box.maxLength).toBe(200)
    act(() => {
      box.value = 'emotet'
      box.dispatchEvent(new Event('input', { bubbles: true }))
    })
    expect(onSearch).toHaveBeenCalledWith('emotet')
    const sort = root.querySelector<HTMLSelectElement>('[data-list-sort]')!
    expect([...sort.options].map((option) => option.textContent)).toEqual(['Order on page', 'Verdict, then order on page'])
    act(() => {
      sort.value = 'verdict'
      sort.dispatchEvent(new Event('change', { bubbles: true }))
    })
    expect(onSort).toHaveBeenCalledWith('verdict')
  })

  it('says so when nothing matches, and keeps the tab\'s counts', () => {
    show(reportOf({ hashes: [], matching: 0 }), vi.fn(), { search: 'zzz' })
    expect(root.querySelector('[data-no-match]')!.textContent).toBe('No hash matches.')
    expect(buttonNamed('All 3')).toBeDefined()
    expect(root.querySelector('[data-select-shown]')).toBeNull()
  })

  it('ticks rows, selects every row shown and clears the selection through the tab view', () => {
    const onSelect = vi.fn()
    show(reportOf(), vi.fn(), { onSelect, selected: new Set([COMMIT]) })
    const box = (hash: string) => root.querySelector<HTMLInputElement>(`tr[data-hash="${hash}"] input[type="checkbox"]`)!
    expect(box(COMMIT).checked).toBe(true)
    expect(box(SAMPLE).checked).toBe(false)
    expect(box(SAMPLE).getAttribute('aria-label')).toBe(`Select ${SAMPLE}`)
    act(() => { box(SAMPLE).click() })
    expect(onSelect).toHaveBeenLastCalledWith([SAMPLE], true)
    buttonNamed('Select all shown')!.click()
    expect(onSelect).toHaveBeenLastCalledWith([SAMPLE, CHECKSUM, COMMIT], true)
    buttonNamed('Clear selection')!.click()
    expect(onSelect).toHaveBeenLastCalledWith([COMMIT], false)
  })

  it('offers no "Clear selection" while nothing is selected, and the buttons then act on the whole list', () => {
    show(reportOf())
    expect(buttonNamed('Clear selection')).toBeUndefined()
    expect(['Copy all', 'Export CSV', 'Export JSON', 'Export STIX'].map((name) => buttonNamed(name) !== undefined)).toEqual([true, true, true, true])
  })

  it('copies and exports the selected rows only, and says so in the buttons', async () => {
    const writeText = vi.fn(async (_text: string) => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const picked = new Set([COMMIT, SAMPLE])
    show(reportOf({ hashes: [SAMPLE, CHECKSUM, COMMIT], matching: 3 }), vi.fn(), { selected: picked })
    expect(['Copy 2 selected', 'Export CSV, 2 selected', 'Export JSON, 2 selected', 'Export STIX, 2 selected'].map((name) => buttonNamed(name) !== undefined))
      .toEqual([true, true, true, true])
    buttonNamed('Copy 2 selected')!.click()
    await vi.waitFor(() => expect(writeText).toHaveBeenCalled())
    expect(writeText.mock.calls[0]![0].split('\n').sort()).toEqual([COMMIT, SAMPLE].sort())
    expect(root.querySelector('[role="status"]')!.textContent).toBe('Copied 2 hashes.')
    const csv = await exportBy('[data-export-csv]')
    expect(csv.text).toContain(SAMPLE)
    expect(csv.text).not.toContain(CHECKSUM)
    const bundle = JSON.parse((await exportBy('[data-export-stix]')).text) as { objects: Array<{ type: string; hashes?: Record<string, string> }> }
    const files = bundle.objects.filter((object) => object.type === 'file').map((object) => Object.values(object.hashes!)[0]!.toLowerCase())
    expect(files.sort()).toEqual([COMMIT, SAMPLE].sort())
    // The selection is at hand: nothing is asked of the worker.
    expect(askWorker).not.toHaveBeenCalled()
  })

  it('without a selection, exports every hash the filter and the search keep, asked for with both', async () => {
    askWorker.mockImplementation(async () => ({ hashes: [SAMPLE, CHECKSUM, COMMIT, 'e'.repeat(40)], states: {} }))
    show(reportOf({ hashes: [SAMPLE], matching: 4 }), vi.fn(), { search: 'a', sort: 'verdict' })
    const json = await exportBy('[data-export-json]')
    expect(askWorker.mock.calls).toEqual([[{ type: 'get-tab-report', tabId: 5, filter: 'all', search: 'a', sort: 'verdict', limit: 4 }]])
    expect(json.text).toContain('e'.repeat(40))
    askWorker.mockImplementation(async () => ({}))
  })
})

describe('PageView: the list a page at a time', () => {
  const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => (from + i).toString(16).padStart(40, '0'))

  it('says which rows it shows, and turns to the next and the previous page of the worker\'s list', async () => {
    const onPage = vi.fn()
    show(reportOf({ hashes: rows(200, 200), offset: 200, matching: 450 }), vi.fn(), { onPage })
    expect(root.querySelector('[data-page-range]')!.textContent).toBe('Rows 201–400 of 450')
    // Built 20 rows a task, so a first page never holds the view for long; all of them a moment later.
    expect(root.querySelectorAll('tr[data-hash]')).toHaveLength(20)
    await vi.waitFor(() => expect(root.querySelectorAll('tr[data-hash]')).toHaveLength(200), { timeout: 10_000 } /* happy-dom is slow to build 200 rows on a loaded machine */)
    buttonNamed('Next page')!.click()
    expect(onPage).toHaveBeenLastCalledWith(400)
    buttonNamed('Previous page')!.click()
    expect(onPage).toHaveBeenLastCalledWith(0)
  })

  it('cannot turn before the first page nor past the last, and a list of one page has no pager', () => {
    show(reportOf({ hashes: rows(0, 200), offset: 0, matching: 201 }))
    expect(buttonNamed('Previous page')!.disabled).toBe(true)
    expect(buttonNamed('Next page')!.disabled).toBe(false)
    show(reportOf({ hashes: rows(200, 1), offset: 200, matching: 201 }))
    expect(root.querySelector('[data-page-range]')!.textContent).toBe('Rows 201–201 of 201')
    expect(buttonNamed('Next page')!.disabled).toBe(true)
    show(reportOf())
    expect(root.querySelector('[data-page-range]')).toBeNull()
  })
})
