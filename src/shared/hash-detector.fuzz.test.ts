/** On any text: no throw, every match a real hash at its offsets; pathological inputs finish (linear time). */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { findHashes, DEFAULT_NOISE_FILTERS, NO_NOISE_FILTERS } from './hash-detector.ts'

const hexish = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF xg_.-:/\n\u00e9\u4e2d'), maxLength: 400 })

describe('findHashes on arbitrary text', () => {
  it('returns only real hashes, at the offsets it names, not touching a word character', () => {
    fc.assert(fc.property(fc.oneof(hexish, fc.string({ maxLength: 300 })), (text) => {
      for (const filters of [NO_NOISE_FILTERS, DEFAULT_NOISE_FILTERS]) {
        for (const match of findHashes(text, filters)) {
          const found = text.slice(match.start, match.end)
          expect(found.toLowerCase()).toBe(match.hash)
          expect([32, 40, 64]).toContain(found.length)
          expect(found).toMatch(/^[0-9a-fA-F]+$/)
          expect(text[match.start - 1] ?? ' ').not.toMatch(/[0-9A-Za-z_]/)
          expect(text[match.end] ?? ' ').not.toMatch(/[0-9A-Za-z_]/)
        }
      }
    }), { numRuns: 2000 })
  })

  it('finds every planted hash between spaces', () => {
    const hash = (n: 32 | 40 | 64) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n })
    fc.assert(fc.property(fc.array(fc.oneof(hash(32), hash(40), hash(64)), { maxLength: 20 }), fc.string({ unit: fc.constantFrom(' ', ',', '\n', ';'), minLength: 1, maxLength: 3 }), (hashes, gap) => {
      const text = hashes.join(gap)
      expect(findHashes(text, NO_NOISE_FILTERS).map((m) => m.hash)).toEqual(hashes)
    }))
  })

  it('finishes on a 10 MB run of hex digits and on a 50 MB text', () => {
    expect(findHashes('a1'.repeat(5 * 1024 * 1024))).toEqual([])
    const chunk = `${'lorem ipsum dolor sit amet '.repeat(70)}a1b2c3d4e5f60718293a4b5c6d7e8f90 `
    const big = chunk.repeat(Math.ceil((50 * 1024 * 1024) / chunk.length))
    expect(findHashes(big).length).toBe(Math.ceil((50 * 1024 * 1024) / chunk.length))
  })
})
