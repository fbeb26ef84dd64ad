// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import type { EngineStatus } from '../shared/engine-status.ts'
import type { StatusReport } from '../shared/worker-events.ts'
import { useRefreshWhileRetrying } from './retry-countdown.ts'

function reportOf(status: EngineStatus): StatusReport {
  return { status, usage: null, pending: 1, cachedVerdicts: 0 }
}

function Probe({ report, refresh }: { report: StatusReport | null; refresh: () => void }) {
  useRefreshWhileRetrying(report, refresh)
  return null
}

let root: HTMLElement
beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 11, 2, 1, 0, 0) })
  root = document.createElement('div')
})
afterEach(() => {
  render(null, root)
  vi.useRealTimers()
})

describe('useRefreshWhileRetrying', () => {
  it('asks for the status every second while it counts down to a retry, and stops when it no longer does', () => {
    const refresh = vi.fn()
    act(() => render(<Probe report={reportOf({ kind: 'rate-limited', retryAt: Date.now() + 3000 })} refresh={refresh} />, root))
    act(() => { vi.advanceTimersByTime(3000) })
    expect(refresh).toHaveBeenCalledTimes(3)
    act(() => render(<Probe report={reportOf({ kind: 'ready' })} refresh={refresh} />, root))
    act(() => { vi.advanceTimersByTime(10_000) })
    expect(refresh).toHaveBeenCalledTimes(3)
  })

  it('asks nothing for a status without a countdown', () => {
    const refresh = vi.fn()
    for (const status of [{ kind: 'ready' }, { kind: 'offline', retryAt: null }, { kind: 'unauthorized' }] as EngineStatus[]) {
      act(() => render(<Probe report={reportOf(status)} refresh={refresh} />, root))
      act(() => { vi.advanceTimersByTime(5000) })
    }
    act(() => render(<Probe report={null} refresh={refresh} />, root))
    act(() => { vi.advanceTimersByTime(5000) })
    expect(refresh).not.toHaveBeenCalled()
  })

  it('calls the latest refresh it was given', () => {
    const first = vi.fn()
    const second = vi.fn()
    const report = reportOf({ kind: 'unavailable', retryAt: Date.now() + 5000 })
    act(() => render(<Probe report={report} refresh={first} />, root))
    act(() => render(<Probe report={report} refresh={second} />, root))
    act(() => { vi.advanceTimersByTime(1000) })
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledTimes(1)
  })
})
