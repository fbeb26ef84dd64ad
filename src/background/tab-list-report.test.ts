import { describe, expect, it, vi } from 'vitest'
import type { HashStates } from '../shared/verdict.ts'
import { tabListReport } from './tab-list-report.ts'
import type { NotSampleKind } from '../shared/sample-judgement.ts'

const listed = Array.from({ length: 500 }, (_, i) => i.toString(16).padStart(40, '0'))
const offered = ['f'.repeat(40)]

function context(unlisted = 0, skipped: ReadonlyMap<string, NotSampleKind> = new Map()) {
  const peek = vi.fn(async (hashes: readonly string[]): Promise<HashStates> =>
    Object.fromEntries(hashes.filter((_, i) => i % 2 === 0).map((hash) => [hash, { state: 'idle' as const }])))
  return {
    peek,
    ctx: {
      tabs: { ready: Promise.resolve(), hashesOf: () => [...listed], selectionOfferOf: () => [...offered], unlistedCountOf: () => unlisted, skippedOf: () => skipped },
      engine: { peek },
    },
  }
}

describe('tabListReport', () => {
  it('sends counts over the whole tab but the states of one page only, and the count past the bound', async () => {
    const { ctx } = context(30_000)
    const report = await tabListReport(7, ctx)
    expect(report.hashes).toEqual(listed.slice(0, 200))
    expect(report.total).toBe(500)
    expect(report.matching).toBe(500)
    expect(report.counts).toEqual({ other: 500 })
    expect(report.remaining).toBe(500)
    expect(report.unlisted).toBe(30_000)
    expect(Object.keys(report.states).every((hash) => report.hashes.includes(hash) || offered.includes(hash))).toBe(true)
    expect(Object.keys(report.states)).toHaveLength(100 + offered.length)
  })

  it('a quick answer for a large tab reads no state at all: its first rows, without states or counts', async () => {
    const { ctx, peek } = context()
    const large = Array.from({ length: 5000 }, (_, i) => i.toString(16).padStart(40, '0'))
    ctx.tabs.hashesOf = () => [...large]
    const report = await tabListReport(7, ctx, { quick: true })
    expect(peek).not.toHaveBeenCalled()
    expect(report).toMatchObject({ hashes: large.slice(0, 200), matching: 5000, total: 5000, states: {} })
    expect(report.counts).toBeUndefined()
    // A small tab is counted at once anyway, and a filter needs every state.
    ctx.tabs.hashesOf = () => [...listed]
    expect((await tabListReport(7, ctx, { quick: true })).counts).toEqual({ other: 500 })
  })

  it('answers the page asked for, and keeps the selection on offer while it is not looked up', async () => {
    const { ctx } = context()
    const report = await tabListReport(7, ctx, { filter: 'other', offset: 400 })
    expect(report).toMatchObject({ hashes: listed.slice(400, 600), offset: 400 })
    expect(report.selectionOffer).toEqual(offered)
  })

  it('searches and sorts the whole tab, not only a page of it, and a quick answer does neither without the states', async () => {
    const { ctx, peek } = context()
    const large = Array.from({ length: 5000 }, (_, i) => i.toString(16).padStart(40, '0'))
    ctx.tabs.hashesOf = () => [...large]
    const last = large.at(-1)!
    peek.mockImplementation(async (hashes) => Object.fromEntries(hashes.map((hash) => [hash, hash === last
      ? { state: 'verdict' as const, verdict: { hash, type: 'sha1' as const, classification: 'MALICIOUS' as const, threatName: 'Win32.Trojan.Farthest', sampleHashes: {}, checkedAt: 0 } }
      : { state: 'idle' as const }])))
    const found = await tabListReport(7, ctx, { search: '  FARTHEST ', quick: true })
    expect(found).toMatchObject({ hashes: [last], matching: 1, total: 5000 })
    expect(found.counts).toEqual({ MALICIOUS: 1, other: 4999 })
    expect(found.states[last]).toMatchObject({ state: 'verdict' })
    const sorted = await tabListReport(7, ctx, { sort: 'verdict', quick: true })
    expect(sorted.hashes.slice(0, 2)).toEqual([last, large[0]])
    // A quick answer pages too, past the end to the last page.
    expect(await tabListReport(7, ctx, { quick: true, offset: 9000 })).toMatchObject({ hashes: large.slice(4800), offset: 4800 })
  })

  it('answers the selected rows still on the tab with their states, and drops the others', async () => {
    const { ctx } = context()
    const gone = 'e'.repeat(40)
    const report = await tabListReport(7, ctx, { selectedRows: [listed[400]!, gone, listed[2]!, listed[400]!] })
    expect(report.selectedRows).toEqual([listed[400], listed[2]])
    // Past the page sent (200 rows), a selected row still brings its state.
    expect(report.states[listed[400]!]).toEqual({ state: 'idle' })
    expect(report.states[gone]).toBeUndefined()
  })
})
