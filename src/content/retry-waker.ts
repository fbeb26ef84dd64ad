/**
 * Wakes the worker when a backoff this document's hashes wait out is over (why: MIN_ALARM_DELAY_MS
 * in lookup-engine.ts). A wake only starts the worker; the worker decides what is due.
 */
import type { HashStates } from '../shared/verdict.ts'

export interface RetryWakerOptions {
  wake: () => void
  signal: AbortSignal
  now?: () => number
}

export class RetryWaker {
  readonly #options: RetryWakerOptions
  /** By due time: every push of one backoff carries the same time, so there are only a few. */
  readonly #timers = new Map<number, ReturnType<typeof setTimeout>>()

  constructor(options: RetryWakerOptions) {
    this.#options = options
    options.signal.addEventListener('abort', () => {
      for (const timer of this.#timers.values()) clearTimeout(timer)
      this.#timers.clear()
    }, { once: true })
  }

  /** Sets a wake for each retry time among the states that is still to come. */
  noteStates(states: HashStates): void {
    if (this.#options.signal.aborted) return
    const now = (this.#options.now ?? Date.now)()
    for (const state of Object.values(states)) {
      if (state.state !== 'pending' || state.retryAt === undefined) continue
      const at = state.retryAt
      if (at <= now || this.#timers.has(at)) continue
      this.#timers.set(at, setTimeout(() => {
        this.#timers.delete(at)
        this.#options.wake()
      }, at - now))
    }
  }
}
