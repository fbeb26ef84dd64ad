// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import type { StatusReport, WorkerEvent } from '../shared/worker-events.ts'

const READY: StatusReport = { status: { kind: 'ready' }, usage: null, pending: 0, cachedVerdicts: 0 }
const asked = vi.fn(async () => READY)
const listeners = new Set<(event: WorkerEvent) => void>()

vi.mock('./ask-worker.ts', () => ({
  askWorker: (request: { type: string }) => (request.type === 'get-status' ? asked() : Promise.reject(new Error(request.type))),
  onWorkerEvent: (listener: (event: WorkerEvent) => void) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
}))

const { useStatusReport } = await import('./status-report.ts')

let shown: ReturnType<typeof useStatusReport> | null = null
function Probe() {
  shown = useStatusReport()
  return null
}

let root: HTMLElement
beforeEach(() => {
  vi.useFakeTimers()
  asked.mockClear()
  root = document.createElement('div')
})
afterEach(() => {
  render(null, root)
  vi.useRealTimers()
})

describe('useStatusReport', () => {
  it('asks at once, every second, on each status change and on refresh(); stops asking once unmounted', async () => {
    act(() => render(<Probe />, root))
    expect(asked).toHaveBeenCalledTimes(1)
    await act(async () => { await vi.advanceTimersByTimeAsync(0) })
    expect(shown?.[0]).toEqual(READY)

    await act(async () => { await vi.advanceTimersByTimeAsync(3000) })
    expect(asked).toHaveBeenCalledTimes(4)
    act(() => { for (const listener of listeners) listener({ type: 'status-changed', status: { kind: 'ready' } }) })
    expect(asked).toHaveBeenCalledTimes(5)
    act(() => { for (const listener of listeners) listener({ type: 'states-changed', states: {} }) })
    expect(asked).toHaveBeenCalledTimes(5)
    act(() => shown![1]())
    expect(asked).toHaveBeenCalledTimes(6)

    act(() => render(null, root))
    expect(listeners.size).toBe(0)
    await act(async () => { await vi.advanceTimersByTimeAsync(5000) })
    expect(asked).toHaveBeenCalledTimes(6)
  })
})
