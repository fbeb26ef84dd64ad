/**
 * User settings: the defaults, the type derived from them, and validation of what is read
 * back from storage (a field that fails falls back to its default instead of breaking the worker).
 * Credentials are not here: they live in the worker only (background/credentials-store.ts).
 */
import { z } from './zod.ts'
import { t } from './i18n.ts'

export const DEFAULT_API_HOST = 'https://data.reversinglabs.com'

export const LOOKUP_MODES = ['automatic', 'hover', 'off'] as const
export type LookupMode = (typeof LOOKUP_MODES)[number]

const noiseFiltersInputSchema = z.object({
  skipSingleClassRuns: z.boolean(),
  skipMixedCase: z.boolean(),
  skipAssetFingerprints: z.boolean(),
  skipGitObjectLinks: z.boolean(),
})

/** Each field's rule, stated once; the strict and the forgiving schema below are built from it. */
const settingFields = {
  /** Seconds before a request is abandoned as timed out. */
  timeoutSeconds: z.number().int().min(5).max(300),
  /** How long MALICIOUS, SUSPICIOUS and KNOWN verdicts are trusted. */
  verdictTtlDays: z.number().min(0.01).max(365),
  /** How long UNKNOWN and not-found answers are trusted (they change sooner). */
  unknownTtlDays: z.number().min(0.01).max(365),
  /** The cache keeps at most this many verdicts, evicting the least recently used. */
  cacheMaxEntries: z.number().int().min(100).max(1_000_000),
  lookupMode: z.enum(LOOKUP_MODES),
  /** Automatic lookups stop at this many hashes per page; the popup offers the rest. */
  perPageCap: z.number().int().min(1).max(100_000),
  /** Host names where HashLens stays idle (no scanning, no lookups). */
  idleSites: z.array(z.string().max(300)).max(10_000),
  /** Link to the user's Spectra Analyze; `{hash}` is replaced. Empty hides the action. */
  analyzeUrlTemplate: z.string().max(2000),
  noiseFilters: noiseFiltersInputSchema,
}

const DEFAULTS: { [K in keyof typeof settingFields]: z.infer<(typeof settingFields)[K]> } = {
  timeoutSeconds: 30,
  verdictTtlDays: 7,
  unknownTtlDays: 1,
  cacheMaxEntries: 100_000,
  lookupMode: 'automatic',
  perPageCap: 1000,
  idleSites: [],
  analyzeUrlTemplate: '',
  noiseFilters: { skipSingleClassRuns: true, skipMixedCase: true, skipAssetFingerprints: true, skipGitObjectLinks: true },
}

/** What the options page sends: every field present and valid, or the save is refused. */
export const settingsInputSchema = z.object(settingFields)

/**
 * What is read back from storage: a bad or missing field takes its default alone (a fresh copy,
 * so no two parsed settings share an array or object), never breaking the worker.
 */
export const settingsSchema = z.object({
  timeoutSeconds: settingFields.timeoutSeconds.catch(DEFAULTS.timeoutSeconds),
  verdictTtlDays: settingFields.verdictTtlDays.catch(DEFAULTS.verdictTtlDays),
  unknownTtlDays: settingFields.unknownTtlDays.catch(DEFAULTS.unknownTtlDays),
  cacheMaxEntries: settingFields.cacheMaxEntries.catch(DEFAULTS.cacheMaxEntries),
  lookupMode: settingFields.lookupMode.catch(DEFAULTS.lookupMode),
  perPageCap: settingFields.perPageCap.catch(DEFAULTS.perPageCap),
  idleSites: settingFields.idleSites.catch(() => []),
  analyzeUrlTemplate: settingFields.analyzeUrlTemplate.catch(DEFAULTS.analyzeUrlTemplate),
  noiseFilters: z.object({
    skipSingleClassRuns: z.boolean().catch(true),
    skipMixedCase: z.boolean().catch(true),
    skipAssetFingerprints: z.boolean().catch(true),
    skipGitObjectLinks: z.boolean().catch(true),
  }).catch(() => structuredClone(DEFAULTS.noiseFilters)),
})

export type Settings = z.infer<typeof settingsSchema>
export type NoiseFilterSettings = Settings['noiseFilters']

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({})

/** Reads settings back from storage: every bad or missing field takes its default. */
export function parseSettings(stored: unknown): Settings {
  const result = settingsSchema.safeParse(typeof stored === 'object' && stored !== null ? stored : {})
  return result.success ? result.data : structuredClone(DEFAULT_SETTINGS)
}

/**
 * An API host is accepted only over HTTPS, or plain HTTP to this machine (the simulator,
 * a local proxy): credentials must never travel in clear text across a network.
 * Returns the origin (no path, no trailing slash) or an error sentence.
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
