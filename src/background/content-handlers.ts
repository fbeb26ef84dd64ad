/**
 * Content scripts run inside hostile pages, so they may ask little: lookups only of hashes their tab reported, nothing
 * on idle sites, forced lookups rate-limited. sender-routing.ts has checked that the sender is our content script.
 */
import { dispatch, type ContentMessage, type HandlersFor } from '../shared/messages.ts'
import type { HashState, HashStates } from '../shared/verdict.ts'
import type { PageSettings } from '../shared/worker-events.ts'
import type { Settings } from '../shared/settings.ts'
import { normalizeHash } from '../shared/hash.ts'
import { pivotLinksFor } from '../shared/pivots.ts'
import { budgetSiteOf, documentSitesOf, trustedSitesOf, type DocumentSites } from '../shared/site.ts'
import { HOSTLESS_SITE } from '../shared/verdict.ts'
import { NOT_SAMPLE_KINDS, type NotSampleKind } from '../shared/sample-judgement.ts'
import type { BudgetGrant } from './daily-budgets.ts'
import type { LookupEngine } from './lookup-engine.ts'
import type { DocumentSender, TabRegistry } from './tab-registry.ts'

/** "Look up again" bypasses the cache, so each hash may be forced at most this often. */
export const FORCED_LOOKUP_INTERVAL_MS = 10_000
const MAX_FORCED_KEPT = 1000

export interface ContentContext {
  engine: Pick<LookupEngine, 'request' | 'peek' | 'resumeIfDue'>
  tabs: Pick<TabRegistry, 'ready' | 'add' | 'countUnlisted' | 'isListed' | 'unlistedCountOf' | 'admit' | 'takeAutoAllowance' | 'enterDocument' | 'skippedOf'>
  loadSettings: () => Promise<Settings>
  /** The tab reported hashes (`added`: those new to it; `states`: the answer, for those it lists): its badge, and the popup if open. */
  tabHashesReported: (tabId: number, added: readonly string[], states: HashStates) => void
  /** Charges automatic and hover lookups to the daily budgets of these sites and the total. */
  takeDailyBudget: (sites: readonly string[], wanted: number) => Promise<BudgetGrant>
  /** The tab's top frame showed a new document: what the tab listed is gone, but for its new frames' hashes. */
  tabStartedAfresh: (tabId: number) => void
  /** Opens the side panel beside the tab; must run before any await of the message that asks (the click's gesture). */
  openSidePanel: (tabId: number) => void
  /** Opens a pivot's URL in a new tab beside the tab, with no opener or referrer. */
  openTab: (url: string, besideTabId: number) => Promise<void>
  now?: () => number
}

interface ContentSender {
  tabId: number
  page: PageSettings
  /** The frame's site and its tab's top-level site: a lookup is charged to both. */
  budgetSites: readonly string[]
  document: DocumentSender | undefined
}

export class ContentMessageHandler {
  readonly #lastForcedLookup = new Map<string, number>()

  /** Each answer's type (ContentAnswers) is its handler's return type; only handle() calls them, as it gates idle sites. */
  readonly handlers = {
    'get-page-settings': async (_message, { page }) => page,
    'page-hashes': async (message, { tabId, page, budgetSites, document }): Promise<HashStates> => {
      const { engine, tabs } = this.ctx
      const hashes = message.hashes.flatMap((input) => normalizeHash(input)?.hash ?? [])
      const added = tabs.add(tabId, hashes, document?.documentKey, claimedSkips(message.skipped, page.notSampleKinds))
      if (message.unlisted) tabs.countUnlisted(tabId, message.unlisted)
      // Past the tab's bound a hash is not listed: no push could bring its verdict, and a flooding page must cost
      // nothing more, not even a cache read. Its card offers "Look up".
      const listed = hashes.filter((hash) => tabs.isListed(tabId, hash))
      const known = await engine.peek(listed)
      const unknown = hashes.filter((hash) => !known[hash])
      // The tab's view, not this message's: a hash another of its documents showed as a sample is looked up.
      const skipped = tabs.skippedOf(tabId)
      let toLookUp: string[] = []
      if (page.lookupMode === 'automatic') {
        const wanted = listed.filter((hash) => !known[hash] && !skipped.has(hash))
        toLookUp = wanted.slice(0, tabs.takeAutoAllowance(tabId, wanted.length, page.perPageCap, document?.documentKey))
      }
      const budget = toLookUp.length > 0 ? await this.ctx.takeDailyBudget(budgetSites, toLookUp.length) : { allowed: 0 }
      const requested = await engine.request(toLookUp.slice(0, budget.allowed))
      const states: HashStates = { ...known, ...requested }
      const idle: HashState = budget.stoppedBy ? { state: 'idle', stoppedBy: budget.stoppedBy } : { state: 'idle' }
      for (const hash of unknown) {
        const skippedAs = skipped.get(hash)
        states[hash] ??= skippedAs ? { state: 'idle', skippedAs } : idle
      }
      this.ctx.tabHashesReported(tabId, added, Object.fromEntries(listed.map((hash) => [hash, states[hash]!])))
      return states
    },
    'hover-lookup': async (message, { tabId, page, budgetSites, document }): Promise<HashStates> => {
      const hash = this.#hashOfTab(message.hash, tabId)
      if (!hash) return {}
      const known = await this.ctx.engine.peek([hash])
      if (page.lookupMode === 'off' || (known[hash] && known[hash].state !== 'error')) return known
      // Resting on a hash skipped as no file sample is no request to look it up: its card's Look up is.
      const skippedAs = this.ctx.tabs.skippedOf(tabId).get(hash)
      if (skippedAs && !known[hash]) return { [hash]: { state: 'idle', skippedAs } }
      // A page can move fresh hashes under a resting pointer: each hover lookup spends the page's cap and the budgets.
      if (this.ctx.tabs.takeAutoAllowance(tabId, 1, page.perPageCap, document?.documentKey) === 0) return { [hash]: { state: 'idle' } }
      const budget = await this.ctx.takeDailyBudget(budgetSites, 1)
      if (budget.stoppedBy) return { [hash]: { state: 'idle', stoppedBy: budget.stoppedBy } }
      this.ctx.tabs.admit(tabId, hash, document?.documentKey)
      return this.ctx.engine.request([hash])
    },
    'lookup-hash': async (message, { tabId, document }): Promise<HashStates> => {
      // The user asked, so in any mode; a fresh cached verdict (another tab may have asked) still spends no quota.
      const hash = this.#hashOfTab(message.hash, tabId)
      if (!hash) return {}
      this.ctx.tabs.admit(tabId, hash, document?.documentKey)
      return this.ctx.engine.request([hash])
    },
    'lookup-again': async (message, { tabId, document }): Promise<HashStates> => {
      const hash = this.#hashOfTab(message.hash, tabId)
      if (!hash) return {}
      this.ctx.tabs.admit(tabId, hash, document?.documentKey)
      return this.#mayForceLookup(hash) ? this.ctx.engine.request([hash], { bypassCache: true }) : this.ctx.engine.request([hash])
    },
    'resume-lookups': async (): Promise<null> => {
      await this.ctx.engine.resumeIfDue()
      return null
    },
    // Opened by handle() before its first await; nothing is left to answer.
    'open-details': async (): Promise<null> => null,
    'open-pivot': async (message, { tabId }): Promise<null> => {
      const hash = this.#hashOfTab(message.hash, tabId)
      if (!hash) return null
      // Built here from the worker's own settings: the page chose neither the URL nor the tool.
      const link = pivotLinksFor((await this.ctx.loadSettings()).pivots, hash)[message.pivot]
      if (link) await this.ctx.openTab(link.url, tabId)
      return null
    },
  } satisfies HandlersFor<ContentMessage, [ContentSender]>

  constructor(private readonly ctx: ContentContext) {}

  /** `pageUrl` is the sender's tab's; `document` the sending frame's document, whose own site being idle makes it idle too. */
  async handle(message: ContentMessage, tabId: number, pageUrl: string | undefined, document?: DocumentSender): Promise<unknown> {
    // The user's gesture lasts until the first await: the panel opens now or never.
    if (message.type === 'open-details') this.ctx.openSidePanel(tabId)
    const sites = documentSitesOf({ frameId: document?.frameId ?? 0, url: document?.url ?? pageUrl, origin: document?.origin }, pageUrl)
    const page = pageSettingsFor(await this.ctx.loadSettings(), sites)
    if (document) {
      await this.ctx.tabs.ready
      if (await this.ctx.tabs.enterDocument(tabId, document)) this.ctx.tabStartedAfresh(tabId)
    }
    if (message.type !== 'get-page-settings') {
      if (page.isIdleSite) return {} satisfies HashStates
      await this.ctx.tabs.ready
    }
    const budgetSites = [budgetSiteOf(sites.frame), budgetSiteOf(sites.top)]
    return dispatch(this.handlers, message, { tabId, page, budgetSites, document })
  }

  /** A hash the tab listed, or one past its bound (reported, counted, not kept: the tab cannot tell which). */
  #hashOfTab(input: string, tabId: number): string | null {
    const hash = normalizeHash(input)?.hash
    if (!hash) return null
    return this.ctx.tabs.isListed(tabId, hash) || this.ctx.tabs.unlistedCountOf(tabId) > 0 ? hash : null
  }

  #mayForceLookup(hash: string): boolean {
    const now = (this.ctx.now ?? Date.now)()
    const last = this.#lastForcedLookup.get(hash)
    if (last !== undefined && now - last < FORCED_LOOKUP_INTERVAL_MS) return false
    this.#lastForcedLookup.delete(hash)
    this.#lastForcedLookup.set(hash, now)
    if (this.#lastForcedLookup.size > MAX_FORCED_KEPT) this.#lastForcedLookup.delete(this.#lastForcedLookup.keys().next().value!)
    return true
  }
}

/** An idle site stays idle inside any page (its iframe elsewhere), and so does everything in its own pages. */
export function pageSettingsFor(settings: Settings, sites: DocumentSites): PageSettings {
  const isIdle = (site: string) => site !== HOSTLESS_SITE && settings.idleSites.includes(site)
  return {
    lookupMode: settings.lookupMode,
    perPageCap: settings.perPageCap,
    isIdleSite: isIdle(sites.top) || isIdle(sites.frame),
    pivotNames: settings.pivots.map((pivot) => pivot.name),
    noiseFilters: settings.noiseFilters,
    notSampleKinds: notSampleKindsFor(settings, sites),
  }
}

/**
 * Which kinds of non-sample hex are left for the user to ask about here: none where nothing is looked up unasked
 * (lookups off), nor on a trusted site or inside one's pages, which get every hash looked up (README "What is not
 * looked up automatically").
 */
function notSampleKindsFor(settings: Settings, sites: DocumentSites): NotSampleKind[] {
  if (settings.lookupMode === 'off') return []
  const trusted = trustedSitesOf(settings.trustedSites)
  if (trusted.includes(budgetSiteOf(sites.top)) || trusted.includes(budgetSiteOf(sites.frame))) return []
  return NOT_SAMPLE_KINDS.filter((kind) => settings.skipNotSamples[kind])
}

/**
 * The skips a document claims, of the kinds this page judges: a claim of another kind (its settings changed since it
 * asked, or a trusted site) is a sample's report. A skip only ever spares quota, so it is no power a page could abuse.
 */
function claimedSkips(claims: ReadonlyArray<{ hash: string; kind: NotSampleKind }> | undefined, kinds: readonly NotSampleKind[]): Map<string, NotSampleKind> {
  const skips = new Map<string, NotSampleKind>()
  for (const { hash: input, kind } of claims ?? []) {
    const hash = normalizeHash(input)?.hash
    if (hash && kinds.includes(kind)) skips.set(hash, kind)
  }
  return skips
}

declare module '../shared/messages.ts' {
  interface WorkerHandlers {
    content: ContentMessageHandler['handlers']
  }
}
