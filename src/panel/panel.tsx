/**
 * The side panel (Chromium's side_panel, Firefox's sidebar): the active tab's hashes beside the page, following tab
 * switches and navigations while it stays open. `?tab=<id>` pins it to one tab (links and tests use this).
 */
import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import browser from 'webextension-polyfill'
import { ExtensionHeader } from '../ui/extension-header.tsx'
import { useStatusReport } from '../ui/status-report.ts'
import { StatusLine } from '../ui/status-line.tsx'
import { TabDetails } from '../ui/tab-details.tsx'
import { FileCheck } from '../ui/file-check.tsx'
import { t } from '../shared/i18n.ts'
import '../ui/common.css'
import '../ui/views.css'
import './panel.css'

const PINNED_TAB = Number(new URLSearchParams(location.search).get('tab') ?? Number.NaN)
/** `?hash=` opens that hash's detail view at once (links and tests). */
const OPENED_HASH = new URLSearchParams(location.search).get('hash')

/** The tab shown: the pinned one, else the active tab of the panel's window, followed as the user switches. */
function useShownTabId(): number | null {
  const [tabId, setTabId] = useState<number | null>(Number.isInteger(PINNED_TAB) ? PINNED_TAB : null)
  useEffect(() => {
    if (Number.isInteger(PINNED_TAB)) return undefined
    let windowId: number | undefined
    void browser.windows.getCurrent().then((current) => {
      windowId = current.id
      return browser.tabs.query({ active: true, windowId })
    }).then(([tab]) => setTabId(tab?.id ?? null))
    const onActivated = (info: { tabId: number; windowId: number }): void => {
      if (info.windowId === windowId) setTabId(info.tabId)
    }
    browser.tabs.onActivated.addListener(onActivated)
    return () => browser.tabs.onActivated.removeListener(onActivated)
  }, [])
  return tabId
}

function Panel() {
  const [status] = useStatusReport()
  const tabId = useShownTabId()
  return (
    <main>
      <ExtensionHeader />
      {status && <StatusLine report={status} showOptionsLink offerQuotaCheck showUsageMeter />}
      {/* The panel has the room: a row's details show above the list, which stays as it was for the next row's. */}
      <TabDetails tabId={tabId} openedHash={OPENED_HASH} />
      <FileCheck />
    </main>
  )
}

document.title = t('panelTitle')
document.documentElement.lang = t('languageTag')
render(<Panel />, document.getElementById('app')!)
