/** Every setting whose definition has a policy (settings.ts), the account, and keys kept for deployed policies; the build writes managed-schema.json from these. */
import { z } from './zod.ts'
import { t } from './i18n.ts'
import { MAX_PIVOT_TEMPLATE_LENGTH } from './pivot-limits.ts'
import { definitionOf, POLICY_SETTING_KEYS, validateApiHost, type PolicyDefinition, type PolicySettingKey } from './settings.ts'

interface CredentialPolicy extends PolicyDefinition<string> {
  schema: z.ZodType<string, unknown>
  /** Masked on chrome://policy (`sensitiveValue`). */
  isSecret?: boolean
}

/** The account: not settings (only the worker keeps it), but set by policy all the same. */
const CREDENTIAL_POLICY = {
  apiHost: {
    managedMessage: 'managedApiHost',
    title: 'API host',
    description: 'Spectra Intelligence API host, e.g. https://data.reversinglabs.com or a proxy. https:// only (http:// for localhost).',
    schema: z.string().transform((value, ctx) => {
      const host = validateApiHost(value)
      if (host.ok) return host.origin
      ctx.addIssue({ code: 'custom', message: host.error })
      return z.NEVER
    }),
  },
  username: {
    managedMessage: 'managedUsername',
    title: 'Username',
    description: 'Spectra Intelligence username (u/company/username).',
    schema: z.string().trim().min(1).refine((name) => !name.includes(':')),
  },
  password: {
    managedMessage: 'managedPassword',
    title: 'Password',
    description: 'Spectra Intelligence password. With a password, the API host is fixed too (to apiHost, or the default host). Masked on chrome://policy, but readable by anyone who can read the policy source.',
    schema: z.string().min(1),
    isSecret: true,
  },
} satisfies Record<string, CredentialPolicy>

/**
 * Keys deployed policies still set, read into a setting of today (managed-policy.ts): they stay in the schema, so
 * Chrome keeps passing them on.
 */
const LEGACY_POLICY = {
  analyzeUrlTemplate: {
    managedMessage: 'managedAnalyzeUrlTemplate',
    title: 'Spectra Analyze link (deprecated: use pivots)',
    description: 'Read as the first of the pivots, named "Spectra Analyze"; {hash} is replaced by the hash. Set (even empty), it fixes the pivot list as pivots does.',
    schema: z.string().max(MAX_PIVOT_TEMPLATE_LENGTH),
  },
} satisfies Record<string, PolicyDefinition<string> & { schema: z.ZodType<string, unknown> }>

export type CredentialField = keyof typeof CREDENTIAL_POLICY
export type LegacyPolicyField = keyof typeof LEGACY_POLICY
export type ManagedField = CredentialField | PolicySettingKey | LegacyPolicyField

export const MANAGED_FIELDS: readonly ManagedField[] = [
  ...(Object.keys(CREDENTIAL_POLICY) as CredentialField[]), ...POLICY_SETTING_KEYS, ...(Object.keys(LEGACY_POLICY) as LegacyPolicyField[]),
]

function isCredentialField(field: ManagedField): field is CredentialField {
  return Object.hasOwn(CREDENTIAL_POLICY, field)
}

function isLegacyPolicyField(field: ManagedField): field is LegacyPolicyField {
  return Object.hasOwn(LEGACY_POLICY, field)
}

/** A policy key's words and the rule its value is read with. */
export function policyDefinitionOf(field: ManagedField): Omit<CredentialPolicy, 'schema'> & { schema: z.ZodType } {
  if (isCredentialField(field)) return CREDENTIAL_POLICY[field]
  if (isLegacyPolicyField(field)) return LEGACY_POLICY[field]
  const definition = definitionOf(field)
  return { ...definition.policy!, schema: definition.policy?.schema ?? definition.schema }
}

export function setByOrganisation(field: ManagedField): string {
  return t(policyDefinitionOf(field).managedMessage)
}

/**
 * The keywords of Chrome's policy schemas (a subset of JSON Schema) a rule can be described with; `properties` for
 * a list of objects, as in https://developer.chrome.com/docs/extensions/mv3/manifest/storage ("ListOfObjects").
 */
const CHROME_SCHEMA_KEYWORDS = ['type', 'enum', 'minimum', 'maximum', 'items', 'properties']

function chromeKeywordsOf(jsonSchema: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(CHROME_SCHEMA_KEYWORDS.filter((keyword) => keyword in jsonSchema).map((keyword) => {
    const value = jsonSchema[keyword]
    if (keyword === 'items') return [keyword, chromeKeywordsOf(value as Record<string, unknown>)]
    if (keyword === 'properties') {
      const properties = Object.entries(value as Record<string, Record<string, unknown>>)
      return [keyword, Object.fromEntries(properties.map(([name, property]) => [name, chromeKeywordsOf(property)]))]
    }
    return [keyword, value]
  }))
}

/**
 * managed-schema.json (manifest `storage.managed_schema`): Chrome checks policy values against
 * it and shows the titles to administrators. Each key's type comes from the rule that reads it.
 */
export function managedStorageSchema(): { type: 'object'; properties: Record<ManagedField, Record<string, unknown>> } {
  const properties = Object.fromEntries(MANAGED_FIELDS.map((field) => {
    const { title, description, schema, isSecret } = policyDefinitionOf(field)
    const jsonSchema = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
    const property: Record<string, unknown> = { title, description, ...chromeKeywordsOf(jsonSchema), ...(isSecret ? { sensitiveValue: true } : {}) }
    return [field, property]
  }))
  return { type: 'object', properties: properties as Record<ManagedField, Record<string, unknown>> }
}
