import { describe, expect, it } from 'vitest'
import type { Verdict } from '../shared/verdict.ts'
import { EMPTY_QUEUE, LookupQueue, readStoredQueue, type StoredQueue, type WaitingHash } from './lookup-queue.ts'

const SHA1 = 'a'.repeat(40)
const OTHER_SHA1 = 'b'.repeat(40)
const MD5 = 'c'.repeat(32)
const SHA256 = 'd'.repeat(64)

function waiting(hash: string, attempts = 0, badAnswers = 0): WaitingHash {
  return { hash, type: hash.length === 32 ? 'md5' : hash.length === 40 ? 'sha1' : 'sha256', attempts, badAnswers }
}

function verdictFor(hash: string): Verdict {
  return { hash, type: 'sha1', classification: 'KNOWN', sampleHashes: {}, checkedAt: 0 }
}

/** A queue whose saves are recorded; `flushed()` lets the turn's coalesced save happen. */
function recordingQueue() {
  const saves: StoredQueue[] = []
  const queue = new LookupQueue(async (saved) => { saves.push(structuredClone(saved)) })
  return { queue, saves, flushed: () => new Promise<void>((resolve) => setTimeout(resolve, 0)) }
}

describe('readStoredQueue', () => {
  it('keeps well-formed hashes in normal form, with their counts', () => {
    const stored = readStoredQueue({
      waiting: [{ hash: SHA1.toUpperCase(), type: 'sha1', attempts: 2, badAnswers: 1 }, { hash: MD5 }],
      backoff: { until: 5, failures: 2, kind: 'unavailable' },
    })
    expect(stored).toEqual({ waiting: [waiting(SHA1, 2, 1), waiting(MD5)], backoff: { until: 5, failures: 2, kind: 'unavailable' } })
  })

  it('drops what is not a hash and counts that are not counts, so nothing malformed is ever sent', () => {
    const stored = readStoredQueue({ waiting: [null, 'x', { hash: 'xyz' }, { hash: 7 }, { hash: SHA256, attempts: 'many', badAnswers: -3 }], backoff: null })
    expect(stored).toEqual({ waiting: [waiting(SHA256)], backoff: null })
  })

  it('refuses a backoff of the wrong shape or kind', () => {
    for (const backoff of [{ until: 5, failures: 1, kind: 'unauthorized' }, { until: '5', failures: 1, kind: 'offline' }, { until: 5, kind: 'offline' }, 'soon']) {
      expect(readStoredQueue({ waiting: [], backoff }).backoff).toBeNull()
    }
  })

  it('anything else is an empty queue', () => {
    for (const value of [undefined, null, 'queue', [], { waiting: 'all' }]) expect(readStoredQueue(value)).toEqual(EMPTY_QUEUE)
  })
})

describe('LookupQueue', () => {
  it('takes a batch of the oldest hash\'s type, up to the size asked, into flight', () => {
    const { queue } = recordingQueue()
    for (const hash of [SHA1, MD5, OTHER_SHA1, SHA256]) queue.add(waiting(hash))
    expect(queue.takeBatch(2).map((item) => item.hash)).toEqual([SHA1, OTHER_SHA1])
    expect(queue.isQueued(SHA1)).toBe(true)
    expect(queue.waitingCount).toBe(2)
    expect(queue.pendingCount).toBe(4)
    expect(queue.takeBatch(100).map((item) => item.hash)).toEqual([MD5])
  })

  it('queues a hash once, and forgets its earlier failure when it is asked again', () => {
    const { queue } = recordingQueue()
    queue.rememberFailure(SHA1, { state: 'error', error: 'timeout' })
    queue.add(waiting(SHA1))
    queue.add(waiting(SHA1))
    expect(queue.failureOf(SHA1)).toBeUndefined()
    expect(queue.queuedHashes()).toEqual([SHA1])
  })

  it('requeues to the front with the counts given', () => {
    const { queue } = recordingQueue()
    queue.add(waiting(SHA1))
    queue.add(waiting(OTHER_SHA1))
    const [first] = queue.takeBatch(1)
    queue.landed([first!])
    queue.requeue([{ ...first!, attempts: 1 }])
    expect(queue.takeBatch(2)).toEqual([waiting(SHA1, 1), waiting(OTHER_SHA1)])
  })

  it('saves once per turn, in-flight hashes as waiting, with the backoff', async () => {
    const { queue, saves, flushed } = recordingQueue()
    queue.add(waiting(SHA1))
    queue.add(waiting(MD5))
    queue.takeBatch(100)
    queue.backoff = { until: 9, failures: 1, kind: 'rate-limited' }
    await flushed()
    expect(saves).toEqual([{ waiting: [waiting(SHA1), waiting(MD5)], backoff: { until: 9, failures: 1, kind: 'rate-limited' } }])
  })

  it('gives every waiting hash up at once, leaving those in flight', () => {
    const { queue } = recordingQueue()
    for (const hash of [SHA1, MD5, OTHER_SHA1]) queue.add(waiting(hash))
    queue.takeBatch(1)
    expect(queue.takeWaiting().map((item) => item.hash)).toEqual([MD5, OTHER_SHA1])
    expect(queue.queuedHashes()).toEqual([SHA1])
  })

  it('holds an answer for its backend until its write is over, and keeps the asked hash saved until then', async () => {
    const { queue, saves, flushed } = recordingQueue()
    queue.add(waiting(SHA1))
    const batch = queue.takeBatch(100)
    const release = queue.holdUntilStored('spectra', [verdictFor(SHA1)], batch)
    queue.landed(batch)
    await flushed()
    expect(queue.answerBeingStored('spectra', SHA1)).toEqual(verdictFor(SHA1))
    expect(queue.answerBeingStored('another-backend', SHA1)).toBeUndefined()
    expect(saves.at(-1)?.waiting).toEqual([waiting(SHA1)])
    release()
    await flushed()
    expect(queue.answerBeingStored('spectra', SHA1)).toBeUndefined()
    expect(saves.at(-1)?.waiting).toEqual([])
  })

  it('a finished write releases only its own answer, not a later one for the same hash', () => {
    const { queue } = recordingQueue()
    const releaseOld = queue.holdUntilStored('spectra', [verdictFor(SHA1)], [])
    const newer = { ...verdictFor(SHA1), classification: 'MALICIOUS' } as const
    queue.holdUntilStored('spectra', [newer], [])
    releaseOld()
    expect(queue.answerBeingStored('spectra', SHA1)).toEqual(newer)
  })

  it('keeps the 10,000 latest failures', () => {
    const { queue } = recordingQueue()
    const hashes = Array.from({ length: 10_001 }, (_, i) => i.toString(16).padStart(40, '0'))
    for (const hash of hashes) queue.rememberFailure(hash, { state: 'error', error: 'offline' })
    expect(queue.failureOf(hashes[0]!)).toBeUndefined()
    expect(queue.failureOf(hashes[1]!)).toEqual({ state: 'error', error: 'offline' })
  })
})
