import { describe, expect, it } from 'vitest'
import { isIdleSitesChanged, parseHashStates, parsePageSettings, parseStatesChanged } from './worker-replies.ts'

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e'

describe('parsePageSettings', () => {
  it('accepts the worker answer', () => {
    const settings = {
      lookupMode: 'hover', perPageCap: 1000, isIdleSite: false, pivotNames: ['Spectra Analyze', 'VirusTotal'],
      noiseFilters: { skipSingleClassRuns: true, skipMixedCase: false, skipAssetFingerprints: true, skipGitObjectLinks: false },
      notSampleKinds: ['dependency-checksum', 'commit-id'],
    }
    expect(parsePageSettings(settings)).toEqual(settings)
  })

  it('keeps only the kinds of non-sample hex it knows; none named, every hash is a sample', () => {
    const base = { lookupMode: 'automatic', isIdleSite: false, noiseFilters: {} }
    expect(parsePageSettings({ ...base, notSampleKinds: ['commit-id', 'made-up', 7] })?.notSampleKinds).toEqual(['commit-id'])
    expect(parsePageSettings({ ...base, notSampleKinds: 'commit-id' })?.notSampleKinds).toEqual([])
    expect(parsePageSettings(base)?.notSampleKinds).toEqual([])
  })

  it('keeps at most ten pivot names, each a string of at most 40 characters; none unless a list', () => {
    const base = { lookupMode: 'automatic', isIdleSite: false, noiseFilters: {} }
    const names = [...Array.from({ length: 11 }, (_, index) => `P${index}`)]
    expect(parsePageSettings({ ...base, pivotNames: names })?.pivotNames).toEqual(names.slice(0, 10))
    expect(parsePageSettings({ ...base, pivotNames: ['x'.repeat(50), 7, null, 'B'] })?.pivotNames).toEqual(['x'.repeat(40), 'B'])
    expect(parsePageSettings({ ...base, pivotNames: 'A' })?.pivotNames).toEqual([])
    expect(parsePageSettings(base)?.pivotNames).toEqual([])
  })

  it('rejects what is not settings', () => {
    expect(parsePageSettings(undefined)).toBeNull()
    expect(parsePageSettings({ lookupMode: 'sometimes', isIdleSite: false, noiseFilters: {} })).toBeNull()
    expect(parsePageSettings({ lookupMode: 'off', isIdleSite: 'no', noiseFilters: {} })).toBeNull()
  })
})

describe('parseHashStates', () => {
  it('keeps what a skipped hash looks like, and drops a kind it does not know (still "not looked up")', () => {
    expect(parseHashStates({
      [MD5]: { state: 'idle', skippedAs: 'dependency-checksum' },
      ['a'.repeat(40)]: { state: 'idle', skippedAs: 'made-up' },
    })).toEqual({ [MD5]: { state: 'idle', skippedAs: 'dependency-checksum' }, ['a'.repeat(40)]: { state: 'idle' } })
  })

  it('keeps well-formed states and copies only checked verdict fields', () => {
    const states = parseHashStates({
      [MD5]: { state: 'verdict', verdict: { classification: 'MALICIOUS', threatName: 'Win32.Trojan.Test', threatLevel: 5, scannerMatch: '44', extra: {} } },
      ['a'.repeat(40)]: { state: 'pending' },
      ['b'.repeat(64)]: { state: 'error', error: 'http-error', detail: { reason: 'http-status', status: 500 }, message: 'x' },
      ['c'.repeat(64)]: { state: 'error', error: 'exploded' },
      ['f'.repeat(64)]: { state: 'error', error: 'bad-answer', detail: { reason: 'unreadable-answer', text: 7 } },
      ['D'.repeat(32)]: { state: 'idle' },
      'not-a-hash': { state: 'idle' },
      ['e'.repeat(32)]: { state: 'verdict', verdict: { classification: 'EVIL' } },
    })
    expect(states).toEqual({
      [MD5]: {
        state: 'verdict',
        verdict: {
          hash: MD5, type: 'md5', classification: 'MALICIOUS', threatName: 'Win32.Trojan.Test', threatLevel: 5,
          trustFactor: undefined, scannerCount: undefined, scannerMatch: undefined, firstSeen: undefined,
          lastSeen: undefined, sampleHashes: {}, checkedAt: 0,
        },
      },
      ['a'.repeat(40)]: { state: 'pending' },
      ['b'.repeat(64)]: { state: 'error', error: 'http-error', detail: { reason: 'http-status', status: 500 } },
      ['f'.repeat(64)]: { state: 'error', error: 'bad-answer' },
    })
  })

  it('keeps a budget\'s reason on an idle hash, and drops one that does not fit', () => {
    const resetsAt = Date.UTC(2026, 11, 2)
    const site = { state: 'idle', stoppedBy: { budget: 'site', site: 'example.com', resetsAt } }
    const total = { state: 'idle', stoppedBy: { budget: 'total', resetsAt } }
    expect(parseHashStates({ [MD5]: site, ['a'.repeat(40)]: total })).toEqual({ [MD5]: site, ['a'.repeat(40)]: total })
    for (const stoppedBy of [{ budget: 'site', resetsAt }, { budget: 'total' }, { budget: 'page', resetsAt }, 'x']) {
      expect(parseHashStates({ [MD5]: { state: 'idle', stoppedBy } })).toEqual({ [MD5]: { state: 'idle' } })
    }
  })

  it('keeps a pending hash\'s retry time, and drops one that is not a number', () => {
    const retryAt = Date.UTC(2026, 11, 2, 1, 0, 2)
    expect(parseHashStates({ [MD5]: { state: 'pending', retryAt } })).toEqual({ [MD5]: { state: 'pending', retryAt } })
    for (const bad of ['soon', Number.NaN, null]) {
      expect(parseHashStates({ [MD5]: { state: 'pending', retryAt: bad } })).toEqual({ [MD5]: { state: 'pending' } })
    }
  })

  it('reads only states-changed pushes', () => {
    expect(parseStatesChanged({ type: 'states-changed', states: { [MD5]: { state: 'idle' } } })).toEqual({ [MD5]: { state: 'idle' } })
    expect(parseStatesChanged({ type: 'status-changed', status: {} })).toBeNull()
    expect(parseStatesChanged('states-changed')).toBeNull()
    expect(parseStatesChanged({ type: 'states-changed', states: [] })).toBeNull()
  })

  it('knows the idle sites push, and nothing else for it', () => {
    expect(isIdleSitesChanged({ type: 'idle-sites-changed' })).toBe(true)
    for (const other of [{ type: 'states-changed', states: {} }, 'idle-sites-changed', null, [{ type: 'idle-sites-changed' }]]) {
      expect(isIdleSitesChanged(other)).toBe(false)
    }
  })
})
