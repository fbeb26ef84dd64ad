/** Rows of hashes with their badge and threat name; the popup's page view and manual results share it. */
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

/** `isReading`: the states are still being read (a large tab's first rows): a row without one says so, not "Not looked up". */
export function HashTable({ hashes, states, label, isReading = false, onReveal, onDetails }: {
  hashes: readonly string[]; states: HashStates; label: string; isReading?: boolean
  /** The page's rows: the hash is a button that scrolls the page to it. */
  onReveal?: (hash: string) => void
  /** A small "Details" button per row opens the detail view of its hash (detail-view.tsx). */
  onDetails?: (hash: string) => void
}) {
  if (hashes.length === 0) return null
  return (
    <table class="hl-table" aria-label={label}>
      <tbody>
        {hashes.map((hash) => (
          <tr key={hash} data-hash={hash}>
            <td>{isReading && !states[hash] ? <span class="hl-badge" data-reading>{t('popupStateReading')}</span> : <ClassificationBadge state={states[hash]} />}</td>
            <td>
              {onReveal
                ? <button type="button" class="hl-mono hl-reveal" title={t('listRevealHash')} onClick={() => onReveal(hash)}>{hash}</button>
                : <div class="hl-mono">{hash}</div>}
              <div class="hl-muted hl-detail">
                <span class="hl-type">{typeLabelOf(hash)}</span>
                {detailOf(states[hash]) && <span> · {detailOf(states[hash])}</span>}
              </div>
              {onDetails && <button type="button" class="hl-row-details" title={t('listDetailsTitle')} onClick={() => onDetails(hash)}>{t('listDetails')}</button>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
