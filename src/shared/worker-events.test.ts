import { describe, expect, expectTypeOf, it } from 'vitest'
import type { z } from './zod.ts'
import { workerEventSchema, type WorkerEvent } from './worker-events.ts'

const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'

const verdict = {
  hash: SHA1, type: 'sha1', classification: 'MALICIOUS', threatName: 'Win32.Trojan.Test', threatLevel: 5,
  sampleHashes: { md5: 'd41d8cd98f00b204e9800998ecf8427e' }, checkedAt: 1_700_000_000_000,
} as const

describe('workerEventSchema', () => {
  it('gives exactly the WorkerEvent type, so a field added to a state or a status cannot be dropped unseen', () => {
    expectTypeOf<z.infer<typeof workerEventSchema>>().toEqualTypeOf<WorkerEvent>()
  })

  it('accepts every push the worker sends, unchanged', () => {
    const events: WorkerEvent[] = [
      { type: 'states-changed', states: { [SHA1]: { state: 'verdict', verdict } } },
      { type: 'states-changed', states: { [SHA1]: { state: 'error', error: 'timeout' }, a: { state: 'pending' }, b: { state: 'idle' } } },
      { type: 'states-changed', states: { [SHA1]: { state: 'idle', skippedAs: 'dependency-checksum' } } },
      { type: 'states-changed', states: { [SHA1]: { state: 'error', error: 'http-error', detail: { reason: 'http-status', status: 500 } } } },
      { type: 'status-changed', status: { kind: 'quota-exhausted', resetsAt: 1, period: 'daily' } },
      { type: 'status-changed', status: { kind: 'bad-answer', detail: { reason: 'unreadable-record', text: 'record without a status' } } },
      { type: 'status-changed', status: { kind: 'offline', retryAt: null } },
      { type: 'status-changed', status: { kind: 'ready' } },
      { type: 'tab-hashes-changed', tabId: 7 },
      { type: 'idle-sites-changed' },
      { type: 'download-checks-changed', id: 3 },
    ]
    for (const event of events) expect(workerEventSchema.parse(event)).toEqual(event)
  })

  it('refuses what the worker never sends', () => {
    const refused: unknown[] = [
      null,
      'states-changed',
      { type: 'lookup', hashes: [SHA1] },
      { type: 'states-changed' },
      { type: 'states-changed', states: { [SHA1]: { state: 'verdict', verdict: { ...verdict, classification: 'EVIL' } } } },
      { type: 'states-changed', states: { [SHA1]: { state: 'verdict', verdict: { ...verdict, checkedAt: 'now' } } } },
      { type: 'states-changed', states: { [SHA1]: { state: 'error', error: 'meltdown' } } },
      { type: 'states-changed', states: { [SHA1]: { state: 'error', error: 'bad-answer', detail: { reason: 'gremlins' } } } },
      { type: 'status-changed', status: { kind: 'bad-answer', detail: 'worded in the worker' } },
      { type: 'states-changed', states: { ['f'.repeat(65)]: { state: 'pending' } } },
      { type: 'status-changed', status: { kind: 'quota-exhausted', resetsAt: 1, period: 'yearly' } },
      { type: 'tab-hashes-changed', tabId: 1.5 },
      { type: 'download-checks-changed', id: -1 },
    ]
    for (const message of refused) expect(workerEventSchema.safeParse(message).success, JSON.stringify(message)).toBe(false)
  })
})

describe('a skipped hash\'s state (issue 13)', () => {
  it('names a kind of non-sample hex the judgement knows, or is refused', () => {
    const pushOf = (skippedAs: unknown) => ({ type: 'states-changed', states: { [SHA1]: { state: 'idle', skippedAs } } })
    expect(workerEventSchema.safeParse(pushOf('commit-id')).success).toBe(true)
    expect(workerEventSchema.safeParse(pushOf('sample')).success).toBe(false)
    expect(workerEventSchema.safeParse(pushOf(3)).success).toBe(false)
  })
})
