import { getDomain } from 'tldts'
import { HOSTLESS_SITE } from './verdict.ts'

/** The host name of an http(s) URL; '' for pages not on the web (browser, extension, file, data:). */
export function siteOf(url: string | undefined): string {
  if (!url) return ''
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname : ''
  } catch {
    return ''
  }
}

/**
 * The registrable domain (public-suffix aware: `a.b.example.co.uk` → `example.co.uk`), so fresh subdomains share one
 * daily budget; an IP address or a single-label host stands for itself. Worker only: the list is too large for pages.
 */
export function registrableDomainOf(url: string | undefined): string {
  const host = siteOf(url)
  return host === '' ? '' : budgetSiteOf(host)
}

/** The sites the trusted hosts (Options, policy) stand for: a trusted host stands for its whole site, the unit budgets are counted in. */
export function trustedSitesOf(hosts: readonly string[]): string[] {
  return hosts.map((host) => registrableDomainOf(`https://${host}/`) || host)
}

/** The site a document's budget is counted in: its host's registrable domain, or the host-less documents' own budget. */
export function budgetSiteOf(site: string): string {
  if (site === HOSTLESS_SITE) return site
  return getDomain(site, { allowPrivateDomains: true }) ?? site
}

/** What the browser says of a document: its URL and its origin (`MessageSender.origin`, which not every browser gives). */
export interface DocumentOrigin {
  url?: string | undefined
  origin?: string | undefined
}

/**
 * The host of a document's real origin, by which it is charged and judged idle or trusted: a page can move its content
 * into a document whose URL names no host (blob:, about:blank, about:srcdoc, data:), which its origin still tells.
 * An opaque or unknown origin gives HOSTLESS_SITE, never "no site".
 */
export function documentSiteOf({ url, origin }: DocumentOrigin): string {
  return siteOf(url) || siteOf(innerUrlOf(url)) || siteOf(origin) || HOSTLESS_SITE
}

/** `blob:https://a.example/id` and `filesystem:https://a.example/temporary/x` are made by, and belong to, that origin. */
function innerUrlOf(url: string | undefined): string | undefined {
  const scheme = /^(?:blob|filesystem):/i.exec(url ?? '')
  return scheme ? url!.slice(scheme[0].length) : undefined
}

/** A frame's site and its tab's top-level site, a lookup in the frame being charged to both. */
export interface DocumentSites {
  frame: string
  top: string
}

/**
 * A top frame is its tab's top document, whose own origin tells its site when its URL cannot (an about:blank popup,
 * whose tab URL is about:blank too); a sub-frame knows the top document by the tab's URL alone.
 */
export function documentSitesOf(document: DocumentOrigin & { frameId: number }, tabUrl: string | undefined): DocumentSites {
  const frame = documentSiteOf(document)
  return { frame, top: document.frameId === 0 ? frame : documentSiteOf({ url: tabUrl }) }
}
