/** A classification badge: always a word, coloured by class (never colour alone). */
import type { HashState } from '../shared/verdict.ts'
import { stateLabel } from '../shared/status-text.ts'
import { toneOf } from '../shared/verdict-tone.ts'

export function ClassificationBadge({ state }: { state: HashState | undefined }) {
  // No state yet reads as not looked up, as its label says.
  return <span class={`hl-badge hl-badge-${toneOf(state ?? { state: 'idle' })}`}>{stateLabel(state)}</span>
}
