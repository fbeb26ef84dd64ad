import { describe, expect, it } from 'vitest'
import { TONE_COLORS, withOpacity } from '../shared/tone-palette.ts'
import { VERDICT_TONES, type VerdictTone } from '../shared/verdict-tone.ts'
import { MARK_CSS } from './highlight-rules.ts'

/** The declarations of one tone's rule. */
function ruleOf(tone: VerdictTone): string {
  const rule = new RegExp(`\\[data-tone="${tone}"\\] \\{([^}]*)\\}`).exec(MARK_CSS)
  if (!rule) throw new Error(`no rule for ${tone}`)
  return rule[1]!
}

describe('mark rules', () => {
  it('has one rule per tone, and one for every box', () => {
    for (const tone of VERDICT_TONES) expect(MARK_CSS).toContain(`[data-tone="${tone}"]`)
    // The box rule, print's two, and the pulse's six (its rule, keyframes with two stops, reduced motion's rule).
    expect(MARK_CSS.match(/\{/g)).toHaveLength(VERDICT_TONES.length + 3 + 6)
    expect(MARK_CSS).toMatch(/\[data-pulse\] \{ outline: 3px solid/)
    expect(MARK_CSS).toMatch(/^div \{[^}]*pointer-events: none;/)
    expect(MARK_CSS).toMatch(/@media print \{\s*div \{ display: none; \}/)
  })

  it('draws each tone in the palette\'s colour', () => {
    expect(ruleOf('malicious')).toContain(`background-color: ${withOpacity(TONE_COLORS.malicious, 0.28)};`)
    expect(ruleOf('malicious')).toContain(`border-bottom: 2px solid ${TONE_COLORS.malicious};`)
    expect(ruleOf('not-found')).toContain('background-color: transparent;')
    expect(ruleOf('idle')).toContain(`1px dotted ${withOpacity(TONE_COLORS.idle, 0.55)}`)
    for (const tone of VERDICT_TONES) {
      // Every colour in the rule is the tone's, at full or some opacity.
      const colors = ruleOf(tone).match(/#[0-9a-f]{6}|rgba\([^)]*\)/g) ?? []
      expect(colors.length, tone).toBeGreaterThan(0)
      for (const color of colors) {
        const opacity = color.startsWith('rgba') ? Number(color.slice(color.lastIndexOf(',') + 1, -1)) : 1
        expect(color, tone).toBe(opacity === 1 ? TONE_COLORS[tone] : withOpacity(TONE_COLORS[tone], opacity))
      }
    }
  })

  it('defines no custom property', () => {
    expect(MARK_CSS).not.toContain('--')
    expect(MARK_CSS).not.toContain('var(')
  })
})
