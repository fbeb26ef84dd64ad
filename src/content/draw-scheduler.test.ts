import { describe, expect, it } from 'vitest'
import { createDrawScheduler } from './draw-scheduler.ts'

/** A fake clock and timer queue, and frames whose rendering cost the test decides. */
function harness(frameCostMs: number) {
  let time = 0
  const timers: Array<{ at: number; callback: () => void }> = []
  /** Animation-frame callbacks in the order asked for, as the browser runs them. */
  const frameCallbacks: Array<() => void> = []
  const afterFrame: Array<() => void> = []
  const schedule = createDrawScheduler({
    signal: new AbortController().signal,
    now: () => time,
    setTimer: (callback, ms) => timers.push({ at: time + ms, callback }),
    measureFrame: () => new Promise((resolve) => {
      let frameAt = 0
      frameCallbacks.push(() => {
        frameAt = time
      })
      afterFrame.push(() => resolve({ frameAt, afterFrameAt: time }))
    }),
  })
  return {
    schedule,
    get time() {
      return time
    },
    /** What a draw does in the next animation frame (MarkPainter reads and writes there). */
    requestFrame(callback: () => void): void {
      frameCallbacks.push(callback)
    },
    advance(ms: number): void {
      time += ms
    },
    /** Runs the earliest timer (moving the clock to it); false when none is set. */
    runTimer(): boolean {
      timers.sort((a, b) => a.at - b.at)
      const timer = timers.shift()
      if (!timer) return false
      time = Math.max(time, timer.at)
      timer.callback()
      return true
    },
    /** The frame's callbacks, then its rendering, then the task after it. */
    async runFrame(): Promise<void> {
      for (const callback of frameCallbacks.splice(0)) callback()
      time += frameCostMs
      for (const resolve of afterFrame.splice(0)) resolve()
      await Promise.resolve()
      await Promise.resolve()
    },
  }
}

describe('createDrawScheduler', () => {
  it('draws the first change at once and everything queued meanwhile in one later draw', async () => {
    const h = harness(2)
    const draws: string[] = []
    h.schedule(() => draws.push('a'))
    expect(h.runTimer()).toBe(true)
    expect(draws).toEqual(['a'])
    h.schedule(() => draws.push('b'))
    h.schedule(() => draws.push('c'))
    // Nothing goes while the first draw's frame is being timed.
    expect(h.runTimer()).toBe(false)
    await h.runFrame()
    expect(h.runTimer()).toBe(true)
    expect(draws).toEqual(['a', 'c'])
  })

  it('waits longer after an expensive frame, but never more than a second', async () => {
    const cheap = harness(2)
    cheap.schedule(() => undefined)
    cheap.runTimer()
    await cheap.runFrame()
    const cheapEnd = cheap.time
    cheap.schedule(() => undefined)
    cheap.runTimer()
    expect(cheap.time - cheapEnd).toBe(50) // the minimum gap

    const costly = harness(100)
    costly.schedule(() => undefined)
    costly.runTimer()
    await costly.runFrame()
    const costlyEnd = costly.time
    costly.schedule(() => undefined)
    costly.runTimer()
    expect(costly.time - costlyEnd).toBe(400) // 4 × the frame's cost

    const huge = harness(900)
    huge.schedule(() => undefined)
    huge.runTimer()
    await huge.runFrame()
    const hugeEnd = huge.time
    huge.schedule(() => undefined)
    huge.runTimer()
    expect(huge.time - hugeEnd).toBe(1000)
  })

  it('counts the work a draw does in the animation frame into its cost', async () => {
    const h = harness(10)
    h.schedule(() => h.requestFrame(() => h.advance(90)))
    h.runTimer()
    await h.runFrame()
    const frameEnd = h.time
    h.schedule(() => undefined)
    h.runTimer()
    expect(h.time - frameEnd).toBe(400) // 4 × (90 ms of drawing + 10 ms of rendering)
  })
})
