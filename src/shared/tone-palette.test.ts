import { describe, expect, it } from 'vitest'
import { BADGE_TEXT_COLOR, badgeColorsOf, TONE_COLORS, withOpacity } from './tone-palette.ts'
import { VERDICT_TONES } from './verdict-tone.ts'

/** WCAG 2 relative luminance and contrast ratio (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio). */
function luminance(color: string): number {
  const [red, green, blue] = [1, 3, 5].map((start) => {
    const channel = Number.parseInt(color.slice(start, start + 2), 16) / 255
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * red! + 0.7152 * green! + 0.0722 * blue!
}

function contrast(one: string, other: string): number {
  const [lighter, darker] = [luminance(one), luminance(other)].sort((a, b) => b - a)
  return (lighter! + 0.05) / (darker! + 0.05)
}

/** A light page and a typical dark-mode page. */
const PAGE_BACKGROUNDS = ['#ffffff', '#111827']

describe('the tone palette', () => {
  it('fills badges only with colours that carry white text at 4.5:1 (WCAG AA)', () => {
    for (const tone of VERDICT_TONES) {
      const { background, color } = badgeColorsOf(tone)
      if (background === 'transparent') continue
      expect(background, tone).toBe(TONE_COLORS[tone])
      expect(color, tone).toBe(BADGE_TEXT_COLOR)
      expect(contrast(background, BADGE_TEXT_COLOR), tone).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('outlines in the surrounding text colour the badges of tones with nothing to flag', () => {
    for (const tone of ['not-found', 'idle'] as const) {
      expect(badgeColorsOf(tone)).toEqual({ background: 'transparent', color: 'inherit', borderColor: 'currentColor' })
    }
    for (const tone of ['malicious', 'suspicious', 'known', 'unknown', 'pending', 'error'] as const) {
      expect(badgeColorsOf(tone).background, tone).not.toBe('transparent')
    }
  })

  it('gives every tone a colour at 3:1 or more against light and dark pages (WCAG 1.4.11), before any opacity a mark adds', () => {
    for (const tone of VERDICT_TONES) {
      for (const page of PAGE_BACKGROUNDS) expect(contrast(TONE_COLORS[tone], page), `${tone} on ${page}`).toBeGreaterThanOrEqual(3)
    }
  })

  it('writes a colour at an opacity as rgba()', () => {
    expect(withOpacity('#dc2626', 0.28)).toBe('rgba(220, 38, 38, 0.28)')
    expect(withOpacity('#0a0b0c', 1)).toBe('rgba(10, 11, 12, 1)')
  })
})
