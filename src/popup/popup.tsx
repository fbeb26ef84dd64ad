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
import { LIST_PAGE_SIZE, type HashFilter } from '../shared/tab-list.ts'
import { t } from '../shared/i18n.ts'
import '../ui/common.css'
import './popup.css'

/** Verdicts arrive in bursts; the counts follow a moment later. */
const COUNTS_REFRESH_MS = 300

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
  const [filter, setFilter] = useState<HashFilter>('all')
  const [limit, setLimit] = useState(LIST_PAGE_SIZE)

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
  /**
   * One report in flight at a time (a large tab's takes a while): asked again meanwhile, it is asked once more after,
   * with the filter and the rows wanted then.
   */
  const wanted = useRef({ filter, limit })
  wanted.current = { filter, limit }
  const isAsking = useRef(false)
  const isAskedAgain = useRef(false)
  const refreshTab = useCallback((quick = false) => {
    if (tabId === null) return
    if (isAsking.current) {
      isAskedAgain.current = true
      return
    }
    isAsking.current = true
    let hasCounts = true
    void askWorker({ type: 'get-tab-report', tabId, ...wanted.current, quick }).then((next) => {
      setReport(next)
      mergeReportStates(next.states)
      hasCounts = next.counts !== undefined
    }).finally(() => {
      isAsking.current = false
      // The first rows of a large tab came without its counts: those next.
      if (isAskedAgain.current || !hasCounts) {
        isAskedAgain.current = false
        refreshTab()
      }
    })
  }, [tabId, filter, limit, mergeReportStates])

  useEffect(() => {
    void currentTabId().then(setTabId)
    refreshStatus()
    return onWorkerEvent((event) => {
      if (event.type === 'states-changed') mergeStates(event.states)
      else if (event.type === 'status-changed') refreshStatus()
    })
  }, [mergeStates, refreshStatus])
  useEffect(() => refreshTab(true), [refreshTab])
  // Hashes the page reports while the popup is open (or a new page in the tab) join the list.
  useEffect(() => onWorkerEvent((event) => {
    if (event.type === 'tab-hashes-changed' && event.tabId === tabId) refreshTab()
  }), [tabId, refreshTab])
  // The counts and the filtered rows are the worker's: new verdicts change them, asked for once per burst.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const stop = onWorkerEvent((event) => {
      if (event.type !== 'states-changed' || timer !== undefined) return
      timer = setTimeout(() => {
        timer = undefined
        refreshTab()
      }, COUNTS_REFRESH_MS)
    })
    return () => {
      stop()
      clearTimeout(timer)
    }
  }, [refreshTab])
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
        <PageView tabId={tabId} report={report} states={states} filter={filter} onChanged={() => refreshTab()}
          onFilter={(next) => { setFilter(next); setLimit(LIST_PAGE_SIZE) }} onShowMore={() => setLimit((shown) => shown + LIST_PAGE_SIZE)} />
      )}
      <ManualLookup states={states} onStates={mergeStates} />
    </main>
  )
}

document.title = t('extensionName')
document.documentElement.lang = t('languageTag')
render(<Popup />, document.getElementById('app')!)
