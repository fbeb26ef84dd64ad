import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Menus, Tabs } from 'webextension-polyfill'

/** Per frame, what the injected reader would give; null: no script may run in the tab. */
let frames: Record<number, { isFocused: boolean; text: string } | null> | null = {}
const openPopup = vi.fn(async () => undefined)

vi.mock('webextension-polyfill', () => ({
  default: {
    scripting: {
      executeScript: async ({ target }: { target: { frameIds?: number[]; allFrames?: boolean } }) => {
        if (frames === null) throw new Error('Cannot access contents of the page')
        const ids = target.allFrames ? Object.keys(frames).map(Number) : target.frameIds ?? [0]
        return ids.map((frameId) => ({ frameId, result: frames![frameId] ?? null }))
      },
    },
    tabs: { query: async () => [{ id: 12 }] },
    action: { openPopup: () => openPopup() },
  },
}))

const { MAX_SELECTION_UNASKED, SelectionLookup } = await import('./selection-lookup.ts')

const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e'
const tab = { id: 5, index: 0, highlighted: false, active: true, pinned: false, incognito: false } satisfies Tabs.Tab

/** The menu's own text, and the clicked frame's rendered selection the same unless a test says otherwise. */
function menuClick(menuItemId: string, selectionText?: string, frameId = 0): Menus.OnClickData {
  if (frames !== null && selectionText !== undefined) frames[frameId] = { isFocused: true, text: selectionText }
  return { menuItemId, selectionText, editable: false, modifiers: [], frameId }
}

function setup(alreadyListed: string[] = []) {
  const listed = new Set(alreadyListed)
  const ctx = {
    engine: { request: vi.fn(async () => ({})) },
    tabs: {
      ready: Promise.resolve(),
      add: vi.fn((_tab: number, hashes: readonly string[]) => hashes.filter((h) => !listed.has(h) && listed.add(h))),
      offerSelection: vi.fn(),
    },
    tabHashesChanged: vi.fn(),
  }
  return { ctx, lookup: new SelectionLookup(ctx) }
}

beforeEach(() => {
  openPopup.mockClear()
  frames = {}
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

  it('the shortcut reads the selection of the active tab\'s focused frame only', async () => {
    const { ctx, lookup } = setup()
    const hidden = Array.from({ length: 50 }, (_, i) => i.toString(16).padStart(40, 'a')).join(' ')
    frames = { 0: { isFocused: true, text: MD5 }, 3: { isFocused: false, text: hidden } }
    lookup.onCommand('some-other-command', undefined)
    lookup.onCommand('lookup-selection', undefined)
    await vi.waitFor(() => expect(openPopup).toHaveBeenCalledTimes(1))
    expect(ctx.tabs.add).toHaveBeenCalledWith(12, [MD5])
    expect(ctx.engine.request.mock.calls).toEqual([[[MD5]]])
  })

  it('the context menu reads the clicked frame\'s rendered selection; the menu\'s text only where no script may run', async () => {
    const { ctx, lookup } = setup()
    const click = menuClick('hashlens-lookup-selection', `${MD5} ${SHA1}`, 2)
    // The menu's text includes a hash the frame's reader found not rendered.
    frames = { 2: { isFocused: false, text: MD5 } }
    lookup.onContextMenuClicked(click, tab)
    await vi.waitFor(() => expect(openPopup).toHaveBeenCalledTimes(1))
    expect(ctx.engine.request.mock.calls).toEqual([[[MD5]]])
    frames = null
    lookup.onContextMenuClicked(menuClick('hashlens-lookup-selection', SHA1), tab)
    await vi.waitFor(() => expect(openPopup).toHaveBeenCalledTimes(2))
    expect(ctx.engine.request.mock.calls).toEqual([[[MD5]], [[SHA1]]])
  })

  it(`offers more than ${MAX_SELECTION_UNASKED} hashes in the popup instead of looking them up`, async () => {
    const { ctx, lookup } = setup()
    const many = Array.from({ length: MAX_SELECTION_UNASKED + 1 }, (_, i) => i.toString(16).padStart(40, 'b'))
    frames = { 0: { isFocused: true, text: many.join('\n') } }
    lookup.onCommand('lookup-selection', tab)
    await vi.waitFor(() => expect(openPopup).toHaveBeenCalledTimes(1))
    expect(ctx.engine.request).not.toHaveBeenCalled()
    expect(ctx.tabs.offerSelection).toHaveBeenCalledWith(5, many)
    expect(ctx.tabHashesChanged).toHaveBeenCalledWith(5)
  })
})
