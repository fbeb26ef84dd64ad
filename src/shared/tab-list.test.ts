import { describe, expect, it } from 'vitest'
import type { HashStates, Verdict } from './verdict.ts'
import { HASH_FILTERS, isRemaining, isSkipped, matchesSearch, pageOfTabList, type HashFilter, type TabListQuery } from './tab-list.ts'

const verdict = (classification: Verdict['classification'], threatName?: string) => ({ state: 'verdict', verdict: { classification, threatName } }) as HashStates[string]
const only = (filter: HashFilter): TabListQuery => ({ filter, search: '', sort: 'page' })

describe('pageOfTabList', () => {
  const hashes = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']
  const states: HashStates = {
    a1: verdict('MALICIOUS'), a2: { state: 'pending' }, a3: verdict('MALICIOUS'), a4: { state: 'idle' },
    a5: { state: 'error', error: 'timeout' },
  }

  it('counts every hash by verdict, and the remaining ones, whatever the page', () => {
    expect(pageOfTabList(hashes, states, only('all'), 0, 2)).toEqual({
      hashes: ['a1', 'a2'], offset: 0, matching: 6, total: 6, counts: { MALICIOUS: 2, other: 4 }, remaining: 3, skipped: 0,
    })
  })

  it('pages through the list from an offset, and a page past the end reads as the last page', () => {
    expect(pageOfTabList(hashes, states, only('all'), 2, 2)).toMatchObject({ hashes: ['a3', 'a4'], offset: 2, matching: 6 })
    expect(pageOfTabList(hashes, states, only('all'), 4, 4)).toMatchObject({ hashes: ['a5', 'a6'], offset: 4 })
    // The list shrank under the view (a filter, a navigation): the last page there is, not an empty one.
    expect(pageOfTabList(hashes, states, only('MALICIOUS'), 4, 2)).toMatchObject({ hashes: ['a1', 'a3'], offset: 0, matching: 2 })
    expect(pageOfTabList(hashes, states, only('KNOWN'), 6, 2)).toMatchObject({ hashes: [], offset: 0, matching: 0 })
    // Sorted, a later page is the sorted list's, not the page order's.
    expect(pageOfTabList(hashes, states, { filter: 'all', search: '', sort: 'verdict' }, 0, 2).hashes).toEqual(['a1', 'a3'])
    expect(pageOfTabList(hashes, states, { filter: 'all', search: '', sort: 'verdict' }, 2, 2).hashes).not.toContain('a1')
  })

  it('counts a hash skipped as no file sample apart from the remaining ones, among those without a verdict', () => {
    const withSkip: HashStates = { ...states, a4: { state: 'idle', skippedAs: 'dependency-checksum' } }
    expect(pageOfTabList(hashes, withSkip, only('all'), 0, 2)).toMatchObject({ counts: { MALICIOUS: 2, other: 4 }, remaining: 2, skipped: 1 })
    expect(pageOfTabList(hashes, withSkip, only('other'), 0, 10).hashes).toContain('a4')
    expect(isRemaining(withSkip.a4)).toBe(false)
    expect(isSkipped(withSkip.a4)).toBe(true)
    expect(isSkipped({ state: 'idle' })).toBe(false)
    expect(isSkipped(undefined)).toBe(false)
  })

  it('keeps the filter\'s hashes in the tab\'s order, up to the limit', () => {
    expect(pageOfTabList(hashes, states, only('MALICIOUS'), 0, 1)).toMatchObject({ hashes: ['a1'], matching: 2, total: 6 })
    expect(pageOfTabList(hashes, states, only('other'), 0, 10)).toMatchObject({ hashes: ['a2', 'a4', 'a5', 'a6'], matching: 4 })
    expect(pageOfTabList(hashes, states, only('KNOWN'), 0, 10)).toMatchObject({ hashes: [], matching: 0 })
  })

  it('searches every hash of the tab, by a part of the hash or of the threat name, in either case; the counts stay the tab\'s', () => {
    const tab = ['aa01', 'BB02', 'cc03', 'dd04']
    const named: HashStates = { aa01: verdict('MALICIOUS', 'Win32.Trojan.Emotet'), BB02: verdict('KNOWN'), cc03: { state: 'pending' } }
    const search = (text: string, limit = 10) => pageOfTabList(tab, named, { filter: 'all', search: text, sort: 'page' }, 0, limit)
    expect(search('emotet')).toMatchObject({ hashes: ['aa01'], matching: 1, total: 4, counts: { MALICIOUS: 1, KNOWN: 1, other: 2 } })
    expect(search('bb0').hashes).toEqual(['BB02'])
    expect(search('0').hashes).toEqual(tab)
    // Past the rows sent: the match is counted, and found however far down the tab it is.
    expect(search('0', 1)).toMatchObject({ hashes: ['aa01'], matching: 4 })
    expect(search('d04').hashes).toEqual(['dd04'])
    expect(search('zz')).toMatchObject({ hashes: [], matching: 0, total: 4 })
    // With a filter, both must hold.
    expect(pageOfTabList(tab, named, { filter: 'KNOWN', search: '0', sort: 'page' }, 0, 10).hashes).toEqual(['BB02'])
    expect(pageOfTabList(tab, named, { filter: 'KNOWN', search: 'emotet', sort: 'page' }, 0, 10).hashes).toEqual([])
  })

  it('a threat name matches only a verdict\'s; an error or a pending state has none to match', () => {
    expect(matchesSearch('ab', verdict('SUSPICIOUS', 'Script.Dropper'), 'DROP')).toBe(true)
    expect(matchesSearch('ab', verdict('SUSPICIOUS'), 'drop')).toBe(false)
    expect(matchesSearch('ab', { state: 'error', error: 'timeout' }, 'time')).toBe(false)
    expect(matchesSearch('ab', undefined, '')).toBe(true)
  })

  it('sorts by verdict, most severe first, then errors, pending and not looked up, each in the page\'s order', () => {
    const tab = ['n1', 'p1', 'k1', 'm1', 'e1', 'u1', 's1', 'f1', 'm2', 'i1']
    const mixed: HashStates = {
      p1: { state: 'pending' }, k1: verdict('KNOWN'), m1: verdict('MALICIOUS'), e1: { state: 'error', error: 'timeout' },
      u1: verdict('UNKNOWN'), s1: verdict('SUSPICIOUS'), f1: verdict('NOT_FOUND'), m2: verdict('MALICIOUS'), i1: { state: 'idle' },
    }
    const sorted = (limit: number) => pageOfTabList(tab, mixed, { filter: 'all', search: '', sort: 'verdict' }, 0, limit)
    expect(sorted(20).hashes).toEqual(['m1', 'm2', 's1', 'k1', 'u1', 'f1', 'e1', 'p1', 'n1', 'i1'])
    // The first page of a sorted list is the most severe of the whole tab, not of its first rows.
    expect(sorted(2)).toMatchObject({ hashes: ['m1', 'm2'], matching: 10 })
    expect(pageOfTabList(tab, mixed, { filter: 'all', search: '', sort: 'page' }, 0, 20).hashes).toEqual(tab)
    expect(pageOfTabList(tab, mixed, { filter: 'other', search: '', sort: 'verdict' }, 0, 20).hashes).toEqual(['e1', 'p1', 'n1', 'i1'])
  })

  it('names every filter the popup offers', () => {
    expect(HASH_FILTERS).toEqual(['all', 'MALICIOUS', 'SUSPICIOUS', 'KNOWN', 'UNKNOWN', 'NOT_FOUND', 'other'])
  })
})
