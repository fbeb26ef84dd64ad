/**
 * What the worker pushes to its listeners (popup, options, content scripts), and the answers
 * to requests. Plain types, no schemas: only the extension itself can send these, and the
 * content script must stay free of zod.
 */
import type { EngineStatus, QuotaUsage } from './engine-status.ts'
import type { Settings } from './settings.ts'
import type { ManagedField } from './managed-fields.ts'
import type { HashStates } from './verdict.ts'

export type WorkerEvent =
  | { type: 'states-changed'; states: HashStates }
  | { type: 'status-changed'; status: EngineStatus }
  /** The tab's list of hashes changed (new hashes reported, or a new page): ask for its report again. */
  | { type: 'tab-hashes-changed'; tabId: number }

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
}

export type ConnectionCheck =
  | { ok: true; message: string; usage: QuotaUsage | null }
  | { ok: false; problem: 'invalid' | 'unauthorized' | 'forbidden' | 'unreachable' | 'other'; message: string }

export type SaveResult = { ok: true } | { ok: false; error: string }

/** The content script's view of the settings it needs: no credentials, nothing else. */
export interface PageSettings {
  lookupMode: Settings['lookupMode']
  perPageCap: number
  isIdleSite: boolean
  analyzeUrlTemplate: string
  noiseFilters: Settings['noiseFilters']
}

/** The popup's view of the current tab. */
export interface TabReport {
  hashes: string[]
  states: HashStates
  site: string
  isIdleSite: boolean
  /** The idle sites are set by policy: the popup's switch cannot change them. */
  idleSitesManaged: boolean
  lookupMode: Settings['lookupMode']
}
