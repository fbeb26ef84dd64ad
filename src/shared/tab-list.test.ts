import { describe, expect, it } from 'vitest'
import type { HashStates, Verdict } from './verdict.ts'
import { HASH_FILTERS, isRemaining, isSkipped, pageOfTabList } from './tab-list.ts'

const verdict = (classification: Verdict['classification']) => ({ state: 'verdict', verdict: { classification } }) as HashStates[string]

describe('pageOfTabList', () => {
  const hashes = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']
  const states: HashStates = {
    a1: verdict('MALICIOUS'), a2: { state: 'pending' }, a3: verdict('MALICIOUS'), a4: { state: 'idle' },
    a5: { state: 'error', error: 'timeout' },
  }

  it('counts every hash by verdict, and the remaining ones, whatever the page', () => {
    expect(pageOfTabList(hashes, states, 'all', 2)).toEqual({
      hashes: ['a1', 'a2'], matching: 6, total: 6, counts: { MALICIOUS: 2, other: 4 }, remaining: 3, skipped: 0,
    })
  })

  it('counts a hash skipped as no file sample apart from the remaining ones, among those without a verdict', () => {
    const withSkip: HashStates = { ...states, a4: { state: 'idle', skippedAs: 'dependency-checksum' } }
    expect(pageOfTabList(hashes, withSkip, 'all', 2)).toMatchObject({ counts: { MALICIOUS: 2, other: 4 }, remaining: 2, skipped: 1 })
    expect(pageOfTabList(hashes, withSkip, 'other', 10).hashes).toContain('a4')
    expect(isRemaining(withSkip.a4)).toBe(false)
    expect(isSkipped(withSkip.a4)).toBe(true)
    expect(isSkipped({ state: 'idle' })).toBe(false)
    expect(isSkipped(undefined)).toBe(false)
  })

  it('keeps the filter\'s hashes in the tab\'s order, up to the limit', () => {
    expect(pageOfTabList(hashes, states, 'MALICIOUS', 1)).toMatchObject({ hashes: ['a1'], matching: 2, total: 6 })
    expect(pageOfTabList(hashes, states, 'other', 10)).toMatchObject({ hashes: ['a2', 'a4', 'a5', 'a6'], matching: 4 })
    expect(pageOfTabList(hashes, states, 'KNOWN', 10)).toMatchObject({ hashes: [], matching: 0 })
  })

  it('names every filter the popup offers', () => {
    expect(HASH_FILTERS).toEqual(['all', 'MALICIOUS', 'SUSPICIOUS', 'KNOWN', 'UNKNOWN', 'NOT_FOUND', 'other'])
  })
})
