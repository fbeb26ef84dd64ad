import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Menus, Tabs } from 'webextension-polyfill'

let selectedText = ''
const openPopup = vi.fn(async () => undefined)

vi.mock('webextension-polyfill', () => ({
  default: {
    scripting: { executeScript: async () => [{ frameId: 0, result: selectedText }, { frameId: 1, result: null }] },
    tabs: { query: async () => [{ id: 12 }] },
    action: { openPopup: () => openPopup() },
  },
}))

const { SelectionLookup } = await import('./selection-lookup.ts')

const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e'
const tab = { id: 5, index: 0, highlighted: false, active: true, pinned: false, incognito: false } satisfies Tabs.Tab

function menuClick(menuItemId: string, selectionText?: string): Menus.OnClickData {
  return { menuItemId, selectionText, editable: false, modifiers: [] }
}

function setup(alreadyListed: string[] = []) {
  const listed = new Set(alreadyListed)
  const ctx = {
    engine: { request: vi.fn(async () => ({})) },
    tabs: { ready: Promise.resolve(), add: vi.fn((_tab: number, hashes: readonly string[]) => hashes.filter((h) => !listed.has(h) && listed.add(h))) },
    tabHashesChanged: vi.fn(),
  }
  return { ctx, lookup: new SelectionLookup(ctx) }
}

beforeEach(() => {
  openPopup.mockClear()
  selectedText = ''
})

describe('SelectionLookup', () => {
  it('the context menu item looks up the selection\'s hashes, lists them with the tab\'s, and opens the popup', async () => {
    const { ctx, lookup } = setup()
    lookup.onContextMenuClicked(menuClick('hashlens-lookup-selection', `see ${SHA1.toUpperCase()} and ${MD5}, not 1234`), tab)
    await vi.waitFor(() => expect(openPopup).toHaveBeenCalled())
    expect(ctx.engine.request).toHaveBeenCalledWith([SHA1, MD5])
    expect(ctx.tabs.add).toHaveBeenCalledWith(5, [SHA1, MD5])
    expect(ctx.tabHashesChanged).toHaveBeenCalledWith(5)
  })

  it('ignores other menu items and a selection without hashes; hashes the tab already lists change no list', async () => {
    const { ctx, lookup } = setup([SHA1])
    lookup.onContextMenuClicked(menuClick('another-item', SHA1), tab)
    lookup.onContextMenuClicked(menuClick('hashlens-lookup-selection', 'no hash here'), tab)
    lookup.onContextMenuClicked(menuClick('hashlens-lookup-selection', SHA1), tab)
    await vi.waitFor(() => expect(openPopup).toHaveBeenCalledTimes(1))
    expect(ctx.engine.request.mock.calls).toEqual([[[SHA1]]])
    expect(ctx.tabHashesChanged).not.toHaveBeenCalled()
  })

  it('the shortcut reads the selection of the active tab, in every frame', async () => {
    const { ctx, lookup } = setup()
    selectedText = MD5
    lookup.onCommand('some-other-command', undefined)
    lookup.onCommand('lookup-selection', undefined)
    await vi.waitFor(() => expect(openPopup).toHaveBeenCalledTimes(1))
    expect(ctx.tabs.add).toHaveBeenCalledWith(12, [MD5])
    expect(ctx.engine.request.mock.calls).toEqual([[[MD5]]])
  })
})
