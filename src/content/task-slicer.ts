/**
 * Cuts long work into slices so the page never sees a long task from HashLens.
 *
 * The caller checks `isOverBudget()` between small units of work (cheap: one clock
 * read) and, when it says so, awaits `yield()`, which hands the main thread back to the
 * page (input, rendering, its own tasks) and resumes in a later task. The budget of
 * ~8 ms keeps each slice well under the 50 ms that counts as a long task and leaves
 * room in a 16 ms frame for the page itself.
 */

export interface TaskSlicer {
  /** Starts timing a slice; call when a new task begins (a timer or message handler). */
  beginSlice(): void
  /** Whether this slice has used its budget and the caller should `yield()`. */
  isOverBudget(): boolean
  /**
   * Gives the main thread back and starts a fresh slice when it returns. Rejects with
   * the signal's reason once the signal is aborted, so loops unwind without checks.
   */
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
 * `scheduler.yield()` (Chrome 129+) resumes ahead of other queued tasks, so a scan is
 * not starved on a busy page. Older browsers get a MessageChannel task: unlike a nested
 * `setTimeout(0)` it is not clamped to 4 ms, so many small yields cost little.
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
