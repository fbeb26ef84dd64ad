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
/** Rows the popup asks for at first, and more each time the user asks for more. */
export const LIST_PAGE_SIZE = 200

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
  /** The first `limit` hashes the filter keeps, in the tab's order. */
  hashes: string[]
  /** How many the filter keeps in all. */
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

export function pageOfTabList(hashes: readonly string[], states: HashStates, filter: HashFilter, limit: number): TabListPage {
  const counts: TabListPage['counts'] = {}
  const page: string[] = []
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
    matching++
    if (page.length < limit) page.push(hash)
  }
  return { hashes: page, matching, total: hashes.length, counts, remaining, skipped }
}
