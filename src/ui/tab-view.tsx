/**
 * One tab's hashes as the popup and the side panel show them: its report from the worker, kept live by the worker's
 * events, with the states merged so that a verdict already shown is never replaced by an older "pending".
 * Mounted per tab (`key={tabId}`): switching tabs starts afresh, so what it holds is bounded by one tab's list.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import type { HashState, HashStates } from '../shared/verdict.ts'
import type { TabReport } from '../shared/worker-events.ts'
import { MAX_SELECTED, type HashFilter, type ListSort } from '../shared/tab-list.ts'
import { askWorker, onWorkerEvent } from './ask-worker.ts'
import { PageView } from './page-view.tsx'

function isSameState(a: HashState, b: HashState): boolean {
  return a.state === b.state && JSON.stringify(a) === JSON.stringify(b)
}

/** A report asked for that failed (the worker restarting) is asked again after this, this many times in a row at most. */
const RETRY_ASK_MS = 500
const MAX_FAILED_ASKS = 5

/** Verdicts arrive in bursts; the counts follow a moment later. */
const COUNTS_REFRESH_MS = 300

/** `onDetails`: opens a row's detail view, where the surface shows one. */
export function TabView({ tabId, onDetails }: { tabId: number; onDetails?: (hash: string) => void }) {
  const [report, setReport] = useState<TabReport | null>(null)
  const [states, setStates] = useState<HashStates>({})
  const [filter, setFilter] = useState<HashFilter>('all')
  // The start of the page of rows shown (the worker's list is paged: LIST_PAGE_SIZE rows, whatever the tab's size).
  const [offset, setOffset] = useState(0)
  const [search, setSearch] = useState('')
  const [sort, setSort] = useState<ListSort>('page')
  // Bounded (MAX_SELECTED): every report asks which of them are still on the tab, and drops the others.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())

  // The worker pushes a verdict before it is in the cache, so a report asked for meanwhile can
  // still say "pending" for it: a verdict already shown is newer than that.
  // Only the rows the report sends are kept: what the view holds is one page of one tab's list.
  // A state unchanged keeps its object, so its (memoised) row is not rendered again: every report is fresh JSON.
  const mergeReportStates = useCallback((incoming: HashStates) => setStates((old) => {
    const next: HashStates = {}
    for (const [hash, state] of Object.entries(incoming)) {
      const shown = old[hash]
      next[hash] = shown && ((state.state === 'pending' && shown.state === 'verdict') || isSameState(shown, state)) ? shown : state
    }
    return next
  }), [])
  // Pushes name every tab's hashes: only those this tab's rows hold are kept, so a view open all day stays this size.
  const mergePushedStates = useCallback((incoming: HashStates) => setStates((old) => {
    let next: HashStates | null = null
    for (const [hash, state] of Object.entries(incoming)) {
      if (!(hash in old)) continue
      next ??= { ...old }
      next[hash] = state
    }
    return next ?? old
  }), [])
  /**
   * One report in flight at a time (a large tab's takes a while): asked again meanwhile, it is asked once more after,
   * with the filter and the rows wanted then.
   */
  const wanted = useRef({ filter, search, sort, offset, selectedRows: [...selected] })
  wanted.current = { filter, search, sort, offset, selectedRows: [...selected] }
  const isAsking = useRef(false)
  const isAskedAgain = useRef(false)
  const failedAsks = useRef(0)
  const refreshTab = useCallback((quick = false) => {
    if (isAsking.current) {
      isAskedAgain.current = true
      return
    }
    isAsking.current = true
    let hasCounts = true
    let isFailed = false
    const asked = wanted.current
    void askWorker({ type: 'get-tab-report', tabId, ...asked, quick }).then((next) => {
      setReport(next)
      mergeReportStates(next.states)
      dropGoneSelection(asked.selectedRows, next.selectedRows)
      hasCounts = next.counts !== undefined
      failedAsks.current = 0
    }, () => { isFailed = true }).finally(() => {
      isAsking.current = false
      // A worker stopped mid-answer rejects the ask: asked again shortly, or the page turned would never come.
      if (isFailed && failedAsks.current < MAX_FAILED_ASKS) {
        failedAsks.current++
        isAskedAgain.current = false
        setTimeout(() => refreshTab(), RETRY_ASK_MS)
        return
      }
      // The first rows of a large tab came without its counts: those next.
      if (isAskedAgain.current || !hasCounts) {
        isAskedAgain.current = false
        refreshTab()
      }
    })
  }, [tabId, filter, search, sort, offset, mergeReportStates])
  /** Rows ticked while the report was asked for were not asked about: only those asked and not answered are gone. */
  const dropGoneSelection = (asked: readonly string[], stillOnTab: readonly string[]) => setSelected((old) => {
    const kept = new Set(stillOnTab)
    const gone = asked.filter((hash) => !kept.has(hash) && old.has(hash))
    if (gone.length === 0) return old
    const next = new Set(old)
    for (const hash of gone) next.delete(hash)
    return next
  })
  const select = useCallback((hashes: readonly string[], isSelected: boolean) => setSelected((old) => {
    const next = new Set(old)
    for (const hash of hashes) {
      if (!isSelected) next.delete(hash)
      else if (next.size < MAX_SELECTED) next.add(hash)
    }
    return next
  }), [])

  useEffect(() => refreshTab(true), [refreshTab])
  useEffect(() => onWorkerEvent((event) => {
    if (event.type === 'states-changed') mergePushedStates(event.states)
  }), [mergePushedStates])
  // Hashes the page reports while the view is open (or a new page in the tab) join the list.
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

  if (report === null) return null
  return (
    <PageView tabId={tabId} report={report} states={states} filter={filter} onChanged={() => refreshTab()} onDetails={onDetails}
      onFilter={(next) => { setFilter(next); setOffset(0) }} onPage={setOffset}
      query={{ search, sort }} onSearch={(next) => { setSearch(next); setOffset(0) }}
      onSort={(next) => { setSort(next); setOffset(0) }} selected={selected} onSelect={select} />
  )
}
