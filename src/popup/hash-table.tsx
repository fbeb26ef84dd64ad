/** Rows of hashes with their badge and threat name; the popup's page view and manual results share it. */
import { HASH_TYPE_LABEL, hashTypeOfLength } from '../shared/hash.ts'
import type { HashState, HashStates } from '../shared/verdict.ts'
import { describeHashError } from '../shared/status-text.ts'
import { ClassificationBadge } from '../ui/classification-badge.tsx'


function typeLabelOf(hash: string): string {
  const type = hashTypeOfLength(hash.length)
  return type ? HASH_TYPE_LABEL[type] : ''
}

function detailOf(state: HashState | undefined): string {
  if (state?.state === 'verdict') return state.verdict.threatName ?? ''
  if (state?.state === 'error') return describeHashError(state)
  return ''
}

export function HashTable({ hashes, states, label }: { hashes: readonly string[]; states: HashStates; label: string }) {
  if (hashes.length === 0) return null
  return (
    <table class="hl-table" aria-label={label}>
      <tbody>
        {hashes.map((hash) => (
          <tr key={hash} data-hash={hash}>
            <td><ClassificationBadge state={states[hash]} /></td>
            <td>
              <div class="hl-mono">{hash}</div>
              <div class="hl-muted hl-detail">
                <span class="hl-type">{typeLabelOf(hash)}</span>
                {detailOf(states[hash]) && <span> · {detailOf(states[hash])}</span>}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
