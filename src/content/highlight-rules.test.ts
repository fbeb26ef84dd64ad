import { describe, expect, it } from 'vitest'
import { TONE_COLORS, withOpacity } from '../shared/tone-palette.ts'
import { VERDICT_TONES } from '../shared/verdict-tone.ts'
import { HIGHLIGHT_CSS, highlightName } from './highlight-rules.ts'

/** The declarations of one highlight's rule. */
function ruleOf(name: string): string {
  const rule = new RegExp(`:root::highlight\\(${name}\\), :host::highlight\\(${name}\\) \\{([^}]*)\\}`).exec(HIGHLIGHT_CSS)
  if (!rule) throw new Error(`no rule for ${name}`)
  return rule[1]!
}

describe('highlight rules', () => {
  it('names one highlight per tone, each with a ::highlight rule', () => {
    expect(VERDICT_TONES.map(highlightName)).toContain('hashlens-not-found')
    for (const state of VERDICT_TONES) expect(HIGHLIGHT_CSS).toContain(`::highlight(hashlens-${state})`)
    expect(HIGHLIGHT_CSS.match(/\{/g)).toHaveLength(VERDICT_TONES.length)
  })

  it('draws each tone in the palette\'s colour', () => {
    expect(ruleOf('hashlens-malicious')).toContain(`background-color: ${withOpacity(TONE_COLORS.malicious, 0.28)};`)
    expect(ruleOf('hashlens-malicious')).toContain(`text-decoration: underline solid ${TONE_COLORS.malicious} 2px;`)
    expect(ruleOf('hashlens-not-found')).toContain('background-color: transparent;')
    expect(ruleOf('hashlens-idle')).toContain(`underline dotted ${withOpacity(TONE_COLORS.idle, 0.55)} 1px`)
    for (const tone of VERDICT_TONES) {
      // Every colour in the rule is the tone's, at full or some opacity.
      const colors = ruleOf(highlightName(tone)).match(/#[0-9a-f]{6}|rgba\([^)]*\)/g) ?? []
      expect(colors.length, tone).toBeGreaterThan(0)
      for (const color of colors) {
        const opacity = color.startsWith('rgba') ? Number(color.slice(color.lastIndexOf(',') + 1, -1)) : 1
        expect(color, tone).toBe(opacity === 1 ? TONE_COLORS[tone] : withOpacity(TONE_COLORS[tone], opacity))
      }
    }
  })

  it('defines no custom property a page could read', () => {
    expect(HIGHLIGHT_CSS).not.toContain('--')
    expect(HIGHLIGHT_CSS).not.toContain('var(')
  })
})
