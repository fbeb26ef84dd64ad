import { describe, expect, it } from 'vitest'
import { nearRange, type VerticalExtent } from './near-range.ts'

/** One mark per line of `lineHeight` px, the first at `firstTop`; counts how many extents were read. */
function lines(count: number, firstTop: number, lineHeight = 14) {
  const reads: number[] = []
  const extentOf = (index: number): VerticalExtent => {
    reads.push(index)
    return { top: firstTop + index * lineHeight, bottom: firstTop + (index + 1) * lineHeight }
  }
  return { count, extentOf, reads }
}

describe('nearRange', () => {
  it('finds the marks of a tall block that meet the band, reading a few dozen of 2,000', () => {
    const block = lines(2000, -7000)
    const range = nearRange(block.count, block.extentOf, -900, 1800)
    // Line i spans [-7000 + 14i, -6986 + 14i]: the first to reach -900 is 435, the first below 1800 is 629.
    expect(range).toEqual({ start: 435, end: 629 })
    expect(new Set(block.reads).size).toBeLessThan(30)
  })

  it('is empty when the band is above or below the whole block', () => {
    expect(nearRange(100, lines(100, 5000).extentOf, -900, 1800)).toEqual({ start: 0, end: 0 })
    expect(nearRange(100, lines(100, -9000).extentOf, -900, 1800)).toEqual({ start: 100, end: 100 })
  })

  it('covers the whole block when it fits in the band', () => {
    expect(nearRange(100, lines(100, 0, 5).extentOf, -900, 1800)).toEqual({ start: 0, end: 100 })
  })

  it('gives up (lay everything out) when a later mark is above an earlier one: columns, reversed flex, a rotation', () => {
    // Two columns: marks 0–999 down the left, 1000–1999 down the right, each from the top again.
    const columns = (index: number): VerticalExtent => ({ top: (index % 1000) * 14, bottom: (index % 1000) * 14 + 14 })
    expect(nearRange(2000, columns, -900, 1800)).toBeNull()
    const upsideDown = (index: number): VerticalExtent => ({ top: -index * 14, bottom: -index * 14 + 14 })
    expect(nearRange(2000, upsideDown, -900, 1800)).toBeNull()
  })

  it('gives up when a mark it probes has no box (its text hidden or gone)', () => {
    const block = lines(500, -3000)
    expect(nearRange(500, (index) => (index === 499 ? null : block.extentOf(index)), -900, 1800)).toBeNull()
    expect(nearRange(500, (index) => (index === 250 ? null : block.extentOf(index)), -900, 1800)).toBeNull()
  })

  it('keeps marks of one line together (equal tops are in order)', () => {
    // Four hashes per line.
    const extentOf = (index: number): VerticalExtent => ({ top: Math.floor(index / 4) * 14 - 2000, bottom: Math.floor(index / 4) * 14 - 1986 })
    const range = nearRange(1000, extentOf, 0, 100)!
    for (let index = range.start; index < range.end; index++) {
      const { top, bottom } = extentOf(index)
      expect(bottom >= 0 && top <= 100).toBe(true)
    }
    expect(extentOf(range.start - 1).bottom).toBeLessThan(0)
    expect(extentOf(range.end).top).toBeGreaterThan(100)
  })
})
