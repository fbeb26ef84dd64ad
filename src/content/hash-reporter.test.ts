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

describe('HashReporter past the tab\'s bound, and while the worker is busy', () => {
  function recordingReporter(maxListed: number) {
    const sent: Array<{ hashes: string[]; unlisted: number }> = []
    const applied: HashStates[] = []
    let release: (() => void) | null = null
    let isGated = false
    let isWorkerUp = true
    const reporter = new HashReporter({
      send: async (hashes, unlisted) => {
        sent.push({ hashes, unlisted })
        if (isGated) await new Promise<void>((resolve) => { release = resolve })
        return isWorkerUp ? Object.fromEntries(hashes.map((hash) => [hash, { state: 'pending' as const }])) : null
      },
      onStates: (states) => applied.push(states),
      maxListed,
      viewportDistance: () => 0,
    })
    return {
      reporter, sent, applied,
      gate: () => { isGated = true },
      open: () => { isGated = false; release?.() },
      setWorkerUp: (isUp: boolean) => { isWorkerUp = isUp },
    }
  }
  const container = {} as Node
  const found = (...ids: number[]) => ids.map((id) => ({ hash: hex(id), container }))

  it('sends the first hashes by name and only a count of the rest, which show "not looked up" at once', async () => {
    const { reporter, sent, applied } = recordingReporter(3)
    const done = reporter.report(found(1, 2, 3, 4, 5))
    // Before any answer: the worker would answer the same for hashes it cannot list.
    expect(applied).toEqual([{ [hex(4)]: { state: 'idle' }, [hex(5)]: { state: 'idle' } }])
    await done
    expect(sent).toEqual([{ hashes: [hex(1), hex(2), hex(3)], unlisted: 2 }])
    await reporter.report(found(4, 2, 6))
    expect(sent.at(-1)).toEqual({ hashes: [], unlisted: 1 })
    expect(applied.at(-1)).toEqual({})
    expect(applied.at(-2)).toEqual({ [hex(6)]: { state: 'idle' } })
  })

  it('says once, at the first hash past the bound, that the document floods', async () => {
    let floods = 0
    const reporter = new HashReporter({ send: async () => ({}), onStates: () => undefined, maxListed: 3, viewportDistance: () => 0, onPastBound: () => floods++ })
    await reporter.report(found(1, 2, 3))
    expect(floods).toBe(0)
    await reporter.report(found(4))
    await reporter.report(found(5, 6))
    expect(floods).toBe(1)
  })

  it('puts the reports made while a message is in flight into one message, in their order', async () => {
    const { reporter, sent, gate, open } = recordingReporter(4)
    gate()
    const first = reporter.report(found(1))
    void reporter.report(found(2, 3))
    void reporter.report(found(4, 5, 6))
    open()
    await first
    await reporter.report([])
    expect(sent).toEqual([{ hashes: [hex(1)], unlisted: 0 }, { hashes: [hex(2), hex(3), hex(4)], unlisted: 2 }])
  })

  it('counts again what the worker did not receive, and sends the same split again after a back/forward restore', async () => {
    const { reporter, sent, setWorkerUp } = recordingReporter(2)
    setWorkerUp(false)
    await reporter.report(found(1, 2, 3))
    setWorkerUp(true)
    await reporter.report(found(3, 1, 2))
    expect(sent).toEqual([{ hashes: [hex(1), hex(2)], unlisted: 1 }, { hashes: [hex(3), hex(1)], unlisted: 1 }])
    sent.length = 0
    await reporter.reportAgain()
    expect(sent).toEqual([{ hashes: [hex(3), hex(1)], unlisted: 1 }])
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

  describe('hashes that look like no file sample (issue 13)', () => {
    const container = {} as Node
    function recordingReporter() {
      const sent: Array<{ hashes: string[]; skipped: Array<{ hash: string; kind: string }> }> = []
      const reporter = new HashReporter({
        send: async (hashes, _unlisted, skipped) => (sent.push({ hashes, skipped }), {}),
        onStates: () => undefined,
      })
      return { sent, reporter }
    }

    it('a hash is skipped only when every occurrence in the pass looks like no sample, with the first one\'s kind', async () => {
      const { sent, reporter } = recordingReporter()
      await reporter.report([
        { hash: hex(1), container, skippedAs: 'dependency-checksum' },
        { hash: hex(1), container, skippedAs: 'commit-id' },
        { hash: hex(2), container, skippedAs: 'commit-id' },
        { hash: hex(2), container, skippedAs: null },
        { hash: hex(3), container },
        { hash: hex(4), container, skippedAs: null },
        { hash: hex(4), container, skippedAs: 'commit-id' },
      ])
      expect(sent).toEqual([{ hashes: [hex(1), hex(2), hex(3), hex(4)], skipped: [{ hash: hex(1), kind: 'dependency-checksum' }] }])
    })

    it('a skipped hash found later as a sample goes again, as a sample; a sample never becomes skipped', async () => {
      const { sent, reporter } = recordingReporter()
      await reporter.report([{ hash: hex(1), container, skippedAs: 'dependency-checksum' }, { hash: hex(2), container }])
      await reporter.report([{ hash: hex(2), container, skippedAs: 'commit-id' }, { hash: hex(1), container, skippedAs: 'dependency-checksum' }])
      expect(sent).toHaveLength(1)
      await reporter.report([{ hash: hex(1), container }])
      expect(sent[1]).toEqual({ hashes: [hex(1)], skipped: [] })
      await reporter.report([{ hash: hex(1), container, skippedAs: 'dependency-checksum' }])
      expect(sent).toHaveLength(2)
    })

    it('a page restored from the back/forward cache reports its skips again as they stand', async () => {
      const { sent, reporter } = recordingReporter()
      await reporter.report([{ hash: hex(1), container, skippedAs: 'commit-id' }, { hash: hex(2), container }])
      await reporter.reportAgain()
      expect(sent[1]).toEqual({ hashes: [hex(1), hex(2)], skipped: [{ hash: hex(1), kind: 'commit-id' }] })
    })
  })
})
