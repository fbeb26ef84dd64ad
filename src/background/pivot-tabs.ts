/** Where a pivot opens: a new tab beside the page's, made by the worker, so it has no opener and no referrer. */
import browser from 'webextension-polyfill'

export async function openBesideTab(url: string, besideTabId: number): Promise<void> {
  const beside = await browser.tabs.get(besideTabId).catch(() => undefined)
  const place = beside ? { windowId: beside.windowId, index: beside.index + 1, openerTabId: besideTabId } : {}
  await browser.tabs.create({ url, ...place }).catch(() => undefined)
}
