import browser, { type Menus, type Tabs } from 'webextension-polyfill'
import { scanHashInput } from '../shared/hash-input.ts'
import type { LookupEngine } from './lookup-engine.ts'
import type { TabRegistry } from './tab-registry.ts'

const CONTEXT_MENU_ID = 'hashlens-lookup-selection'
/** The keyboard shortcut's command in manifest.json (Alt+Shift+H unless the user changes it). */
const LOOKUP_SELECTION_COMMAND = 'lookup-selection'

export interface SelectionLookupContext {
  engine: Pick<LookupEngine, 'request'>
  tabs: Pick<TabRegistry, 'ready' | 'add'>
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
    void this.#lookUp(info.selectionText, tab?.id)
  }

  onCommand(command: string, tab: Tabs.Tab | undefined): void {
    if (command !== LOOKUP_SELECTION_COMMAND) return
    void (async () => {
      const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id
      if (tabId === undefined) return
      await this.#lookUp(await selectedTextIn(tabId), tabId)
    })()
  }

  /** Listed with the tab's hashes, so the popup shows their verdicts. */
  async #lookUp(text: string, tabId: number | undefined): Promise<void> {
    const { engine, tabs } = this.ctx
    const hashes = scanHashInput(text).hashes.map((h) => h.hash)
    if (hashes.length === 0) return
    await tabs.ready
    if (tabId !== undefined && tabs.add(tabId, hashes).length > 0) this.ctx.tabHashesChanged(tabId)
    await engine.request(hashes)
    // The popup shows the result; opening it needs Chrome 127+, else the badge and marks tell.
    await browser.action.openPopup?.().catch(() => undefined)
  }
}

/** The shortcut grants activeTab, which lets scripting read the selection; the browser's own pages give nothing. */
async function selectedTextIn(tabId: number): Promise<string> {
  const results = await browser.scripting.executeScript({
    target: { tabId, allFrames: true },
    func: () => getSelection()?.toString() ?? '',
  }).catch(() => [])
  return results.map((frame) => (typeof frame.result === 'string' ? frame.result : '')).filter(Boolean).join('\n')
}
