import { afterEach, describe, expect, it } from 'vitest'
import {
  notFoundVerdict, readBulkAnswer, readLimits, readRecord, readSingleAnswer, readUsage,
} from './spectra-answer.ts'
import type { Verdict } from './verdict.ts'

const CHECKED_AT = 1_720_000_000_000

// The contract's example sample (shared/docs/spectra-api.md, "Single, malicious").
const MD5 = '3133c2231fcee5d6b0b4c988a5201da1'
const SHA1 = '21841b32c6165b27dddbd4d6eb3a672defe54271'
const SHA256 = '2f6edf41016e97c58f9de01aa4cc66c9c7fe7dae23fe72e50a69cbd221f55346'

const OTHER_SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
const THIRD_SHA1 = '0123456789abcdef0123456789abcdef01234567'
const OTHER_MD5 = 'd41d8cd98f00b204e9800998ecf8427e'

function maliciousRecord(): Record<string, unknown> {
  return {
    status: 'MALICIOUS', threat_level: 5, trust_factor: 5,
    reason: 'antivirus', threat_name: 'Win32.Ransomware.Tox',
    classification: { platform: 'Win32', type: 'Ransomware', is_generic: false, family_name: 'Tox' },
    scanner_count: 47, scanner_match: 44, scanner_percent: 93.61701965332031,
    first_seen: '2015-05-30T22:04:00', last_seen: '2021-04-19T11:10:35',
    query_hash: { sha1: SHA1 },
    md5: MD5, sha1: SHA1, sha256: SHA256,
  }
}

const EXPECTED_MALICIOUS: Verdict = {
  hash: SHA1,
  type: 'sha1',
  classification: 'MALICIOUS',
  threatName: 'Win32.Ransomware.Tox',
  threatLevel: 5,
  trustFactor: 5,
  platform: 'Win32',
  malwareType: 'Ransomware',
  family: 'Tox',
  isGeneric: false,
  reason: 'antivirus',
  scannerCount: 47,
  scannerMatch: 44,
  firstSeen: '2015-05-30T22:04:00.000Z',
  lastSeen: '2021-04-19T11:10:35.000Z',
  sampleHashes: { md5: MD5, sha1: SHA1, sha256: SHA256 },
  checkedAt: CHECKED_AT,
}

const unknownRecord = (hash: string, type = 'sha1') => ({ status: 'UNKNOWN', query_hash: { [type]: hash } })

describe('readRecord', () => {
  const savedTz = process.env.TZ
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ
    else process.env.TZ = savedTz
  })

  it('reads the contract’s full MALICIOUS record into every Verdict field', () => {
    expect(readRecord(maliciousRecord(), CHECKED_AT)).toEqual({ ok: true, verdict: EXPECTED_MALICIOUS })
  })

  it('reads zone-less service times as UTC even when the local time zone is not UTC', () => {
    process.env.TZ = 'America/New_York'
    const reading = readRecord(maliciousRecord(), CHECKED_AT)
    expect(reading.ok && reading.verdict.firstSeen).toBe('2015-05-30T22:04:00.000Z')
    expect(reading.ok && reading.verdict.lastSeen).toBe('2021-04-19T11:10:35.000Z')
  })

  it('keeps a time that already carries a zone mark as that instant', () => {
    const reading = readRecord({ ...maliciousRecord(), first_seen: '2015-05-30T22:04:00+02:00' }, CHECKED_AT)
    expect(reading.ok && reading.verdict.firstSeen).toBe('2015-05-30T20:04:00.000Z')
  })

  it('drops an unparseable time instead of failing the record', () => {
    const reading = readRecord({ ...maliciousRecord(), first_seen: 'yesterday-ish', last_seen: '' }, CHECKED_AT)
    expect(reading.ok).toBe(true)
    if (!reading.ok) return
    expect(reading.verdict).not.toHaveProperty('firstSeen')
    expect(reading.verdict).not.toHaveProperty('lastSeen')
  })

  it('reads an UNKNOWN record holding only status and query_hash, with no undefined keys', () => {
    const reading = readRecord(unknownRecord(SHA256, 'sha256'), CHECKED_AT)
    expect(reading).toEqual({
      ok: true,
      verdict: { hash: SHA256, type: 'sha256', classification: 'UNKNOWN', sampleHashes: {}, checkedAt: CHECKED_AT },
    })
    if (!reading.ok) return
    // Absent means absent (not a key holding undefined), so stored verdicts compare equal.
    expect(Object.keys(reading.verdict).sort()).toEqual(['checkedAt', 'classification', 'hash', 'sampleHashes', 'type'])
    expect(Object.keys(reading.verdict.sampleHashes)).toEqual([])
  })

  it('reads KNOWN and SUSPICIOUS records', () => {
    const known = readRecord({ status: 'KNOWN', trust_factor: 0, query_hash: { md5: MD5 } }, CHECKED_AT)
    expect(known).toEqual({
      ok: true,
      verdict: { hash: MD5, type: 'md5', classification: 'KNOWN', trustFactor: 0, sampleHashes: {}, checkedAt: CHECKED_AT },
    })
    const suspicious = readRecord({ status: 'SUSPICIOUS', threat_level: 2, query_hash: { sha1: SHA1 } }, CHECKED_AT)
    expect(suspicious.ok && suspicious.verdict.classification).toBe('SUSPICIOUS')
    expect(suspicious.ok && suspicious.verdict.threatLevel).toBe(2)
  })

  it('drops wrong-typed fields (threat_level "5", classification null, md5 not hex) and keeps the rest', () => {
    const record = {
      ...maliciousRecord(),
      threat_level: '5',
      classification: null,
      md5: 'zz33c2231fcee5d6b0b4c988a5201dzz',
      scanner_count: 'many',
      threat_name: 42,
    }
    const reading = readRecord(record, CHECKED_AT)
    expect(reading.ok).toBe(true)
    if (!reading.ok) return
    const v = reading.verdict
    expect(v).not.toHaveProperty('threatLevel')
    expect(v).not.toHaveProperty('threatName')
    expect(v).not.toHaveProperty('scannerCount')
    expect(v).not.toHaveProperty('platform')
    expect(v).not.toHaveProperty('malwareType')
    expect(v).not.toHaveProperty('family')
    expect(v).not.toHaveProperty('isGeneric')
    expect(v.sampleHashes).toEqual({ sha1: SHA1, sha256: SHA256 })
    // The good fields survive.
    expect(v).toMatchObject({ hash: SHA1, classification: 'MALICIOUS', trustFactor: 5, scannerMatch: 44, reason: 'antivirus' })
  })

  it('drops a wrong-typed field inside classification but keeps its siblings', () => {
    const reading = readRecord({
      ...maliciousRecord(),
      classification: { platform: 7, type: 'Ransomware', is_generic: 'no', family_name: 'Tox' },
    }, CHECKED_AT)
    expect(reading.ok).toBe(true)
    if (!reading.ok) return
    expect(reading.verdict).not.toHaveProperty('platform')
    expect(reading.verdict).not.toHaveProperty('isGeneric')
    expect(reading.verdict).toMatchObject({ malwareType: 'Ransomware', family: 'Tox' })
  })

  it('drops a sample hash whose length belongs to another type (an md5 field holding a sha1)', () => {
    const reading = readRecord({ ...maliciousRecord(), md5: SHA1 }, CHECKED_AT)
    expect(reading.ok && reading.verdict.sampleHashes).toEqual({ sha1: SHA1, sha256: SHA256 })
  })

  it('normalises upper-case sample hashes to lower case', () => {
    const reading = readRecord({ ...maliciousRecord(), sha256: SHA256.toUpperCase() }, CHECKED_AT)
    expect(reading.ok && reading.verdict.sampleHashes.sha256).toBe(SHA256)
  })

  it('an unknown status is not ok but still names the hash it was for', () => {
    const reading = readRecord({ status: 'BENIGN', query_hash: { sha1: SHA1 } }, CHECKED_AT)
    expect(reading).toMatchObject({ ok: false, hash: SHA1 })
    expect(!reading.ok && reading.problem).toContain('BENIGN')
  })

  it('a lower-case status is unknown (the service sends exactly upper case)', () => {
    expect(readRecord({ status: 'malicious', query_hash: { sha1: SHA1 } }, CHECKED_AT)).toMatchObject({ ok: false, hash: SHA1 })
  })

  it('a record without a status is not ok but still names the hash from query_hash', () => {
    expect(readRecord({ query_hash: { sha1: SHA1 } }, CHECKED_AT)).toMatchObject({ ok: false, hash: SHA1 })
  })

  it('a record without query_hash is not ok with hash null', () => {
    const record = maliciousRecord()
    delete record.query_hash
    const reading = readRecord(record, CHECKED_AT)
    expect(reading).toMatchObject({ ok: false, hash: null })
    expect(!reading.ok && reading.problem.length).toBeGreaterThan(0)
  })

  it('a query_hash that names no valid hash is not ok with hash null', () => {
    expect(readRecord({ status: 'MALICIOUS', query_hash: { sha1: 'not-a-hash' } }, CHECKED_AT)).toMatchObject({ ok: false, hash: null })
    // A value of the wrong length for its key is not trusted either.
    expect(readRecord({ status: 'MALICIOUS', query_hash: { sha1: MD5 } }, CHECKED_AT)).toMatchObject({ ok: false, hash: null })
    expect(readRecord({ status: 'MALICIOUS', query_hash: {} }, CHECKED_AT)).toMatchObject({ ok: false, hash: null })
  })

  it('non-object input is not ok with hash null', () => {
    for (const raw of [null, undefined, 'MALICIOUS', 5, []]) {
      expect(readRecord(raw, CHECKED_AT)).toMatchObject({ ok: false, hash: null })
    }
  })

  it('normalises an upper-case query hash to lower case', () => {
    const reading = readRecord({ ...maliciousRecord(), query_hash: { sha1: SHA1.toUpperCase() } }, CHECKED_AT)
    expect(reading.ok && reading.verdict.hash).toBe(SHA1)
    expect(reading.ok && reading.verdict.type).toBe('sha1')
  })
})

describe('notFoundVerdict', () => {
  it('is a NOT_FOUND verdict with no sample hashes', () => {
    expect(notFoundVerdict(SHA1, 'sha1', CHECKED_AT)).toEqual({
      hash: SHA1, type: 'sha1', classification: 'NOT_FOUND', sampleHashes: {}, checkedAt: CHECKED_AT,
    })
  })
})

describe('readBulkAnswer', () => {
  const bulk = (...entries: unknown[]) => ({ rl: { entries } })

  it('matches records to asked hashes by query_hash, whatever their order', () => {
    const reading = readBulkAnswer(
      bulk(unknownRecord(OTHER_SHA1), maliciousRecord()),
      [SHA1, OTHER_SHA1], 'sha1', CHECKED_AT,
    )
    expect(reading).not.toBeNull()
    expect(reading!.verdicts.get(SHA1)).toEqual(EXPECTED_MALICIOUS)
    expect(reading!.verdicts.get(OTHER_SHA1)).toEqual({
      hash: OTHER_SHA1, type: 'sha1', classification: 'UNKNOWN', sampleHashes: {}, checkedAt: CHECKED_AT,
    })
    expect(reading!.unreadable.size).toBe(0)
  })

  it('matches a record whose query_hash is upper case', () => {
    const reading = readBulkAnswer(bulk(unknownRecord(OTHER_SHA1.toUpperCase())), [OTHER_SHA1], 'sha1', CHECKED_AT)
    expect(reading!.verdicts.get(OTHER_SHA1)?.classification).toBe('UNKNOWN')
  })

  it('an asked hash left out of entries is NOT_FOUND', () => {
    const reading = readBulkAnswer(bulk(maliciousRecord()), [SHA1, OTHER_SHA1], 'sha1', CHECKED_AT)
    expect(reading!.verdicts.get(OTHER_SHA1)).toEqual(notFoundVerdict(OTHER_SHA1, 'sha1', CHECKED_AT))
    expect(reading!.verdicts.get(SHA1)?.classification).toBe('MALICIOUS')
    expect(reading!.unreadable.size).toBe(0)
  })

  it('an empty entries list makes every asked hash NOT_FOUND', () => {
    const reading = readBulkAnswer(bulk(), [SHA1, OTHER_SHA1], 'sha1', CHECKED_AT)
    expect([...reading!.verdicts.values()].map((v) => [v.hash, v.classification])).toEqual([
      [SHA1, 'NOT_FOUND'], [OTHER_SHA1, 'NOT_FOUND'],
    ])
  })

  it('an odd record for one asked hash makes only that hash unreadable; the others read fine', () => {
    const reading = readBulkAnswer(
      bulk(maliciousRecord(), { status: 'WEIRD', query_hash: { sha1: OTHER_SHA1 } }),
      [SHA1, OTHER_SHA1, THIRD_SHA1], 'sha1', CHECKED_AT,
    )
    expect([...reading!.unreadable.keys()]).toEqual([OTHER_SHA1])
    expect(reading!.unreadable.get(OTHER_SHA1)).toContain('WEIRD')
    expect(reading!.verdicts.has(OTHER_SHA1)).toBe(false)
    expect(reading!.verdicts.get(SHA1)?.classification).toBe('MALICIOUS')
    // The odd record was tied to its hash, so absence still means "not found" for the rest.
    expect(reading!.verdicts.get(THIRD_SHA1)?.classification).toBe('NOT_FOUND')
  })

  it('a record that cannot be tied to any hash makes the missing hashes unreadable, not NOT_FOUND', () => {
    const reading = readBulkAnswer(
      bulk(maliciousRecord(), { status: 'MALICIOUS', threat_name: 'Win32.Orphan' }),
      [SHA1, OTHER_SHA1, THIRD_SHA1], 'sha1', CHECKED_AT,
    )
    expect(reading!.verdicts.get(SHA1)?.classification).toBe('MALICIOUS')
    expect(reading!.verdicts.has(OTHER_SHA1)).toBe(false)
    expect(reading!.verdicts.has(THIRD_SHA1)).toBe(false)
    expect([...reading!.unreadable.keys()].sort()).toEqual([OTHER_SHA1, THIRD_SHA1].sort())
    for (const problem of reading!.unreadable.values()) expect(problem.length).toBeGreaterThan(0)
  })

  it('a non-object entry also counts as an untied record', () => {
    const reading = readBulkAnswer(bulk(null, unknownRecord(SHA1)), [SHA1, OTHER_SHA1], 'sha1', CHECKED_AT)
    expect(reading!.verdicts.get(SHA1)?.classification).toBe('UNKNOWN')
    expect(reading!.unreadable.has(OTHER_SHA1)).toBe(true)
  })

  it('ignores records for hashes not asked, and records of another hash type', () => {
    const reading = readBulkAnswer(
      bulk(unknownRecord(THIRD_SHA1), unknownRecord(OTHER_MD5, 'md5'), maliciousRecord()),
      [SHA1, OTHER_SHA1], 'sha1', CHECKED_AT,
    )
    expect([...reading!.verdicts.keys()].sort()).toEqual([SHA1, OTHER_SHA1].sort())
    expect(reading!.verdicts.get(OTHER_SHA1)?.classification).toBe('NOT_FOUND')
    expect(reading!.unreadable.size).toBe(0)
  })

  it('ignores an unrelated invalid_hashes key beside entries', () => {
    const reading = readBulkAnswer({ rl: { entries: [maliciousRecord()], invalid_hashes: ['xyz'] } }, [SHA1], 'sha1', CHECKED_AT)
    expect(reading!.verdicts.get(SHA1)).toEqual(EXPECTED_MALICIOUS)
  })

  it('returns null for a body without rl.entries', () => {
    for (const body of [null, {}, { rl: {} }, { rl: { entries: 'none' } }, { rl: { malware_presence: maliciousRecord() } }, 'text']) {
      expect(readBulkAnswer(body, [SHA1], 'sha1', CHECKED_AT)).toBeNull()
    }
  })
})

describe('readSingleAnswer', () => {
  it('reads rl.malware_presence', () => {
    expect(readSingleAnswer({ rl: { malware_presence: maliciousRecord() } }, CHECKED_AT))
      .toEqual({ ok: true, verdict: EXPECTED_MALICIOUS })
  })

  it('reads the contract’s single UNKNOWN answer', () => {
    expect(readSingleAnswer({ rl: { malware_presence: unknownRecord(SHA256, 'sha256') } }, CHECKED_AT)).toEqual({
      ok: true,
      verdict: { hash: SHA256, type: 'sha256', classification: 'UNKNOWN', sampleHashes: {}, checkedAt: CHECKED_AT },
    })
  })

  it('passes on an odd record as not ok', () => {
    expect(readSingleAnswer({ rl: { malware_presence: { status: '???', query_hash: { sha1: SHA1 } } } }, CHECKED_AT))
      .toMatchObject({ ok: false, hash: SHA1 })
  })

  it('returns null for a body without rl.malware_presence', () => {
    for (const body of [null, {}, { rl: {} }, { rl: { entries: [] } }, 42]) {
      expect(readSingleAnswer(body, CHECKED_AT)).toBeNull()
    }
  })
})

describe('readLimits', () => {
  it('reads the contract’s limits example', () => {
    expect(readLimits({
      rl: { limits: [{ limit: 10000, limit_type: 'daily', limit_exceeded: false, products: ['TCA-0101 File Reputation'], users: ['u/company/user'] }] },
    })).toEqual({ limit: 10000, period: 'daily', exceeded: false })
  })

  it('picks the TCA-0101 entry among other products’ limits, with a monthly period and exceeded flag', () => {
    expect(readLimits({
      rl: {
        limits: [
          { limit: 50, limit_type: 'daily', limit_exceeded: false, products: ['TCA-0104 File Analysis'] },
          { limit: 300000, limit_type: 'monthly', limit_exceeded: true, products: ['TCA-0301 RHA', 'TCA-0101 File Reputation'] },
          { limit: 7, limit_type: 'daily', limit_exceeded: false, products: ['TCA-0207 Download'] },
        ],
      },
    })).toEqual({ limit: 300000, period: 'monthly', exceeded: true })
  })

  it('reads limit_type case-insensitively', () => {
    expect(readLimits({ rl: { limits: [{ limit: 9, limit_type: 'MONTHLY', products: ['TCA-0101'] }] } })?.period).toBe('monthly')
  })

  it('falls back to the first limit when none names TCA-0101, and exceeded defaults to false', () => {
    expect(readLimits({
      rl: { limits: [{ limit: 123, limit_type: 'daily' }, { limit: 456, limit_type: 'monthly' }] },
    })).toEqual({ limit: 123, period: 'daily', exceeded: false })
  })

  it('returns null for an empty list or a body without rl.limits', () => {
    expect(readLimits({ rl: { limits: [] } })).toBeNull()
    expect(readLimits({ rl: {} })).toBeNull()
    expect(readLimits(null)).toBeNull()
    expect(readLimits('<html>')).toBeNull()
  })
})

describe('readUsage', () => {
  it('reads the contract’s usage example', () => {
    expect(readUsage({ rl: { date: '2024-07-03', usage_report: [{ product: 'TCA-0101 File Reputation', number_of_queries: 37 }] } })).toBe(37)
  })

  it('sums only the TCA-0101 entries', () => {
    expect(readUsage({
      rl: {
        month: '2024-07',
        usage_report: [
          { product: 'TCA-0101 File Reputation', number_of_queries: 37 },
          { product: 'TCA-0104 File Analysis', number_of_queries: 1000 },
          { product: 'TCA-0101 File Reputation', number_of_queries: 5 },
        ],
      },
    })).toBe(42)
  })

  it('is 0 when TCA-0101 is not in the report', () => {
    expect(readUsage({ rl: { usage_report: [{ product: 'TCA-0104 File Analysis', number_of_queries: 9 }] } })).toBe(0)
    expect(readUsage({ rl: { usage_report: [] } })).toBe(0)
  })

  it('returns null for a body without rl.usage_report', () => {
    expect(readUsage({ rl: {} })).toBeNull()
    expect(readUsage(undefined)).toBeNull()
  })
})

describe('regressions found by the property tests', () => {
  it('a record whose query_hash is null or not an object is unreadable, not a crash', () => {
    for (const query_hash of [null, undefined, 'abc', 5]) {
      expect(readRecord({ status: 'MALICIOUS', query_hash }, 0)).toEqual({ ok: false, hash: null, problem: expect.any(String) })
    }
  })
})

describe('readLimits with both a daily and a monthly limit', () => {
  it('picks the limit that ran out, so the pause lasts until the right reset', () => {
    const product = ['TCA-0101 File Reputation']
    expect(readLimits({ rl: { limits: [
      { limit: 1000, limit_type: 'daily', limit_exceeded: false, products: product },
      { limit: 20000, limit_type: 'monthly', limit_exceeded: true, products: product },
    ] } })).toEqual({ limit: 20000, period: 'monthly', exceeded: true })
  })
})
