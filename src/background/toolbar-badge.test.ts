import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TONE_COLORS } from '../shared/tone-palette.ts'
import type { Classification, HashState, HashStates } from '../shared/verdict.ts'

/** What the toolbar shows, per tab, as browser.action keeps it. */
const badgeText = new Map<number, string>()
const badgeColor = new Map<number, string>()
const setBadgeText = vi.fn(async ({ tabId, text }: { tabId: number; text: string }) => { badgeText.set(tabId, text) })

vi.mock('webextension-polyfill', () => ({
  default: {
    action: {
      setBadgeText: (details: { tabId: number; text: string }) => setBadgeText(details),
      setBadgeBackgroundColor: async ({ tabId, color }: { tabId: number; color: string }) => { badgeColor.set(tabId, color) },
    },
  },
}))

const { BadgeCounts, ToolbarBadge, badgeFor } = await import('./toolbar-badge.ts')

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

describe('badgeFor', () => {
  it('the badge counts malicious first, then suspicious', () => {
    expect(badgeFor(['MALICIOUS', 'SUSPICIOUS', 'MALICIOUS'])).toMatchObject({ text: '2' })
    expect(badgeFor(['SUSPICIOUS', 'KNOWN'])).toMatchObject({ text: '1' })
    expect(badgeFor(['KNOWN', 'UNKNOWN', 'NOT_FOUND'])).toMatchObject({ text: '' })
  })

  it('is drawn in the palette\'s colour of the tone it counts', () => {
    expect(badgeFor(['MALICIOUS', 'SUSPICIOUS']).color).toBe(TONE_COLORS.malicious)
    expect(badgeFor(['SUSPICIOUS', 'KNOWN']).color).toBe(TONE_COLORS.suspicious)
  })
})

describe('ToolbarBadge', () => {
  const TAB = 9

  function setup(shown: string[], cached: HashStates = {}) {
    let releasePeek: (() => void) | null = null
    let isPeekSlow = false
    const peek = vi.fn(async (hashes: readonly string[]): Promise<HashStates> => {
      if (isPeekSlow) await new Promise<void>((resolve) => { releasePeek = resolve })
      return Object.fromEntries(hashes.flatMap((hash) => (cached[hash] ? [[hash, cached[hash]]] : [])))
    })
    const badge = new ToolbarBadge({ tabs: { ready: Promise.resolve(), hashesOf: () => shown }, peek })
    return { badge, peek, slowPeek: () => { isPeekSlow = true }, releasePeek: () => releasePeek?.() }
  }

  beforeEach(() => {
    vi.useFakeTimers()
    badgeText.clear()
    badgeColor.clear()
    setBadgeText.mockClear()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('draws once for a burst of pushes, 150 ms after the first, counting every push', async () => {
    const { badge, peek } = setup([A, B, C], { [A]: verdict(A, 'MALICIOUS') })
    badge.schedule(TAB)
    badge.schedule(TAB, { [B]: verdict(B, 'MALICIOUS') })
    await vi.advanceTimersByTimeAsync(100)
    badge.schedule(TAB, { [C]: verdict(C, 'SUSPICIOUS') })
    await vi.advanceTimersByTimeAsync(49)
    expect(setBadgeText).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(setBadgeText).toHaveBeenCalledTimes(1)
    expect(peek).toHaveBeenCalledTimes(1)
    expect(badgeText.get(TAB)).toBe('2')
    expect(badgeColor.get(TAB)).toBe(TONE_COLORS.malicious)
  })

  it('reads each shown hash once; later verdicts come from pushes alone', async () => {
    const { badge, peek } = setup([A, B], { [A]: verdict(A, 'SUSPICIOUS') })
    badge.schedule(TAB)
    await vi.advanceTimersByTimeAsync(150)
    expect(badgeText.get(TAB)).toBe('1')
    badge.schedule(TAB, { [B]: verdict(B, 'MALICIOUS') })
    await vi.advanceTimersByTimeAsync(150)
    expect(peek).toHaveBeenCalledTimes(1)
    expect(badgeText.get(TAB)).toBe('1') // one malicious outranks the suspicious one
    expect(badgeColor.get(TAB)).toBe(TONE_COLORS.malicious)
  })

  it('takes the states a report was answered with as its one read: only the hashes no answer gave are read', async () => {
    const { badge, peek } = setup([A, B, C], { [C]: verdict(C, 'MALICIOUS') })
    badge.schedule(TAB, {}, { [A]: verdict(A, 'MALICIOUS'), [B]: { state: 'pending' } })
    await vi.advanceTimersByTimeAsync(150)
    expect(peek).toHaveBeenCalledTimes(1)
    expect(peek).toHaveBeenCalledWith([C])
    expect(badgeText.get(TAB)).toBe('2')
    // A later report of hashes the badge has met reads nothing.
    badge.schedule(TAB, {}, { [A]: verdict(A, 'MALICIOUS') })
    await vi.advanceTimersByTimeAsync(150)
    expect(peek).toHaveBeenCalledTimes(1)
  })

  it('a tab forgotten before its timer fires gets no badge from the old page', async () => {
    const { badge, peek } = setup([A], { [A]: verdict(A, 'MALICIOUS') })
    badge.schedule(TAB, { [A]: verdict(A, 'MALICIOUS') })
    badge.forget(TAB)
    await vi.advanceTimersByTimeAsync(1000)
    expect(peek).not.toHaveBeenCalled()
    expect(setBadgeText).not.toHaveBeenCalled()
  })

  it('a refresh that outlives its page writes nothing', async () => {
    const { badge, peek, slowPeek, releasePeek } = setup([A], { [A]: verdict(A, 'MALICIOUS') })
    slowPeek()
    badge.schedule(TAB)
    await vi.advanceTimersByTimeAsync(150)
    expect(peek).toHaveBeenCalledTimes(1)
    badge.forget(TAB) // a new page while the cache was read
    releasePeek()
    await vi.advanceTimersByTimeAsync(0)
    expect(setBadgeText).not.toHaveBeenCalled()
  })
})
