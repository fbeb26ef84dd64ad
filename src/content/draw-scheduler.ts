/**
 * Paces MarkPainter's draws. Each draw reads the drawn marks' rects and hit-tests those on screen, and verdicts come
 * in batches of 100: so changes are drawn together, each draw waiting a multiple of the last one's frame cost
 * (README "Performance"). The first draw goes at once.
 */

export type ScheduleDraw = (draw: () => void) => void

export interface DrawSchedulerOptions {
  signal: AbortSignal
  /** The next draw waits this many times the last draw's frame cost… */
  costMultiple?: number
  /** …but at least this long (lets a burst of answers gather)… */
  minGapMs?: number
  /** …and never longer than this: a verdict is not held back for more than a second. */
  maxGapMs?: number
  now?: () => number
  setTimer?: (callback: () => void, ms: number) => void
  /** Resolves with the time the next frame's animation callbacks ran, and the time of the first task after that frame. */
  measureFrame?: () => Promise<{ frameAt: number; afterFrameAt: number } | null>
}

export const DRAW_COST_MULTIPLE = 4
export const MIN_DRAW_GAP_MS = 50
export const MAX_DRAW_GAP_MS = 1000
/** A frame that does not come (hidden tab) is not waited for longer than this. */
const FRAME_TIMEOUT_MS = 500

export function createDrawScheduler(options: DrawSchedulerOptions): ScheduleDraw {
  const costMultiple = options.costMultiple ?? DRAW_COST_MULTIPLE
  const minGapMs = options.minGapMs ?? MIN_DRAW_GAP_MS
  const maxGapMs = options.maxGapMs ?? MAX_DRAW_GAP_MS
  const now = options.now ?? (() => performance.now())
  const setTimer = options.setTimer ?? ((callback, ms) => void setTimeout(callback, ms))
  const measureFrame = options.measureFrame ?? browserFrameTiming
  const { signal } = options

  let pending: (() => void) | null = null
  let isTimerSet = false
  /** A draw's frame is being timed: the next one waits for the verdict on this one. */
  let isMeasuring = false
  let nextAllowedAt = 0

  function arm(): void {
    if (pending === null || isTimerSet || isMeasuring || signal.aborted) return
    isTimerSet = true
    setTimer(run, Math.max(0, nextAllowedAt - now()))
  }

  function run(): void {
    isTimerSet = false
    const draw = pending
    pending = null
    if (draw === null || signal.aborted) return
    isMeasuring = true
    // Asked for before the draw: a draw that waits for the animation frame (MarkPainter's) is timed in it.
    const frameTiming = measureFrame()
    const startedAt = now()
    draw()
    const scriptMs = now() - startedAt
    void frameTiming.then((frame) => {
      const renderMs = frame ? Math.max(0, frame.afterFrameAt - frame.frameAt) : 0
      const cost = scriptMs + renderMs
      nextAllowedAt = now() + Math.min(maxGapMs, Math.max(minGapMs, cost * costMultiple))
      isMeasuring = false
      arm()
    })
  }

  return (draw) => {
    pending = draw
    arm()
  }
}

/** rAF, then a message-channel task: it runs once the frame (style, layout, paint) is done. */
export function browserFrameTiming(): Promise<{ frameAt: number; afterFrameAt: number } | null> {
  if (typeof requestAnimationFrame !== 'function' || typeof MessageChannel !== 'function') return Promise.resolve(null)
  if (typeof document !== 'undefined' && document.visibilityState !== 'visible') return Promise.resolve(null)
  return new Promise((resolve) => {
    const timeout = setTimeout(() => resolve(null), FRAME_TIMEOUT_MS)
    requestAnimationFrame(() => {
      const frameAt = performance.now()
      const channel = new MessageChannel()
      channel.port1.onmessage = () => {
        clearTimeout(timeout)
        channel.port1.close()
        resolve({ frameAt, afterFrameAt: performance.now() })
      }
      channel.port2.postMessage(null)
    })
  })
}
