/** The toolbar popup: the engine's state, the current tab's hashes, and manual lookup. */
import { render } from 'preact'
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import browser from 'webextension-polyfill'
import type { HashStates } from '../shared/verdict.ts'
import type { StatusReport, TabReport } from '../shared/worker-events.ts'
import { askWorker, onWorkerEvent } from '../ui/ask-worker.ts'
import { StatusLine } from '../ui/status-line.tsx'
import { ManualLookup } from './manual-lookup.tsx'
import { PageView } from './page-view.tsx'
import { t } from '../shared/i18n.ts'
import '../ui/common.css'
import './popup.css'

/** The tab the popup belongs to; `?tab=` lets tests and keyboard users open it for a given tab. */
async function currentTabId(): Promise<number | null> {
  const fromUrl = new URLSearchParams(location.search).get('tab')
  if (fromUrl) return Number(fromUrl)
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true })
  return tab?.id ?? null
}

function Popup() {
  const [status, setStatus] = useState<StatusReport | null>(null)
  const [states, setStates] = useState<HashStates>({})
  const [tabId, setTabId] = useState<number | null>(null)
  const [report, setReport] = useState<TabReport | null>(null)

  const mergeStates = useCallback((incoming: HashStates) => setStates((old) => ({ ...old, ...incoming })), [])
  // The worker pushes a verdict before it is in the cache, so a report asked for meanwhile can
  // still say "pending" for it: a verdict already shown is newer than that.
  const mergeReportStates = useCallback((incoming: HashStates) => setStates((old) => {
    const next = { ...old }
    for (const [hash, state] of Object.entries(incoming)) {
      if (!(state.state === 'pending' && old[hash]?.state === 'verdict')) next[hash] = state
    }
    return next
  }), [])
  const refreshStatus = useCallback(() => void askWorker({ type: 'get-status' }).then(setStatus), [])
  /** Reports can be asked for in quick succession: only the latest answer counts. */
  const lastReportAsked = useRef(0)
  const refreshTab = useCallback(() => {
    if (tabId === null) return
    const asked = ++lastReportAsked.current
    void askWorker({ type: 'get-tab-report', tabId }).then((next) => {
      if (asked !== lastReportAsked.current) return
      setReport(next)
      mergeReportStates(next.states)
    })
  }, [tabId, mergeReportStates])

  useEffect(() => {
    void currentTabId().then(setTabId)
    refreshStatus()
    return onWorkerEvent((event) => {
      if (event.type === 'states-changed') mergeStates(event.states)
      else if (event.type === 'status-changed') refreshStatus()
    })
  }, [mergeStates, refreshStatus])
  useEffect(refreshTab, [refreshTab])
  // Hashes the page reports while the popup is open (or a new page in the tab) join the list.
  useEffect(() => onWorkerEvent((event) => {
    if (event.type === 'tab-hashes-changed' && event.tabId === tabId) refreshTab()
  }), [tabId, refreshTab])
  // Retry countdowns ("retrying in 3 seconds") stay true while the popup is open; each ask also starts a worker
  // Chrome stopped during a backoff, which then retries on time (its alarm would wait 30 s).
  useEffect(() => {
    const timer = setInterval(refreshStatus, 1000)
    return () => clearInterval(timer)
  }, [refreshStatus])

  return (
    <main>
      <header>
        <img src="/icons/icon-32.png" width={20} height={20} alt="" />
        <h1>{t('extensionName')}</h1>
        <a href="#" onClick={(event) => { event.preventDefault(); void browser.runtime.openOptionsPage() }}>{t('popupOptionsLink')}</a>
      </header>
      {status && <StatusLine report={status} showOptionsLink offerQuotaCheck />}
      {tabId !== null && report && (
        <PageView tabId={tabId} report={report} states={states} onChanged={refreshTab} />
      )}
      <ManualLookup states={states} onStates={mergeStates} />
    </main>
  )
}

document.title = t('extensionName')
document.documentElement.lang = t('languageTag')
render(<Popup />, document.getElementById('app')!)
