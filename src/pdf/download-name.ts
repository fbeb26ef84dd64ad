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

// A name is shown in the browser's downloads: no path, no control or bidi characters (RTL override makes `…fdp.exe`).
const MAX_NAME_LENGTH = 200

function cleanName(name: string): string {
  const cleaned = name.replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/[/\\]/g, '_').replace(/^[\s.]+|[\s.]+$/g, '').slice(0, MAX_NAME_LENGTH)
  if (cleaned === '' || /^\.?pdf$/i.test(cleaned)) return FALLBACK_NAME
  return /\.pdf$/i.test(cleaned) ? cleaned : `${cleaned}.pdf`
}

export function downloadNameOf(url: string | null, contentDisposition: string | null): string {
  return cleanName(nameOfDisposition(contentDisposition) ?? nameOfUrl(url) ?? '')
}

/** A file picked from disk keeps its own name, cleaned the same way (not parsed as a header: `"` is a character in it). */
export function downloadNameOfPicked(name: string): string {
  return cleanName(name)
}
