// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { HashTable } from './hash-table.tsx'

const page = (first: number) => Array.from({ length: 200 }, (_, index) => (first + index).toString(16).padStart(40, '0'))
const PAGE_ONE = page(0)
const PAGE_TWO = page(200)
// happy-dom builds a few hundred rows slowly on a loaded 2-core machine.
const ALL_BUILT = { timeout: 8000 }

let root: HTMLElement
beforeEach(() => {
  root = document.createElement('div')
  document.body.append(root)
})
afterEach(() => {
  render(null, root)
  root.remove()
})

const onSelect = vi.fn()
function show(hashes: readonly string[], selected: ReadonlySet<string> = new Set()) {
  act(() => {
    render(<HashTable hashes={hashes} states={{}} label="Hashes on this page" selected={selected} onSelect={onSelect} onDetails={vi.fn()} />, root)
  })
}
const shownHashes = () => [...root.querySelectorAll<HTMLElement>('tr[data-hash]')].map((row) => row.dataset.hash)

describe('HashTable: rows built a few per task', () => {
  it('builds a page of rows in steps, and a page turned again from its first row, never showing the old page\'s', async () => {
    show(PAGE_ONE)
    expect(shownHashes()).toEqual(PAGE_ONE.slice(0, 20))
    await vi.waitFor(() => expect(shownHashes()).toHaveLength(200), ALL_BUILT)
    show(PAGE_TWO)
    expect(shownHashes()).toEqual(PAGE_TWO.slice(0, 20))
    await vi.waitFor(() => expect(shownHashes()).toHaveLength(200), ALL_BUILT)
    expect(shownHashes()).toEqual(PAGE_TWO)
  })

  it('keeps every row built when the same rows come again, and builds those added at the end in steps', async () => {
    show(PAGE_ONE.slice(0, 100))
    await vi.waitFor(() => expect(shownHashes()).toHaveLength(100), ALL_BUILT)
    show([...PAGE_ONE.slice(0, 100)])
    expect(shownHashes()).toEqual(PAGE_ONE.slice(0, 100))
    show(PAGE_ONE)
    expect(shownHashes()).toEqual(PAGE_ONE.slice(0, 100))
    await vi.waitFor(() => expect(shownHashes()).toEqual(PAGE_ONE), ALL_BUILT)
  })

  it('builds rows again in steps once a filter dropped them and they come back', async () => {
    show(PAGE_ONE)
    await vi.waitFor(() => expect(shownHashes()).toHaveLength(200), ALL_BUILT)
    show(PAGE_ONE.slice(0, 3))
    expect(shownHashes()).toEqual(PAGE_ONE.slice(0, 3))
    show(PAGE_ONE)
    expect(shownHashes()).toEqual(PAGE_ONE.slice(0, 3))
    await vi.waitFor(() => expect(shownHashes()).toEqual(PAGE_ONE), ALL_BUILT)
  })

  it('ticks exactly the rows selected, and each box tells which row it ticked', () => {
    show(PAGE_ONE.slice(0, 3), new Set([PAGE_ONE[1]!]))
    const boxes = [...root.querySelectorAll<HTMLInputElement>('tr[data-hash] input[type="checkbox"]')]
    expect(boxes.map((box) => box.checked)).toEqual([false, true, false])
    expect(boxes[2]!.getAttribute('aria-label')).toBe(`Select ${PAGE_ONE[2]}`)
    show(PAGE_ONE.slice(0, 3), new Set([PAGE_ONE[0]!, PAGE_ONE[2]!]))
    expect(boxes.map((box) => box.checked)).toEqual([true, false, true])
    boxes[1]!.click()
    expect(onSelect).toHaveBeenLastCalledWith(PAGE_ONE[1], true)
  })
})
