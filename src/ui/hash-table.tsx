/** Rows of hashes with their badge and threat name; the popup's page view and manual results share it. */
import { memo } from 'preact/compat'
import { useEffect, useState } from 'preact/hooks'
import { HASH_TYPE_LABEL, hashTypeOfLength } from '../shared/hash.ts'
import type { HashState, HashStates } from '../shared/verdict.ts'
import { describeHashError, describeSkip } from '../shared/status-text.ts'
import { ClassificationBadge } from './classification-badge.tsx'
import { t } from '../shared/i18n.ts'


function typeLabelOf(hash: string): string {
  const type = hashTypeOfLength(hash.length)
  return type ? HASH_TYPE_LABEL[type] : ''
}

function detailOf(state: HashState | undefined): string {
  if (state?.state === 'verdict') return state.verdict.threatName ?? ''
  if (state?.state === 'error') return describeHashError(state)
  if (state?.state === 'idle' && state.skippedAs) return describeSkip(state.skippedAs)
  return ''
}

interface RowProps {
  hash: string
  state: HashState | undefined
  isReading: boolean
  /** Absent: the table offers no selection. */
  isSelected?: boolean
  onReveal?: (hash: string) => void
  onDetails?: (hash: string) => void
  onSelect?: (hash: string, isSelected: boolean) => void
}

/**
 * Memoised: a verdict arriving re-renders its own row, not every row of a long list (the panel shows thousands). The
 * callbacks must be stable for that (useCallback in the caller).
 */
const HashRow = memo(function HashRow({ hash, state, isReading, isSelected, onReveal, onDetails, onSelect }: RowProps) {
  const detail = detailOf(state)
  return (
    <tr data-hash={hash}>
      {onSelect && (
        <td class="hl-pick">
          <input type="checkbox" checked={isSelected} aria-label={t('listSelectRow', hash)}
            onChange={(event) => onSelect(hash, event.currentTarget.checked)} />
        </td>
      )}
      <td class="hl-state">{isReading && !state ? <span class="hl-badge" data-reading>{t('popupStateReading')}</span> : <ClassificationBadge state={state} />}</td>
      <td>
        {onReveal
          ? <button type="button" class="hl-mono hl-reveal" title={t('listRevealHash')} onClick={() => onReveal(hash)}>{hash}</button>
          : <div class="hl-mono">{hash}</div>}
        <div class="hl-muted hl-detail">
          <span class="hl-type">{typeLabelOf(hash)}</span>
          {detail && <span> · {detail}</span>}
        </div>
        {onDetails && <button type="button" class="hl-row-details" title={t('listDetailsTitle')} onClick={() => onDetails(hash)}>{t('listDetails')}</button>}
      </td>
    </tr>
  )
})

/** Rows built per task: 200 at once took 60 ms of script and 50 of layout in the panel (bench 8), over a long task. */
const ROWS_PER_TASK = 50

/**
 * How many of `count` rows are built: ROWS_PER_TASK more each task until all are, so a first page never blocks the view
 * for long. Rows once built stay (they are keyed by position and updated in place), so a page turned shows at once.
 */
function useRowsBuilt(count: number): number {
  const [built, setBuilt] = useState(Math.min(count, ROWS_PER_TASK))
  useEffect(() => {
    // Fewer rows now (a filter): built again in steps when they come back.
    if (built > Math.max(count, ROWS_PER_TASK)) setBuilt(Math.max(count, ROWS_PER_TASK))
    if (built >= count) return undefined
    const timer = setTimeout(() => setBuilt((rows) => Math.min(count, rows + ROWS_PER_TASK)), 0)
    return () => clearTimeout(timer)
  }, [built, count])
  return Math.min(built, count)
}

/** `isReading`: the states are still being read (a large tab's first rows): a row without one says so, not "Not looked up". */
export function HashTable({ hashes, states, label, isReading = false, onReveal, onDetails, selected, onSelect }: {
  hashes: readonly string[]; states: HashStates; label: string; isReading?: boolean
  /** The page's rows: the hash is a button that scrolls the page to it. */
  onReveal?: (hash: string) => void
  /** A small "Details" button per row opens the detail view of its hash (detail-view.tsx). */
  onDetails?: (hash: string) => void
  /** With both, each row has a checkbox: `selected` holds the rows ticked, `onSelect` hears each tick. */
  selected?: ReadonlySet<string>
  onSelect?: (hash: string, isSelected: boolean) => void
}) {
  const built = useRowsBuilt(hashes.length)
  if (hashes.length === 0) return null
  return (
    <table class="hl-table" aria-label={label}>
      <tbody>
        {/* Keyed by position: a page turned updates 200 rows' text in place instead of replacing 200 rows. */}
        {hashes.slice(0, built).map((hash, index) => (
          <HashRow key={index} hash={hash} state={states[hash]} isReading={isReading} onReveal={onReveal} onDetails={onDetails}
            {...(onSelect && { onSelect, isSelected: selected?.has(hash) ?? false })} />
        ))}
      </tbody>
    </table>
  )
}
