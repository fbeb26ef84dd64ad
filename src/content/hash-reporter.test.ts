import { describe, expect, it, vi } from 'vitest'
import type { HashStates } from '../shared/verdict.ts'
import { HashReporter } from './hash-reporter.ts'

function hex(index: number, length = 32): string {
  return index.toString(16).padStart(length, 'a')
}

describe('HashReporter', () => {
  it('reports each hash once, in chunks, and applies the answers', async () => {
    const sent: string[][] = []
    const applied: HashStates[] = []
    const reporter = new HashReporter({
      send: async (hashes) => {
        sent.push(hashes)
        return Object.fromEntries(hashes.map((hash) => [hash, { state: 'idle' as const }]))
      },
      onStates: (states) => applied.push(states),
      chunkSize: 2,
    })
    const container = {} as Node
    await reporter.report(['1', '2', '3', '1'].map((id) => ({ hash: hex(Number(id)), container })))
    await reporter.report([{ hash: hex(2), container }, { hash: hex(4), container }])
    expect(sent).toEqual([[hex(1), hex(2)], [hex(3)], [hex(4)]])
    expect(applied).toHaveLength(3)
  })

  it('sends hashes near the viewport first', async () => {
    const sent: string[][] = []
    const far = { name: 'far' } as unknown as Node
    const near = { name: 'near' } as unknown as Node
    const viewportDistance = vi.fn((container: Node) => (container === near ? 0 : 5000))
    const reporter = new HashReporter({
      send: async (hashes) => (sent.push(hashes), {}),
      onStates: () => undefined,
      viewportDistance,
    })
    await reporter.report([{ hash: hex(1), container: far }, { hash: hex(2), container: near }, { hash: hex(3), container: far }])
    expect(sent).toEqual([[hex(2), hex(1), hex(3)]])
    expect(viewportDistance).toHaveBeenCalledTimes(2) // once per container, not per hash

    await reporter.report([{ hash: hex(4), container: far }, { hash: hex(5), container: near }], false)
    expect(sent[1]).toEqual([hex(4), hex(5)])
    expect(viewportDistance).toHaveBeenCalledTimes(2) // no layout read for later passes
  })

  it('reports again what the worker did not receive', async () => {
    let isWorkerUp = false
    const sent: string[][] = []
    const reporter = new HashReporter({
      send: async (hashes) => (sent.push(hashes), isWorkerUp ? {} : null),
      onStates: () => undefined,
    })
    const container = {} as Node
    await reporter.report([{ hash: hex(1), container }])
    isWorkerUp = true
    await reporter.report([{ hash: hex(1), container }])
    expect(sent).toEqual([[hex(1)], [hex(1)]])
  })
})

describe('HashReporter.reportAgain (a page restored from the back/forward cache)', () => {
  it('sends every hash reported so far once more, in chunks, and applies the answers', async () => {
    const sent: string[][] = []
    const applied: HashStates[] = []
    const reporter = new HashReporter({
      send: async (hashes) => {
        sent.push(hashes)
        return Object.fromEntries(hashes.map((hash) => [hash, { state: 'pending' as const }]))
      },
      onStates: (states) => applied.push(states),
      chunkSize: 2,
      viewportDistance: () => 0,
    })
    const container = {} as Node
    await reporter.report([1, 2, 3].map((n) => ({ hash: hex(n), container })))
    sent.length = 0
    applied.length = 0
    await reporter.reportAgain()
    expect(sent.flat().sort()).toEqual([hex(1), hex(2), hex(3)].sort())
    expect(sent.every((chunk) => chunk.length <= 2)).toBe(true)
    expect(applied).toHaveLength(sent.length)
    // Still reported: a later scan finding the same text sends nothing more.
    sent.length = 0
    await reporter.report([{ hash: hex(2), container }])
    expect(sent).toEqual([])
  })

  it('sends nothing when nothing was reported, and lets a failed resend be reported by a later scan', async () => {
    let isWorkerUp = true
    const sent: string[][] = []
    const reporter = new HashReporter({
      send: async (hashes) => (sent.push(hashes), isWorkerUp ? {} : null),
      onStates: () => undefined,
    })
    await reporter.reportAgain()
    expect(sent).toEqual([])
    const container = {} as Node
    await reporter.report([{ hash: hex(1), container }])
    isWorkerUp = false
    await reporter.reportAgain()
    isWorkerUp = true
    await reporter.report([{ hash: hex(1), container }])
    expect(sent).toEqual([[hex(1)], [hex(1)], [hex(1)]])
  })
})
