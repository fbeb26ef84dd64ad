/**
 * The built manifest for each browser, derived from the one manifest.json at build time so the
 * two can never drift apart. Chromium gets manifest.json as written; Firefox gets a variant:
 * - `background.scripts` instead of `service_worker` (Firefox runs MV3 background code as an
 *   event page, not a service worker; crxjs reads `scripts[0]` when `browser: 'firefox'`);
 * - `browser_specific_settings.gecko` with the add-on id (storage, policies and the AMO listing
 *   are keyed by it) and the oldest Firefox that has everything the extension uses;
 * - no Chromium-only keys, which Firefox would report as unknown.
 */
export type TargetBrowser = 'chrome' | 'firefox'

export const GECKO_ID = 'hashlens@hashlens.dev'

/**
 * 140 (an ESR): the CSS Custom Highlight API that marks hashes in pages (140; older versions
 * would scan and look up but mark nothing), the `data_collection_permissions` key (140), MV3
 * host permissions granted at install (127), `action.openPopup` (127), `match_origin_as_fallback`
 * (128), `storage.session` (115) and `background.type: "module"` (112).
 */
export const FIREFOX_MIN_VERSION = '140.0'
export const FIREFOX_ANDROID_MIN_VERSION = '142.0'

/** Keys that only Chromium reads; Firefox's linter warns about every one it does not know. */
const CHROMIUM_ONLY_KEYS = ['minimum_chrome_version'] as const

type Manifest = Record<string, unknown> & {
  background?: { service_worker?: string; scripts?: string[]; type?: string }
}

export function manifestFor<M extends object>(browser: TargetBrowser, source: M, version: string): M {
  // A deep copy: the imported JSON module is shared with whoever else imports manifest.json.
  const manifest = structuredClone({ ...source, version }) as unknown as Manifest
  if (browser === 'chrome') return manifest as unknown as M

  for (const key of CHROMIUM_ONLY_KEYS) delete manifest[key]
  const worker = manifest.background?.service_worker
  if (!worker) throw new Error('manifest.json has no background.service_worker to turn into background.scripts')
  manifest.background = { scripts: [worker], type: 'module' }
  manifest.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: FIREFOX_MIN_VERSION,
      // Firefox's built-in data consent (https://mzl.la/firefox-builtin-data-consent): HashLens
      // sends hashes read from pages (website content) and the user's Spectra Intelligence
      // credentials (authentication information) to the API host.
      data_collection_permissions: { required: ['authenticationInfo', 'websiteContent'] },
    },
    // Firefox for Android reads data_collection_permissions from 142 on.
    gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
  }
  return manifest as unknown as M
}
