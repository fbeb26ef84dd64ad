import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

/** storage.session as Chrome keeps it: survives a worker restart (a new TabRegistry). */
const session = new Map<string, unknown>()
const writes: number[] = []
/** When set, writes wait for it (a slow browser process). */
let writeGate: Promise<void> | null = null

vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      session: {
        get: async (key: string) => (session.has(key) ? { [key]: structuredClone(session.get(key)) } : {}),
        set: async (items: Record<string, unknown>) => {
          writes.push(Date.now())
          if (writeGate) await writeGate
          for (const [key, value] of Object.entries(items)) session.set(key, structuredClone(value))
        },
      },
    },
  },
}))

const { TabRegistry } = await import('./tab-registry.ts')

const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e'

beforeEach(() => {
  session.clear()
  writes.length = 0
  writeGate = null
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
    expect(session.get('tabHashes')).toEqual({ 7: { hashes: [SHA1, MD5], auto: 0 } })
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
    expect(session.get('tabHashes')).toEqual({ 1: { hashes: [SHA1, MD5], auto: 0 }, 2: { hashes: [SHA1, MD5], auto: 0 } })
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
    await vi.waitFor(() => expect(writes).toHaveLength(2))
    expect(session.get('tabHashes')).toEqual({})
  })
})
