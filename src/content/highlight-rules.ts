/**
 * How marks look, one rule per tone, in the palette's colours: a band tinted in the tone over each line box of the
 * hash, and a line along its bottom. Adopted only by the overlay's closed shadow root (mark-overlay.ts), so no page
 * style, computed or adopted, carries a tone.
 */
import { TONE_COLORS, withOpacity } from '../shared/tone-palette.ts'
import { VERDICT_TONES, type VerdictTone } from '../shared/verdict-tone.ts'

interface MarkLook {
  /** Opacity of the tone's colour over the text; 0 for none. */
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

/** The attributes naming a box's tone and mark: inside the closed shadow root only. */
export const TONE_ATTRIBUTE = 'data-tone'
export const MARK_ATTRIBUTE = 'data-mark'
/** On the boxes of the mark a list's row asked to be shown (scroll to a hash): they pulse for a moment. */
export const PULSE_ATTRIBUTE = 'data-pulse'

function ruleFor(tone: VerdictTone): string {
  const look = MARK_LOOKS[tone]
  const color = TONE_COLORS[tone]
  return `[${TONE_ATTRIBUTE}="${tone}"] {
  background-color: ${look.tint > 0 ? withOpacity(color, look.tint) : 'transparent'};
  border-bottom: ${look.lineWidth}px ${look.line} ${look.lineOpacity === undefined ? color : withOpacity(color, look.lineOpacity)};
}
`
}

/**
 * Plain alpha over the text rather than a blend mode: a blend needs the page behind it composited with the overlay
 * (dearer on every frame), and at these opacities dark text on light pages and light text on dark ones stay legible.
 */
const BOX_RULE = `div {
  position: absolute;
  box-sizing: border-box;
  pointer-events: none;
  margin: 0;
  padding: 0;
  border: 0 none transparent;
}
`

/** Outline only: the box's tone, and so its size and colours, stay what a verdict gives every mark. */
const PULSE_RULE = `[${PULSE_ATTRIBUTE}] { outline: 3px solid #2563eb; outline-offset: 2px; animation: hashlens-pulse 0.5s ease-in-out 4 alternate; }
@keyframes hashlens-pulse { from { outline-color: rgba(37, 99, 235, 1); } to { outline-color: rgba(37, 99, 235, 0.15); } }
@media (prefers-reduced-motion: reduce) { [${PULSE_ATTRIBUTE}] { animation: none; } }
`

/** Boxes are placed in viewport coordinates, which mean nothing on paper. */
const PRINT_RULE = `@media print {
  div { display: none; }
}
`

export const MARK_CSS: string = BOX_RULE + VERDICT_TONES.map(ruleFor).join('') + PULSE_RULE + PRINT_RULE
