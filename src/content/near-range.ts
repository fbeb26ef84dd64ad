/**
 * A text block with thousands of hashes (a log, a flood of fresh hashes) shares one anchor, so the proximity observer
 * calls all of it near: laying every mark out at each draw read 2,000 rects per draw, 15% of a core on a page that
 * replaced its block every 250 ms. Its marks in text order run top to bottom, so a binary search finds the few near
 * the screen. Issue 12: a flooding tab slowed the other tabs' lookups by 1.4–1.5×.
 */

/** A block with fewer marks is laid out whole: reading them all costs less than a millisecond. */
export const BIG_BLOCK_MARKS = 64

export interface VerticalExtent {
  top: number
  bottom: number
}

/**
 * The index range [start, end) of marks (in text order) whose boxes may meet the band [bandTop, bandBottom], or null
 * when they are not laid out top to bottom (a probe found a mark without a box, or a later mark above an earlier one:
 * a multi-column block, a reversed flex, a rotation), and then every mark must be laid out.
 */
export function nearRange(count: number, extentOf: (index: number) => VerticalExtent | null, bandTop: number,
  bandBottom: number): { start: number; end: number } | null {
  const probes = new Map<number, VerticalExtent | null>()
  const probe = (index: number): VerticalExtent | null => {
    if (!probes.has(index)) probes.set(index, extentOf(index))
    return probes.get(index)!
  }
  /** The first index whose mark satisfies `isPast` (false, then true, along a top-to-bottom block); null if a probe has no box. */
  const firstPast = (isPast: (extent: VerticalExtent) => boolean): number | null => {
    let low = 0
    let high = count
    while (low < high) {
      const middle = (low + high) >>> 1
      const extent = probe(middle)
      if (extent === null) return null
      if (isPast(extent)) high = middle
      else low = middle + 1
    }
    return low
  }
  if (count === 0) return { start: 0, end: 0 }
  if (probe(0) === null || probe(count - 1) === null) return null
  const start = firstPast((extent) => extent.bottom >= bandTop)
  const end = firstPast((extent) => extent.top > bandBottom)
  if (start === null || end === null) return null
  // The search only holds if every mark it looked at is below the ones before it.
  let previousTop = Number.NEGATIVE_INFINITY
  for (const index of [...probes.keys()].sort((a, b) => a - b)) {
    const { top } = probes.get(index)!
    if (top < previousTop) return null
    previousTop = top
  }
  return { start, end: Math.max(start, end) }
}
