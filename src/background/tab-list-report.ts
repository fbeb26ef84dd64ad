/** The tab's part of the popup's report: one page of its list with the counts, and the selection on offer. */
import { COUNTED_AT_ONCE, LIST_PAGE_SIZE, lastPageStart, pageOfTabList, type HashFilter, type ListSort } from '../shared/tab-list.ts'
import type { HashStates } from '../shared/verdict.ts'
import type { TabReport } from '../shared/worker-events.ts'
import type { LookupEngine } from './lookup-engine.ts'
import type { TabRegistry } from './tab-registry.ts'

export interface TabListContext {
  tabs: Pick<TabRegistry, 'ready' | 'hashesOf' | 'selectionOfferOf' | 'unlistedCountOf' | 'skippedOf'>
  engine: Pick<LookupEngine, 'peek'>
}

type TabListReport = Pick<TabReport, 'hashes' | 'offset' | 'matching' | 'total' | 'counts' | 'remaining' | 'states' | 'selectionOffer' | 'unlisted' | 'selectedRows'>

export interface TabListRequest {
  filter?: HashFilter
  search?: string
  sort?: ListSort
  /** The page's start (TabListPage.offset) and its size. */
  offset?: number
  limit?: number
  quick?: boolean
  /** The rows the view holds selected: those still on the tab come back, with their states. */
  selectedRows?: readonly string[]
}

export async function tabListReport(tabId: number, ctx: TabListContext, request: TabListRequest = {}): Promise<TabListReport> {
  const { filter = 'all', sort = 'page', offset = 0, limit = LIST_PAGE_SIZE, quick = false, selectedRows = [] } = request
  const search = request.search?.trim() ?? ''
  await ctx.tabs.ready
  const hashes = ctx.tabs.hashesOf(tabId)
  const offer = ctx.tabs.selectionOfferOf(tabId)
  const onTab = new Set(hashes)
  const stillSelected = [...new Set(selectedRows)].filter((hash) => onTab.has(hash))
  // Every hash's state is a cache read, which can wait behind others (the badge's, after a worker restart): a tab of
  // 20,000 gets its first rows at once, and their states and its counts a moment later.
  if (quick && filter === 'all' && search === '' && sort === 'page' && hashes.length > COUNTED_AT_ONCE) {
    const start = Math.min(offset, lastPageStart(hashes.length, limit))
    return {
      hashes: hashes.slice(start, start + limit), offset: start, matching: hashes.length, total: hashes.length, states: {}, selectionOffer: [],
      unlisted: ctx.tabs.unlistedCountOf(tabId), selectedRows: stillSelected,
    }
  }
  const known = await ctx.engine.peek([...hashes, ...offer])
  // A hash with no state of the engine's that the tab skipped reads so: the rows say why, the counts keep it apart.
  for (const [hash, skippedAs] of ctx.tabs.skippedOf(tabId)) known[hash] ??= { state: 'idle', skippedAs }
  const list = pageOfTabList(hashes, known, { filter, search, sort }, offset, limit)
  const selectionOffer = offer.filter((hash) => (known[hash]?.state ?? 'idle') === 'idle')
  // Only the rows sent and those selected (bounded, MAX_SELECTED): a tab's every state would make the answer as large as the tab.
  const states: HashStates = {}
  for (const hash of [...list.hashes, ...selectionOffer, ...stillSelected]) if (known[hash]) states[hash] = known[hash]
  return { ...list, states, selectionOffer, unlisted: ctx.tabs.unlistedCountOf(tabId), selectedRows: stillSelected }
}
