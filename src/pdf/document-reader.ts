/**
 * Reads a PDF's pages one by one (pdf.js's text content, in its worker) and finds their hashes: the judge is made once,
 * from the document's first pages, as web pages' is from their first text. Takes any pdf.js document, so the viewer's
 * build and Node's legacy build (the tests) both fit, and imports nothing of pdf.js.
 */
import type { NoiseFilters } from '../shared/hash-detector.ts'
import { createSampleJudge, type NotSampleKind, type SampleJudge } from '../shared/sample-judgement.ts'
import { findPageHashes, type PdfPageHash } from './page-hashes.ts'
import { pageTextOf, type PdfPageText, type PdfTextItem } from './pdf-text.ts'

/** What is used of pdf.js's PDFDocumentProxy. */
export interface PdfDocumentLike {
  numPages: number
  getPage(pageNumber: number): Promise<PdfPageLike>
}
export interface PdfPageLike {
  getTextContent(): Promise<{ items: ReadonlyArray<object> }>
}

export interface ReadOptions {
  /** The document's address and title: what the judge reads first, as a web page's URL and title. */
  url: string
  title: string
  filters: Readonly<NoiseFilters>
  /** The kinds left for the user to ask about here; none: every hash is a sample. */
  notSampleKinds: readonly NotSampleKind[]
  /** Each page's text was read (1-based): for progress. Its hashes may wait for the judge (onPage). */
  onRead?: (pageNumber: number, pageCount: number) => void
  /** Each page with its text and hashes, in page order. */
  onPage: (pageNumber: number, page: PdfPageText, hashes: PdfPageHash[]) => void
  /** Stops between pages: a closed or replaced viewer reads no further. */
  signal?: AbortSignal
}

/** The judge's first look at the document: as much as page-scanner.ts gives it of a web page. */
const JUDGE_CONTEXT_CHARS = 64 * 1024
const JUDGE_CONTEXT_PAGES = 3
/**
 * Pages whose text is asked of pdf.js's worker while one is searched here: each answer is a round trip between two
 * threads, waited for one after the other it left both idle half the time (bench 9).
 */
const READ_AHEAD_PAGES = 4

/** pdf.js's text items; its marked-content entries have no `str` (and no span on the text layer). */
export function textItemsOf(items: ReadonlyArray<object>): PdfTextItem[] {
  return items.filter((item): item is PdfTextItem => typeof (item as { str?: unknown }).str === 'string')
}

export async function readDocumentHashes(document: PdfDocumentLike, options: ReadOptions): Promise<void> {
  const waiting: Array<{ pageNumber: number; page: PdfPageText }> = []
  let judge: SampleJudge | null | undefined
  let contextText = ''
  const report = (pageNumber: number, page: PdfPageText) => options.onPage(pageNumber, page, findPageHashes(page, options.filters, judge ?? null))
  const requested = new Map<number, Promise<{ items: ReadonlyArray<object> }>>()
  const request = (pageNumber: number) => {
    if (pageNumber > document.numPages || requested.has(pageNumber)) return
    const content = document.getPage(pageNumber).then((page) => page.getTextContent())
    // Awaited in page order below, where a failure fails the read; never reported unhandled meanwhile.
    content.catch(() => undefined)
    requested.set(pageNumber, content)
  }
  for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber++) {
    if (options.signal?.aborted) return
    for (let ahead = 0; ahead <= READ_AHEAD_PAGES; ahead++) request(pageNumber + ahead)
    const content = await requested.get(pageNumber)!
    requested.delete(pageNumber)
    const page = pageTextOf(textItemsOf(content.items))
    options.onRead?.(pageNumber, document.numPages)
    if (judge !== undefined) {
      report(pageNumber, page)
      continue
    }
    waiting.push({ pageNumber, page })
    contextText += page.text.slice(0, JUDGE_CONTEXT_CHARS - contextText.length)
    if (waiting.length < JUDGE_CONTEXT_PAGES && contextText.length < JUDGE_CONTEXT_CHARS && pageNumber < document.numPages) continue
    judge = options.notSampleKinds.length === 0 ? null
      : createSampleJudge({ url: options.url, title: options.title, text: contextText }, new Set(options.notSampleKinds))
    for (const each of waiting.splice(0)) report(each.pageNumber, each.page)
  }
}
