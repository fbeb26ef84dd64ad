/** The PDF viewer's files in the build (issue 15), named once for vite.config.ts, the worker and the viewer. */

/** The viewer page: a vite input, opened by URL; the worker gives its messages less than a content script's trust. */
export const PDF_VIEWER_PATH = 'src/pdf/viewer.html'

/** pdf.js's standard fonts, copied by scripts/pdfjs-fonts-plugin.ts; the viewer's `standardFontDataUrl`. */
export const STANDARD_FONTS_DIR = 'pdfjs/standard_fonts/'
