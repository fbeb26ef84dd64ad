/**
 * Print: every page rendered afresh at print resolution into a print-only container, then the browser's print dialog.
 * Printing what the screen shows would print blank boxes for the pages not yet rendered (they render lazily); handing the
 * bytes to the browser's own PDF viewer would hand the untrusted document to another viewer than this one (no scripting, no eval, no WebAssembly).
 */
import type { PDFDocumentProxy } from 'pdfjs-dist'

/** 150 dpi: sharp on paper, a tenth of 600 dpi's memory (a 200-page report stays near 1 GB of bitmaps at most briefly). */
const PRINT_SCALE = 150 / 72
export const PRINT_CONTAINER_CLASS = 'hl-pdf-print'

export async function printDocument(pdf: PDFDocumentProxy, onPage: (pageNumber: number) => void, signal: AbortSignal): Promise<void> {
  const container = document.createElement('div')
  container.className = PRINT_CONTAINER_CLASS
  const urls: string[] = []
  const cleanUp = () => {
    container.remove()
    for (const url of urls) URL.revokeObjectURL(url)
  }
  try {
    for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber++) {
      if (signal.aborted) return cleanUp()
      onPage(pageNumber)
      const page = await pdf.getPage(pageNumber)
      const viewport = page.getViewport({ scale: PRINT_SCALE })
      const canvas = document.createElement('canvas')
      canvas.width = Math.floor(viewport.width)
      canvas.height = Math.floor(viewport.height)
      await page.render({ canvas, viewport, intent: 'print' }).promise
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
      canvas.width = canvas.height = 0 // frees the bitmap now, not at the next collection
      if (!blob) continue
      const image = document.createElement('img')
      image.alt = ''
      urls.push(URL.createObjectURL(blob))
      image.src = urls[urls.length - 1]!
      container.append(image)
    }
    document.body.append(container)
    await Promise.all([...container.querySelectorAll('img')].map((image) => image.decode().catch(() => undefined)))
  } catch (error) {
    cleanUp()
    throw error
  }
  window.addEventListener('afterprint', cleanUp, { once: true })
  window.print()
}
