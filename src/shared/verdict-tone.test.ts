import { describe, expect, it } from 'vitest'
import { CLASSIFICATIONS, type Classification, type HashState } from './verdict.ts'
import { toneOf, toneOfClassification, VERDICT_TONES } from './verdict-tone.ts'

function verdictState(classification: Classification): HashState {
  return { state: 'verdict', verdict: { hash: 'a'.repeat(32), type: 'md5', classification, sampleHashes: {}, checkedAt: 0 } }
}

describe('toneOf', () => {
  it('gives each classification its own tone', () => {
    expect(CLASSIFICATIONS.map(toneOfClassification)).toEqual(['malicious', 'suspicious', 'known', 'unknown', 'not-found'])
    expect(CLASSIFICATIONS.map((classification) => toneOf(verdictState(classification)))).toEqual(CLASSIFICATIONS.map(toneOfClassification))
  })

  it('names the states without a verdict after themselves', () => {
    expect(toneOf({ state: 'pending' })).toBe('pending')
    expect(toneOf({ state: 'idle' })).toBe('idle')
    expect(toneOf({ state: 'error', error: 'timeout' })).toBe('error')
  })

  it('has a tone for every state and every classification, and no other', () => {
    const reached = new Set([...CLASSIFICATIONS.map(toneOfClassification), toneOf({ state: 'pending' }), toneOf({ state: 'idle' }),
      toneOf({ state: 'error', error: 'offline' })])
    expect([...reached].sort()).toEqual([...VERDICT_TONES].sort())
  })
})
