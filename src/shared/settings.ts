/**
 * Each setting is declared once, in SETTING_DEFINITIONS: the type, both schemas, the stored form, the policy
 * (managed-fields.ts) and the options rows derive from it. Credentials are the worker's alone (credentials-store.ts).
 */
import type { Manifest } from 'webextension-polyfill'
import { z } from './zod.ts'
import { t, type MessageKey } from './i18n.ts'
import { DOWNLOAD_NOTIFICATION_LEVELS, LOOKUP_MODES, NOISE_FILTER_DEFAULTS, SKIP_NOT_SAMPLES_DEFAULTS } from './setting-values.ts'
import { MAX_PIVOT_NAME_LENGTH, MAX_PIVOTS } from './pivot-limits.ts'
import { pivotListSchema, pivotPolicySchema, type Pivot } from './pivots.ts'
import { DOWNLOAD_PERMISSIONS } from './download-checks.ts'

export const DEFAULT_API_HOST = 'https://data.reversinglabs.com'

/** The options page's fieldsets, in their order. */
export const SETTING_SECTIONS = ['lookups', 'noise', 'pdf', 'downloads', 'cache'] as const
export type SettingSection = (typeof SETTING_SECTIONS)[number]

/** How the options page edits a setting; a number field takes its bounds from the schema. */
export type AnySettingControl =
  | { kind: 'checkbox' }
  | { kind: 'number' }
  | { kind: 'url'; placeholder?: MessageKey }
  | { kind: 'choice'; labels: Readonly<Record<string, MessageKey>> }
  /** A list typed one item per line, read back by `fromText` on Save. */
  | { kind: 'lines'; placeholder?: MessageKey; fromText: (text: string) => string[] }
  | { kind: 'checkboxes'; labels: Readonly<Record<string, MessageKey>>; heading?: MessageKey }
  /** Rows of a name and a URL template, each checked as it is typed (pivots.ts). */
  | { kind: 'pivots' }

type SettingControl<T> =
  [T] extends [boolean] ? { kind: 'checkbox' }
  : [T] extends [number] ? { kind: 'number' }
  : [T] extends [string] ? { kind: 'url'; placeholder?: MessageKey } | { kind: 'choice'; labels: Readonly<Record<T, MessageKey>> }
  : [T] extends [Pivot[]] ? { kind: 'pivots' }
  : [T] extends [string[]] ? { kind: 'lines'; placeholder?: MessageKey; fromText: (text: string) => T }
  : [T] extends [Record<string, boolean>] ? { kind: 'checkboxes'; labels: Readonly<Record<keyof T, MessageKey>>; heading?: MessageKey }
  : never

export interface PolicyDefinition<T> {
  /** "… is set by your organisation": one whole sentence per key, so each language can inflect it. */
  managedMessage: MessageKey
  /** For administrators, in managed-schema.json (which takes the type from the schema). */
  title: string
  description: string
  /** How a policy value is read, where that differs from the setting's own rule. */
  schema?: z.ZodType<T, unknown>
}

/** What a setting needs from the browser while on, and the options page's sentences when it is not granted. */
export interface SettingPermissions {
  names: readonly Manifest.OptionalPermission[]
  /** The user refused the prompt: the box stays off. */
  refused: MessageKey
  /** On, but the permissions are missing (removed in the browser's settings): with an "Allow" button. */
  missing: MessageKey
  /** On by policy, the permissions not granted yet (HashLens asks once, download-permission.ts). */
  missingManaged: MessageKey
}

interface SettingDefinition<S extends z.ZodType> {
  /** What the options page must send, or its Save is refused. */
  schema: S
  default: z.output<S>
  section: SettingSection
  control: SettingControl<z.output<S>>
  /** Its name on the options page. */
  label: MessageKey
  /** Its name in "Not saved. Check: …", where that differs from the label. */
  invalidLabel?: MessageKey
  hint?: MessageKey
  /** Firefox has no use for it: its options page leaves it out (a policy setting it there does nothing). */
  isChromiumOnly?: true
  /** Optional permissions a checkbox needs while on: the options page asks for them as it is turned on. */
  permissions?: SettingPermissions
  policy?: PolicyDefinition<z.output<S>>
}

/** A definition as code that handles every setting alike reads it. */
export interface AnySettingDefinition {
  schema: z.ZodType
  default: unknown
  section: SettingSection
  control: AnySettingControl
  label: MessageKey
  invalidLabel?: MessageKey
  hint?: MessageKey
  isChromiumOnly?: true
  permissions?: SettingPermissions
  policy?: PolicyDefinition<unknown>
}

/** Checks a definition's default and control against its schema; its type says whether policy may set it. */
function setting<S extends z.ZodType, P extends PolicyDefinition<z.output<S>> | undefined = undefined>(
  definition: SettingDefinition<S> & { policy?: P },
): SettingDefinition<S> & { policy: P } {
  return definition as SettingDefinition<S> & { policy: P }
}

export function hostNamesIn(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean)
}

const idleSitesSchema = z.array(z.string().max(300)).max(10_000)

/** Every setting, in the order the options page shows them. */
export const SETTING_DEFINITIONS = {
  lookupMode: setting({
    schema: z.enum(LOOKUP_MODES),
    default: 'automatic',
    section: 'lookups',
    control: { kind: 'choice', labels: { automatic: 'optionsModeAutomatic', hover: 'optionsModeHover', off: 'optionsModeOff' } },
    label: 'optionsLookupModeLabel',
    invalidLabel: 'settingLookupMode',
    policy: {
      managedMessage: 'managedLookupMode',
      title: 'Lookup mode',
      description: 'automatic: look up hashes on every page; hover: only when the pointer rests on one; off: only manual lookups.',
    },
  }),
  perPageCap: setting({
    schema: z.number().int().min(1).max(100_000),
    default: 1000,
    section: 'lookups',
    control: { kind: 'number' },
    label: 'optionsPerPageCapLabel',
    invalidLabel: 'settingPerPageCapRange',
    policy: {
      managedMessage: 'managedPerPageCap',
      title: 'Automatic lookups per page',
      description: 'Automatic lookups stop at this many hashes per page (1 to 100000).',
    },
  }),
  perSiteDailyBudget: setting({
    schema: z.number().int().min(1).max(10_000_000),
    default: 2000,
    section: 'lookups',
    control: { kind: 'number' },
    label: 'optionsPerSiteDailyBudgetLabel',
    invalidLabel: 'settingPerSiteDailyBudgetRange',
    hint: 'optionsPerSiteDailyBudgetHint',
    policy: {
      managedMessage: 'managedPerSiteDailyBudget',
      title: 'Automatic lookups per site per day',
      description: 'Automatic and hover lookups stop at this many hashes per site (registrable domain) per UTC day (1 to 10000000).',
    },
  }),
  totalDailyBudget: setting({
    schema: z.number().int().min(0).max(100_000_000),
    default: 0,
    section: 'lookups',
    control: { kind: 'number' },
    label: 'optionsTotalDailyBudgetLabel',
    invalidLabel: 'settingTotalDailyBudgetRange',
    hint: 'optionsTotalDailyBudgetHint',
    policy: {
      managedMessage: 'managedTotalDailyBudget',
      title: 'Automatic lookups per day in total',
      description: 'Automatic and hover lookups stop at this many hashes per UTC day on all sites together; 0: half the daily quota (of a monthly quota, half a day\'s share), or 5000 when the quota is not known.',
    },
  }),
  trustedSites: setting({
    schema: idleSitesSchema,
    default: [],
    section: 'lookups',
    control: { kind: 'lines', placeholder: 'optionsTrustedSitesPlaceholder', fromText: hostNamesIn },
    label: 'optionsTrustedSitesLabel',
    invalidLabel: 'settingTrustedSites',
    hint: 'optionsTrustedSitesHint',
    policy: {
      managedMessage: 'managedTrustedSites',
      title: 'Trusted sites',
      description: 'Sites (registrable domains, such as your SIEM\'s or ticketing system\'s) exempt from the per-site daily budget, where every hash is looked up (none skipped as a checksum or id).',
      schema: z.array(z.string()).transform((sites) => sites.flatMap(hostNamesIn)).pipe(idleSitesSchema),
    },
  }),
  timeoutSeconds: setting({
    schema: z.number().int().min(5).max(300),
    default: 30,
    section: 'lookups',
    control: { kind: 'number' },
    label: 'optionsTimeoutLabel',
    invalidLabel: 'settingTimeoutRange',
  }),
  idleSites: setting({
    schema: idleSitesSchema,
    default: [],
    section: 'lookups',
    control: { kind: 'lines', placeholder: 'optionsIdleSitesPlaceholder', fromText: hostNamesIn },
    label: 'optionsIdleSitesLabel',
    invalidLabel: 'settingIdleSites',
    policy: {
      managedMessage: 'managedIdleSites',
      title: 'Idle sites',
      description: 'Host names where HashLens neither scans nor looks up anything.',
      // Read as the options page reads what the user types, so Save compares like with like.
      schema: z.array(z.string()).transform((sites) => sites.flatMap(hostNamesIn)).pipe(idleSitesSchema),
    },
  }),
  /** Links from a hash to the organisation's tools (pivots.ts); the deployed `analyzeUrlTemplate` became one of them. */
  pivots: setting({
    schema: pivotListSchema,
    default: [],
    section: 'lookups',
    control: { kind: 'pivots' },
    label: 'optionsPivotsLabel',
    invalidLabel: 'settingPivots',
    hint: 'optionsPivotsHint',
    policy: {
      managedMessage: 'managedPivots',
      title: 'Pivots',
      description: `Links from a hash to other tools, at most ${MAX_PIVOTS}: each an object with name (at most ${MAX_PIVOT_NAME_LENGTH} characters) and urlTemplate (an http(s) URL; {hash} is replaced by the hash, {type} by md5, sha1 or sha256). An entry that does not fit is dropped alone. Empty: no pivots.`,
      schema: pivotPolicySchema,
    },
  }),
  noiseFilters: setting({
    schema: z.object(booleansLike(NOISE_FILTER_DEFAULTS)),
    default: { ...NOISE_FILTER_DEFAULTS },
    section: 'noise',
    control: {
      kind: 'checkboxes',
      labels: {
        skipSingleClassRuns: 'optionsNoiseSingleClass',
        skipMixedCase: 'optionsNoiseMixedCase',
        skipAssetFingerprints: 'optionsNoiseAssetFingerprints',
        skipGitObjectLinks: 'optionsNoiseGitLinks',
      },
    },
    // The fieldset's legend heads the checkboxes; this names them when a Save is refused.
    label: 'settingNoiseFilters',
  }),
  /** Hex of a hash's length whose context says it is no file sample: found and marked, looked up only when asked (issue 13). */
  skipNotSamples: setting({
    schema: z.object(booleansLike(SKIP_NOT_SAMPLES_DEFAULTS)),
    default: { ...SKIP_NOT_SAMPLES_DEFAULTS },
    section: 'noise',
    control: {
      kind: 'checkboxes',
      heading: 'optionsSkipNotSamplesHeading',
      labels: {
        'dependency-checksum': 'optionsSkipDependencyChecksum',
        'release-checksum': 'optionsSkipReleaseChecksum',
        'commit-id': 'optionsSkipCommitId',
        'container-digest': 'optionsSkipContainerDigest',
        'blockchain-id': 'optionsSkipBlockchainId',
        'key-or-identifier': 'optionsSkipKeyOrIdentifier',
        'byte-string': 'optionsSkipByteString',
        'asset-fingerprint': 'optionsSkipAssetFingerprint',
      },
    },
    label: 'settingSkipNotSamples',
    hint: 'optionsSkipNotSamplesHint',
  }),
  /**
   * Every PDF a tab navigates to opens in HashLens's viewer (background/pdf-redirect.ts, issue 15). Chromium only: Firefox
   * shows PDFs in its own pdf.js, whose navigations no extension can redirect by their answer's type.
   */
  openPdfsInHashLens: setting({
    schema: z.boolean(),
    default: false,
    section: 'pdf',
    control: { kind: 'checkbox' },
    label: 'optionsOpenPdfsLabel',
    hint: 'optionsOpenPdfsHint',
    isChromiumOnly: true,
    policy: {
      managedMessage: 'managedOpenPdfs',
      title: 'Open PDFs in HashLens',
      description: 'true: every PDF opened in a tab (not in a frame, not a download) shows in HashLens\'s PDF viewer, which finds and looks up its hashes, instead of the browser\'s. Chromium only. Default: false.',
    },
  }),
  /**
   * Each completed download is hashed in the worker and its SHA-256 looked up (background/download-checks.ts, issue 16).
   * Turning it on asks for the optional `downloads` and `notifications` permissions; set by policy, HashLens asks each
   * user once.
   */
  checkDownloads: setting({
    schema: z.boolean(),
    default: false,
    section: 'downloads',
    control: { kind: 'checkbox' },
    label: 'optionsCheckDownloadsLabel',
    hint: 'optionsCheckDownloadsHint',
    permissions: {
      names: DOWNLOAD_PERMISSIONS,
      refused: 'optionsDownloadsPermissionRefused',
      missing: 'optionsDownloadsPermissionMissing',
      missingManaged: 'optionsDownloadsPermissionManaged',
    },
    policy: {
      managedMessage: 'managedCheckDownloads',
      title: 'Check downloads',
      description: 'true: each completed download is hashed on the user\'s computer and its SHA-256 looked up; a notification shows malicious and suspicious verdicts. The file itself is never uploaded. HashLens asks each user once for the downloads and notifications permissions. Default: false.',
    },
  }),
  /** Which verdicts of a download make a notification: MALICIOUS and SUSPICIOUS (and a download that could not be checked) always. */
  downloadNotifications: setting({
    schema: z.enum(DOWNLOAD_NOTIFICATION_LEVELS),
    default: 'threats',
    section: 'downloads',
    control: { kind: 'choice', labels: { threats: 'optionsDownloadNotifyThreats', all: 'optionsDownloadNotifyAll' } },
    label: 'optionsDownloadNotifyLabel',
    invalidLabel: 'settingDownloadNotify',
    policy: {
      managedMessage: 'managedDownloadNotifications',
      title: 'Download notifications',
      description: 'threats: a notification for malicious and suspicious downloads, and for those that could not be checked; all: for every checked download. Default: threats.',
    },
  }),
  /** Downloads larger than this are not hashed: the notification says so (and offers "Check a file…"). */
  downloadMaxMegabytes: setting({
    schema: z.number().int().min(1).max(4096),
    default: 200,
    section: 'downloads',
    control: { kind: 'number' },
    label: 'optionsDownloadMaxLabel',
    invalidLabel: 'settingDownloadMaxRange',
    policy: {
      managedMessage: 'managedDownloadMaxMegabytes',
      title: 'Largest download checked (MB)',
      description: 'Downloads larger than this many megabytes (1 to 4096) are not hashed; the user is told. Default: 200.',
    },
  }),
  /** Documents (PDF, office, text, images, by type and file name) are not checked when on. */
  downloadSkipDocuments: setting({
    schema: z.boolean(),
    default: false,
    section: 'downloads',
    control: { kind: 'checkbox' },
    label: 'optionsDownloadSkipDocumentsLabel',
    hint: 'optionsDownloadSkipDocumentsHint',
    policy: {
      managedMessage: 'managedDownloadSkipDocuments',
      title: 'Skip documents',
      description: 'true: downloaded documents (PDF, office documents, text, images) are not checked. Default: false.',
    },
  }),
  /** Host names whose downloads are never checked (a download's site: its final URL's host, or its referrer's). */
  downloadExcludedSites: setting({
    schema: idleSitesSchema,
    default: [],
    section: 'downloads',
    control: { kind: 'lines', placeholder: 'optionsIdleSitesPlaceholder', fromText: hostNamesIn },
    label: 'optionsDownloadExcludedSitesLabel',
    invalidLabel: 'settingDownloadExcludedSites',
    policy: {
      managedMessage: 'managedDownloadExcludedSites',
      title: 'Sites whose downloads are not checked',
      description: 'Host names (and their subdomains) whose downloads HashLens never checks.',
      schema: z.array(z.string()).transform((sites) => sites.flatMap(hostNamesIn)).pipe(idleSitesSchema),
    },
  }),
  /** How long MALICIOUS, SUSPICIOUS and KNOWN verdicts are trusted. */
  verdictTtlDays: setting({
    schema: z.number().min(0.01).max(365),
    default: 7,
    section: 'cache',
    control: { kind: 'number' },
    label: 'optionsVerdictTtlLabel',
    invalidLabel: 'settingVerdictTtlRange',
    hint: 'optionsVerdictTtlHint',
  }),
  /** How long UNKNOWN and not-found answers are trusted. */
  unknownTtlDays: setting({
    schema: z.number().min(0.01).max(365),
    default: 1,
    section: 'cache',
    control: { kind: 'number' },
    label: 'optionsUnknownTtlLabel',
    invalidLabel: 'settingUnknownTtlRange',
  }),
  cacheMaxEntries: setting({
    schema: z.number().int().min(100).max(1_000_000),
    default: 100_000,
    section: 'cache',
    control: { kind: 'number' },
    label: 'optionsCacheMaxLabel',
    invalidLabel: 'settingCacheMaxRange',
  }),
}

function booleansLike<T extends Record<string, boolean>>(flags: T): { [K in keyof T]: z.ZodBoolean } {
  return Object.fromEntries(Object.keys(flags).map((key) => [key, z.boolean()])) as { [K in keyof T]: z.ZodBoolean }
}

export type SettingKey = keyof typeof SETTING_DEFINITIONS
export const SETTING_KEYS = Object.keys(SETTING_DEFINITIONS) as SettingKey[]

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTING_DEFINITIONS, key)
}

export function definitionOf(key: SettingKey): AnySettingDefinition {
  return SETTING_DEFINITIONS[key]
}

/** The settings an administrator may preset, in table order. */
export type PolicySettingKey = { [K in SettingKey]: (typeof SETTING_DEFINITIONS)[K] extends { policy: object } ? K : never }[SettingKey]
export const POLICY_SETTING_KEYS = SETTING_KEYS.filter((key) => definitionOf(key).policy !== undefined) as PolicySettingKey[]

function mapDefinitions<R>(map: (definition: AnySettingDefinition) => R): Record<SettingKey, R> {
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, map(definitionOf(key))])) as Record<SettingKey, R>
}

type SettingSchemas = { [K in SettingKey]: (typeof SETTING_DEFINITIONS)[K]['schema'] }

/** What the options page sends: every field present and valid, or the save is refused. */
export const settingsInputSchema = z.object(mapDefinitions((definition) => definition.schema) as SettingSchemas)

export type Settings = z.output<typeof settingsInputSchema>

/** Checked against the rules once, so a wrong default fails every test at once. */
export const DEFAULT_SETTINGS: Settings = settingsInputSchema.parse(mapDefinitions((definition) => definition.default))

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * A rule that never fails: what does not fit takes the default (a fresh copy, so no two parsed
 * settings share an array or object); inside a group, each member on its own.
 */
function forgiving(schema: z.ZodType, fallback: unknown): z.ZodType {
  if (schema instanceof z.ZodObject && isPlainObject(fallback)) {
    const members = Object.entries(schema.shape as Record<string, z.ZodType>)
      .map(([key, member]) => [key, forgiving(member, fallback[key])] as const)
    return z.object(Object.fromEntries(members)).catch(() => structuredClone(fallback))
  }
  return schema.catch(() => structuredClone(fallback))
}

const settingsSchema = z.object(mapDefinitions((definition) => forgiving(definition.schema, definition.default)))

/** Every bad or missing field takes its default alone. */
export function parseSettings(stored: unknown): Settings {
  const result = settingsSchema.safeParse(isPlainObject(stored) ? stored : {})
  return result.success ? result.data as Settings : structuredClone(DEFAULT_SETTINGS)
}

/** Only what differs from the defaults (of a group, only its members that do), so a changed default reaches everyone else. */
export type StoredSettings = {
  [K in SettingKey]?: Settings[K] extends unknown[] ? Settings[K] : Settings[K] extends object ? Partial<Settings[K]> : Settings[K]
}

/** `defaults`: those of another version, for a migration; today's otherwise. */
export function changedSettings(settings: Settings, defaults: Settings = DEFAULT_SETTINGS): StoredSettings {
  return (changedPart(settings, defaults) ?? {}) as StoredSettings
}

/** The part of `value` that differs from `fallback`, or undefined when nothing does. */
function changedPart(value: unknown, fallback: unknown): unknown {
  if (isPlainObject(value) && isPlainObject(fallback)) {
    const changed = Object.entries(value).flatMap(([key, member]) => {
      const part = changedPart(member, fallback[key])
      return part === undefined ? [] : [[key, part] as const]
    })
    return changed.length > 0 ? Object.fromEntries(changed) : undefined
  }
  return JSON.stringify(value) === JSON.stringify(fallback) ? undefined : structuredClone(value)
}

/** Names a field in "Not saved. Check: …", in the words of the options page. */
export function invalidSettingName(field: string): string {
  if (!isSettingKey(field)) return field
  const definition = definitionOf(field)
  return t(definition.invalidLabel ?? definition.label)
}

/**
 * HTTPS only, or plain HTTP to this machine (the simulator, a local proxy): credentials never cross a network in clear
 * text. Returns the origin (no path, no trailing slash) or an error sentence.
 */
export function validateApiHost(input: string): { ok: true; origin: string } | { ok: false; error: string } {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    return { ok: false, error: t('apiHostNotUrl') }
  }
  const isLocal = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]'
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLocal)) {
    return { ok: false, error: t('apiHostNotHttps') }
  }
  if (url.username || url.password) {
    return { ok: false, error: t('apiHostHasCredentials') }
  }
  // A path would be dropped silently and every lookup would then 404 (read as "not found").
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return { ok: false, error: t('apiHostHasPath') }
  }
  return { ok: true, origin: url.origin }
}
