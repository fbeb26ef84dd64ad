/**
 * "Open PDFs in HashLens" (issue 15): a tab's navigation whose answer is a PDF goes to the viewer instead, by a
 * declarativeNetRequest rule on the answer's Content-Type (`responseHeaders`, Chrome 128+), before the browser's own
 * viewer takes it. A redirect from the web may go only to a web-accessible page: the viewer is one, at a dynamic URL
 * only (use_dynamic_url, new every browser session), so no page can open it, or learn HashLens is installed, at a
 * fixed address. Session rules: they end with the session, as that URL does, and each worker start sets them anew.
 * A page can send a tab to a PDF, as it can to any page: its lookups are charged to the PDF's site (sender-routing.ts).
 */
import browser from 'webextension-polyfill'
import { PDF_VIEWER_PATH, REDIRECTED_FILE_MARK } from '../shared/pdf-viewer-files.ts'
import { POLICY_COPY_KEY } from './managed-policy.ts'
import { loadSettings, SETTINGS_KEY } from './settings-store.ts'
import { touchesLocalOrPolicy, type StorageChanges } from './lazy-value.ts'
import { idleSiteExclusions } from './content-script-registration.ts'

type Rule = chrome.declarativeNetRequest.Rule
type SessionRulesApi = Pick<typeof chrome.declarativeNetRequest, 'getSessionRules' | 'updateSessionRules'>

/**
 * The idle sites as DNR domains (which cover their subdomains too): only canonical host names, as one the browser
 * refuses would fail the whole rule set.
 */
function idleDomainsOf(idleSites: readonly string[]): string[] {
  return idleSiteExclusions(idleSites).map((pattern) => pattern.slice('*://'.length, -'/*'.length)).filter((host) => !host.startsWith('['))
}

/**
 * `viewerUrl`: the viewer's dynamic address, as `getURL(PDF_VIEWER_PATH)` gives it. An idle site's PDFs, and the
 * navigations its pages start, are left alone: a page there could otherwise see its own PDF leave for another origin.
 */
export function pdfRedirectRules(viewerUrl: string, idleSites: readonly string[] = []): Rule[] {
  // DNR cannot encode what it matched: the address goes in as it is, read back by fileOfViewerQuery.
  const toViewer = { type: 'redirect', redirect: { regexSubstitution: `${viewerUrl}?${REDIRECTED_FILE_MARK}\\0` } } as const
  const idle = idleDomainsOf(idleSites)
  const notIdle = idle.length > 0 ? { excludedRequestDomains: idle, excludedInitiatorDomains: idle } : {}
  return [
    {
      // A download stays a download: the browser shows no PDF sent as an attachment either.
      id: 1, priority: 2, action: { type: 'allow' },
      condition: { resourceTypes: ['main_frame'], responseHeaders: [{ header: 'content-disposition', values: ['attachment*'] }] },
    },
    {
      // The viewer fetches the document again, with GET: the answer to a form's POST cannot be had twice.
      id: 2, priority: 1, action: toViewer,
      condition: {
        regexFilter: '^https?://.*', resourceTypes: ['main_frame'], excludedRequestMethods: ['post'], ...notIdle,
        responseHeaders: [{ header: 'content-type', values: ['application/pdf', 'application/pdf;*'] }],
      },
    },
    {
      // A file has no headers, only its name; the browser lets the rule see it only with "Allow access to file URLs".
      id: 3, priority: 1, action: toViewer,
      condition: { regexFilter: '^file:///.*\\.pdf$', isUrlFilterCaseSensitive: false, resourceTypes: ['main_frame'] },
    },
  ]
}

/** Our session rules become exactly the redirect's, or none; `rules` is absent where the browser has no DNR for us (Firefox). */
export async function syncPdfRedirect(rules: SessionRulesApi | undefined, isOn: boolean, viewerUrl: string, idleSites: readonly string[]): Promise<void> {
  if (!rules) return
  const present = await rules.getSessionRules()
  await rules.updateSessionRules({ removeRuleIds: present.map((rule) => rule.id), addRules: isOn ? pdfRedirectRules(viewerUrl, idleSites) : [] })
}

let running: Promise<void> = Promise.resolve()

/** One sync at a time, each reading the settings (policy laid over) as it starts. */
export function syncPdfRedirectNow(): Promise<void> {
  running = running.then(async () => {
    const { openPdfsInHashLens, idleSites } = await loadSettings()
    const rules = (globalThis as { chrome?: { declarativeNetRequest?: SessionRulesApi } }).chrome?.declarativeNetRequest
    await syncPdfRedirect(rules, openPdfsInHashLens, browser.runtime.getURL(PDF_VIEWER_PATH), idleSites)
  }).catch((error: unknown) => console.warn('HashLens could not set its PDF redirect:', error))
  return running
}

/** After storage.onChanged has made the settings be read afresh (settings-store.ts). */
export function syncPdfRedirectOnChange(changes: StorageChanges, area: string): void {
  if (touchesLocalOrPolicy(changes, area, [SETTINGS_KEY, POLICY_COPY_KEY])) void syncPdfRedirectNow()
}
