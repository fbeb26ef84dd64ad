import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BACKENDS, accountChange, createClient, type Account, type BackendClient, type BackendFactory, type ServiceResult } from './backend.ts'
import { SPECTRA_BACKEND, SpectraClient } from './spectra-client.ts'
import { COLLECTION_WINDOW_MS, INITIAL_ENGINE_STATE, LookupEngine } from './lookup-engine.ts'
import { EMPTY_QUEUE } from './lookup-queue.ts'
import { VerdictCache } from './verdict-cache.ts'
import type { HashType } from '../shared/hash.ts'
import type { HashStates, Verdict } from '../shared/verdict.ts'
import type { BulkReading, QuotaLimit } from '../shared/spectra-answer.ts'

const ACCOUNT: Account = { backend: SPECTRA_BACKEND, username: 'u/acme/analyst', password: 's3cret', apiHost: 'https://data.example' }

/** A second backend in miniature: answers every hash SUSPICIOUS and records who asked. */
class DoubleBackend implements BackendClient {
  readonly backend = 'double'
  readonly asked: Array<{ type: HashType; hashes: string[] }> = []

  constructor(readonly account: Account) {}

  async bulkLookup(type: HashType, hashes: readonly string[]): Promise<ServiceResult<BulkReading>> {
    this.asked.push({ type, hashes: [...hashes] })
    const verdicts = new Map(hashes.map((hash): [string, Verdict] => [hash, { hash, type, classification: 'SUSPICIOUS', sampleHashes: {}, checkedAt: 0 }]))
    return { ok: true, value: { verdicts, unreadable: new Map() } }
  }

  async singleLookup(type: HashType, hash: string): Promise<ServiceResult<BulkReading>> {
    return this.bulkLookup(type, [hash])
  }

  async limits(): Promise<ServiceResult<QuotaLimit>> {
    return { ok: true, value: { limit: 10, period: 'daily', exceeded: false } }
  }

  async usage(): Promise<ServiceResult<number>> {
    return { ok: true, value: 0 }
  }
}

describe('createClient', () => {
  it('makes a Spectra client for a Spectra account, talking to the account\'s host', async () => {
    const urls: string[] = []
    const fetch = (async (input: RequestInfo | URL) => {
      urls.push(String(input))
      return new Response(JSON.stringify({ rl: { limits: [{ limit: 100, limit_type: 'daily', limit_exceeded: false }] } }), { status: 200 })
    }) as typeof globalThis.fetch
    const client = createClient(ACCOUNT, { timeoutMs: 1000, fetch })
    expect(client).toBeInstanceOf(SpectraClient)
    expect(client.backend).toBe(SPECTRA_BACKEND)
    expect(await client.limits()).toEqual({ ok: true, value: { limit: 100, period: 'daily', exceeded: false } })
    expect(urls).toHaveLength(1)
    expect(urls[0]!.startsWith(`${ACCOUNT.apiHost}/`)).toBe(true)
  })

  it('refuses an account of a backend it does not know, prototype names included', () => {
    expect(Object.keys(BACKENDS)).toEqual([SPECTRA_BACKEND])
    for (const backend of ['other', 'toString', '__proto__']) {
      expect(() => createClient({ ...ACCOUNT, backend }, { timeoutMs: 1000 })).toThrow(/no backend/)
    }
  })
})

describe('accountChange', () => {
  it('is another account when the backend, username or host differ; else the password decides', () => {
    expect(accountChange(ACCOUNT, { ...ACCOUNT })).toBe('same-credentials')
    expect(accountChange(ACCOUNT, { ...ACCOUNT, password: 'new' })).toBe('new-password')
    for (const other of [{ backend: 'double' }, { username: 'u/acme/other' }, { apiHost: 'https://proxy.example' }]) {
      expect(accountChange(ACCOUNT, { ...ACCOUNT, ...other })).toBe('other-account')
      expect(accountChange(ACCOUNT, { ...ACCOUNT, ...other, password: 'new' })).toBe('other-account')
    }
    // No account yet (nothing saved) to one: another account.
    expect(accountChange({ ...ACCOUNT, username: '', password: '' }, ACCOUNT)).toBe('other-account')
  })
})

describe('the engine through the seam', () => {
  beforeEach(() => {
    // Not setImmediate: fake-indexeddb runs on it.
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 29, 12, 0, 0), toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('looks up with whatever backend createClient makes for the account, and caches its answers as its own', async () => {
    const made: DoubleBackend[] = []
    const backends: Record<string, BackendFactory> = {
      double: (account) => {
        const client = new DoubleBackend(account)
        made.push(client)
        return client
      },
    }
    const account: Account = { ...ACCOUNT, backend: 'double' }
    const cache = await VerdictCache.open(`backend-test-${Math.random()}`)
    const policy = { verdictTtlMs: 86_400_000, unknownTtlMs: 86_400_000, maxEntries: 10 }
    const [known, fresh] = ['a'.repeat(40), 'b'.repeat(40)]
    const spectraAnswer: Verdict = { hash: known, type: 'sha1', classification: 'MALICIOUS', sampleHashes: {}, checkedAt: 0 }
    await cache.put(SPECTRA_BACKEND, [spectraAnswer], policy)
    const published: HashStates = {}
    const engine = new LookupEngine({
      cache: { getFresh: (backend, hashes) => cache.getFresh(backend, hashes, policy), put: (backend, verdicts) => cache.put(backend, verdicts, policy) },
      getClient: async () => createClient(account, { timeoutMs: 1000 }, backends),
      getBackend: async () => account.backend,
      getCachePolicy: async () => policy,
      loadState: async () => INITIAL_ENGINE_STATE,
      saveState: async () => undefined,
      loadQueue: async () => EMPTY_QUEUE,
      saveQueue: async () => undefined,
      scheduleWake: () => undefined,
      publishStates: (states) => Object.assign(published, states),
      publishStatus: () => undefined,
    })
    await engine.request([known, fresh])
    await vi.advanceTimersByTimeAsync(COLLECTION_WINDOW_MS + 10)
    // Spectra's cached answer is not the double's: both hashes are asked.
    expect(made.flatMap((client) => client.asked)).toEqual([{ type: 'sha1', hashes: [known, fresh] }])
    expect(made.every((client) => client.account === account)).toBe(true)
    for (const hash of [known, fresh]) expect(published[hash]).toMatchObject({ state: 'verdict', verdict: { classification: 'SUSPICIOUS' } })
    expect(engine.status()).toEqual({ kind: 'ready' })
    vi.useRealTimers()
    await vi.waitFor(async () => expect((await cache.getFresh('double', [known, fresh], policy)).size).toBe(2))
    expect((await cache.getFresh(SPECTRA_BACKEND, [known], policy)).get(known)).toEqual(spectraAnswer)
    cache.close()
  })
})
