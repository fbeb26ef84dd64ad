/** Run on install and update, and nothing waits for it: every form stored so far reads back correctly through parseSettings. */
import { changedSettings, DEFAULT_SETTINGS, parseSettings, type Settings, type StoredSettings } from './settings.ts'
import { analyzePivotOf, mergePivots } from './pivots.ts'

/** The defaults version 0 shipped with: a value equal to one of these was never the user's choice. */
const VERSION_0_DEFAULTS: Partial<Settings> = {
  timeoutSeconds: 30,
  verdictTtlDays: 7,
  unknownTtlDays: 1,
  cacheMaxEntries: 100_000,
  lookupMode: 'automatic',
  perPageCap: 1000,
  idleSites: [],
  noiseFilters: { skipSingleClassRuns: true, skipMixedCase: true, skipAssetFingerprints: true, skipGitObjectLinks: true },
}

/** The Spectra Analyze link versions 0 and 1 stored, which is no setting today: kept as it was for step 1. */
function analyzeLinkOf(stored: unknown): { analyzeUrlTemplate?: string } {
  const template = typeof stored === 'object' && stored !== null ? (stored as { analyzeUrlTemplate?: unknown }).analyzeUrlTemplate : undefined
  return typeof template === 'string' && template.trim() !== '' ? { analyzeUrlTemplate: template } : {}
}

/** Step N takes what version N stored to version N + 1. */
const STEPS: readonly ((stored: unknown) => unknown)[] = [
  // Version 0 stored every setting on each Save, so a default once saved never changed again.
  (stored) => ({ ...changedSettings(parseSettings(stored), { ...DEFAULT_SETTINGS, ...VERSION_0_DEFAULTS }), ...analyzeLinkOf(stored) }),
  // The one Spectra Analyze link became the first of the pivots (issue 14, item 4); a template it could not open goes.
  (stored) => {
    const settings = parseSettings(stored)
    const analyze = analyzePivotOf(analyzeLinkOf(stored).analyzeUrlTemplate)
    return changedSettings({ ...settings, pivots: mergePivots(analyze ? [analyze] : [], settings.pivots) })
  },
]

export const SETTINGS_VERSION = STEPS.length

/**
 * Null when storage is current, or from a newer version (left as it is); anything but a whole number is version 0.
 * `settings` is undefined when nothing was stored: the defaults need no entry.
 */
export function migrateSettings(stored: unknown, version: unknown): { version: number; settings: StoredSettings | undefined } | null {
  const from = typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : 0
  if (from >= SETTINGS_VERSION) return null
  if (stored === undefined) return { version: SETTINGS_VERSION, settings: undefined }
  const migrated = STEPS.slice(from).reduce<unknown>((value, step) => step(value), stored)
  // The last step writes today's form.
  return { version: SETTINGS_VERSION, settings: migrated as StoredSettings }
}
