/**
 * Property tests: whatever the service (or a proxy pretending to be it) sends, reading it never
 * throws, every asked hash gets exactly one outcome, and no outcome is for a hash not asked.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { readBulkAnswer, readLimits, readRecord, readSingleAnswer, readUsage } from './spectra-answer.ts'

const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length })
const sha1 = hex(40)

/** Records that are sometimes right, often half-right, and sometimes nonsense. */
const oddRecord = fc.oneof(
  fc.anything(),
  fc.record({
    status: fc.oneof(fc.constantFrom('MALICIOUS', 'SUSPICIOUS', 'KNOWN', 'UNKNOWN', 'GOODWARE', ''), fc.anything()),
    query_hash: fc.oneof(fc.record({ sha1 }), fc.record({ md5: hex(32) }), fc.dictionary(fc.string(), fc.anything()), fc.anything()),
    threat_name: fc.anything(),
    threat_level: fc.anything(),
    classification: fc.anything(),
    first_seen: fc.oneof(fc.string(), fc.anything()),
    md5: fc.anything(),
    sha256: fc.anything(),
  }, { requiredKeys: [] }),
)

describe('reading answers never fails, whatever arrives', () => {
  it('readBulkAnswer: every asked hash gets exactly one outcome, for any entries', () => {
    fc.assert(fc.property(fc.uniqueArray(sha1, { minLength: 1, maxLength: 20 }), fc.array(oddRecord, { maxLength: 30 }), (asked, entries) => {
      const reading = readBulkAnswer({ rl: { entries } }, asked, 'sha1', 0)
      expect(reading).not.toBeNull()
      for (const hash of asked) {
        const outcomes = Number(reading!.verdicts.has(hash)) + Number(reading!.unreadable.has(hash))
        expect(outcomes).toBe(1)
      }
      for (const hash of [...reading!.verdicts.keys(), ...reading!.unreadable.keys()]) expect(asked).toContain(hash)
    }), { numRuns: 300 })
  })

  it('readBulkAnswer with asked hashes echoed back as records matches each to its own hash', () => {
    fc.assert(fc.property(fc.uniqueArray(sha1, { minLength: 1, maxLength: 20 }), fc.constantFrom('MALICIOUS', 'KNOWN', 'UNKNOWN'), (asked, status) => {
      const entries = asked.map((hash) => ({ status, query_hash: { sha1: hash.toUpperCase() } }))
      const reading = readBulkAnswer({ rl: { entries } }, asked, 'sha1', 0)!
      for (const hash of asked) expect(reading.verdicts.get(hash)?.classification).toBe(status)
    }))
  })

  it('any JSON body at all: bulk, single, limits and usage readers return a value or null, never throw', () => {
    fc.assert(fc.property(fc.jsonValue(), (body) => {
      readBulkAnswer(body, ['a'.repeat(40)], 'sha1', 0)
      readSingleAnswer(body, 0)
      readRecord(body, 0)
      readLimits(body)
      readUsage(body)
    }), { numRuns: 500 })
  })

  it('deeply nested and huge bodies are read without a crash', () => {
    let nested: unknown = { rl: { entries: [] } }
    for (let i = 0; i < 5000; i++) nested = { rl: nested }
    expect(readBulkAnswer(nested, ['a'.repeat(40)], 'sha1', 0)).toBeNull()
    const many = Array.from({ length: 50_000 }, (_, i) => ({ status: 'KNOWN', query_hash: { sha1: i.toString(16).padStart(40, '0') } }))
    const reading = readBulkAnswer({ rl: { entries: many } }, ['0'.repeat(39) + '1'], 'sha1', 0)!
    expect(reading.verdicts.get('0'.repeat(39) + '1')?.classification).toBe('KNOWN')
  })
})
