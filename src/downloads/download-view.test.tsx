// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import type { DownloadCheck } from '../shared/download-checks.ts'
import type { HashDetailsReport } from '../shared/sample-details.ts'
import type { WorkerEvent } from '../shared/worker-events.ts'

const SHA256 = 'a1'.padEnd(64, '3')
const HASHES = { md5: 'b'.repeat(32), sha1: 'c'.repeat(40), sha256: SHA256 }
const DONE: DownloadCheck = {
  id: 7, fileName: '<img src=x onerror=alert(1)>.exe', url: 'https://files.example/get?f=<b>setup</b>', bytes: 1_500_000, mime: 'application/x-msdownload',
  completedAt: Date.UTC(2026, 11, 4, 18, 30), step: 'done', hashes: HASHES,
  state: { state: 'verdict', verdict: { hash: SHA256, type: 'sha256', classification: 'MALICIOUS', sampleHashes: {}, checkedAt: 0 } },
}
const NOT_CHECKED: DownloadCheck = {
  id: 8, fileName: 'report.pdf', url: 'blob:https://mail.example/1234', bytes: 2000, mime: null, completedAt: Date.UTC(2026, 11, 4, 18, 40),
  step: 'not-checked', notChecked: { reason: 'no-url' },
}
const HASHING: DownloadCheck = { ...DONE, id: 9, fileName: 'big.iso', step: 'hashing', bytesHashed: 500_000, hashes: undefined, state: undefined }

let checks: DownloadCheck[] = []
let deleteAnswer: { ok: true } | { ok: false; error: string } = { ok: true }
const askWorker = vi.fn(async (message: { type: string; id?: number; hash?: string }): Promise<unknown> => {
  switch (message.type) {
    case 'get-download-checks': return structuredClone(checks)
    case 'delete-download': return deleteAnswer
    case 'get-hash-details': return { hash: message.hash!, state: DONE.state, xref: {}, rha1: { unavailable: 'type-unknown' } } satisfies HashDetailsReport
    case 'get-pivot-links': return []
    default: return null
  }
})
const listeners = new Set<(event: WorkerEvent) => void>()
vi.mock('../ui/ask-worker.ts', () => ({
  askWorker: (message: { type: string }) => askWorker(message),
  onWorkerEvent: (listener: (event: WorkerEvent) => void) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
}))
const tabsCreate = vi.fn(async (_options: unknown) => undefined)
vi.mock('webextension-polyfill', () => ({
  default: { tabs: { create: (options: unknown) => tabsCreate(options) }, runtime: { getURL: (path: string) => `chrome-extension://id/${path}` } },
}))
const { DownloadPage, downloadIdOf } = await import('./download-view.tsx')

let root: HTMLElement
beforeEach(() => {
  root = document.createElement('div')
  document.body.append(root)
  askWorker.mockClear()
  tabsCreate.mockClear()
  deleteAnswer = { ok: true }
})
afterEach(() => {
  render(null, root)
  root.remove()
})

async function show(id: number | null, kept: DownloadCheck[]) {
  checks = kept
  await act(async () => { render(<DownloadPage id={id} />, root) })
  await vi.waitFor(() => expect(root.textContent).not.toContain('Loading'))
}

/** The worker changed a check: as its push does. */
async function workerChanged(changed: DownloadCheck[], id: number) {
  checks = changed
  await act(async () => { for (const listener of listeners) listener({ type: 'download-checks-changed', id }) })
  await act(async () => undefined)
}

const button = (selector: string) => root.querySelector<HTMLButtonElement>(selector)!

describe('downloadIdOf', () => {
  it('reads a download id, and nothing else, from the query', () => {
    expect(downloadIdOf('?id=12')).toBe(12)
    expect(downloadIdOf('?id=0')).toBe(0)
    for (const search of ['', '?id=', '?id=-1', '?id=1.5', '?id=12abc', '?other=1']) expect(downloadIdOf(search), search).toBeNull()
  })
})

describe('DownloadPage', () => {
  it('shows a checked download: name and address as text, size, time, its three hashes copyable, the verdict in the detail view', async () => {
    await show(7, [DONE])
    expect(root.querySelector('h2#download-heading')?.textContent).toBe(DONE.fileName)
    expect(root.querySelector('img')).toBeNull()
    expect(root.querySelector('b')).toBeNull()
    expect(root.textContent).toContain(DONE.url)
    expect([...root.querySelectorAll('a')].some((link) => link.href.includes('files.example'))).toBe(false)
    expect(root.textContent).toContain('1.5 MB')
    expect(root.textContent).toContain('2026-12-04 18:30 UTC')
    expect([...root.querySelectorAll('[data-download-hash]')].map((cell) => cell.textContent)).toEqual([HASHES.md5, HASHES.sha1, SHA256])
    expect(root.querySelector(`[data-details-hash="${SHA256}"]`)?.textContent).toContain('Malicious')

    const writeText = vi.fn(async (_text: string) => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    await act(async () => button('[data-copy-hash="sha256"]').click())
    expect(writeText).toHaveBeenCalledWith(SHA256)
    expect(button('[data-copy-hash="sha256"]').getAttribute('aria-label')).toBe('Copy SHA-256')
    expect(root.textContent).toContain('Copied the SHA-256.')
  })

  it('Delete file asks in the page, deletes through the worker, and is disabled once the file is gone', async () => {
    await show(7, [DONE])
    await act(async () => button('[data-download-delete]').click())
    expect(root.querySelector('[data-download-confirm]')?.textContent).toContain(`Delete ${DONE.fileName} from your disk? This cannot be undone.`)
    expect(document.activeElement).toBe(button('[data-download-delete-cancel]'))
    // Keep it: nothing is asked, and the focus goes back.
    await act(async () => button('[data-download-delete-cancel]').click())
    expect(askWorker).not.toHaveBeenCalledWith({ type: 'delete-download', id: 7 })
    expect(document.activeElement).toBe(button('[data-download-delete]'))

    await act(async () => button('[data-download-delete]').click())
    await act(async () => button('[data-download-delete-confirm]').click())
    expect(askWorker).toHaveBeenCalledWith({ type: 'delete-download', id: 7 })
    await workerChanged([{ ...DONE, isDeleted: true }], 7)
    expect(root.querySelector('[data-download-delete-result]')?.textContent).toBe('The file was deleted from your disk.')
    expect(button('[data-download-delete]').disabled).toBe(true)
    expect(button('[data-download-show]').disabled).toBe(true)
  })

  it('says why Delete file failed, and leaves it to try again', async () => {
    deleteAnswer = { ok: false, error: 'The file could not be deleted: it may have been moved or deleted already.' }
    await show(7, [DONE])
    await act(async () => button('[data-download-delete]').click())
    await act(async () => button('[data-download-delete-confirm]').click())
    await act(async () => undefined)
    expect(root.querySelector('[data-download-delete-result]')?.textContent).toBe(deleteAnswer.error)
    expect(button('[data-download-delete]').disabled).toBe(false)
  })

  it('Show in folder asks the worker for that download', async () => {
    await show(7, [DONE])
    await act(async () => button('[data-download-show]').click())
    expect(askWorker).toHaveBeenCalledWith({ type: 'show-download', id: 7 })
  })

  it('a download not checked: the sentence, and "Check a file…" opening the Check files page', async () => {
    await show(8, [NOT_CHECKED])
    expect(root.querySelector('[data-not-checked] .hl-error')?.textContent).toMatch(/^Could not check this download: ./)
    expect(root.querySelector('[data-download-hash]')).toBeNull()
    expect(root.querySelector('[data-details-hash]')).toBeNull()
    await act(async () => button('[data-check-file]').click())
    expect(tabsCreate).toHaveBeenCalledWith({ url: 'chrome-extension://id/src/files/check-files.html' })
  })

  it('shows progress while hashing and follows the worker live to the verdict', async () => {
    await show(9, [HASHING])
    const progress = root.querySelector('progress')!
    expect(progress.getAttribute('max')).toBe('1500000')
    expect(progress.getAttribute('value')).toBe('500000')
    expect(root.querySelector('[data-download-hash]')).toBeNull()
    await workerChanged([{ ...HASHING, step: 'done', hashes: HASHES, state: DONE.state }], 9)
    expect(root.querySelector('progress')).toBeNull()
    expect(root.querySelector('[data-download-hash="sha256"]')?.textContent).toBe(SHA256)
  })

  it('without an id, or with one no longer kept: the recent checks, newest first as the worker gives them, each linking to its details', async () => {
    await show(null, [NOT_CHECKED, DONE])
    const rows = [...root.querySelectorAll('[data-download-row]')]
    expect(rows.map((row) => row.querySelector('a')?.textContent)).toEqual(['report.pdf', DONE.fileName])
    expect(rows.map((row) => row.querySelector('a')?.getAttribute('href'))).toEqual(['?id=8', '?id=7'])
    expect(rows[0]!.textContent).toContain('Not checked')
    expect(rows[1]!.textContent).toContain('Malicious')
    expect(root.querySelector('[data-download-not-kept]')).toBeNull()

    act(() => render(null, root))
    await show(42, [DONE])
    expect(root.querySelector('[data-download-not-kept]')).not.toBeNull()
    expect(root.querySelectorAll('[data-download-row]')).toHaveLength(1)

    act(() => render(null, root))
    await show(null, [])
    expect(root.querySelector('[data-download-list-empty]')).not.toBeNull()
    await workerChanged([DONE], 7)
    expect(root.querySelectorAll('[data-download-row]')).toHaveLength(1)
  })
})
