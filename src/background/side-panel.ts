/**
 * Opening the side panel from the toolbar button's menu and a keyboard command. Chromium opens it only within the
 * user's gesture, so `sidePanel.open()` is called before any await; Firefox opens its sidebar the same way.
 */
import browser, { type Menus, type Tabs } from 'webextension-polyfill'

const PANEL_MENU_ID = 'hashlens-open-side-panel'
/** The keyboard shortcut's command in manifest.json (Alt+Shift+J unless the user changes it). */
const OPEN_PANEL_COMMAND = 'open-side-panel'

/** Menus persist across worker restarts: created on install and update only. */
export function createSidePanelMenu(): void {
  browser.contextMenus.create({ id: PANEL_MENU_ID, title: browser.i18n.getMessage('contextMenuOpenSidePanel'), contexts: ['action'] }, () => {
    // Re-created on every update; "duplicate id" is expected and harmless.
    void browser.runtime.lastError
  })
}

/** Chromium's API (not in the polyfill's types); Firefox has sidebarAction instead. */
interface SidePanelApi {
  open(options: { tabId?: number; windowId?: number }): Promise<void>
}

function sidePanelApi(): SidePanelApi | undefined {
  return (globalThis as { chrome?: { sidePanel?: SidePanelApi } }).chrome?.sidePanel
}

/** Opens the panel beside the tab (it follows its window's active tab); where the browser gives no way to, nothing. */
export function openSidePanel(tab: { windowId?: number; id?: number } | undefined): void {
  const sidePanel = sidePanelApi()
  const target = tab?.id !== undefined ? { tabId: tab.id } : tab?.windowId !== undefined ? { windowId: tab.windowId } : undefined
  if (sidePanel && target) {
    void sidePanel.open(target).catch(() => undefined)
    return
  }
  const sidebar = (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction
  void sidebar?.open().catch(() => undefined)
}

export function onSidePanelMenuClicked(info: Menus.OnClickData, tab: Tabs.Tab | undefined): void {
  if (info.menuItemId === PANEL_MENU_ID) openSidePanel(tab)
}

export function onSidePanelCommand(command: string, tab: Tabs.Tab | undefined): void {
  if (command === OPEN_PANEL_COMMAND) openSidePanel(tab)
}
