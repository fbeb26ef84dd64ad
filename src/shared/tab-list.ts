/**
 * The popup's list of a tab's hashes: counted by verdict and cut to one page in the worker, so a tab of 20,000 hashes
 * sends the popup its counts and the rows it shows, not every hash with its state.
 */
import { CLASSIFICATIONS, type Classification, type HashState, type HashStates } from './verdict.ts'

/** What the popup's filter buttons choose: a classification, every hash, or those without a verdict. */
export const HASH_FILTERS = ['all', ...CLASSIFICATIONS, 'other'] as const
export type HashFilter = (typeof HASH_FILTERS)[number]
/** A page can show fresh hashes forever: past this a tab (so each of its documents) only counts them ("and N more"). */
export const MAX_HASHES_PER_TAB = 20_000
/** Rows in one page of a view's list: the popup and the panel page through the rest. */
export const LIST_PAGE_SIZE = 200
/** The list's orders: the page's, or by verdict (VERDICT_ORDER) and then the page's. */
export const LIST_SORTS = ['page', 'verdict'] as const
export type ListSort = (typeof LIST_SORTS)[number]
/** Longer than any hash or threat name worth typing: bounds the worker's work per request. */
export const MAX_SEARCH_LENGTH = 200
/** Rows a view can hold selected: each is sent with every list request, so its rows' states come along. */
export const MAX_SELECTED = 2000
/** Sort by verdict: most severe first, then the lookups' other outcomes, then those still to come. */
const VERDICT_ORDER: ReadonlyArray<Classification | 'error' | 'pending' | 'idle'> = [...CLASSIFICATIONS, 'error', 'pending', 'idle']

function verdictRankOf(state: HashState | undefined): number {
  return VERDICT_ORDER.indexOf(state === undefined ? 'idle' : state.state === 'verdict' ? state.verdict.classification : state.state)
}

/** The search box: a substring of the hash or of the threat name the worker knows, either case. */
export function matchesSearch(hash: string, state: HashState | undefined, search: string): boolean {
  if (search === '') return true
  const needle = search.toLowerCase()
  if (hash.toLowerCase().includes(needle)) return true
  return state?.state === 'verdict' && (state.verdict.threatName?.toLowerCase().includes(needle) ?? false)
}

export interface TabListQuery {
  filter: HashFilter
  /** Trimmed by the caller; empty keeps every hash. */
  search: string
  sort: ListSort
}

export function filterOf(state: HashState | undefined): Classification | 'other' {
  return state?.state === 'verdict' ? state.verdict.classification : 'other'
}

/**
 * Not looked up (over the cap, mode off, a budget) or given up on after errors: both can be asked again. One skipped as
 * no file sample is not remaining: the popup offers those apart ("Look up the skipped N").
 */
export function isRemaining(state: HashState | undefined): boolean {
  return state === undefined || (state.state === 'idle' && state.skippedAs === undefined) || state.state === 'error'
}

/** Not looked up automatically because its context says it is no file sample (issue 13). */
export function isSkipped(state: HashState | undefined): boolean {
  return state?.state === 'idle' && state.skippedAs !== undefined
}

export interface TabListPage {
  /** LIST_PAGE_SIZE hashes from `offset` of those the filter and the search keep, in the order asked for. */
  hashes: string[]
  /** Where the page starts: the one asked for, or the last page's start when the list has shrunk below it. */
  offset: number
  /** How many the filter and the search keep in all. */
  matching: number
  /** How many hashes the tab lists. */
  total: number
  /** Absent from a quick first answer for a large tab: they take a cache read of every hash. */
  counts?: Partial<Record<Classification | 'other', number>>
  remaining?: number
  /** Of them, those skipped as no file sample (isSkipped). */
  skipped?: number
}

/** Up to this many hashes the counts are cheap enough to come with every answer. */
export const COUNTED_AT_ONCE = 2000

/**
 * One page of the list, `size` rows from `offset` (a multiple of it): a view holds one page whatever the tab's size, so
 * no report nor render grows with it. The counts are the tab's, whatever the filter and the search keep.
 */
export function pageOfTabList(hashes: readonly string[], states: HashStates, { filter, search, sort }: TabListQuery, offset = 0, size = LIST_PAGE_SIZE): TabListPage {
  const end = offset + size
  const counts: TabListPage['counts'] = {}
  const kept: string[] = []
  let matching = 0
  let remaining = 0
  let skipped = 0
  for (const hash of hashes) {
    const state = states[hash]
    const kind = filterOf(state)
    counts[kind] = (counts[kind] ?? 0) + 1
    if (isRemaining(state)) remaining++
    else if (isSkipped(state)) skipped++
    if (filter !== 'all' && filter !== kind) continue
    if (!matchesSearch(hash, state, search)) continue
    matching++
    // In the page's order those up to the page's end are enough; sorted, every kept hash competes for it.
    if (sort === 'verdict' || kept.length < end) kept.push(hash)
  }
  // Array.prototype.sort is stable: within a verdict the page's order stays.
  if (sort === 'verdict') kept.sort((a, b) => verdictRankOf(states[a]) - verdictRankOf(states[b]))
  const start = Math.min(offset, lastPageStart(matching, size))
  return { hashes: kept.slice(start, start + size), offset: start, matching, total: hashes.length, counts, remaining, skipped }
}

/** The start of the last page of a list of `matching` rows (0 for an empty list). */
export function lastPageStart(matching: number, size = LIST_PAGE_SIZE): number {
  return Math.max(0, Math.floor((matching - 1) / size) * size)
}
