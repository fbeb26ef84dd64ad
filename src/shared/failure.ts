/**
 * Every reason HashLens can be without a verdict, in one list, grouped by what is done about it.
 * A backend's failures, a hash's error, the engine's status, the backoff and Test connection's
 * problems are all subsets of it; the error policy (background/error-policy.ts) acts on the
 * groups and status-text.ts words every kind.
 */

export const FAILURES = [
  { kind: 'not-configured', group: 'setup' }, // no complete account yet: nothing is sent
  { kind: 'invalid-account', group: 'input' }, // Test connection: the form's account was refused before any request
  { kind: 'no-permission', group: 'input' }, // Test connection: no host permission for the API host
  { kind: 'unauthorized', group: 'stop' }, // 401: repeated bad logins can lock the account
  { kind: 'forbidden', group: 'stop' }, // 403: the account lacks the entitlement
  { kind: 'quota-exhausted', group: 'pause' }, // 429 without the rate-limit body: wait for the reset
  { kind: 'rate-limited', group: 'transient' }, // 429 "Rate limit exceeded"
  { kind: 'unavailable', group: 'transient' }, // 502, 503, 504
  { kind: 'offline', group: 'transient' }, // network error: no answer at all
  { kind: 'timeout', group: 'transient' }, // no answer within the timeout
  { kind: 'bad-answer', group: 'answer' }, // not the service's JSON (a proxy page, a truncated body)
  { kind: 'http-error', group: 'answer' }, // any other status
  { kind: 'too-large', group: 'batch' }, // 413: more hashes than one request takes; the batch is split
] as const

type Failure = (typeof FAILURES)[number]
export type FailureKind = Failure['kind']
type FailureGroup = Failure['group']
export type KindIn<G extends FailureGroup> = Extract<Failure, { group: G }>['kind']

function kindsIn<G extends FailureGroup>(...groups: G[]): readonly KindIn<G>[] {
  // TypeScript cannot follow a generic Extract through the filter: the kinds are those of the groups asked.
  return FAILURES.filter((failure) => (groups as FailureGroup[]).includes(failure.group)).map((failure) => failure.kind as KindIn<G>)
}

/** What a backend's answer can fail with. */
type ServiceFailureKind = KindIn<'stop' | 'pause' | 'transient' | 'answer' | 'batch'>
/** Every lookup stops until the account changes. */
export const STOP_KINDS = kindsIn('stop')
export type StopKind = KindIn<'stop'>
/** Worth retrying after a backoff. */
export const TRANSIENT_KINDS = kindsIn('transient')
export type TransientKind = KindIn<'transient'>
/** Why one hash shows an error: a 413 splits its batch, and for a single hash it is an unexpected answer. */
export const LOOKUP_ERROR_KINDS = kindsIn('setup', 'stop', 'pause', 'transient', 'answer')
export type LookupErrorKind = (typeof LOOKUP_ERROR_KINDS)[number]

export function isLookupErrorKind(value: unknown): value is LookupErrorKind {
  return typeof value === 'string' && (LOOKUP_ERROR_KINDS as readonly string[]).includes(value)
}

/** What was wrong with an answer, as data: status-text.ts words it for every surface alike. */
export type FailureDetail =
  | { reason: 'unreadable-answer'; text: string } // the backend client's own account of the answer
  | { reason: 'http-status'; status: number }
  | { reason: 'single-hash-413' }
  | { reason: 'unreadable-record'; text: string } // what was wrong with this hash's record
  | { reason: 'processing-failed' } // a bug or a storage failure while HashLens handled the answer

type Simplify<T> = { [K in keyof T]: T[K] } & {}

/** One object type per kind: `{ kind }` plus the kind's entry in `fields`, if it has one. */
export type WithFields<K extends string, Fields> = K extends unknown
  ? Simplify<{ kind: K } & (K extends keyof Fields ? Fields[K] : unknown)>
  : never

interface FailureFields {
  'invalid-account': { refusal: string }
  'no-permission': { apiHost: string }
  'rate-limited': { retryAfterMs: number | null }
  'unavailable': { retryAfterMs: number | null }
  'offline': { detail: string }
  'bad-answer': { detail: string }
  'http-error': { status: number }
}

/** A backend's failure, with what the engine and the UI need to know about it. */
export type ServiceFailure = WithFields<ServiceFailureKind, FailureFields>

/** Why Test connection failed, with where it asked and how long it waited (its words name both). */
export type ConnectionProblem =
  | WithFields<KindIn<'input'>, FailureFields>
  | (ServiceFailure & { apiHost: string; timeoutSeconds: number })
