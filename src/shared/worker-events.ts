/**
 * What the worker pushes to its listeners (popup, options, content scripts), and the answers
 * to requests. Extension pages parse every push with workerEventSchema; the content script
 * imports only types from here (no zod in its bundle) and checks pushes by hand (worker-replies.ts).
 */
import type { TabListPage } from './tab-list.ts'
import { z } from './zod.ts'
import type { EngineStatus, QuotaUsage } from './engine-status.ts'
import { HASH_TYPES } from './hash.ts'
import type { Settings } from './settings.ts'
import type { ManagedField } from './managed-fields.ts'
import { CLASSIFICATIONS, type BudgetStop, type HashStates } from './verdict.ts'
import { LOOKUP_ERROR_KINDS, type ConnectionProblem } from './failure.ts'
import { NOT_SAMPLE_KINDS, type NotSampleKind } from './sample-judgement.ts'

const text = z.string().max(10_000)
const optionalText = text.optional()
const optionalNumber = z.number().optional()

const verdictSchema = z.object({
  hash: z.string().max(64),
  type: z.enum(HASH_TYPES),
  classification: z.enum(CLASSIFICATIONS),
  threatName: optionalText,
  threatLevel: optionalNumber,
  trustFactor: optionalNumber,
  platform: optionalText,
  malwareType: optionalText,
  family: optionalText,
  isGeneric: z.boolean().optional(),
  reason: optionalText,
  scannerCount: optionalNumber,
  scannerMatch: optionalNumber,
  firstSeen: optionalText,
  lastSeen: optionalText,
  sampleHashes: z.object({ md5: optionalText, sha1: optionalText, sha256: optionalText }),
  checkedAt: z.number(),
})

const failureDetailSchema = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('unreadable-answer'), text }),
  z.object({ reason: z.literal('http-status'), status: z.number() }),
  z.object({ reason: z.literal('single-hash-413') }),
  z.object({ reason: z.literal('unreadable-record'), text }),
  z.object({ reason: z.literal('processing-failed') }),
])

const hashStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('pending'), retryAt: z.number().optional() }),
  z.object({ state: z.literal('verdict'), verdict: verdictSchema }),
  z.object({ state: z.literal('error'), error: z.enum(LOOKUP_ERROR_KINDS), detail: failureDetailSchema.optional() }),
  z.object({
    state: z.literal('idle'),
    stoppedBy: z.discriminatedUnion('budget', [
      z.object({ budget: z.literal('site'), site: text, resetsAt: z.number() }),
      z.object({ budget: z.literal('total'), resetsAt: z.number() }),
    ]).optional(),
    skippedAs: z.enum(NOT_SAMPLE_KINDS).optional(),
  }),
])

const retryAt = z.number()
const engineStatusSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('not-configured') }),
  z.object({ kind: z.literal('ready') }),
  z.object({ kind: z.literal('unauthorized') }),
  z.object({ kind: z.literal('forbidden') }),
  z.object({ kind: z.literal('quota-exhausted'), resetsAt: z.number(), period: z.enum(['daily', 'monthly']) }),
  z.object({ kind: z.literal('rate-limited'), retryAt }),
  z.object({ kind: z.literal('unavailable'), retryAt }),
  z.object({ kind: z.literal('offline'), retryAt: retryAt.nullable() }),
  z.object({ kind: z.literal('timeout'), retryAt: retryAt.nullable() }),
  z.object({ kind: z.literal('bad-answer'), detail: failureDetailSchema }),
])

export const workerEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('states-changed'), states: z.record(z.string().max(64), hashStateSchema) }),
  z.object({ type: z.literal('status-changed'), status: engineStatusSchema }),
  /** The tab's list of hashes changed (new hashes reported, or a new page): ask for its report again. */
  z.object({ type: z.literal('tab-hashes-changed'), tabId: z.number().int() }),
  /** Sites joined the idle list: a content script asks whether its frame is idle now. */
  z.object({ type: z.literal('idle-sites-changed') }),
  /** A download check (issue 16) was added or changed: an open details page asks for it again (get-download-checks). */
  z.object({ type: z.literal('download-checks-changed'), id: z.number().int().nonnegative() }),
])

/** worker-events.test.ts checks that workerEventSchema gives exactly this type. */
export type WorkerEvent =
  | { type: 'states-changed'; states: HashStates }
  | { type: 'status-changed'; status: EngineStatus }
  | { type: 'tab-hashes-changed'; tabId: number }
  | { type: 'idle-sites-changed' }
  | { type: 'download-checks-changed'; id: number }

export interface StatusReport {
  status: EngineStatus
  usage: QuotaUsage | null
  pending: number
  cachedVerdicts: number
}

/** What the options page may know: never the password itself. */
export interface OptionsReport {
  settings: Settings
  username: string
  apiHost: string
  hasPassword: boolean
  /** Fields an administrator set by policy: shown, but not editable (the password never shown). */
  managed: ManagedField[]
  /** Why pivots in the policy were left out ("Pivot 3 left out: …"), said under the locked list. */
  pivotPolicyProblems: string[]
}

/** Data only: the options page words it (status-text.ts). */
export type ConnectionCheck =
  | { ok: true; apiHost: string; username: string; usage: QuotaUsage | null }
  | { ok: false; problem: ConnectionProblem }

export type SaveResult = { ok: true } | { ok: false; error: string }

/** The content script's view of the settings it needs: no credentials, nothing else. */
export interface PageSettings {
  lookupMode: Settings['lookupMode']
  perPageCap: number
  isIdleSite: boolean
  /** The pivots' names, for the card's buttons: their URLs stay in the worker, which opens them (open-pivot). */
  pivotNames: string[]
  noiseFilters: Settings['noiseFilters']
  /** The kinds of non-sample hex left unlooked-up here; empty where every hash is looked up (a trusted site, lookups off). */
  notSampleKinds: NotSampleKind[]
}

/** The popup's view of the current tab: one page of its list (the popup asks for more), the counts, the page's states. */
export interface TabReport extends TabListPage {
  states: HashStates
  /** Hashes the tab reported past the most it lists: "and N more". */
  unlisted: number
  site: string
  /** The tab's top document's address, for a STIX export that names it only when the user asks. */
  pageUrl?: string
  isIdleSite: boolean
  /** The idle sites are set by policy: the popup's switch cannot change them. */
  idleSitesManaged: boolean
  lookupMode: Settings['lookupMode']
  /** A daily budget that stops automatic lookups on this page today. */
  budgetStop?: BudgetStop
  /** A selection too large to look up unasked, those of its hashes not looked up yet. */
  selectionOffer: string[]
  /** Of the rows the view asked about as selected, those still on the tab (a navigation drops the others). */
  selectedRows: string[]
}
