/** The name a downloaded PDF is saved under: the server's (Content-Disposition), else the URL's last segment. */

const FALLBACK_NAME = 'document.pdf'

/** RFC 6266: `filename*=UTF-8''…` wins over `filename=`; path separators never survive (the browser strips them too). */
function nameOfDisposition(header: string | null): string | null {
  if (!header) return null
  const extended = /filename\*\s*=\s*[^']*'[^']*'([^;]+)/i.exec(header)
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim())
    } catch {
      // A bad escape: the plain filename= below, if any.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header)
  return plain ? (plain[2] ?? plain[1]!).trim() : null
}

function nameOfUrl(url: string | null): string | null {
  if (url === null || !URL.canParse(url)) return null
  const segment = new URL(url).pathname.split('/').pop() ?? ''
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

export function downloadNameOf(url: string | null, contentDisposition: string | null): string {
  const name = (nameOfDisposition(contentDisposition) ?? nameOfUrl(url) ?? '').replace(/[/\\]/g, '_').trim()
  if (name === '') return FALLBACK_NAME
  return /\.pdf$/i.test(name) ? name : `${name}.pdf`
}
