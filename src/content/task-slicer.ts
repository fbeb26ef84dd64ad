/** Slices of ~8 ms: well under a 50 ms long task, and room left in a 16 ms frame for the page. */

export interface TaskSlicer {
  /** Starts timing a slice; call when a new task begins (a timer or message handler). */
  beginSlice(): void
  /** One clock read: cheap enough to ask between small units of work. */
  isOverBudget(): boolean
  /** Rejects with the signal's reason once aborted, so loops unwind without checks. */
  yield(): Promise<void>
}

export interface TaskSlicerOptions {
  budgetMs?: number
  now?: () => number
  yieldToMain?: () => Promise<void>
  signal?: AbortSignal
}

export const DEFAULT_SLICE_BUDGET_MS = 8

export function createTaskSlicer(options: TaskSlicerOptions = {}): TaskSlicer {
  const budgetMs = options.budgetMs ?? DEFAULT_SLICE_BUDGET_MS
  const now = options.now ?? (() => performance.now())
  const yieldToMain = options.yieldToMain ?? defaultYieldToMain()
  const signal = options.signal
  let sliceStart = now()

  return {
    beginSlice() {
      sliceStart = now()
    },
    isOverBudget() {
      return now() - sliceStart >= budgetMs
    },
    async yield() {
      signal?.throwIfAborted()
      await yieldToMain()
      signal?.throwIfAborted()
      sliceStart = now()
    },
  }
}

interface SchedulerWithYield {
  yield(): Promise<void>
}

/**
 * `scheduler.yield()` (Chrome 129+) resumes ahead of queued tasks, so a busy page cannot starve
 * a scan; else a MessageChannel task, which unlike a nested `setTimeout(0)` is not clamped to 4 ms.
 */
export function defaultYieldToMain(): () => Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<SchedulerWithYield> }).scheduler
  if (scheduler && typeof scheduler.yield === 'function') {
    const schedulerWithYield = scheduler as SchedulerWithYield
    return () => schedulerWithYield.yield()
  }
  if (typeof MessageChannel === 'function') return messageChannelYield()
  return () => new Promise((resolve) => setTimeout(resolve, 0))
}

function messageChannelYield(): () => Promise<void> {
  const channel = new MessageChannel()
  const waiting: Array<() => void> = []
  channel.port1.onmessage = () => waiting.shift()?.()
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve)
      channel.port2.postMessage(null)
    })
}
