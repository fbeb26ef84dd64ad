import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { HashStates } from '../shared/verdict.ts'
import { RetryWaker } from './retry-waker.ts'

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e'
const SHA1 = 'a'.repeat(40)

function setup() {
  const lifetime = new AbortController()
  const wake = vi.fn()
  const waker = new RetryWaker({ wake, signal: lifetime.signal })
  return { waker, wake, lifetime }
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 11, 2, 1, 0, 0) })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('RetryWaker', () => {
  it('wakes the worker once when a pending hash\'s retry is due, not before', () => {
    const { waker, wake } = setup()
    const retryAt = Date.now() + 2000
    waker.noteStates({ [MD5]: { state: 'pending', retryAt }, [SHA1]: { state: 'pending', retryAt } })
    vi.advanceTimersByTime(1999)
    expect(wake).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(wake).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(60_000)
    expect(wake).toHaveBeenCalledTimes(1)
  })

  it('the same retry time pushed again sets no second wake; a new backoff sets its own', () => {
    const { waker, wake } = setup()
    const first = Date.now() + 1000
    waker.noteStates({ [MD5]: { state: 'pending', retryAt: first } })
    waker.noteStates({ [MD5]: { state: 'pending', retryAt: first } })
    vi.advanceTimersByTime(1000)
    expect(wake).toHaveBeenCalledTimes(1)
    waker.noteStates({ [MD5]: { state: 'pending', retryAt: Date.now() + 4000 } })
    vi.advanceTimersByTime(4000)
    expect(wake).toHaveBeenCalledTimes(2)
  })

  it('sets nothing for states without a retry time, or with one already past', () => {
    const { waker, wake } = setup()
    const states: HashStates = {
      [MD5]: { state: 'pending' },
      [SHA1]: { state: 'pending', retryAt: Date.now() - 1 },
      ['b'.repeat(64)]: { state: 'error', error: 'rate-limited' },
      ['c'.repeat(64)]: { state: 'idle' },
    }
    waker.noteStates(states)
    vi.advanceTimersByTime(120_000)
    expect(wake).not.toHaveBeenCalled()
  })

  it('an orphaned script (its lifetime aborted) wakes nothing', () => {
    const { waker, wake, lifetime } = setup()
    waker.noteStates({ [MD5]: { state: 'pending', retryAt: Date.now() + 1000 } })
    lifetime.abort()
    waker.noteStates({ [SHA1]: { state: 'pending', retryAt: Date.now() + 2000 } })
    vi.advanceTimersByTime(10_000)
    expect(wake).not.toHaveBeenCalled()
  })
})
