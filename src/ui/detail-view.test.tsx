// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import type { DetailsAnswer, HashDetailsReport, MoreResult, XrefDetails } from '../shared/sample-details.ts'

const askWorker = vi.fn(async (_message: unknown): Promise<unknown> => null)
vi.mock('./ask-worker.ts', () => ({ askWorker: (message: unknown) => askWorker(message), onWorkerEvent: () => () => undefined }))
const { DetailView } = await import('./detail-view.tsx')

const HASH = 'a1'.padEnd(40, '0')
const BASE: HashDetailsReport = {
  hash: HASH,
  state: { state: 'verdict', verdict: { hash: HASH, type: 'sha1', classification: 'MALICIOUS', threatName: '<b>Win32.Trojan.Emotet</b>', threatLevel: 5, scannerMatch: 44, scannerCount: 47, sampleHashes: { md5: 'b'.repeat(32) }, checkedAt: 0 } },
  xref: {},
  rha1: { unavailable: 'type-unknown' },
}
const XREF: DetailsAnswer<XrefDetails> = { found: true, details: { sampleType: 'PE32 executable', sampleSize: 1024, results: [{ engine: 'avast', detection: 'Win32:Malware-gen' }, { engine: 'clamav', detection: '' }] } }

let root: HTMLElement
beforeEach(() => {
  root = document.createElement('div')
  document.body.append(root)
  askWorker.mockReset()
})
afterEach(() => {
  render(null, root)
  root.remove()
})

async function show(report: HashDetailsReport, more?: MoreResult) {
  askWorker.mockImplementation(async (message) => ((message as { type: string }).type === 'get-hash-details' ? report : more))
  await act(async () => {
    render(<DetailView hash={HASH} pivotLinks={<p data-pivots>pivots</p>} />, root)
  })
}

const buttonNamed = (text: string) => [...root.querySelectorAll('button')].find((button) => button.textContent === text)

describe('DetailView', () => {
  it('shows what the cache knows as text, the pivot slot, and "More" saying it costs a lookup', async () => {
    await show(BASE)
    expect(root.textContent).toContain('<b>Win32.Trojan.Emotet</b>')
    expect(root.querySelector('b')).toBeNull()
    expect(root.textContent).toContain('44 of 47')
    expect(root.querySelector('[data-pivots]')).not.toBeNull()
    expect(buttonNamed('Multi-AV history — costs 1 lookup')).toBeDefined()
    expect(root.querySelector('[data-more="rha1"]')?.textContent).toContain('RHA1 needs the file type')
  })

  it('shows the engines table after "More", and a failure beside its button without erasing the facts', async () => {
    await show(BASE, { ok: true, report: { ...BASE, xref: { cached: { answer: XREF, storedAt: Date.UTC(2026, 11, 2, 18) } }, rha1: {} } })
    await act(async () => buttonNamed('Multi-AV history — costs 1 lookup')!.click())
    expect(askWorker).toHaveBeenCalledWith({ type: 'fetch-hash-more', hash: HASH, api: 'xref' })
    const rows = [...root.querySelectorAll('[data-engine]')].map((row) => row.textContent)
    expect(rows).toEqual(['avastWin32:Malware-gen', 'clamavnot detected'])
    expect(buttonNamed('Functionally similar files (RHA1) — costs 1 lookup')).toBeDefined()

    act(() => render(null, root))
    await show(BASE, { ok: false, problem: { kind: 'forbidden' }, report: { ...BASE, xref: { unavailable: 'not-entitled' } } })
    await act(async () => buttonNamed('Multi-AV history — costs 1 lookup')!.click())
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('not entitled to Multi-AV history')
    expect(buttonNamed('Multi-AV history — costs 1 lookup')).toBeUndefined()
    expect(root.textContent).toContain('<b>Win32.Trojan.Emotet</b>')
  })

  it('says when the engine\'s backoff holds "More" back', async () => {
    await show(BASE, { ok: false, problem: { kind: 'engine-waiting', status: { kind: 'rate-limited', retryAt: Date.UTC(2026, 11, 2, 18, 30) } }, report: BASE })
    await act(async () => buttonNamed('Multi-AV history — costs 1 lookup')!.click())
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('2026-12-02 18:30 UTC')
  })
})
