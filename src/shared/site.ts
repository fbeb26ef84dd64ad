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
