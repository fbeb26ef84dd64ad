import { describe, expect, it } from 'vitest'
import { QuotaUsageTracker } from './quota-usage.ts'
import type { EngineStatus } from '../shared/engine-status.ts'
import type { BackendClient } from './backend.ts'

/** A client whose Customer Usage calls are counted, answering or failing as told. */
function fakeClient(answer: 'ok' | 'forbidden') {
  const calls = { limits: 0, usage: 0 }
  const client = {
    async limits() {
      calls.limits++
      return answer === 'ok'
        ? { ok: true as const, value: { limit: 10_000, period: 'daily' as const, exceeded: false } }
        : { ok: false as const, failure: { kind: 'forbidden' as const } }
    },
    async usage() {
      calls.usage++
      return { ok: true as const, value: 42 }
    },
  } as unknown as BackendClient
  return { client, calls }
}

describe('QuotaUsageTracker', () => {
  it('asks at most once per five minutes, and callers meanwhile share the answer', async () => {
    const { client, calls } = fakeClient('ok')
    const tracker = new QuotaUsageTracker(async () => client, () => ({ kind: 'ready' }))
    const [a, b] = await Promise.all([tracker.get(0), tracker.get(10)])
    expect(a).toEqual({ used: 42, limit: 10_000, period: 'daily', checkedAt: 0 })
    expect(b).toEqual(a)
    await tracker.get(60_000)
    expect(calls.limits).toBe(1)
    await tracker.get(6 * 60_000)
    expect(calls.limits).toBe(2)
  })

  it('a failing refresh is not retried on every poll', async () => {
    const { client, calls } = fakeClient('forbidden')
    const tracker = new QuotaUsageTracker(async () => client, () => ({ kind: 'ready' }))
    for (let second = 0; second < 60; second++) expect(await tracker.get(second * 1000)).toBeNull()
    expect(calls.limits).toBe(1)
  })

  it('never asks while the engine is rate limited, stopped or out of quota', async () => {
    const { client, calls } = fakeClient('ok')
    for (const status of [
      { kind: 'rate-limited', retryAt: 5 }, { kind: 'unauthorized' }, { kind: 'quota-exhausted', resetsAt: 9, period: 'daily' },
    ] as EngineStatus[]) {
      const tracker = new QuotaUsageTracker(async () => client, () => status)
      expect(await tracker.get(0)).toBeNull()
    }
    expect(calls.limits).toBe(0)
  })

  it('adds HashLens\'s own charged lookups between refreshes', async () => {
    const { client } = fakeClient('ok')
    const tracker = new QuotaUsageTracker(async () => client, () => ({ kind: 'ready' }))
    await tracker.get(0)
    tracker.noteCharged(3)
    expect((await tracker.get(1000))?.used).toBe(45)
  })
})
