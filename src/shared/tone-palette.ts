/**
 * The one palette of HashLens: each tone's colour, for the page's marks (line and tint), the
 * badges of the hover card and the popup, and the toolbar badge. Where a colour fills a badge it
 * carries white text at 4.5:1 or more, and every colour stands out from light and dark pages at
 * 3:1 or more (WCAG 1.4.3, 1.4.11): tone-palette.test.ts holds it to that.
 */
import type { VerdictTone } from './verdict-tone.ts'

export const TONE_COLORS: Readonly<Record<VerdictTone, `#${string}`>> = {
  malicious: '#dc2626',
  suspicious: '#c2410c',
  known: '#15803d',
  unknown: '#6b7280',
  'not-found': '#8b93a1',
  pending: '#2563eb',
  error: '#9333ea',
  idle: '#6b7280',
}

export const BADGE_TEXT_COLOR = '#ffffff'

/** Nothing to flag: outlined in the surrounding text's colour rather than filled. */
const OUTLINED_TONES: ReadonlySet<VerdictTone> = new Set(['not-found', 'idle'])

/** A type, not an interface: it goes straight into a Preact `style`. */
export type BadgeColors = {
  background: string
  color: string
  borderColor: string
}

/** A badge's colours, as CSS values (the badge draws a 1px border of `borderColor`). */
export function badgeColorsOf(tone: VerdictTone): BadgeColors {
  return OUTLINED_TONES.has(tone)
    ? { background: 'transparent', color: 'inherit', borderColor: 'currentColor' }
    : { background: TONE_COLORS[tone], color: BADGE_TEXT_COLOR, borderColor: 'transparent' }
}

/** `#dc2626` at opacity .28 → `rgba(220, 38, 38, 0.28)`. */
export function withOpacity(color: `#${string}`, opacity: number): string {
  const [red, green, blue] = [1, 3, 5].map((start) => Number.parseInt(color.slice(start, start + 2), 16))
  return `rgba(${red}, ${green}, ${blue}, ${opacity})`
}
