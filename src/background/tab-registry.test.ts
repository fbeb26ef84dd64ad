import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

/** storage.session as Chrome keeps it: survives a worker restart (a new TabRegistry). */
const session = new Map<string, unknown>()
const writes: number[] = []
/** The keys of each write: a tab's change must write that tab's keys only. */
const writtenKeys: string[][] = []
let failWrites = false
/** When set, writes wait for it (a slow browser process). */
let writeGate: Promise<void> | null = null

/** Which documents answer a message (by documentId in Chromium, by frameId in Firefox); the rest are gone. */
let liveFrames: () => Promise<{ frameId: number; documentId?: string }[]> = async () => []
const sendMessage = vi.fn(async (_tabId: number, _message: unknown, target: { frameId?: number; documentId?: string }) => {
  const live = await liveFrames()
  const isLive = live.some((frame) => (target.documentId === undefined ? frame.frameId === target.frameId : frame.documentId === target.documentId))
  if (!isLive) throw new Error('Could not establish connection. Receiving end does not exist.')
})

vi.mock('webextension-polyfill', () => ({
  default: {
    tabs: { sendMessage: (...args: Parameters<typeof sendMessage>) => sendMessage(...args) },
    storage: {
      session: {
        get: async (key: string | null) => {
          if (key === null) return structuredClone(Object.fromEntries(session))
          return session.has(key) ? { [key]: structuredClone(session.get(key)) } : {}
        },
        set: async (items: Record<string, unknown>) => {
          writes.push(Date.now())
          writtenKeys.push(Object.keys(items))
          if (failWrites) throw new Error('Session storage quota bytes exceeded')
          if (writeGate) await writeGate
          for (const [key, value] of Object.entries(items)) session.set(key, structuredClone(value))
        },
        remove: async (keys: string[]) => {
          for (const key of keys) session.delete(key)
        },
      },
    },
  },
}))

const { MAX_DOCUMENTS_PER_TAB, SAVE_INTERVAL_MS, STORAGE_BUDGET_BYTES, TabRegistry } = await import('./tab-registry.ts')
const { MAX_HASHES_PER_TAB } = await import('../shared/tab-list.ts')

/** What storage.session holds, per tab: its listed hashes (from its log) and the cap spent. */
function storedTabs(): Record<string, { hashes: string[]; auto: number }> {
  const tabs: Record<string, { hashes: string[]; auto: number }> = {}
  for (const [key, value] of session) {
    const tabId = /^tab:(\d+)$/.exec(key)?.[1]
    if (tabId === undefined) continue
    const record = value as { auto: number; slices: number }
    const log = Array.from({ length: record.slices }, (_, slice) => session.get(`${key}:${slice}`) as [number, string][]).flat()
    tabs[tabId] = { hashes: [...new Set(log.map(([, hash]) => hash))], auto: record.auto }
  }
  return tabs
}

function hashList(count: number, from = 0, length = 40): string[] {
  return Array.from({ length: count }, (_, i) => (from + i).toString(16).padStart(length, '0'))
}

const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e'

beforeEach(() => {
  session.clear()
  writes.length = 0
  writtenKeys.length = 0
  failWrites = false
  writeGate = null
  liveFrames = async () => []
  sendMessage.mockClear()
  // Frozen timers: a save that waited for one would never happen in these tests.
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('TabRegistry', () => {
  it('saves a change in the same turn, without waiting for a timer', async () => {
    const registry = new TabRegistry()
    await registry.ready
    expect(registry.add(7, [SHA1, MD5, SHA1])).toEqual([SHA1, MD5])
    registry.add(7, [MD5])
    await Promise.resolve()
    await Promise.resolve()
    // One write for the whole turn, and it is already done: a worker stopped now loses nothing.
    expect(writes).toHaveLength(1)
    expect(storedTabs()).toEqual({ 7: { hashes: [SHA1, MD5], auto: 0 } })
  })

  it('keeps one write in flight and writes the latest state after it', async () => {
    const registry = new TabRegistry()
    await registry.ready
    let release!: () => void
    writeGate = new Promise((resolve) => { release = resolve })
    registry.add(1, [SHA1])
    await vi.waitFor(() => expect(writes).toHaveLength(1))
    // Three more reports while the first write is under way: one more write, after it.
    registry.add(1, [MD5])
    registry.add(2, [SHA1])
    await Promise.resolve()
    registry.add(2, [MD5])
    await Promise.resolve()
    expect(writes).toHaveLength(1)
    writeGate = null
    release()
    await vi.waitFor(() => expect(writes).toHaveLength(2))
    expect(storedTabs()).toEqual({ 1: { hashes: [SHA1, MD5], auto: 0 }, 2: { hashes: [SHA1, MD5], auto: 0 } })
  })

  it('a restarted worker still knows which tab shows which hash, and the cap already spent', async () => {
    const before = new TabRegistry()
    await before.ready
    before.add(3, [SHA1])
    before.add(4, [MD5])
    expect(before.takeAutoAllowance(3, 10, 4)).toBe(4)
    await Promise.resolve()

    const after = new TabRegistry()
    await after.ready
    expect(after.tabsShowing([SHA1])).toEqual([3])
    expect(after.hashesOf(4)).toEqual([MD5])
    expect(after.takeAutoAllowance(3, 10, 4)).toBe(0)
  })

  it('forgets a tab, and saves that too', async () => {
    const registry = new TabRegistry()
    await registry.ready
    registry.add(5, [SHA1])
    await Promise.resolve()
    registry.forget(5)
    await vi.waitFor(() => expect(session.size).toBe(0))
    expect(storedTabs()).toEqual({})
  })

  describe('per document', () => {
    const TOP = { frameId: 0, documentKey: 'top-1', documentId: 'top-1' }
    const FRAME = { frameId: 4, documentKey: 'frame-a', documentId: 'frame-a' }

    it('keeps hashes and cap through same-document and iframe navigations', async () => {
      const registry = new TabRegistry()
      await registry.ready
      expect(await registry.enterDocument(1, TOP)).toBe(false)
      registry.add(1, [SHA1], TOP.documentKey)
      expect(registry.takeAutoAllowance(1, 10, 4)).toBe(4)
      // pushState / replaceState / fragment: the same document keeps asking.
      expect(await registry.enterDocument(1, TOP)).toBe(false)
      // An iframe navigates again: a new document in frame 4 replaces the old one, the tab stays.
      await registry.enterDocument(1, FRAME)
      registry.add(1, [MD5], FRAME.documentKey)
      expect(await registry.enterDocument(1, { ...FRAME, documentKey: 'frame-b', documentId: 'frame-b' })).toBe(false)
      expect(registry.hashesOf(1)).toEqual([SHA1, MD5])
      expect(registry.takeAutoAllowance(1, 10, 4)).toBe(0)
      expect(registry.documentsOf(1)).toEqual([
        { frameId: 0, documentId: 'top-1', hashes: new Set([SHA1]) },
        { frameId: 4, documentId: 'frame-b', hashes: new Set() },
      ])
    })

    it('starts the tab afresh when its top frame shows a new document', async () => {
      const registry = new TabRegistry()
      await registry.ready
      await registry.enterDocument(1, TOP)
      registry.add(1, [SHA1], TOP.documentKey)
      registry.takeAutoAllowance(1, 4, 4)
      expect(await registry.enterDocument(1, { frameId: 0, documentKey: 'top-2', documentId: 'top-2' })).toBe(true)
      expect(registry.hashesOf(1)).toEqual([])
      expect(registry.takeAutoAllowance(1, 10, 4)).toBe(4)
      expect(registry.documentsOf(1)).toEqual([{ frameId: 0, documentId: 'top-2', hashes: new Set() }])
    })

    it('lets the first top document seen keep what its frames reported before it', async () => {
      const registry = new TabRegistry()
      await registry.ready
      await registry.enterDocument(1, FRAME)
      registry.add(1, [MD5], FRAME.documentKey)
      expect(await registry.enterDocument(1, TOP)).toBe(false)
      expect(registry.hashesOf(1)).toEqual([MD5])
    })

    describe('an iframe of the new page that reports before its top document', () => {
      const OLD_FRAME = { frameId: 3, documentKey: 'old-frame', documentId: 'old-frame' }
      const EARLY_FRAME = { frameId: 9, documentKey: 'early-frame', documentId: 'early-frame' }
      const TOP_2 = { frameId: 0, documentKey: 'top-2', documentId: 'top-2' }
      const OTHER = 'a'.repeat(64)

      /** The old page (top and a frame), then the new page's frame reporting while the old top is still the known one. */
      async function oldPageThenEarlyFrame() {
        const registry = new TabRegistry()
        await registry.ready
        await registry.enterDocument(1, TOP)
        await registry.enterDocument(1, OLD_FRAME)
        registry.add(1, [OTHER], OLD_FRAME.documentKey)
        registry.takeAutoAllowance(1, 1, 10, OLD_FRAME.documentKey)
        await registry.enterDocument(1, EARLY_FRAME)
        registry.add(1, [SHA1, MD5], EARLY_FRAME.documentKey)
        expect(registry.takeAutoAllowance(1, 2, 10, EARLY_FRAME.documentKey)).toBe(2)
        return registry
      }

      it('keeps its hashes and the cap they spent; the old page\'s frames go', async () => {
        const registry = await oldPageThenEarlyFrame()
        liveFrames = async () => [{ frameId: 0, documentId: 'top-2' }, { frameId: 9, documentId: 'early-frame' }]
        expect(await registry.enterDocument(1, TOP_2)).toBe(true)
        // Only the sub-frames' documents are asked, each by its own id, with a push that changes nothing.
        expect(sendMessage.mock.calls.map(([tab, message, target]) => [tab, message, target])).toEqual([
          [1, { type: 'states-changed', states: {} }, { documentId: 'old-frame' }],
          [1, { type: 'states-changed', states: {} }, { documentId: 'early-frame' }],
        ])
        expect(registry.hashesOf(1)).toEqual([SHA1, MD5])
        expect(registry.documentsOf(1)).toEqual([
          { frameId: 9, documentId: 'early-frame', hashes: new Set([SHA1, MD5]) },
          { frameId: 0, documentId: 'top-2', hashes: new Set() },
        ])
        // A fresh cap, less what the kept frame spent: the reset gives the page no budget on top.
        expect(registry.takeAutoAllowance(1, 10, 10)).toBe(8)
      })

      it('keeps a frame whose document still shows in the tab, not one whose frame shows another document now', async () => {
        const registry = await oldPageThenEarlyFrame()
        liveFrames = async () => [{ frameId: 0, documentId: 'top-2' }, { frameId: 9, documentId: 'later-document' }, { frameId: 3, documentId: 'x' }]
        await registry.enterDocument(1, TOP_2)
        expect(registry.hashesOf(1)).toEqual([])
        expect(registry.takeAutoAllowance(1, 10, 10)).toBe(10)
      })

      it('in Firefox (no documentId), keeps the frames that are still there', async () => {
        const registry = new TabRegistry()
        await registry.ready
        await registry.enterDocument(1, { frameId: 0, documentKey: 'made-top-1' })
        await registry.enterDocument(1, { frameId: 3, documentKey: 'made-old-frame' })
        await registry.enterDocument(1, { frameId: 9, documentKey: 'made-early-frame' })
        registry.add(1, [MD5], 'made-early-frame')
        liveFrames = async () => [{ frameId: 0 }, { frameId: 9 }]
        await registry.enterDocument(1, { frameId: 0, documentKey: 'made-top-2' })
        expect(sendMessage.mock.calls.map(([, , target]) => target)).toEqual([{ frameId: 3 }, { frameId: 9 }])
        expect(registry.documentsOf(1)).toEqual([{ frameId: 9, hashes: new Set([MD5]) }, { frameId: 0, hashes: new Set() }])
      })

      it('takes a document too busy to answer within a second for gone', async () => {
        const registry = await oldPageThenEarlyFrame()
        liveFrames = () => new Promise(() => undefined)
        const reset = registry.enterDocument(1, TOP_2)
        await vi.advanceTimersByTimeAsync(1000)
        expect(await reset).toBe(true)
        expect(registry.hashesOf(1)).toEqual([])
      })

      it('asks nothing when the tab had no frame but its top one', async () => {
        const registry = new TabRegistry()
        await registry.ready
        await registry.enterDocument(1, TOP)
        registry.add(1, [SHA1], TOP.documentKey)
        expect(await registry.enterDocument(1, TOP_2)).toBe(true)
        expect(sendMessage).not.toHaveBeenCalled()
      })

      it('starts afresh once while the frames are asked; messages meanwhile wait for it', async () => {
        const registry = await oldPageThenEarlyFrame()
        let answer!: () => void
        const answered = new Promise<void>((resolve) => { answer = resolve })
        liveFrames = async () => {
          await answered
          return [{ frameId: 0, documentId: 'top-2' }, { frameId: 9, documentId: 'early-frame' }, { frameId: 11, documentId: 'later-frame' }]
        }
        const first = registry.enterDocument(1, TOP_2)
        const again = registry.enterDocument(1, TOP_2)
        const laterFrame = registry.enterDocument(1, { frameId: 11, documentKey: 'later-frame', documentId: 'later-frame' })
        await vi.waitFor(() => expect(sendMessage).toHaveBeenCalledTimes(2))
        // The early frame's hashes still arrive while the browser is asked: they are kept with it.
        registry.add(1, [OTHER], EARLY_FRAME.documentKey)
        answer()
        expect(await Promise.all([first, again, laterFrame])).toEqual([true, false, false])
        expect(sendMessage).toHaveBeenCalledTimes(2)
        expect(registry.hashesOf(1)).toEqual([SHA1, MD5, OTHER])
        expect(registry.documentsOf(1).map((document) => document.frameId)).toEqual([9, 0, 11])
      })

      it('a restarted worker still counts what a kept frame spent', async () => {
        await oldPageThenEarlyFrame()
        await vi.advanceTimersByTimeAsync(SAVE_INTERVAL_MS)
        expect((session.get('tab:1') as { documents?: unknown[] }).documents).toHaveLength(3)
        const after = new TabRegistry()
        await after.ready
        liveFrames = async () => [{ frameId: 0, documentId: 'top-2' }, { frameId: 9, documentId: 'early-frame' }]
        await after.enterDocument(1, TOP_2)
        expect(after.takeAutoAllowance(1, 10, 10)).toBe(8)
      })
    })

    it('records which document shows a hash, also when another already did', async () => {
      const registry = new TabRegistry()
      await registry.ready
      await registry.enterDocument(1, TOP)
      await registry.enterDocument(1, FRAME)
      expect(registry.add(1, [SHA1], TOP.documentKey)).toEqual([SHA1])
      expect(registry.add(1, [SHA1], FRAME.documentKey)).toEqual([])
      expect(registry.documentsOf(1).map((document) => [...document.hashes])).toEqual([[SHA1], [SHA1]])
    })

    it('a restarted worker knows the documents, their hashes and the top document', async () => {
      const before = new TabRegistry()
      await before.ready
      await before.enterDocument(1, TOP)
      await before.enterDocument(1, { frameId: 2, documentKey: 'firefox-made' })
      before.add(1, [SHA1, MD5], TOP.documentKey)
      before.add(1, [MD5], 'firefox-made')
      await vi.advanceTimersByTimeAsync(SAVE_INTERVAL_MS)
      expect(storedTabs()[1]?.hashes).toHaveLength(2)
      const after = new TabRegistry()
      await after.ready
      expect(after.documentsOf(1)).toEqual([
        { frameId: 0, documentId: 'top-1', hashes: new Set([SHA1, MD5]) },
        { frameId: 2, hashes: new Set([MD5]) },
      ])
      expect(await after.enterDocument(1, TOP)).toBe(false)
      expect(await after.enterDocument(1, { frameId: 0, documentKey: 'top-2' })).toBe(true)
    })

    it('knows the URL its top document last sent from, also after a restart; its frames\' URLs are not it', async () => {
      const before = new TabRegistry()
      await before.ready
      before.enterDocument(1, { ...TOP, url: 'https://www.example.com/a' })
      before.enterDocument(1, { ...FRAME, url: 'https://ads.other.test/frame' })
      before.enterDocument(1, { ...TOP, url: 'https://www.example.com/b' })
      expect(before.topDocumentUrlOf(1)).toBe('https://www.example.com/b')
      await vi.waitFor(() => expect((session.get('tab:1') as { topUrl?: string } | undefined)?.topUrl).toBe('https://www.example.com/b'))
      const after = new TabRegistry()
      await after.ready
      expect(after.topDocumentUrlOf(1)).toBe('https://www.example.com/b')
      await after.enterDocument(1, { frameId: 0, documentKey: 'top-2', url: 'https://other.test/' })
      expect(after.topDocumentUrlOf(1)).toBe('https://other.test/')
      expect(after.topDocumentUrlOf(2)).toBeUndefined()
    })

    it('knows its top document\'s origin (an about:blank popup\'s site), also after a restart', async () => {
      const before = new TabRegistry()
      await before.ready
      before.enterDocument(1, { ...TOP, url: 'about:blank', origin: 'https://opener.example' })
      before.enterDocument(1, { ...FRAME, url: 'about:blank', origin: 'https://ads.other.test' })
      expect(before.topDocumentOriginOf(1)).toBe('https://opener.example')
      await vi.waitFor(() => expect((session.get('tab:1') as { topOrigin?: string } | undefined)?.topOrigin).toBe('https://opener.example'))
      const after = new TabRegistry()
      await after.ready
      expect(after.topDocumentOriginOf(1)).toBe('https://opener.example')
      // A top document that gave none (a browser without `sender.origin`) leaves none behind.
      await after.enterDocument(1, { frameId: 0, documentKey: 'top-2', url: 'about:blank' })
      expect(after.topDocumentOriginOf(1)).toBeUndefined()
    })

    it('stays bounded: the oldest documents go first; hashes past the cap are counted, not listed', async () => {
      const registry = new TabRegistry()
      await registry.ready
      for (let frame = 1; frame <= MAX_DOCUMENTS_PER_TAB + 5; frame++) await registry.enterDocument(1, { frameId: frame, documentKey: `d${frame}` })
      const documents = registry.documentsOf(1)
      expect(documents).toHaveLength(MAX_DOCUMENTS_PER_TAB)
      expect(documents[0]!.frameId).toBe(6)
      const many = hashList(MAX_HASHES_PER_TAB + 10, 0, 32)
      expect(registry.add(1, many, `d${MAX_DOCUMENTS_PER_TAB + 5}`)).toEqual(many.slice(0, MAX_HASHES_PER_TAB))
      expect(registry.hashesOf(1)).toEqual(many.slice(0, MAX_HASHES_PER_TAB))
      expect(documents.at(-1)!.hashes.size).toBe(MAX_HASHES_PER_TAB)
      expect(registry.unlistedCountOf(1)).toBe(10)
      expect(registry.isListed(1, many.at(-1)!)).toBe(false)
      // Another frame showing the same hashes is recorded, but no document can push the tab past its bound.
      expect(registry.add(1, many, 'd6')).toEqual([])
      expect(registry.unlistedCountOf(1)).toBe(20)
      expect(documents[0]!.hashes.size).toBe(MAX_HASHES_PER_TAB)
      registry.add(1, many.slice(0, 100), 'd7')
      expect(documents[1]!.hashes.size).toBe(0)
    })

    it('lists a hash past the cap once the user asks about it, so its verdict can reach the document', async () => {
      const registry = new TabRegistry()
      await registry.ready
      await registry.enterDocument(1, TOP)
      const many = hashList(MAX_HASHES_PER_TAB + 2)
      registry.add(1, many, TOP.documentKey)
      registry.admit(1, many.at(-1)!, TOP.documentKey)
      expect(registry.isListed(1, many.at(-1)!)).toBe(true)
      expect(registry.unlistedCountOf(1)).toBe(1)
      expect(registry.documentsOf(1)[0]!.hashes.has(many.at(-1)!)).toBe(true)
    })
  })

  describe('in storage', () => {
    it('writes only the tab that changed, and of a growing tab only its newest slice of the log', async () => {
      const registry = new TabRegistry()
      await registry.ready
      registry.add(1, hashList(2500))
      registry.add(2, [SHA1])
      await vi.advanceTimersByTimeAsync(0)
      expect(writtenKeys).toEqual([['tab:1:0', 'tab:1:1', 'tab:1:2', 'tab:1', 'tab:2:0', 'tab:2']])
      await vi.advanceTimersByTimeAsync(SAVE_INTERVAL_MS)
      registry.add(1, hashList(10, 2500))
      await vi.advanceTimersByTimeAsync(0)
      expect(writtenKeys[1]).toEqual(['tab:1:2', 'tab:1'])
      expect(storedTabs()[1]!.hashes).toEqual(hashList(2510))
    })

    it('an ordinary page\'s reports after its first message are written at once, with no timer', async () => {
      const registry = new TabRegistry()
      await registry.ready
      await registry.enterDocument(1, { frameId: 0, documentKey: 'top' })
      await vi.advanceTimersByTimeAsync(0)
      expect(writes).toHaveLength(1)
      registry.add(1, hashList(300), 'top')
      await vi.advanceTimersByTimeAsync(0)
      expect(writes).toHaveLength(2)
      expect(storedTabs()[1]!.hashes).toHaveLength(300)
    })

    it('a flooding tab is written once per interval while another tab\'s report is written at once', async () => {
      const registry = new TabRegistry()
      await registry.ready
      for (let round = 0; round < 40; round++) {
        registry.add(1, hashList(500, round * 500))
        if (round === 20) registry.add(2, [MD5])
        await vi.advanceTimersByTimeAsync(50)
        if (round === 20) expect(storedTabs()[2]!.hashes).toEqual([MD5])
      }
      // 40 reports in 2 s: written as they come until a slice's worth is out, then once per interval.
      const floodWrites = writtenKeys.filter((keys) => keys.includes('tab:1')).length
      expect(floodWrites).toBeLessThanOrEqual(2 * Math.ceil((40 * 50) / SAVE_INTERVAL_MS) + 2)
      await vi.advanceTimersByTimeAsync(SAVE_INTERVAL_MS)
      expect(storedTabs()[1]!.hashes).toHaveLength(MAX_HASHES_PER_TAB)
    })

    it('past the bound a tab\'s count is written at once the first time, then at most once per interval', async () => {
      const registry = new TabRegistry()
      await registry.ready
      registry.add(1, hashList(MAX_HASHES_PER_TAB))
      await vi.advanceTimersByTimeAsync(SAVE_INTERVAL_MS)
      const full = writes.length
      registry.add(1, hashList(10, MAX_HASHES_PER_TAB))
      await vi.advanceTimersByTimeAsync(0)
      expect(writes).toHaveLength(full + 1)
      const restarted = new TabRegistry()
      await restarted.ready
      expect(restarted.unlistedCountOf(1)).toBe(10)
      // A flood past the bound: 2,000 counted every 250 ms, in hashes or in numbers, for 2 s.
      for (let round = 0; round < 8; round++) {
        if (round % 2 === 0) registry.add(1, hashList(2000, MAX_HASHES_PER_TAB + 10 + round * 2000))
        else registry.countUnlisted(1, 2000)
        await vi.advanceTimersByTimeAsync(250)
      }
      expect(writes.length - full - 1).toBeLessThanOrEqual(2)
      await vi.advanceTimersByTimeAsync(SAVE_INTERVAL_MS)
      const after = new TabRegistry()
      await after.ready
      expect(after.unlistedCountOf(1)).toBe(10 + 8 * 2000)
      // A change other than the count still goes at once.
      const before = writes.length
      registry.countUnlisted(1, 1)
      registry.admit(1, MD5)
      await vi.advanceTimersByTimeAsync(0)
      expect(writes).toHaveLength(before + 1)
    })

    it('an automatic allowance that grants nothing writes nothing', async () => {
      const registry = new TabRegistry()
      await registry.ready
      registry.add(1, [SHA1])
      expect(registry.takeAutoAllowance(1, 1, 1)).toBe(1)
      await vi.advanceTimersByTimeAsync(0)
      const before = writes.length
      expect(registry.takeAutoAllowance(1, 5, 1)).toBe(0)
      await vi.advanceTimersByTimeAsync(0)
      expect(writes).toHaveLength(before)
    })

    it('keeps within its byte budget: the largest tabs\' hashes stay in memory only, the others\' in storage', async () => {
      const registry = new TabRegistry()
      await registry.ready
      const bytesPerHash = 64 + 10
      const tabs = Math.ceil(STORAGE_BUDGET_BYTES / (MAX_HASHES_PER_TAB * bytesPerHash)) + 1
      registry.add(100, [SHA1])
      for (let tab = 1; tab <= tabs; tab++) registry.add(tab, hashList(MAX_HASHES_PER_TAB, tab * MAX_HASHES_PER_TAB, 64))
      registry.takeAutoAllowance(1, 5, 10)
      await vi.advanceTimersByTimeAsync(0)
      let bytes = 0
      for (const [key, value] of session) bytes += key.length + JSON.stringify(value).length
      expect(bytes).toBeLessThanOrEqual(STORAGE_BUDGET_BYTES)
      const stored = storedTabs()
      expect(stored[100]!.hashes).toEqual([SHA1])
      const evicted = Object.values(stored).filter((tab) => tab.hashes.length === 0)
      expect(evicted.length).toBeGreaterThanOrEqual(1)
      // In memory nothing is lost; a restarted worker still knows the small things of an evicted tab.
      for (let tab = 1; tab <= tabs; tab++) expect(registry.hashesOf(tab)).toHaveLength(MAX_HASHES_PER_TAB)
      const after = new TabRegistry()
      await after.ready
      expect(after.hashesOf(100)).toEqual([SHA1])
      expect(after.takeAutoAllowance(1, 10, 10)).toBe(5)
    })

    it('a write that fails (storage full) breaks nothing: the registry answers and the next write goes', async () => {
      const registry = new TabRegistry()
      await registry.ready
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
      failWrites = true
      expect(registry.add(1, [SHA1])).toEqual([SHA1])
      await vi.advanceTimersByTimeAsync(0)
      expect(warn).toHaveBeenCalled()
      expect(registry.tabsShowing([SHA1])).toEqual([1])
      failWrites = false
      registry.add(2, [MD5])
      await vi.advanceTimersByTimeAsync(0)
      expect(storedTabs()[2]!.hashes).toEqual([MD5])
      warn.mockRestore()
    })

    it('a restarted worker reads back every slice, the count past the cap, and which document shows what', async () => {
      const before = new TabRegistry()
      await before.ready
      await before.enterDocument(1, { frameId: 0, documentKey: 'top' })
      await before.enterDocument(1, { frameId: 3, documentKey: 'frame' })
      const many = hashList(MAX_HASHES_PER_TAB + 5)
      before.add(1, many.slice(0, 1500), 'top')
      before.add(1, many, 'frame')
      await vi.advanceTimersByTimeAsync(SAVE_INTERVAL_MS)
      const after = new TabRegistry()
      await after.ready
      expect(after.hashesOf(1)).toEqual(many.slice(0, MAX_HASHES_PER_TAB))
      expect(after.unlistedCountOf(1)).toBe(5)
      expect(after.documentsOf(1).map((document) => document.hashes.size)).toEqual([1500, MAX_HASHES_PER_TAB])
      // Appends after the restart continue the stored log.
      after.admit(1, many.at(-1)!, 'frame')
      await vi.advanceTimersByTimeAsync(SAVE_INTERVAL_MS)
      expect(storedTabs()[1]!.hashes).toHaveLength(MAX_HASHES_PER_TAB + 1)
    })
  })

  describe('hashes skipped as no file sample (issue 13)', () => {
    const TOP = { frameId: 0, documentKey: 'top', documentId: 'top' }
    const FRAME = { frameId: 4, documentKey: 'frame', documentId: 'frame' }
    const CHECKSUM = 'c'.repeat(64)
    const skips = (entries: Record<string, 'dependency-checksum' | 'commit-id'>) => new Map(Object.entries(entries))

    it('a hash new to the tab takes its skip; a later report of it as a sample, from any document, undoes it for good', async () => {
      const registry = new TabRegistry()
      await registry.ready
      await registry.enterDocument(1, TOP)
      await registry.enterDocument(1, FRAME)
      registry.add(1, [CHECKSUM, SHA1], TOP.documentKey, skips({ [CHECKSUM]: 'dependency-checksum', [SHA1]: 'commit-id' }))
      expect([...registry.skippedOf(1)]).toEqual([[CHECKSUM, 'dependency-checksum'], [SHA1, 'commit-id']])
      // Shown by another document as a skip too: still skipped. As a sample: a sample of the tab.
      registry.add(1, [CHECKSUM, SHA1], FRAME.documentKey, skips({ [CHECKSUM]: 'dependency-checksum' }))
      expect([...registry.skippedOf(1)]).toEqual([[CHECKSUM, 'dependency-checksum']])
      // The same document finding it as a sample later (a change of the page) undoes it too.
      registry.add(1, [CHECKSUM], TOP.documentKey)
      expect(registry.skippedOf(1).size).toBe(0)
      // And a skip claimed after that does not bring it back.
      registry.add(1, [CHECKSUM, SHA1], TOP.documentKey, skips({ [CHECKSUM]: 'dependency-checksum', [SHA1]: 'commit-id' }))
      expect(registry.skippedOf(1).size).toBe(0)
      expect(registry.hashesOf(1)).toEqual([CHECKSUM, SHA1])
    })

    it('is per tab: one tab\'s skip is nothing to another showing the same hash', async () => {
      const registry = new TabRegistry()
      await registry.ready
      registry.add(1, [CHECKSUM], undefined, skips({ [CHECKSUM]: 'dependency-checksum' }))
      registry.add(2, [CHECKSUM])
      expect(registry.skippedOf(1).get(CHECKSUM)).toBe('dependency-checksum')
      expect(registry.skippedOf(2).size).toBe(0)
      expect(registry.skippedOf(3).size).toBe(0)
    })

    it('a restarted worker knows the skips, and what undid them, from the stored log; a kind it does not know reads as a sample', async () => {
      const before = new TabRegistry()
      await before.ready
      await before.enterDocument(1, TOP)
      before.add(1, [CHECKSUM, SHA1, MD5], TOP.documentKey, skips({ [CHECKSUM]: 'dependency-checksum', [SHA1]: 'commit-id', [MD5]: 'commit-id' }))
      before.add(1, [SHA1], TOP.documentKey)
      // Three listings, and the undoing of one skip.
      await vi.waitFor(() => expect((session.get('tab:1:0') as unknown[] | undefined)?.length).toBe(4))
      const log = session.get('tab:1:0') as unknown[][]
      session.set('tab:1:0', log.map((entry) => (entry[1] === MD5 ? [entry[0], MD5, 'made-up-kind'] : entry)))
      const after = new TabRegistry()
      await after.ready
      expect([...after.skippedOf(1)]).toEqual([[CHECKSUM, 'dependency-checksum']])
      expect(after.hashesOf(1)).toEqual([CHECKSUM, SHA1, MD5])
    })

    it('a new page keeps the skips of the frames that stay', async () => {
      const registry = new TabRegistry()
      await registry.ready
      await registry.enterDocument(1, TOP)
      await registry.enterDocument(1, FRAME)
      registry.add(1, [CHECKSUM, SHA1], FRAME.documentKey, skips({ [CHECKSUM]: 'dependency-checksum' }))
      liveFrames = async () => [{ frameId: 4, documentId: 'frame' }]
      expect(await registry.enterDocument(1, { frameId: 0, documentKey: 'top-2', documentId: 'top-2' })).toBe(true)
      expect([...registry.skippedOf(1)]).toEqual([[CHECKSUM, 'dependency-checksum']])
    })
  })
})
