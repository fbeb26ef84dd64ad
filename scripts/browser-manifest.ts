/**
 * Both manifests derive from manifest.json, so they cannot drift. Firefox's has `background.scripts` (its MV3
 * background is an event page; crxjs reads `scripts[0]`) and a gecko id, which keys storage, policies and AMO.
 */
export type TargetBrowser = 'chrome' | 'firefox'

export const GECKO_ID = 'hashlens@hashlens.dev'

/**
 * 140 (an ESR): the CSS Custom Highlight API (older versions look up but mark nothing) and
 * `data_collection_permissions`; the rest needs 128 (`match_origin_as_fallback`) or less.
 */
export const FIREFOX_MIN_VERSION = '140.0'
export const FIREFOX_ANDROID_MIN_VERSION = '142.0'

/**
 * Keys that only Chromium reads (Firefox's linter warns about every one it does not know), and what only Chromium's
 * PDF redirect needs (src/background/pdf-redirect.ts): Firefox shows PDFs in its own viewer.
 */
const CHROMIUM_ONLY_KEYS = ['minimum_chrome_version', 'side_panel', 'web_accessible_resources'] as const
const CHROMIUM_ONLY_PERMISSIONS: ReadonlySet<string> = new Set(['sidePanel', 'declarativeNetRequestWithHostAccess'])

type Manifest = Record<string, unknown> & {
  background?: { service_worker?: string; scripts?: string[]; type?: string }
  side_panel?: { default_path: string }
  permissions?: string[]
  optional_permissions?: string[]
}

/**
 * The e2e build of download checks (HASHLENS_DOWNLOADS_REQUIRED=1, into dist-downloads): no test can answer the
 * permission prompt, so there the optional permissions given are required ones. No release is built this way.
 */
export function withPermissionsRequired<M extends object>(source: M, permissions: readonly string[]): M {
  const manifest = structuredClone(source) as unknown as Manifest
  manifest.optional_permissions = manifest.optional_permissions?.filter((permission) => !permissions.includes(permission))
  manifest.permissions = [...(manifest.permissions ?? []), ...permissions]
  return manifest as unknown as M
}

export function manifestFor<M extends object>(browser: TargetBrowser, source: M, version: string): M {
  // A deep copy: the imported JSON module is shared with whoever else imports manifest.json.
  const manifest = structuredClone({ ...source, version }) as unknown as Manifest
  if (browser === 'chrome') return manifest as unknown as M

  // Firefox's side panel is a sidebar, opened by the user (or a command), never at install.
  const panel = manifest.side_panel?.default_path
  if (panel) manifest.sidebar_action = { default_panel: panel, default_title: '__MSG_panelTitle__', default_icon: 'icons/icon-32.png', open_at_install: false }
  for (const key of CHROMIUM_ONLY_KEYS) delete manifest[key]
  manifest.permissions = manifest.permissions?.filter((permission) => !CHROMIUM_ONLY_PERMISSIONS.has(permission))
  const worker = manifest.background?.service_worker
  if (!worker) throw new Error('manifest.json has no background.service_worker to turn into background.scripts')
  manifest.background = { scripts: [worker], type: 'module' }
  manifest.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: FIREFOX_MIN_VERSION,
      // https://mzl.la/firefox-builtin-data-consent: page hashes and the user's credentials go to the API host.
      data_collection_permissions: { required: ['authenticationInfo', 'websiteContent'] },
    },
    // Firefox for Android reads data_collection_permissions from 142 on.
    gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
  }
  return manifest as unknown as M
}
