/**
 * The content script is registered at run time, not declared in the manifest, so that a frame on an idle site does not
 * get it and its page can tell nothing of HashLens (issue 12). It brings no stylesheet: marks are drawn in a closed
 * shadow root (mark-overlay.ts). The registration persists across
 * browser restarts; the worker checks it at every start, as an update or a settings change may have left it stale.
 * Every option used is older than the minimum versions: matchOriginAsFallback came last (Chrome 119, Firefox 128).
 */
import browser, { type Scripting, type Tabs } from 'webextension-polyfill'
import type { Settings } from '../shared/settings.ts'
import { documentSiteOf } from '../shared/site.ts'
import type { WorkerEvent } from '../shared/worker-events.ts'
import { CONTENT_SCRIPT_FILE } from './content-script-files.ts'
import { pageSettingsFor } from './content-handlers.ts'
import { POLICY_COPY_KEY } from './managed-policy.ts'
import { loadSettings, SETTINGS_KEY } from './settings-store.ts'
import { touchesLocalOrPolicy, type StorageChanges } from './lazy-value.ts'

const CONTENT_SCRIPT_ID = 'hashlens-content-script'

type ScriptingApi = Pick<Scripting.Static, 'getRegisteredContentScripts' | 'registerContentScripts' | 'updateContentScripts' | 'unregisterContentScripts'>

interface OpenTabsApi {
  scripting: Pick<Scripting.Static, 'executeScript'>
  tabs: Pick<Tabs.Static, 'query'> & { sendMessage: (tabId: number, event: WorkerEvent) => Promise<unknown> }
}

/** Sites whose exclusion a sync removed (their open frames are not reached yet) or added (theirs still run). */
export interface IdleSitesChange {
  leftIdle: string[]
  joinedIdle: string[]
}

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

/** The site an exclusion of idleSiteExclusions stands for. */
function siteOfExclusion(pattern: string): string {
  return pattern.slice('*://'.length, -'/*'.length)
}

/**
 * Makes the browser's registrations exactly `contentScriptRegistrations(idleSites)`; touches nothing already so.
 * Returns how the exclusions changed: the browser applies them only to documents loading from now on.
 */
export async function syncContentScripts(scripting: ScriptingApi, idleSites: readonly string[]): Promise<IdleSitesChange> {
  const wanted = contentScriptRegistrations(idleSites)
  const present = await scripting.getRegisteredContentScripts()
  const presentById = new Map(present.map((script) => [script.id, script]))
  const excludedBefore = new Set(presentById.get(CONTENT_SCRIPT_ID)?.excludeMatches ?? [])
  const excludedNow = new Set(wanted[0]!.excludeMatches)
  // A first registration changes nothing open tabs had: no script ran in them.
  const change: IdleSitesChange = presentById.has(CONTENT_SCRIPT_ID) ? {
    leftIdle: [...excludedBefore].filter((pattern) => !excludedNow.has(pattern)).map(siteOfExclusion),
    joinedIdle: [...excludedNow].filter((pattern) => !excludedBefore.has(pattern)).map(siteOfExclusion),
  } : { leftIdle: [], joinedIdle: [] }
  // Registrations persist across updates: one an earlier build made and this one does not would go on injecting.
  const unwanted = present.filter((script) => !wanted.some((own) => own.id === script.id)).map((script) => script.id)
  if (unwanted.length > 0) await scripting.unregisterContentScripts({ ids: unwanted })
  const stale = wanted.filter((script) => presentById.has(script.id) && comparableForm(presentById.get(script.id)!) !== comparableForm(script))
  if (stale.length > 0) await scripting.updateContentScripts(stale)
  const missing = wanted.filter((script) => !presentById.has(script.id))
  if (missing.length > 0) await scripting.registerContentScripts(missing)
  return change
}

/** Pages HashLens can run in at all; others (the browser's own, extension pages) refuse scripts and messages. */
const WEB_PAGE = /^(?:https?|file):/i

/** Run in each frame, in the extension's isolated world, where the page cannot fake either. */
function frameLocation(): { href: string; origin: string } {
  return { href: location.href, origin: location.origin }
}

/**
 * Injects the registered file into open frames that the idle sites in `leftIdle` kept it out of, and that are not idle
 * now (pageSettingsFor decides, by the frame's site and its tab's). A frame already running it keeps its one copy
 * (content-script.ts). Each tab on its own: one that refuses scripts stops no other.
 */
export async function reachOpenFrames(api: OpenTabsApi, settings: Settings, leftIdle: readonly string[]): Promise<void> {
  const sites = new Set(leftIdle)
  const tabs = await api.tabs.query({})
  await Promise.allSettled(tabs.map(async ({ id: tabId, url: pageUrl }) => {
    if (tabId === undefined || pageUrl === undefined || !WEB_PAGE.test(pageUrl)) return
    const top = documentSiteOf({ url: pageUrl })
    if (pageSettingsFor(settings, { frame: top, top }).isIdleSite) return
    const frames = await api.scripting.executeScript({ target: { tabId, allFrames: true }, func: frameLocation })
    const reached = frames.filter(({ result }) => {
      const { href, origin } = (result ?? {}) as Partial<ReturnType<typeof frameLocation>>
      if (typeof href !== 'string' || typeof origin !== 'string') return false
      // An about:, blob: or data: frame by its origin, as the registration matches it (matchOriginAsFallback).
      const frame = documentSiteOf({ url: href, origin })
      if (pageSettingsFor(settings, { frame, top }).isIdleSite) return false
      return sites.has(top) || sites.has(frame)
    })
    if (reached.length === 0) return
    // Chromium names each document, so a frame navigated since the probe is not injected; Firefox has frame ids only.
    const target = reached.every((frame) => typeof frame.documentId === 'string')
      ? { tabId, documentIds: reached.map((frame) => frame.documentId) }
      : { tabId, frameIds: reached.map((frame) => frame.frameId) }
    await api.scripting.executeScript({ target, files: [CONTENT_SCRIPT_FILE] })
  }))
}

/** Every running copy asks whether its frame is idle now and, if so, removes all it added (content-script.ts). */
export async function tellOpenTabsIdleSitesChanged(api: Pick<OpenTabsApi, 'tabs'>): Promise<void> {
  const event: WorkerEvent = { type: 'idle-sites-changed' }
  const tabs = await api.tabs.query({})
  await Promise.allSettled(tabs.map(async ({ id: tabId, url }) => {
    // A tab with no copy running has no receiver: the browser's refusal says nothing worth keeping.
    if (tabId !== undefined && url !== undefined && WEB_PAGE.test(url)) await api.tabs.sendMessage(tabId, event).catch(() => undefined)
  }))
}

let running: Promise<void> = Promise.resolve()
let waiting: Promise<void> | null = null

/**
 * One sync at a time, each reading the settings as it starts; calls made while one waits share it. Then open tabs
 * follow the change, as the registration reaches only documents loading after it. Without a registration HashLens
 * marks nothing anywhere, so a failure is worth a warning.
 */
export function syncContentScriptsNow(): Promise<void> {
  if (waiting) return waiting
  const next = running.then(async () => {
    waiting = null
    const settings = await loadSettings()
    const { leftIdle, joinedIdle } = await syncContentScripts(browser.scripting, settings.idleSites)
    if (joinedIdle.length > 0) await tellOpenTabsIdleSitesChanged(browser)
    if (leftIdle.length > 0) await reachOpenFrames(browser, settings, leftIdle)
  }).catch((error: unknown) => console.warn('HashLens could not register its content script:', error))
  waiting = next
  running = next
  return next
}

/** After storage.onChanged has made the settings be read afresh (settings-store.ts). */
export function syncContentScriptsOnChange(changes: StorageChanges, area: string): void {
  if (touchesLocalOrPolicy(changes, area, [SETTINGS_KEY, POLICY_COPY_KEY])) void syncContentScriptsNow()
}
