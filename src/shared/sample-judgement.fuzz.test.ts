/** On any text around any found hash: no throw, a known kind or null, and a kind switched off never returned. */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { findHashes, NO_NOISE_FILTERS } from './hash-detector.ts'
import { createSampleJudge, NOT_SAMPLE_KINDS, type NotSampleKind } from './sample-judgement.ts'

const SHA256 = '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae'
const contextual = fc.string({ unit: fc.constantFrom(...'0123456789abcdef {}[]()|,;:="\'`@#/.-+\t\r\n\u0000'), maxLength: 200 })
const words = fc.constantFrom('commit ', 'checksum = "', '@sha256:', '$a = { ', '| SHA-1 thumbprint |\n| --- |\n| ', '"txid": "', 'malware IOC\n', '00-', '.tar.xz', '.css', ':0:1')
const text = fc.array(fc.oneof(contextual, words, fc.constant(SHA256)), { maxLength: 12 }).map((parts) => parts.join(''))

describe('the sample judge on arbitrary text', () => {
  it('returns null or an enabled kind for every hash found', () => {
    fc.assert(fc.property(text, text, fc.subarray([...NOT_SAMPLE_KINDS]), (page, block, enabled) => {
      const kinds: ReadonlySet<NotSampleKind> = new Set(enabled)
      const judge = createSampleJudge({ url: 'https://example.com/' + page.slice(0, 20), title: page.slice(0, 30), text: page }, kinds)
      for (const match of findHashes(block, NO_NOISE_FILTERS)) {
        const kind = judge(block, match.start, match.end)
        if (kind !== null) expect(kinds.has(kind)).toBe(true)
      }
    }), { numRuns: 500 })
  })
})
