/**
 * How marks look, one rule per tone, in the palette's colours. The same text ships twice: as the
 * content script's manifest `css` entry (written at build by vite.config.ts, so pages are styled
 * before they are parsed) and as the sheet shadow roots adopt (mark-painter.ts).
 */
import { TONE_COLORS, withOpacity } from '../shared/tone-palette.ts'
import { VERDICT_TONES, type VerdictTone } from '../shared/verdict-tone.ts'

export function highlightName(tone: VerdictTone): string {
  return `hashlens-${tone}`
}

interface MarkLook {
  /** Opacity of the tone's colour behind the text; 0 for none. */
  tint: number
  line: 'solid' | 'dashed' | 'dotted'
  lineWidth: number
  lineOpacity?: number
}

/** Verdicts to act on are filled and thick; states without a verdict only underlined, lightly. */
const MARK_LOOKS: Readonly<Record<VerdictTone, MarkLook>> = {
  malicious: { tint: 0.28, line: 'solid', lineWidth: 2 },
  suspicious: { tint: 0.25, line: 'solid', lineWidth: 2 },
  known: { tint: 0.2, line: 'solid', lineWidth: 1 },
  unknown: { tint: 0.2, line: 'solid', lineWidth: 1 },
  'not-found': { tint: 0, line: 'dotted', lineWidth: 2 },
  pending: { tint: 0.16, line: 'dashed', lineWidth: 1, lineOpacity: 0.6 },
  error: { tint: 0.12, line: 'dotted', lineWidth: 2 },
  idle: { tint: 0, line: 'dotted', lineWidth: 1, lineOpacity: 0.55 },
}

function ruleFor(tone: VerdictTone): string {
  const look = MARK_LOOKS[tone]
  const color = TONE_COLORS[tone]
  const name = highlightName(tone)
  return `:root::highlight(${name}), :host::highlight(${name}) {
  background-color: ${look.tint > 0 ? withOpacity(color, look.tint) : 'transparent'};
  text-decoration: underline ${look.line} ${look.lineOpacity === undefined ? color : withOpacity(color, look.lineOpacity)} ${look.lineWidth}px;
}
`
}

/** On `:root, :host` only: highlight styles inherit, and a rule on every element made restyles of a 4 MB page 2–4× slower. */
export const HIGHLIGHT_CSS: string = VERDICT_TONES.map(ruleFor).join('')
