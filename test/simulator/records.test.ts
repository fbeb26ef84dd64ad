import { describe, expect, it } from 'vitest'
import { generateRecord, simulatedStatusOf } from './records.ts'
import { hashOf } from './test-client.ts'

describe('simulatedStatusOf', () => {
  it('maps the last hex digit to a verdict, case-insensitively', () => {
    const expected: Record<string, string> = {
      0: 'MALICIOUS', 3: 'MALICIOUS', 4: 'SUSPICIOUS', 5: 'SUSPICIOUS', 6: 'KNOWN', 9: 'KNOWN',
      a: 'UNKNOWN', B: 'UNKNOWN', c: 'NOT_FOUND', F: 'NOT_FOUND',
    }
    for (const [digit, status] of Object.entries(expected)) expect(simulatedStatusOf(`abc${digit}`)).toBe(status)
    expect(simulatedStatusOf('')).toBe('NOT_FOUND')
  })
})

describe('generateRecord', () => {
  it('keeps generated fields in range for every status and hash type', () => {
    for (let seed = 0; seed < 60; seed += 1) {
      for (const type of ['md5', 'sha1', 'sha256'] as const) {
        const malicious = generateRecord(hashOf(type, '0', seed), type, 'MALICIOUS')
        const suspicious = generateRecord(hashOf(type, '4', seed), type, 'SUSPICIOUS')
        const known = generateRecord(hashOf(type, '6', seed), type, 'KNOWN')
        expect(malicious.threat_level).toBeGreaterThanOrEqual(3)
        expect(malicious.threat_level).toBeLessThanOrEqual(5)
        expect(suspicious.threat_level).toBeGreaterThanOrEqual(1)
        expect(suspicious.threat_level).toBeLessThanOrEqual(2)
        expect(known.threat_level).toBe(0)
        expect(known.trust_factor).toBeLessThanOrEqual(3)
        expect(known.scanner_match).toBe(0)
        expect(known.threat_name).toBeUndefined()
        for (const record of [malicious, suspicious, known]) {
          expect(record.scanner_count).toBeGreaterThanOrEqual(30)
          expect(record.scanner_count).toBeLessThanOrEqual(60)
          expect(record.scanner_match).toBeLessThanOrEqual(record.scanner_count ?? 0)
          expect(record[type]).toBe(record.query_hash[type])
        }
      }
    }
  })
})
