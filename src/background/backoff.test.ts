import { describe, expect, it, vi } from 'vitest'
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffDelay } from './backoff.ts'

const low = () => 0
const high = () => 1

describe('backoffDelay', () => {
  it('the base is 1 s and the cap is 60 s', () => {
    expect(BACKOFF_BASE_MS).toBe(1000)
    expect(BACKOFF_MAX_MS).toBe(60_000)
  })

  it('the first failure waits between half and all of the base step', () => {
    expect(backoffDelay(1, low)).toBe(500)
    expect(backoffDelay(1, high)).toBe(1000)
  })

  it('each further failure doubles the step: random 0 gives step/2, random 1 gives step', () => {
    for (let failures = 1; failures <= 6; failures++) {
      const step = BACKOFF_BASE_MS * 2 ** (failures - 1)
      expect(backoffDelay(failures, low)).toBe(step / 2)
      expect(backoffDelay(failures, high)).toBe(step)
    }
  })

  it('grows for certain: the lowest delay of failure n+1 is at least the highest of failure n until the cap', () => {
    for (let failures = 1; failures < 6; failures++) {
      expect(backoffDelay(failures + 1, low)).toBeGreaterThanOrEqual(backoffDelay(failures, high))
    }
  })

  it('caps at BACKOFF_MAX_MS (between half of it and all of it) however many failures', () => {
    for (const failures of [7, 8, 20, 100, 5000]) {
      expect(backoffDelay(failures, high)).toBe(BACKOFF_MAX_MS)
      expect(backoffDelay(failures, low)).toBe(BACKOFF_MAX_MS / 2)
    }
  })

  it('treats 0 or fewer failures like the first', () => {
    expect(backoffDelay(0, high)).toBe(1000)
    expect(backoffDelay(-3, low)).toBe(500)
  })

  it('jitter uses the random source: a middle value lands in the middle', () => {
    const random = vi.fn(() => 0.5)
    expect(backoffDelay(3, random)).toBe(3000) // step 4000: 2000 + 2000 * 0.5
    expect(random).toHaveBeenCalledTimes(1)
  })

  it('different random values give different delays (batches do not retry in lock-step)', () => {
    const delays = new Set([0, 0.25, 0.5, 0.75, 1].map((r) => backoffDelay(4, () => r)))
    expect(delays.size).toBe(5)
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(4000)
      expect(d).toBeLessThanOrEqual(8000)
    }
  })

  it('defaults to Math.random', () => {
    const spy = vi.spyOn(Math, 'random').mockReturnValue(0)
    expect(backoffDelay(2)).toBe(1000)
    expect(spy).toHaveBeenCalled()
  })

  it('returns whole milliseconds', () => {
    expect(Number.isInteger(backoffDelay(1, () => 0.3333))).toBe(true)
  })
})
