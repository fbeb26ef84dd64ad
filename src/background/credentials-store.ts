/**
 * The credentials, kept in storage.local and read only by the worker. The worker also closes
 * storage.local to content scripts (setAccessLevel, in service-worker.ts), so a script running
 * inside a web page cannot read them even if it tried.
 */
import browser from 'webextension-polyfill'
import { DEFAULT_API_HOST } from '../shared/settings.ts'
import type { Credentials } from './spectra-client.ts'
import { applyCredentialsPolicy, loadManagedPolicy } from './managed-policy.ts'

const KEY = 'credentials'

export interface StoredCredentials {
  username: string
  password: string
  apiHost: string
}

function isStoredCredentials(value: unknown): value is StoredCredentials {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return typeof record.username === 'string' && typeof record.password === 'string' && typeof record.apiHost === 'string'
}

/** The user's own credentials, as saved in Options. */
export async function loadStoredCredentials(): Promise<StoredCredentials> {
  const stored = (await browser.storage.local.get(KEY))[KEY]
  // A corrupt value is treated as "not configured", never as a crash.
  return isStoredCredentials(stored) ? stored : { username: '', password: '', apiHost: DEFAULT_API_HOST }
}

/** The credentials lookups use: the user's own, with any set by policy over them. */
export async function loadCredentials(): Promise<StoredCredentials> {
  const [stored, policy] = await Promise.all([loadStoredCredentials(), loadManagedPolicy()])
  return applyCredentialsPolicy(stored, policy)
}

export async function saveCredentials(credentials: StoredCredentials): Promise<void> {
  await browser.storage.local.set({ [KEY]: credentials })
}

export function isComplete(credentials: StoredCredentials): credentials is Credentials {
  return credentials.username.length > 0 && credentials.password.length > 0 && credentials.apiHost.length > 0
}
