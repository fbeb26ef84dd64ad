/**
 * The content script is registered at run time, not declared in the manifest, so that a frame on an idle site does not
 * get it and its page can tell nothing of HashLens (issue 12). It brings no stylesheet: marks are drawn in a closed
 * shadow root (mark-overlay.ts). The registration persists across
 * browser restarts; the worker checks it at every start, as an update or a settings change may have left it stale.
 * Every option used is older than the minimum versions: matchOriginAsFallback came last (Chrome 119, Firefox 128).
 */
import browser, { type Scripting } from 'webextension-polyfill'
import { CONTENT_SCRIPT_FILE } from './content-script-files.ts'
import { POLICY_COPY_KEY } from './managed-policy.ts'
import { loadSettings, SETTINGS_KEY } from './settings-store.ts'
import { touchesLocalOrPolicy, type StorageChanges } from './lazy-value.ts'

const CONTENT_SCRIPT_ID = 'hashlens-content-script'

type ScriptingApi = Pick<Scripting.Static, 'getRegisteredContentScripts' | 'registerContentScripts' | 'updateContentScripts' | 'unregisterContentScripts'>

/**
 * A match pattern per idle site, for the sites a page can be on: an entry is idle where `siteOf` (src/shared/site.ts)
 * gives exactly it, which only a canonical host name can be. Anything else could never match, and one invalid pattern
 * would fail the whole registration.
 */
export function idleSiteExclusions(idleSites: readonly string[]): string[] {
  const patterns = new Set<string>()
  for (const site of idleSites) {
    if (isCanonicalHost(site)) patterns.add(`*://${site}/*`)
  }
  return [...patterns]
}

function isCanonicalHost(site: string): boolean {
  if (!/^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])$/.test(site)) return false
  try {
    return new URL(`http://${site}/`).hostname === site
  } catch {
    return false
  }
}

/** At document_idle, in every frame, skipping idle sites; a frame elsewhere inside an idle page is told so by the worker and stays idle. */
export function contentScriptRegistrations(idleSites: readonly string[]): Scripting.RegisteredContentScript[] {
  const common = {
    matches: ['<all_urls>'],
    excludeMatches: idleSiteExclusions(idleSites),
    allFrames: true,
    matchOriginAsFallback: true,
    persistAcrossSessions: true,
  }
  return [{ id: CONTENT_SCRIPT_ID, js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle', ...common }]
}

const COMPARED_FIELDS = ['js', 'css', 'matches', 'excludeMatches', 'allFrames', 'matchOriginAsFallback', 'runAt', 'persistAcrossSessions'] as const

/** Browsers echo a registration back in their own form (a missing list for an empty one, a leading slash on a file). */
function comparableForm(script: Scripting.RegisteredContentScript): string {
  const files = (list: string[] | undefined) => (list ?? []).map((file) => file.replace(/^\//, ''))
  return JSON.stringify(COMPARED_FIELDS.map((field) => {
    const value = script[field]
    if (field === 'js' || field === 'css' || field === 'matches' || field === 'excludeMatches') return files(value as string[] | undefined)
    return value ?? null
  }))
}

/** Makes the browser's registrations exactly `contentScriptRegistrations(idleSites)`; touches nothing already so. */
export async function syncContentScripts(scripting: ScriptingApi, idleSites: readonly string[]): Promise<void> {
  const wanted = contentScriptRegistrations(idleSites)
  const present = await scripting.getRegisteredContentScripts()
  const presentById = new Map(present.map((script) => [script.id, script]))
  // Registrations persist across updates: one an earlier build made and this one does not would go on injecting.
  const unwanted = present.filter((script) => !wanted.some((own) => own.id === script.id)).map((script) => script.id)
  if (unwanted.length > 0) await scripting.unregisterContentScripts({ ids: unwanted })
  const stale = wanted.filter((script) => presentById.has(script.id) && comparableForm(presentById.get(script.id)!) !== comparableForm(script))
  if (stale.length > 0) await scripting.updateContentScripts(stale)
  const missing = wanted.filter((script) => !presentById.has(script.id))
  if (missing.length > 0) await scripting.registerContentScripts(missing)
}

let running: Promise<void> = Promise.resolve()
let waiting: Promise<void> | null = null

/**
 * One sync at a time, each reading the settings as it starts; calls made while one waits share it. Without a
 * registration HashLens marks nothing anywhere, so a failure is worth a warning.
 */
export function syncContentScriptsNow(): Promise<void> {
  if (waiting) return waiting
  const next = running.then(async () => {
    waiting = null
    await syncContentScripts(browser.scripting, (await loadSettings()).idleSites)
  }).catch((error: unknown) => console.warn('HashLens could not register its content script:', error))
  waiting = next
  running = next
  return next
}

/** After storage.onChanged has made the settings be read afresh (settings-store.ts). */
export function syncContentScriptsOnChange(changes: StorageChanges, area: string): void {
  if (touchesLocalOrPolicy(changes, area, [SETTINGS_KEY, POLICY_COPY_KEY])) void syncContentScriptsNow()
}
