/**
 * The site of a URL, as idle-site settings name it: the host name of a web page, or '' for
 * pages that are not on the web (the browser's own, the extension's, files, data: URLs).
 */
export function siteOf(url: string | undefined): string {
  if (!url) return ''
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname : ''
  } catch {
    return ''
  }
}
