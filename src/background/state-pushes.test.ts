import { describe, expect, it, vi } from 'vitest'
import type { HashStates } from '../shared/verdict.ts'

const toPages: unknown[] = []
const toTabs: unknown[][] = []

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { sendMessage: async (message: unknown) => { toPages.push(message) } },
    tabs: {
      sendMessage: async (tabId: number, message: unknown, options?: unknown) => {
        toTabs.push(options === undefined ? [tabId, message] : [tabId, message, options])
      },
    },
  },
}))

const { publishStates } = await import('./state-pushes.ts')

const A = 'a'.repeat(40)
const B = 'b'.repeat(40)
const C = 'c'.repeat(40)

describe('publishStates', () => {
  it('sends extension pages every state, each tab only the states of hashes it shows, once its registry is loaded', async () => {
    let loaded!: () => void
    const shownBy: Record<number, string[]> = { 1: [A], 2: [B, C], 3: [C] }
    const tabs = {
      ready: new Promise<void>((resolve) => { loaded = resolve }),
      tabsShowing: (hashes: readonly string[]) => Object.keys(shownBy).map(Number).filter((tab) => shownBy[tab]!.some((h) => hashes.includes(h))),
      isListed: (tab: number, hash: string) => shownBy[tab]?.includes(hash) ?? false,
      documentsOf: () => [],
    }
    const badge = { schedule: vi.fn() }
    const states: HashStates = { [A]: { state: 'pending' }, [B]: { state: 'idle' } }
    publishStates(states, { tabs, badge })
    expect(toPages).toEqual([{ type: 'states-changed', states }])
    await Promise.resolve()
    expect(toTabs).toEqual([])
    loaded()
    await vi.waitFor(() => expect(toTabs).toHaveLength(2))
    expect(toTabs).toEqual([
      [1, { type: 'states-changed', states: { [A]: { state: 'pending' } } }],
      [2, { type: 'states-changed', states: { [B]: { state: 'idle' } } }],
    ])
    expect(badge.schedule.mock.calls).toEqual([[1, { [A]: { state: 'pending' } }], [2, { [B]: { state: 'idle' } }]])
  })

  it('sends each document of a tab its own share, addressed by documentId, else by frame (Firefox)', async () => {
    toPages.length = 0
    toTabs.length = 0
    const tabs = {
      ready: Promise.resolve(),
      tabsShowing: () => [5],
      isListed: (_tab: number, hash: string) => [A, B, C].includes(hash),
      documentsOf: () => [
        { frameId: 0, documentId: 'TOP', hashes: new Set([A, B]) },
        { frameId: 3, hashes: new Set([C]) },
        { frameId: 4, documentId: 'QUIET', hashes: new Set<string>() },
      ],
    }
    publishStates({ [A]: { state: 'pending' }, [C]: { state: 'idle' } }, { tabs, badge: { schedule: vi.fn() } })
    await vi.waitFor(() => expect(toTabs).toHaveLength(2))
    expect(toTabs).toEqual([
      [5, { type: 'states-changed', states: { [A]: { state: 'pending' } } }, { documentId: 'TOP' }],
      [5, { type: 'states-changed', states: { [C]: { state: 'idle' } } }, { frameId: 3 }],
    ])
  })
})
