/** Rows of hashes with their badge and threat name; the popup's page view and manual results share it. */
import { memo } from 'preact/compat'
import { useEffect, useMemo, useState } from 'preact/hooks'
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
  return (
    <tr role="row" data-hash={hash}>
      {onSelect && <RowPick hash={hash} isSelected={isSelected ?? false} onSelect={onSelect} />}
      <RowCells hash={hash} state={state} isReading={isReading} onReveal={onReveal} onDetails={onDetails} />
    </tr>
  )
})

/** Its own memoised cell: "Select all shown" and "Clear selection" re-render 200 checkboxes, not 200 rows. */
const RowPick = memo(function RowPick({ hash, isSelected, onSelect }: { hash: string; isSelected: boolean; onSelect: (hash: string, isSelected: boolean) => void }) {
  const label = useMemo(() => t('listSelectRow', hash), [hash])
  return (
    <td role="cell" class="hl-pick">
      <input type="checkbox" checked={isSelected} aria-label={label} onChange={(event) => onSelect(hash, event.currentTarget.checked)} />
    </td>
  )
})

const RowCells = memo(function RowCells({ hash, state, isReading, onReveal, onDetails }: Omit<RowProps, 'isSelected' | 'onSelect'>) {
  const detail = detailOf(state)
  return (
    <>
      <td role="cell" class="hl-state">{isReading && !state ? <span class="hl-badge" data-reading>{t('popupStateReading')}</span> : <ClassificationBadge state={state} />}</td>
      <td role="cell" class="hl-hash">
        {onReveal
          ? <button type="button" class="hl-mono hl-reveal" title={t('listRevealHash')} onClick={() => onReveal(hash)}>{hash}</button>
          : <div class="hl-mono">{hash}</div>}
        <div class="hl-muted hl-detail">
          <span class="hl-type">{typeLabelOf(hash)}</span>
          {detail && <span> · {detail}</span>}
        </div>
        {onDetails && <button type="button" class="hl-row-details" title={t('listDetailsTitle')} onClick={() => onDetails(hash)}>{t('listDetails')}</button>}
      </td>
    </>
  )
})

/**
 * Rows built or updated per task: 50 built took 15 ms of CPU under the bench's tracing, a page of 200 updated in place
 * 25–50 ms (bench 8, issue 14), and a 2-core machine shared with other work stretches that two- to fourfold.
 */
const ROWS_PER_TASK = 20

/** The index of the first of `upTo` rows whose hash differs between the two lists; `upTo` when none does. */
function firstChange(before: readonly string[], after: readonly string[], upTo: number): number {
  for (let index = 0; index < upTo; index++) if (before[index] !== after[index]) return index
  return upTo
}

/**
 * How many of `hashes`' rows are built: ROWS_PER_TASK more each task until all are, so a page never blocks the view
 * for long. Rows are keyed by position and stay built while their hash does (a report refreshed, rows added at the
 * end); from the first row whose hash changed (a page turned, a filter, a sort), they are built again in steps.
 */
function useRowsBuilt(hashes: readonly string[]): number {
  const [progress, setProgress] = useState(() => ({ of: hashes, built: Math.min(hashes.length, ROWS_PER_TASK) }))
  const kept = progress.of === hashes ? progress.built : Math.min(progress.built, firstChange(progress.of, hashes, progress.built) + ROWS_PER_TASK)
  const built = Math.min(hashes.length, kept)
  useEffect(() => {
    if (built >= hashes.length) {
      // Rows dropped (a filter) are recorded as such, to be built again in steps when they come back.
      setProgress((old) => (old.built === built ? old : { of: hashes, built }))
      return undefined
    }
    const timer = setTimeout(() => setProgress({ of: hashes, built: Math.min(hashes.length, built + ROWS_PER_TASK) }), 0)
    return () => clearTimeout(timer)
  }, [hashes, built])
  return built
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
  const built = useRowsBuilt(hashes)
  if (hashes.length === 0) return null
  return (
    // Rows laid out as flex boxes, not table rows, so that off-screen ones skip layout (views.css): the roles keep it a table.
    <table role="table" class="hl-table hl-rows" aria-label={label}>
      <tbody role="rowgroup">
        {/* Keyed by position: a page turned updates 200 rows' text in place instead of replacing 200 rows. */}
        {hashes.slice(0, built).map((hash, index) => (
          <HashRow key={index} hash={hash} state={states[hash]} isReading={isReading} onReveal={onReveal} onDetails={onDetails}
            {...(onSelect && { onSelect, isSelected: selected?.has(hash) ?? false })} />
        ))}
      </tbody>
    </table>
  )
}
