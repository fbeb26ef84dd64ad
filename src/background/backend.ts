/**
 * The seam between HashLens and the service that answers lookups: the engine, the usage figure
 * and Test connection talk to a BackendClient made by createClient from an Account, never to
 * one service's client. A second service is one more entry in BACKENDS.
 */
import type { ServiceFailure } from '../shared/failure.ts'
import type { HashType } from '../shared/hash.ts'
import type { QuotaPeriod } from '../shared/quota.ts'
import type { BulkReading, QuotaLimit } from '../shared/spectra-answer.ts'
import type { DetailsAnswer, Rha1Details, Rha1Type, XrefDetails } from '../shared/sample-details.ts'
import { SPECTRA_BACKEND, SpectraClient } from './spectra-client.ts'

/** Names an entry of BACKENDS; stored with every cached verdict, so answers of two services never mix. */
export type BackendId = string

/** Who looks up, where: the credentials in effect (possibly incomplete) and the backend they are for. */
export interface Account {
  backend: BackendId
  username: string
  password: string
  /** Origin only, validated by validateApiHost. */
  apiHost: string
}

export type ServiceResult<T> = { ok: true; value: T } | { ok: false; failure: ServiceFailure }

/** How the account in effect differs from the one before: what a stop or a quota pause still means. */
export type AccountChange = 'same-credentials' | 'new-password' | 'other-account'

/** Same backend, username and host are the same account at the service, whose quota it keeps. */
export function accountChange(before: Account, after: Account): AccountChange {
  if (before.backend !== after.backend || before.username !== after.username || before.apiHost !== after.apiHost) return 'other-account'
  return before.password === after.password ? 'same-credentials' : 'new-password'
}

export interface ClientOptions {
  timeoutMs: number
  fetch?: typeof fetch
  now?: () => number
}

export interface BackendClient {
  /** Which backend answers: its answers are cached under this id. */
  readonly backend: BackendId
  bulkLookup(type: HashType, hashes: readonly string[]): Promise<ServiceResult<BulkReading>>
  singleLookup(type: HashType, hash: string): Promise<ServiceResult<BulkReading>>
  /** The account's quota; not charged to lookups. */
  limits(): Promise<ServiceResult<QuotaLimit>>
  /** Lookups spent in the current period. */
  usage(period: QuotaPeriod): Promise<ServiceResult<number>>
  /** The detail view's "More" (each a separate entitlement): a backend without them offers none. */
  xref?(type: HashType, hash: string): Promise<ServiceResult<DetailsAnswer<XrefDetails>>>
  rha1?(rha1Type: Rha1Type, sha1: string): Promise<ServiceResult<DetailsAnswer<Rha1Details>>>
}

export type BackendFactory = (account: Account, options: ClientOptions) => BackendClient

export const BACKENDS: Readonly<Record<BackendId, BackendFactory>> = {
  [SPECTRA_BACKEND]: (account, options) => new SpectraClient(account, options),
}

/** The client for an account: the only place a backend's client is made. */
export function createClient(account: Account, options: ClientOptions, backends: Readonly<Record<BackendId, BackendFactory>> = BACKENDS): BackendClient {
  const factory = Object.hasOwn(backends, account.backend) ? backends[account.backend] : undefined
  if (!factory) throw new Error(`HashLens: no backend named ${JSON.stringify(account.backend)}`)
  return factory(account, options)
}
