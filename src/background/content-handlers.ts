/**
 * Content scripts run inside hostile pages, so they may ask little: lookups only of hashes their tab reported, nothing
 * on idle sites, forced lookups rate-limited. sender-routing.ts has checked that the sender is our content script.
 */
import { dispatch, type ContentMessage, type HandlersFor } from '../shared/messages.ts'
import type { HashStates } from '../shared/verdict.ts'
import type { PageSettings } from '../shared/worker-events.ts'
import type { Settings } from '../shared/settings.ts'
import { normalizeHash } from '../shared/hash.ts'
import { siteOf } from '../shared/site.ts'
import type { LookupEngine } from './lookup-engine.ts'
import type { DocumentSender, TabRegistry } from './tab-registry.ts'

/** "Look up again" bypasses the cache, so each hash may be forced at most this often. */
export const FORCED_LOOKUP_INTERVAL_MS = 10_000
const MAX_FORCED_KEPT = 1000

export interface ContentContext {
  engine: Pick<LookupEngine, 'request' | 'peek'>
  tabs: Pick<TabRegistry, 'ready' | 'add' | 'hashesOf' | 'takeAutoAllowance' | 'enterDocument'>
  loadSettings: () => Promise<Settings>
  /** The tab reported hashes (`added`: those new to it): its badge, and the popup if open. */
  tabHashesReported: (tabId: number, added: readonly string[]) => void
  /** The tab's top frame showed a new document: what the tab listed is gone. */
  tabStartedAfresh: (tabId: number) => void
  now?: () => number
}

interface ContentSender {
  tabId: number
  page: PageSettings
  document: DocumentSender | undefined
}

export class ContentMessageHandler {
  readonly #lastForcedLookup = new Map<string, number>()

  /** Each answer's type (ContentAnswers) is its handler's return type; only handle() calls them, as it gates idle sites. */
  readonly handlers = {
    'get-page-settings': async (_message, { page }) => page,
    'page-hashes': async (message, { tabId, page, document }): Promise<HashStates> => {
      const { engine, tabs } = this.ctx
      const hashes = message.hashes.flatMap((input) => normalizeHash(input)?.hash ?? [])
      const added = tabs.add(tabId, hashes, document?.documentKey)
      const known = await engine.peek(hashes)
      const unknown = hashes.filter((hash) => !known[hash])
      let toLookUp: string[] = []
      if (page.lookupMode === 'automatic') {
        toLookUp = unknown.slice(0, tabs.takeAutoAllowance(tabId, unknown.length, page.perPageCap))
      }
      const requested = await engine.request(toLookUp)
      const states: HashStates = { ...known, ...requested }
      for (const hash of unknown) states[hash] ??= { state: 'idle' }
      this.ctx.tabHashesReported(tabId, added)
      return states
    },
    'hover-lookup': async (message, { tabId, page }): Promise<HashStates> => {
      const hash = this.#hashOfTab(message.hash, tabId)
      if (!hash) return {}
      const known = await this.ctx.engine.peek([hash])
      if (known[hash] || page.lookupMode === 'off') return known
      // A page can move fresh hashes under a resting pointer: each hover lookup spends the page's cap.
      if (this.ctx.tabs.takeAutoAllowance(tabId, 1, page.perPageCap) === 0) return { [hash]: { state: 'idle' } }
      return this.ctx.engine.request([hash])
    },
    'lookup-hash': async (message, { tabId }): Promise<HashStates> => {
      // The user asked, so in any mode; a fresh cached verdict (another tab may have asked) still spends no quota.
      const hash = this.#hashOfTab(message.hash, tabId)
      if (!hash) return {}
      return this.ctx.engine.request([hash])
    },
    'lookup-again': async (message, { tabId }): Promise<HashStates> => {
      const hash = this.#hashOfTab(message.hash, tabId)
      if (!hash) return {}
      return this.#mayForceLookup(hash) ? this.ctx.engine.request([hash], { bypassCache: true }) : this.ctx.engine.request([hash])
    },
  } satisfies HandlersFor<ContentMessage, [ContentSender]>

  constructor(private readonly ctx: ContentContext) {}

  /** `pageUrl` is the sender's (its site decides "idle"); `document` the sending frame's document. */
  async handle(message: ContentMessage, tabId: number, pageUrl: string | undefined, document?: DocumentSender): Promise<unknown> {
    const page = pageSettingsFor(await this.ctx.loadSettings(), pageUrl)
    if (document) {
      await this.ctx.tabs.ready
      if (this.ctx.tabs.enterDocument(tabId, document)) this.ctx.tabStartedAfresh(tabId)
    }
    if (message.type !== 'get-page-settings') {
      if (page.isIdleSite) return {} satisfies HashStates
      await this.ctx.tabs.ready
    }
    return dispatch(this.handlers, message, { tabId, page, document })
  }

  #hashOfTab(input: string, tabId: number): string | null {
    const hash = normalizeHash(input)?.hash
    return hash && this.ctx.tabs.hashesOf(tabId).includes(hash) ? hash : null
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

export function pageSettingsFor(settings: Settings, pageUrl: string | undefined): PageSettings {
  const site = siteOf(pageUrl)
  return {
    lookupMode: settings.lookupMode,
    perPageCap: settings.perPageCap,
    isIdleSite: site !== '' && settings.idleSites.includes(site),
    analyzeUrlTemplate: settings.analyzeUrlTemplate,
    noiseFilters: settings.noiseFilters,
  }
}

declare module '../shared/messages.ts' {
  interface WorkerHandlers {
    content: ContentMessageHandler['handlers']
  }
}
