import browser, { type Menus, type Tabs } from 'webextension-polyfill'
import { scanHashInput } from '../shared/hash-input.ts'
import type { LookupEngine } from './lookup-engine.ts'
import type { TabRegistry } from './tab-registry.ts'

const CONTEXT_MENU_ID = 'hashlens-lookup-selection'
/** The keyboard shortcut's command in manifest.json (Alt+Shift+H unless the user changes it). */
const LOOKUP_SELECTION_COMMAND = 'lookup-selection'
/** A larger selection is offered in the popup ("Look up all N") rather than spent at once. */
export const MAX_SELECTION_UNASKED = 100

export interface SelectionLookupContext {
  engine: Pick<LookupEngine, 'request'>
  tabs: Pick<TabRegistry, 'ready' | 'add' | 'offerSelection'>
  /** Hashes joined the tab's list: an open popup shows them. */
  tabHashesChanged: (tabId: number) => void
}

/** Menus persist across worker restarts: created on install and update only. */
export function createSelectionMenu(): void {
  const title = browser.i18n.getMessage('contextMenuLookup')
  browser.contextMenus.create({ id: CONTEXT_MENU_ID, title, contexts: ['selection'] }, () => {
    // Re-created on every update; "duplicate id" is expected and harmless.
    void browser.runtime.lastError
  })
}

export class SelectionLookup {
  constructor(private readonly ctx: SelectionLookupContext) {}

  onContextMenuClicked(info: Menus.OnClickData, tab: Tabs.Tab | undefined): void {
    if (info.menuItemId !== CONTEXT_MENU_ID || !info.selectionText) return
    const selectionText = info.selectionText
    void (async () => {
      const tabId = tab?.id
      // The clicked frame only; where no script may run (the browser's own pages) the menu's text is all there is.
      const visible = tabId === undefined ? null : await visibleSelectionIn(tabId, { frameIds: [info.frameId ?? 0] })
      await this.#lookUp(visible ?? selectionText, tabId)
    })()
  }

  onCommand(command: string, tab: Tabs.Tab | undefined): void {
    if (command !== LOOKUP_SELECTION_COMMAND) return
    void (async () => {
      const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id
      if (tabId === undefined) return
      await this.#lookUp(await visibleSelectionIn(tabId, { allFrames: true }) ?? '', tabId)
    })()
  }

  /** Listed with the tab's hashes, so the popup shows their verdicts (or offers them, when many). */
  async #lookUp(text: string, tabId: number | undefined): Promise<void> {
    const { engine, tabs } = this.ctx
    const hashes = scanHashInput(text).hashes.map((h) => h.hash)
    if (hashes.length === 0) return
    await tabs.ready
    if (hashes.length > MAX_SELECTION_UNASKED) {
      if (tabId === undefined) return
      tabs.offerSelection(tabId, hashes)
      this.ctx.tabHashesChanged(tabId)
    } else {
      if (tabId !== undefined && tabs.add(tabId, hashes).length > 0) this.ctx.tabHashesChanged(tabId)
      await engine.request(hashes)
    }
    // The popup shows the result; opening it needs Chrome 127+, else the badge and marks tell.
    await browser.action.openPopup?.().catch(() => undefined)
  }
}

interface FrameSelection {
  /** This frame holds the focus itself, not through a child frame. */
  isFocused: boolean
  text: string
}

/**
 * The selection of the focused frame (or of the given one), its rendered text only: a page can select text in a tiny
 * or hidden frame, or in elements that are not rendered, to slip thousands of hashes into one lookup. Null when no
 * script may run there (activeTab from the shortcut or the menu lets it; the browser's own pages do not).
 */
async function visibleSelectionIn(tabId: number, frames: { allFrames: true } | { frameIds: number[] }): Promise<string | null> {
  const results = await browser.scripting.executeScript({ target: { tabId, ...frames }, func: readVisibleSelection }).catch(() => null)
  if (results === null || results.length === 0) return null
  const selectionOf = (frame: (typeof results)[number]) => frame.result as FrameSelection | null | undefined
  // No frame has the focus (the browser's UI has it): the top frame's selection is the one the user sees.
  const chosen = 'frameIds' in frames ? results[0]
    : results.find((frame) => selectionOf(frame)?.isFocused) ?? results.find((frame) => frame.frameId === 0)
  const text = chosen ? selectionOf(chosen)?.text : undefined
  return typeof text === 'string' ? text : ''
}

/** Runs in the page's frame: self-contained, as scripting serialises it. */
function readVisibleSelection(): FrameSelection {
  const active = document.activeElement
  const isFocused = document.hasFocus() && !(active instanceof HTMLIFrameElement || active instanceof HTMLFrameElement)
  const selection = getSelection()
  const parts: string[] = []
  for (let index = 0; selection !== null && index < selection.rangeCount; index++) {
    const range = selection.getRangeAt(index)
    const root = range.commonAncestorContainer
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    const nodes: Node[] = root.nodeType === Node.TEXT_NODE ? [root] : []
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) nodes.push(node)
    for (const node of nodes) {
      if (!range.intersectsNode(node)) continue
      const parent = node.parentElement
      if (parent !== null && parent.checkVisibility?.({ contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true }) === false) continue
      const text = node.textContent ?? ''
      const start = node === range.startContainer ? range.startOffset : 0
      const end = node === range.endContainer ? range.endOffset : text.length
      parts.push(text.slice(start, end))
    }
  }
  return { isFocused, text: parts.join('\n') }
}
