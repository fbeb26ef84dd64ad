/** In storage.local, never sync, so the password stays on this machine; read only by the worker. */
import browser from 'webextension-polyfill'
import { DEFAULT_API_HOST } from '../shared/settings.ts'
import type { Account } from './backend.ts'
import { SPECTRA_BACKEND } from './spectra-client.ts'
import { applyCredentialsPolicy, loadManagedPolicy, parseManagedPolicy, POLICY_COPY_KEY } from './managed-policy.ts'
import { LazyValue, touchesLocalOrPolicy, type StorageChanges } from './lazy-value.ts'

export const CREDENTIALS_KEY = 'credentials'

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

function parseStoredCredentials(stored: unknown): StoredCredentials {
  // A corrupt value is treated as "not configured", never as a crash.
  return isStoredCredentials(stored) ? stored : { username: '', password: '', apiHost: DEFAULT_API_HOST }
}

/** The user's own credentials, as saved in Options. */
export async function loadStoredCredentials(): Promise<StoredCredentials> {
  return parseStoredCredentials((await browser.storage.local.get(CREDENTIALS_KEY))[CREDENTIALS_KEY])
}

/** Spectra is the only backend so far: no choice of backend is stored. */
export function toAccount({ username, password, apiHost }: StoredCredentials): Account {
  return { backend: SPECTRA_BACKEND, username, password, apiHost }
}

const inEffect = new LazyValue(async () => {
  const [stored, policy] = await Promise.all([loadStoredCredentials(), loadManagedPolicy()])
  return toAccount(applyCredentialsPolicy(stored, policy))
})

/** The policy's credentials over the user's own; one object shared by every caller: never change it. */
export function loadCredentials(): Promise<Account> {
  return inEffect.get()
}

/** From the event's old and new values: a worker started after the write has no memory of the old ones. */
export async function accountsAroundChange(changes: Record<string, { oldValue?: unknown; newValue?: unknown }>): Promise<[Account, Account] | null> {
  const credentials = changes[CREDENTIALS_KEY]
  const policyCopy = changes[POLICY_COPY_KEY]
  if (!credentials && !policyCopy) return null
  const [stored, policy] = await Promise.all([loadStoredCredentials(), loadManagedPolicy()])
  const accountAt = (side: 'oldValue' | 'newValue') => toAccount(applyCredentialsPolicy(
    credentials ? parseStoredCredentials(credentials[side]) : stored,
    policyCopy ? parseManagedPolicy(policyCopy[side]) : policy,
  ))
  return [accountAt('oldValue'), accountAt('newValue')]
}

export async function saveCredentials(credentials: StoredCredentials): Promise<void> {
  await browser.storage.local.set({ [CREDENTIALS_KEY]: credentials })
  // storage.onChanged says so too, but later: the engine resumes with these at once.
  inEffect.invalidate()
}

export function forgetCredentials(): void {
  inEffect.invalidate()
}

export function forgetCredentialsOnChange(changes: StorageChanges, area: string): void {
  if (touchesLocalOrPolicy(changes, area, [CREDENTIALS_KEY, POLICY_COPY_KEY])) inEffect.invalidate()
}

export function isComplete(account: Account): boolean {
  return account.username.length > 0 && account.password.length > 0 && account.apiHost.length > 0
}
