/**
 * Settings an administrator presets by policy (Chrome: `3rdparty.extensions.<id>`; Firefox:
 * `3rdparty.Extensions.<id>` in policies.json), read from storage.managed and merged over the
 * user's own values. What the user stored stays untouched underneath: when the policy goes,
 * the user's choices come back.
 */
import browser from 'webextension-polyfill'
import { z } from '../shared/zod.ts'
import { DEFAULT_API_HOST, LOOKUP_MODES, validateApiHost, type Settings } from '../shared/settings.ts'
import { MANAGED_FIELDS, type ManagedField } from '../shared/managed-fields.ts'
import type { StoredCredentials } from './credentials-store.ts'

/**
 * Each field is checked on its own: one the browser let through with a wrong value (Firefox
 * does not validate against the schema) is ignored, not guessed at, and the others still apply.
 */
const policySchema = z.object({
  apiHost: z.string().transform((value, ctx) => {
    const host = validateApiHost(value)
    if (host.ok) return host.origin
    ctx.addIssue({ code: 'custom', message: host.error })
    return z.NEVER
  }).optional().catch(undefined),
  username: z.string().trim().min(1).refine((name) => !name.includes(':')).optional().catch(undefined),
  password: z.string().min(1).optional().catch(undefined),
  lookupMode: z.enum(LOOKUP_MODES).optional().catch(undefined),
  perPageCap: z.number().int().min(1).max(100_000).optional().catch(undefined),
  // Normalised as the options page normalises what the user types, so Save compares like with like.
  idleSites: z.array(z.string())
    .transform((sites) => sites.flatMap((site) => site.toLowerCase().split(/\s+/)).filter(Boolean))
    .optional().catch(undefined),
  analyzeUrlTemplate: z.string().optional().catch(undefined),
})

export type ManagedPolicy = z.infer<typeof policySchema>

/** Reads back a policy: wrong fields are dropped. */
export function parseManagedPolicy(raw: unknown): ManagedPolicy {
  const parsed = policySchema.safeParse(typeof raw === 'object' && raw !== null ? raw : {})
  const policy = parsed.success ? parsed.data : {}
  // The organisation's password goes only to the organisation's host: a password in policy
  // pins the API host (to the default when the policy names none), so no user can point it
  // at a server of their own.
  if (policy.password !== undefined && policy.apiHost === undefined) policy.apiHost = DEFAULT_API_HOST
  for (const key of Object.keys(policy) as (keyof ManagedPolicy)[]) if (policy[key] === undefined) delete policy[key]
  return policy
}

/**
 * The last policy read, kept in storage.local. Chromium answers storage.managed only once its
 * policy service has started, seconds after the browser starts (3.5 s here; 6 s and more in
 * https://github.com/ghostery/ghostery-extension/pull/3368), and lookups must not wait that long.
 * Until the live answer comes the copy applies; when the answer differs, the copy is rewritten,
 * and the worker applies the change as it does any policy change (storage.onChanged).
 * With no copy yet (the first start), no policy applies until the answer comes.
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

/** The policy changed (storage.onChanged for 'managed'): the next read asks the browser again. */
export function forgetManagedPolicy(): void {
  generation++
  liveRead = null
  livePolicy = null
}

/** The policy in effect: the browser's answer once it has come, the last copy until then. */
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
  return {
    ...settings,
    lookupMode: policy.lookupMode ?? settings.lookupMode,
    perPageCap: policy.perPageCap ?? settings.perPageCap,
    idleSites: policy.idleSites ? [...policy.idleSites] : settings.idleSites,
    analyzeUrlTemplate: policy.analyzeUrlTemplate ?? settings.analyzeUrlTemplate,
  }
}

export function applyCredentialsPolicy(credentials: StoredCredentials, policy: ManagedPolicy): StoredCredentials {
  const apiHost = policy.apiHost ?? credentials.apiHost
  // The user's own password was saved for one host; a host set by policy does not receive it.
  const ownPassword = credentials.apiHost === apiHost ? credentials.password : ''
  return { username: policy.username ?? credentials.username, password: policy.password ?? ownPassword, apiHost }
}

/** The settings and credentials in effect: the user's own, with the policy's values over them. */
export function applyPolicy(settings: Settings, credentials: StoredCredentials, policy: ManagedPolicy): {
  settings: Settings; credentials: StoredCredentials; managed: ManagedField[]
} {
  return {
    settings: applySettingsPolicy(settings, policy),
    credentials: applyCredentialsPolicy(credentials, policy),
    managed: managedFieldsOf(policy),
  }
}

const SETTING_FIELDS = ['lookupMode', 'perPageCap', 'idleSites', 'analyzeUrlTemplate'] as const satisfies readonly (ManagedField & keyof Settings)[]

/** The first managed setting whose value differs from the policy's, or null. */
export function changedManagedSetting(settings: Settings, policy: ManagedPolicy): ManagedField | null {
  for (const field of SETTING_FIELDS) {
    const managed = policy[field]
    if (managed !== undefined && JSON.stringify(settings[field]) !== JSON.stringify(managed)) return field
  }
  return null
}

/**
 * What to store when the user saves: their input, except that managed settings keep the
 * user's own stored values (the policy's are applied on every read, and must not outlive it).
 */
export function withoutManagedSettings(input: Settings, stored: Settings, policy: ManagedPolicy): Settings {
  const result = { ...input }
  if (policy.lookupMode !== undefined) result.lookupMode = stored.lookupMode
  if (policy.perPageCap !== undefined) result.perPageCap = stored.perPageCap
  if (policy.idleSites !== undefined) result.idleSites = stored.idleSites
  if (policy.analyzeUrlTemplate !== undefined) result.analyzeUrlTemplate = stored.analyzeUrlTemplate
  return result
}
