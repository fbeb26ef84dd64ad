import { describe, expect, it, vi } from 'vitest'
import { createTaskSlicer, defaultYieldToMain } from './task-slicer.ts'

describe('createTaskSlicer', () => {
  it('yields once a slice has used its budget, and starts a new slice after', async () => {
    let clock = 0
    const yieldToMain = vi.fn(async () => {
      clock += 1 // the page's own task
    })
    const slicer = createTaskSlicer({ budgetMs: 8, now: () => clock, yieldToMain })
    slicer.beginSlice()
    const slices: number[] = [0]
    for (let item = 0; item < 20; item++) {
      clock += 3 // one unit of work
      slices[slices.length - 1]!++
      if (slicer.isOverBudget()) {
        await slicer.yield()
        slices.push(0)
      }
    }
    // 3 ms per item, 8 ms budget: a yield after every third item.
    expect(yieldToMain).toHaveBeenCalledTimes(6)
    expect(slices).toEqual([3, 3, 3, 3, 3, 3, 2])
  })

  it('rejects with the abort reason once aborted, before and after yielding', async () => {
    const controller = new AbortController()
    let release: () => void = () => undefined
    const slicer = createTaskSlicer({ signal: controller.signal, yieldToMain: () => new Promise((resolve) => (release = resolve)) })
    const pending = slicer.yield()
    controller.abort(new Error('stopped'))
    release()
    await expect(pending).rejects.toThrow('stopped')
    await expect(slicer.yield()).rejects.toThrow('stopped')
  })
})

describe('defaultYieldToMain', () => {
  it('prefers scheduler.yield when the browser has it', async () => {
    const schedulerYield = vi.fn(() => Promise.resolve())
    vi.stubGlobal('scheduler', { yield: schedulerYield })
    try {
      await defaultYieldToMain()()
      expect(schedulerYield).toHaveBeenCalledOnce()
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('falls back to a MessageChannel task', async () => {
    let isResumed = false
    const resumed = defaultYieldToMain()().then(() => (isResumed = true))
    await Promise.resolve()
    expect(isResumed).toBe(false) // a task, not a microtask
    await resumed
    expect(isResumed).toBe(true)
  })
})
