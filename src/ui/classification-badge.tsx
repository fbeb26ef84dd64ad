/** A classification badge: always a word, coloured by class (never colour alone). */
import type { HashState } from '../shared/verdict.ts'
import { stateLabel } from '../shared/status-text.ts'

export function badgeClassOf(state: HashState | undefined): string {
  switch (state?.state) {
    case 'verdict': return state.verdict.classification.toLowerCase().replace('_', '-')
    case 'pending': return 'pending'
    case 'error': return 'error'
    default: return 'idle'
  }
}

export function ClassificationBadge({ state }: { state: HashState | undefined }) {
  return <span class={`hl-badge hl-badge-${badgeClassOf(state)}`}>{stateLabel(state)}</span>
}
