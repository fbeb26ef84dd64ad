import { getDomain } from 'tldts'

/** The host name idle-site settings use; '' for pages not on the web (browser, extension, file, data:). */
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
  if (host === '') return ''
  return getDomain(host, { allowPrivateDomains: true }) ?? host
}
