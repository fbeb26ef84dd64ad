import { describe, expect, it } from 'vitest'
import { BadgeCounts } from './badge-counts.ts'
import type { Classification, HashState } from '../shared/verdict.ts'

const A = 'a'.repeat(40)
const B = 'b'.repeat(40)
const C = 'c'.repeat(40)

function verdict(hash: string, classification: Classification): HashState {
  return { state: 'verdict', verdict: { hash, type: 'sha1', classification, sampleHashes: {}, checkedAt: 0 } }
}

describe('BadgeCounts', () => {
  it('asks for each hash of a tab once, then counts from what is pushed', () => {
    const counts = new BadgeCounts()
    expect(counts.unseen(1, [A, B])).toEqual([A, B])
    // The one read: A cached as malicious, B queued.
    counts.record(1, { [A]: verdict(A, 'MALICIOUS'), [B]: { state: 'pending' } }, [A, B])
    expect(counts.unseen(1, [A, B, C])).toEqual([C])
    counts.record(1, {}, [C]) // C: no state at all (idle beyond the cap)
    expect(counts.unseen(1, [A, B, C])).toEqual([])
    expect(counts.classesOf(1, [A, B, C])).toEqual(['MALICIOUS'])
    counts.record(1, { [B]: verdict(B, 'SUSPICIOUS') })
    expect(counts.classesOf(1, [A, B, C])).toEqual(['MALICIOUS', 'SUSPICIOUS'])
  })

  it('keeps the last verdict while a hash is looked up again, and takes the new one', () => {
    const counts = new BadgeCounts()
    counts.record(2, { [A]: verdict(A, 'MALICIOUS') })
    counts.record(2, { [A]: { state: 'pending' } })
    expect(counts.classesOf(2, [A])).toEqual(['MALICIOUS'])
    counts.record(2, { [A]: verdict(A, 'KNOWN') })
    expect(counts.classesOf(2, [A])).toEqual(['KNOWN'])
  })

  it('counts only the hashes the tab shows now, per tab, and forgets a tab on a new page', () => {
    const counts = new BadgeCounts()
    counts.record(3, { [A]: verdict(A, 'MALICIOUS'), [B]: verdict(B, 'MALICIOUS') })
    counts.record(4, { [C]: verdict(C, 'SUSPICIOUS') })
    expect(counts.classesOf(3, [A])).toEqual(['MALICIOUS'])
    expect(counts.classesOf(4, [A, C])).toEqual(['SUSPICIOUS'])
    counts.forget(3)
    expect(counts.classesOf(3, [A, B])).toEqual([])
    expect(counts.unseen(3, [A])).toEqual([A])
    expect(counts.classesOf(4, [C])).toEqual(['SUSPICIOUS'])
  })
})

describe('BadgeCounts generations', () => {
  it('tells a refresh that started before a new page or a close that its count is stale', () => {
    const counts = new BadgeCounts()
    const before = counts.generation(5)
    counts.forget(5)
    expect(counts.generation(5)).not.toBe(before)
    const afterNavigation = counts.generation(5)
    counts.record(5, { [A]: verdict(A, 'MALICIOUS') })
    counts.forget(6)
    counts.forget(5)
    expect(counts.generation(5)).not.toBe(afterNavigation)
    expect(counts.classesOf(5, [A])).toEqual([])
    expect(counts.tabCount).toBe(0)
  })
})
