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
    hashes: [SAMPLE, CHECKSUM, COMMIT], matching: 3, total: 3, counts: { other: 3 }, remaining: 1, skipped: 2,
    states: {}, unlisted: 0, site: 'crates.example', isIdleSite: false, idleSitesManaged: false, lookupMode: 'automatic',
    selectionOffer: [], ...overrides,
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

function show(report: TabReport, onChanged = vi.fn()) {
  act(() => {
    render(<PageView tabId={5} report={report} states={STATES} filter="all" onFilter={vi.fn()} onShowMore={vi.fn()} onChanged={onChanged} />, root)
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

describe('PageView: STIX export (issue 14 part 5)', () => {
  async function exportStix(): Promise<{ name: string; text: string; type: string }> {
    const blobs: Blob[] = []
    const names: string[] = []
    const created = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => { blobs.push(blob as Blob); return 'blob:x' })
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { names.push(this.download) })
    root.querySelector<HTMLButtonElement>('[data-export-stix]')!.click()
    await vi.waitFor(() => expect(blobs).toHaveLength(1))
    created.mockRestore()
    clicked.mockRestore()
    return { name: names[0]!, text: await blobs[0]!.text(), type: blobs[0]!.type }
  }

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
