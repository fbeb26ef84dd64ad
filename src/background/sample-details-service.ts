/**
 * The detail view's data: what the verdict cache knows of one hash, plus the "More" answers (XREF, RHA1) asked on
 * demand: once per hash, API and TTL, one request for concurrent asks, never past the engine's backoff or stop.
 * A 403 here means "not entitled to this API" (a separate product): it hides that "More" for the account and never
 * touches the lookup engine, so File Reputation lookups go on.
 */
import browser from 'webextension-polyfill'
import { normalizeHash } from '../shared/hash.ts'
import type { EngineStatus } from '../shared/engine-status.ts'
import type { ServiceFailure } from '../shared/failure.ts'
import {
  rha1TypeOf, type DetailApi, type HashDetailsReport, type MoreProblem, type MoreResult, type MoreState, type MoreUnavailable,
} from '../shared/sample-details.ts'
import type { HashState } from '../shared/verdict.ts'
import type { Account, BackendClient, ServiceResult } from './backend.ts'
import type { LookupEngine } from './lookup-engine.ts'
import { loadCredentials } from './credentials-store.ts'
import { backoffDelay } from './backoff.ts'
import type { DetailsByApi, DetailsStore, StoredDetails } from './details-store.ts'

/** Which APIs answered 403 for which account; another account (or none) reads as none. */
interface NotEntitled { account: string; apis: DetailApi[] }

export interface DetailsEnvironment {
  store: () => Promise<Pick<DetailsStore, 'get' | 'put' | 'clear'>>
  getClient(): Promise<BackendClient | null>
  getAccount(): Promise<Account>
  /** The hash's state from the cache or the engine, sending nothing. */
  peek(hash: string): Promise<HashState | undefined>
  engineStatus(): EngineStatus
  loadNotEntitled(): Promise<unknown>
  saveNotEntitled(value: NotEntitled): Promise<void>
  now?: () => number
  random?: () => number
}

/** The account at the service, password left out: a 403 belongs to the login, not to a password. */
function accountKey(account: Account): string {
  return JSON.stringify([account.backend, account.apiHost, account.username])
}

function isNotEntitled(value: unknown): value is NotEntitled {
  return typeof value === 'object' && value !== null && typeof (value as NotEntitled).account === 'string' &&
    Array.isArray((value as NotEntitled).apis)
}

/** Engine states in which nothing is sent: "More" obeys them rather than adding requests the service refuses. */
function isEngineHolding(status: EngineStatus, now: number): boolean {
  switch (status.kind) {
    case 'rate-limited': case 'unavailable': return now < status.retryAt
    case 'unauthorized': case 'forbidden': case 'quota-exhausted': case 'not-configured': return true
    default: return false
  }
}

export class SampleDetailsService {
  readonly #env: DetailsEnvironment
  readonly #now: () => number
  readonly #random: () => number
  readonly #inFlight = new Map<string, Promise<MoreResult>>()
  /** Its own backoff after a 429/503 to "More": short, so memory is enough (a restarted worker starts afresh). */
  #backoff: { until: number; failures: number } | null = null

  constructor(env: DetailsEnvironment) {
    this.#env = env
    this.#now = env.now ?? Date.now
    this.#random = env.random ?? Math.random
  }

  /** "Clear cache" takes the "More" answers too. */
  async clear(): Promise<void> {
    await (await this.#env.store()).clear()
  }

  async report(input: string): Promise<HashDetailsReport | null> {
    const hash = normalizeHash(input)?.hash
    if (!hash) return null
    const [client, account, state] = await Promise.all([this.#env.getClient(), this.#env.getAccount(), this.#env.peek(hash)])
    const backend = account.backend
    const store = await this.#env.store()
    const [xref, rha1, notEntitled] = await Promise.all([
      store.get(backend, 'xref', hash), store.get(backend, 'rha1', hash), this.#notEntitled(account),
    ])
    const sha1 = sha1Of(hash, state)
    const unavailable = (api: DetailApi): MoreUnavailable | undefined => {
      if (notEntitled.has(api)) return 'not-entitled'
      if (client && !client[api]) return 'no-support'
      return undefined
    }
    return {
      hash,
      ...(state && { state }),
      xref: withCached({ unavailable: unavailable('xref') }, xref),
      rha1: withCached({ unavailable: unavailable('rha1') ?? rha1Unavailable(xref, sha1) }, rha1),
    }
  }

  /** Asks the service once: cached answers send nothing, and concurrent asks for one hash and API share a request. */
  async fetchMore(input: string, api: DetailApi): Promise<MoreResult | null> {
    const hash = normalizeHash(input)?.hash
    if (!hash) return null
    const key = `${api}:${hash}`
    const running = this.#inFlight.get(key)
    if (running) return running
    const asked = this.#ask(hash, api).finally(() => this.#inFlight.delete(key))
    this.#inFlight.set(key, asked)
    return asked
  }

  async #ask(hash: string, api: DetailApi): Promise<MoreResult> {
    const before = (await this.report(hash))!
    const fail = async (problem: MoreProblem): Promise<MoreResult> => ({ ok: false, problem, report: (await this.report(hash))! })
    if (before[api].cached) return { ok: true, report: before }
    if (before[api].unavailable) return fail({ kind: 'not-offered', reason: before[api].unavailable })
    const now = this.#now()
    const status = this.#env.engineStatus()
    if (isEngineHolding(status, now)) return fail({ kind: 'engine-waiting', status })
    if (this.#backoff && now < this.#backoff.until) {
      return fail({ kind: 'engine-waiting', status: { kind: 'rate-limited', retryAt: this.#backoff.until } })
    }
    const [client, account] = await Promise.all([this.#env.getClient(), this.#env.getAccount()])
    if (!client) return fail({ kind: 'not-configured' })
    const result = await this.#send(client, api, hash, before)
    if (!result) return fail({ kind: 'not-offered', reason: 'no-support' })
    if (!result.ok) {
      await this.#noteFailure(result.failure, api, account)
      return fail(result.failure)
    }
    this.#backoff = null
    await (await this.#env.store()).put(account.backend, api, hash, result.value)
    return { ok: true, report: (await this.report(hash))! }
  }

  async #send(client: BackendClient, api: DetailApi, hash: string, report: HashDetailsReport): Promise<ServiceResult<DetailsByApi[DetailApi]> | null> {
    if (api === 'xref') {
      const type = normalizeHash(hash)?.type
      return client.xref && type ? client.xref(type, hash) : null
    }
    const sha1 = sha1Of(hash, report.state)
    const cachedXref = report.xref.cached?.answer
    const rha1Type = cachedXref?.found ? rha1TypeOf(cachedXref.details.sampleType) : null
    return client.rha1 && sha1 && rha1Type ? client.rha1(rha1Type, sha1) : null
  }

  async #noteFailure(failure: ServiceFailure, api: DetailApi, account: Account): Promise<void> {
    if (failure.kind === 'forbidden') {
      const known = await this.#notEntitled(account)
      known.add(api)
      await this.#env.saveNotEntitled({ account: accountKey(account), apis: [...known] })
      return
    }
    if (failure.kind === 'rate-limited' || failure.kind === 'unavailable') {
      const failures = (this.#backoff?.failures ?? 0) + 1
      // Retry-After, where present, wins over the backoff's own delay (spectra-api.md, "Status codes").
      const delay = failure.retryAfterMs ?? backoffDelay(failures, this.#random)
      this.#backoff = { until: this.#now() + delay, failures }
    }
  }

  async #notEntitled(account: Account): Promise<Set<DetailApi>> {
    const stored = await this.#env.loadNotEntitled().catch(() => undefined)
    return new Set(isNotEntitled(stored) && stored.account === accountKey(account) ? stored.apis : [])
  }
}

function withCached<T>(state: MoreState<T>, cached: StoredDetails | null): MoreState<T> {
  const { unavailable } = state
  return {
    ...(cached && { cached: cached as NonNullable<MoreState<T>['cached']> }),
    // A cached answer is shown whatever happened since; only one not yet asked can be unavailable.
    ...(!cached && unavailable && { unavailable }),
  }
}

/** RHA1 takes a SHA-1 of the sample and its type from XREF: without either it is not offered. */
function rha1Unavailable(xref: StoredDetails<'xref'> | null, sha1: string | undefined): MoreUnavailable | undefined {
  if (!xref?.answer.found || !xref.answer.details.sampleType) return 'type-unknown'
  if (!rha1TypeOf(xref.answer.details.sampleType)) return 'type-unsupported'
  return sha1 ? undefined : 'no-sha1'
}

/** The sample's SHA-1: the hash itself, or the one the lookup named (show_hashes). */
function sha1Of(hash: string, state: HashState | undefined): string | undefined {
  if (normalizeHash(hash)?.type === 'sha1') return hash
  return state?.state === 'verdict' ? state.verdict.sampleHashes.sha1 : undefined
}

const NOT_ENTITLED_KEY = 'detailsNotEntitled'

/** The worker's service: the engine's states, the stored account, and its 403s kept in storage.local. */
export function workerDetailsService(engine: Pick<LookupEngine, 'peek' | 'status'>, getClient: () => Promise<BackendClient | null>,
  store: Promise<DetailsStore>): SampleDetailsService {
  return new SampleDetailsService({
    store: () => store,
    getClient,
    getAccount: loadCredentials,
    peek: async (hash) => (await engine.peek([hash]))[hash],
    engineStatus: () => engine.status(),
    loadNotEntitled: async () => (await browser.storage.local.get(NOT_ENTITLED_KEY))[NOT_ENTITLED_KEY],
    saveNotEntitled: (value) => browser.storage.local.set({ [NOT_ENTITLED_KEY]: value }),
  })
}
