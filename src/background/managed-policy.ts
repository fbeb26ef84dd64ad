/**
 * Policy (Chrome `3rdparty.extensions.<id>`, Firefox `3rdparty.Extensions.<id>` in policies.json) is laid over the
 * user's stored values on every read, never written into them: when the policy goes, the user's choices come back.
 */
import browser from 'webextension-polyfill'
import { z } from '../shared/zod.ts'
import { DEFAULT_API_HOST, POLICY_SETTING_KEYS, type PolicySettingKey, type Settings } from '../shared/settings.ts'
import { MANAGED_FIELDS, policyDefinitionOf, type CredentialField, type LegacyPolicyField, type ManagedField } from '../shared/managed-fields.ts'
import { analyzePivotOf, mergePivots } from '../shared/pivots.ts'
import type { StoredCredentials } from './credentials-store.ts'

/** Field by field: Firefox does not validate policy against the schema, so a wrong field is dropped and the rest apply. */
const policySchema = z.object(Object.fromEntries(MANAGED_FIELDS.map((field) =>
  [field, policyDefinitionOf(field).schema.optional().catch(undefined)])))

type PolicySettings = Partial<Pick<Settings, PolicySettingKey>>
/** A legacy key (managed-fields.ts) is read into today's setting by parseManagedPolicy and never left in it. */
export type ManagedPolicy = PolicySettings & Partial<Record<CredentialField | LegacyPolicyField, string>>

export function parseManagedPolicy(raw: unknown): ManagedPolicy {
  const parsed = policySchema.safeParse(typeof raw === 'object' && raw !== null ? raw : {})
  // Sound: the schema is built from the definitions the type comes from.
  const policy = (parsed.success ? parsed.data : {}) as ManagedPolicy
  // A password in policy pins the host, so no user can send the organisation's password to a server of their own.
  if (policy.password !== undefined && policy.apiHost === undefined) policy.apiHost = DEFAULT_API_HOST
  // The deployed Spectra Analyze link is a pivot now, first of those policy sets (README "Pivots").
  if (policy.analyzeUrlTemplate !== undefined) {
    const analyze = analyzePivotOf(policy.analyzeUrlTemplate)
    policy.pivots = mergePivots(analyze ? [analyze] : [], policy.pivots ?? [])
    delete policy.analyzeUrlTemplate
  }
  for (const key of Object.keys(policy) as (keyof ManagedPolicy)[]) if (policy[key] === undefined) delete policy[key]
  return policy
}

/**
 * Chromium answers storage.managed seconds after start (3.5 s here, 6+ s in ghostery/ghostery-extension#3368),
 * too late for lookups: the last answer is kept in storage.local and applies until the live one comes.
 */
export const POLICY_COPY_KEY = 'managedPolicy'

let liveRead: Promise<ManagedPolicy> | null = null
let livePolicy: ManagedPolicy | null = null
/** Bumped when the policy changes, so an answer to an older read is not taken for the new one. */
let generation = 0

/** Reads storage.managed (once per worker, until forgotten) and keeps the copy in step. */
export function refreshManagedPolicy(): Promise<ManagedPolicy> {
  if (liveRead) return liveRead
  const readFor = generation
  liveRead = (async () => {
    // Rejects where no policy can exist (Firefox without enterprise policies): that is no policy.
    const raw = await Promise.resolve().then(() => browser.storage.managed.get()).catch(() => ({}))
    const policy = parseManagedPolicy(raw)
    if (readFor !== generation) return policy
    livePolicy = policy
    const copy = await browser.storage.local.get(POLICY_COPY_KEY).then((items) => items[POLICY_COPY_KEY], () => undefined)
    // A failed write (a full disk) costs only the head start on the next browser start.
    if (JSON.stringify(copy) !== JSON.stringify(policy)) await browser.storage.local.set({ [POLICY_COPY_KEY]: policy }).catch(() => undefined)
    return policy
  })()
  return liveRead
}

export function forgetManagedPolicy(): void {
  generation++
  liveRead = null
  livePolicy = null
}

/** The browser's answer once it has come, the last copy until then. */
export async function loadManagedPolicy(): Promise<ManagedPolicy> {
  void refreshManagedPolicy()
  if (livePolicy) return livePolicy
  const copy = (await browser.storage.local.get(POLICY_COPY_KEY))[POLICY_COPY_KEY]
  return livePolicy ?? parseManagedPolicy(copy)
}

export function managedFieldsOf(policy: ManagedPolicy): ManagedField[] {
  return MANAGED_FIELDS.filter((field) => policy[field] !== undefined)
}

export function applySettingsPolicy(settings: Settings, policy: ManagedPolicy): Settings {
  const applied = { ...settings }
  for (const key of POLICY_SETTING_KEYS) applyOne(applied, policy, key)
  return applied
}

function applyOne<K extends PolicySettingKey>(settings: Settings, policy: PolicySettings, key: K): void {
  const value = policy[key]
  // Cloned: a caller changing the result must not change the policy kept in memory.
  if (value !== undefined) settings[key] = structuredClone(value)
}

export function applyCredentialsPolicy(credentials: StoredCredentials, policy: ManagedPolicy): StoredCredentials {
  const apiHost = policy.apiHost ?? credentials.apiHost
  // The user's own password was saved for one host; a host set by policy does not receive it.
  const ownPassword = credentials.apiHost === apiHost ? credentials.password : ''
  return { username: policy.username ?? credentials.username, password: policy.password ?? ownPassword, apiHost }
}

export function applyPolicy(settings: Settings, credentials: StoredCredentials, policy: ManagedPolicy): {
  settings: Settings; credentials: StoredCredentials; managed: ManagedField[]
} {
  return {
    settings: applySettingsPolicy(settings, policy),
    credentials: applyCredentialsPolicy(credentials, policy),
    managed: managedFieldsOf(policy),
  }
}

export function changedManagedSetting(settings: Settings, policy: ManagedPolicy): ManagedField | null {
  for (const key of POLICY_SETTING_KEYS) {
    const managed = policy[key]
    if (managed !== undefined && JSON.stringify(settings[key]) !== JSON.stringify(managed)) return key
  }
  return null
}

/** Managed settings keep the user's stored values: the policy's are laid over on every read and must not outlive it. */
export function withoutManagedSettings(input: Settings, stored: Settings, policy: ManagedPolicy): Settings {
  const result = { ...input }
  for (const key of POLICY_SETTING_KEYS) if (policy[key] !== undefined) keepStored(result, stored, key)
  return result
}

function keepStored<K extends PolicySettingKey>(settings: Settings, stored: Settings, key: K): void {
  settings[key] = stored[key]
}
