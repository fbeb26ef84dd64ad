import { describe, expect, expectTypeOf, it } from 'vitest'
import { FAILURES, LOOKUP_ERROR_KINDS, STOP_KINDS, TRANSIENT_KINDS, isLookupErrorKind, type ConnectionProblem, type FailureKind, type ServiceFailure } from './failure.ts'
import type { EngineStatus } from './engine-status.ts'

describe('the failure vocabulary', () => {
  it('names each kind once', () => {
    const kinds = FAILURES.map((failure) => failure.kind)
    expect(new Set(kinds).size).toBe(kinds.length)
  })

  it('derives each list from the groups', () => {
    expect(STOP_KINDS).toEqual(['unauthorized', 'forbidden'])
    expect(TRANSIENT_KINDS).toEqual(['rate-limited', 'unavailable', 'offline', 'timeout'])
    // A 413 splits its batch and Test connection's own refusals never reach a hash.
    expect(LOOKUP_ERROR_KINDS).toEqual(['not-configured', 'unauthorized', 'forbidden', 'quota-exhausted', ...TRANSIENT_KINDS, 'bad-answer', 'http-error'])
    expect(LOOKUP_ERROR_KINDS.every(isLookupErrorKind)).toBe(true)
    expect(['too-large', 'no-permission', 'ready', 7, null].some(isLookupErrorKind)).toBe(false)
  })

  it('the typed lists are subsets of the one vocabulary', () => {
    expectTypeOf<ServiceFailure['kind']>().toEqualTypeOf<Exclude<FailureKind, 'not-configured' | 'invalid-account' | 'no-permission'>>()
    expectTypeOf<Exclude<EngineStatus['kind'], 'ready'>>().toEqualTypeOf<Exclude<(typeof LOOKUP_ERROR_KINDS)[number], 'http-error'>>()
    expectTypeOf<ConnectionProblem['kind']>().toEqualTypeOf<Exclude<FailureKind, 'not-configured'>>()
  })
})
