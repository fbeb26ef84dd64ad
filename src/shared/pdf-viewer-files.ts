/** The PDF viewer's files in the build (issue 15), named once for vite.config.ts, the worker and the viewer. */

/** The viewer page: a vite input, opened by URL; the worker gives its messages less than a content script's trust. */
export const PDF_VIEWER_PATH = 'src/pdf/viewer.html'

/** pdf.js's standard fonts, copied by scripts/pdfjs-fonts-plugin.ts; the viewer's `standardFontDataUrl`. */
export const STANDARD_FONTS_DIR = 'pdfjs/standard_fonts/'

/**
 * How a redirected navigation names its PDF: the address as it was, unencoded after this mark, as a DNR rule cannot
 * encode what it matched (pdf.js's own viewer reads `?DNR:` the same way: mozilla/pdf.js web/chromecom.js).
 */
export const REDIRECTED_FILE_MARK = 'DNR:'

/** The viewer's query for a document: `?file=` and its address encoded, as PDF.js's viewer takes it. */
export function viewerQueryFor(fileUrl: string): string {
  return `?file=${encodeURIComponent(fileUrl)}`
}

/**
 * The document a viewer's query (`location.search`) names, or null. One reading for the viewer, which fetches it, and
 * the worker, which charges its lookups to its site: the two cannot disagree on which document it is.
 */
export function fileOfViewerQuery(search: string): string | null {
  const query = search.startsWith('?') ? search.slice(1) : search
  if (query.startsWith(REDIRECTED_FILE_MARK)) return query.slice(REDIRECTED_FILE_MARK.length) || null
  return new URLSearchParams(query).get('file')
}

/** What the viewer can open from an address: the web's and the disk's documents, never a page of the browser's or ours. */
export function isPdfSourceUrl(url: string): boolean {
  return /^(?:https?|file):/i.test(url) && URL.canParse(url)
}
