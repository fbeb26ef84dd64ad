/** A classification badge: always a word, coloured by class (never colour alone). */
import type { HashState } from '../shared/verdict.ts'
import { stateLabel } from '../shared/status-text.ts'
import { badgeColorsOf } from '../shared/tone-palette.ts'
import { toneOf } from '../shared/verdict-tone.ts'

export function ClassificationBadge({ state }: { state: HashState | undefined }) {
  // No state yet reads as not looked up, as its label says.
  const tone = toneOf(state ?? { state: 'idle' })
  return <span class="hl-badge" data-tone={tone} style={badgeColorsOf(tone)}>{stateLabel(state)}</span>
}
