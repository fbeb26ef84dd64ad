/**
 * HashLens's PDF viewer (issue 15): opens `?file=<url>` (as PDF.js's own viewer does), fetches it itself, renders its
 * pages lazily with pdf.js and reads every page's text for hashes, which the worker looks up with a content script's
 * trust at most (sender-routing.ts), marks them on the text layer by verdict and shows the web pages' hover card on them.
 * Otherwise a plain viewer: pages, zoom, find, print, download, all from the keyboard too.
 *
 * The document is untrusted: pdf.js runs with no scripting (none of pdf.js's scripting API is loaded, so a document's
 * JavaScript has nothing to run in; pdf.js 6 has no `enableScripting` outside its own viewer app), no eval (pdf.js 6
 * dropped `isEvalSupported` with its eval'd PostScript functions, and the extension's CSP forbids eval anyway) and no
 * WebAssembly (`useWasm: false`); its worker and fonts come from the extension itself.
 */
import { render } from 'preact'
import { memo } from 'preact/compat'
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import browser from 'webextension-polyfill'
import { getDocument, GlobalWorkerOptions, TextLayer, type PDFDocumentProxy } from 'pdfjs-dist'
import pdfWorkerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'
import { t } from '../shared/i18n.ts'
import { fileOfViewerQuery, STANDARD_FONTS_DIR } from '../shared/pdf-viewer-files.ts'
import { DEFAULT_NOISE_FILTERS } from '../shared/hash-detector.ts'
import type { ContentAnswers, PdfViewerMessage } from '../shared/messages.ts'
import type { HashStates } from '../shared/verdict.ts'
import { HashReporter } from '../content/hash-reporter.ts'
import { HoverController } from '../content/hover-controller.ts'
import { onWorkerEvent } from '../ui/ask-worker.ts'
import { saveBlob } from '../ui/download.ts'
import { readDocumentHashes, textItemsOf } from './document-reader.ts'
import { downloadNameOf, downloadNameOfPicked } from './download-name.ts'
import { FIND_HIGHLIGHT_RULES, FindMarks, type FindMatch } from './find-marks.ts'
import { findInPage } from './find-text.ts'
import { errorOfPdfJs, errorOfStatus, isPdfBytes, OPEN_ERROR_MESSAGE, refusedSourceOf, type OpenError } from './open-error.ts'
import { PdfMarks, TRACE_MARK, type PageMarks } from './pdf-marks.ts'
import { pageTextOf, type PdfPageText } from './pdf-text.ts'
import { PDFJS_DOCUMENT_OPTIONS } from './pdfjs-options.ts'
import { printDocument } from './print-pages.ts'
import './viewer.css'

GlobalWorkerOptions.workerSrc = pdfWorkerUrl

const FILE = fileOfViewerQuery(location.search)
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3]
/** The pages' column has 12 px of padding each side (viewer.css). */
const PAGES_PADDING = 24

type Phase =
  | { kind: 'loading' }
  | { kind: 'problem'; error: OpenError; status?: number }
  | { kind: 'open'; document: PDFDocumentProxy; file: OpenedFile }

/** What Download saves: the bytes as fetched (pdf.js takes its own copy to its worker), under the original name. */
interface OpenedFile {
  bytes: Blob
  name: string
}

async function ask<T extends PdfViewerMessage['type']>(message: Extract<PdfViewerMessage, { type: T }>): Promise<ContentAnswers[T] | undefined> {
  try {
    return (await browser.runtime.sendMessage(message)) as ContentAnswers[T]
  } catch {
    return undefined // the worker is restarting; the next page's report asks again
  }
}

async function fetchDocument(file: string): Promise<{ bytes: Uint8Array; name: string } | { error: OpenError; status?: number }> {
  const refused = refusedSourceOf(file, await browser.extension.isAllowedFileSchemeAccess())
  if (refused) return { error: refused }
  let response: Response
  try {
    // The browser fetches it from where it already was, with the user's cookies for that site, as a download would.
    response = await fetch(file, { credentials: 'include' })
  } catch {
    // A file:// fetch fails without a status when the file is not there.
    return { error: new URL(file).protocol === 'file:' ? 'not-found' : 'unreachable' }
  }
  const error = errorOfStatus(response.status)
  if (error) return { error, status: response.status }
  const bytes = new Uint8Array(await response.arrayBuffer())
  return isPdfBytes(bytes) ? { bytes, name: downloadNameOf(file, response.headers.get('Content-Disposition')) } : { error: 'not-pdf' }
}

async function openBytes(bytes: Uint8Array): Promise<PDFDocumentProxy | { error: OpenError }> {
  try {
    return await getDocument({ data: bytes, ...PDFJS_DOCUMENT_OPTIONS, standardFontDataUrl: browser.runtime.getURL(STANDARD_FONTS_DIR), isOffscreenCanvasSupported: true }).promise
  } catch (error) {
    return { error: errorOfPdfJs(error) }
  }
}

/**
 * The document's Title, for the sample judge's context; '' when it has none. Not asked in Firefox: there (ESR 140,
 * pdf.js 6.5, an extension page) getMetadata() never answers, and pdf.js's worker then answers no page's text either.
 */
async function titleOf(pdf: PDFDocumentProxy): Promise<string> {
  if (import.meta.env.MODE === 'firefox') return ''
  const title = ((await pdf.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined)?.Title
  return typeof title === 'string' ? title : ''
}

function Viewer() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' })
  const open = async (load: () => Promise<{ bytes: Uint8Array; name: string } | { error: OpenError; status?: number }>) => {
    setPhase({ kind: 'loading' })
    const loaded = await load()
    if ('error' in loaded) return setPhase({ kind: 'problem', ...loaded })
    // Copied before pdf.js transfers the buffer to its worker.
    const file = { bytes: new Blob([loaded.bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), name: loaded.name }
    const document = await openBytes(loaded.bytes)
    setPhase('error' in document ? { kind: 'problem', error: document.error } : { kind: 'open', document, file })
  }
  useEffect(() => {
    void open(() => FILE === null ? Promise.resolve({ error: 'no-file' as const }) : fetchDocument(FILE))
  }, [])
  const openPicked = (file: File) => {
    // A picked file is no longer the one at `?file=`: the worker then charges its lookups to no site.
    history.replaceState(null, '', location.pathname)
    document.title = file.name
    void open(async () => ({ bytes: new Uint8Array(await file.arrayBuffer()), name: downloadNameOfPicked(file.name) }))
  }
  if (phase.kind === 'loading') return <p class="hl-pdf-problem" role="status">{t('pdfLoading')}</p>
  if (phase.kind === 'problem') {
    return (
      <main class="hl-pdf-problem">
        <h1>{t('pdfViewerTitle')}</h1>
        <p role="alert">{phase.error === 'http-error' ? t('pdfErrorHttp', phase.status ?? 0) : t(OPEN_ERROR_MESSAGE[phase.error])}</p>
        <label>
          {t('pdfOpenFromDisk')}{' '}
          <input type="file" accept="application/pdf,.pdf" onChange={(event) => {
            const file = (event.currentTarget as HTMLInputElement).files?.[0]
            if (file) openPicked(file)
          }} />
        </label>
      </main>
    )
  }
  return <DocumentView document={phase.document} file={phase.file} />
}

/** The pages' texts, read once: by the hash reader as it goes, else by find when it gets there first. */
class PageTexts {
  readonly #texts = new Map<number, PdfPageText>()
  constructor(private readonly pdf: PDFDocumentProxy) {}
  set(pageNumber: number, text: PdfPageText): void {
    this.#texts.set(pageNumber, text)
  }
  async get(pageNumber: number): Promise<PdfPageText> {
    const known = this.#texts.get(pageNumber)
    if (known) return known
    const text = pageTextOf(textItemsOf((await (await this.pdf.getPage(pageNumber)).getTextContent()).items))
    this.#texts.set(pageNumber, text)
    return text
  }
}

function isShortcut(event: KeyboardEvent, key: string): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === key
}

function DocumentView({ document: pdf, file }: { document: PDFDocumentProxy; file: OpenedFile }) {
  const [scale, setScale] = useState(1)
  /** Page 1's size at scale 1: every page's box until its own size is known, so the layout holds still. */
  const [baseSize, setBaseSize] = useState({ width: 612, height: 792 })
  const [currentPage, setCurrentPage] = useState(1)
  const [pageField, setPageField] = useState('1')
  const [progress, setProgress] = useState<{ read: number; found: number; done: boolean }>({ read: 0, found: 0, done: false })
  const [printing, setPrinting] = useState<number | null>(null)
  const [find, setFind] = useState<{ isOpen: boolean; query: string; matches: FindMatch[]; current: number; searched: boolean }>({ isOpen: false, query: '', matches: [], current: -1, searched: false })
  const marks = useRef(new PdfMarks()).current
  const findMarks = useRef(new FindMarks()).current
  const texts = useRef(new PageTexts(pdf)).current
  const pagesRef = useRef<HTMLElement>(null)
  const findField = useRef<HTMLInputElement>(null)
  const findButton = useRef<HTMLButtonElement>(null)
  /** The page to keep at the top when the zoom changes. */
  const anchorPage = useRef(1)

  useEffect(() => {
    const controller = new AbortController()
    let found = 0
    let hover: HoverController | null = null
    const applyStates = (states: HashStates) => {
      if (controller.signal.aborted) return
      marks.setStates(states)
      hover?.refresh(Object.keys(states))
    }
    // As a web page's: each hash once, those found while a message is out go together in the next, past the tab's bound only counted.
    const reporter = new HashReporter({
      send: async (hashes, unlisted, skipped) => (await ask({ type: 'page-hashes', hashes, ...(unlisted > 0 && { unlisted }), ...(skipped.length > 0 && { skipped }) }) as HashStates | undefined) ?? null,
      onStates: applyStates,
    })
    void (async () => {
      const settings = await ask({ type: 'get-page-settings' })
      if (settings?.isIdleSite || controller.signal.aborted) return
      if (settings) {
        hover = new HoverController({
          document, highlighter: marks, settings, signal: controller.signal,
          requestLookup: (hash, request) => void ask({ type: request, hash }).then((states) => states && applyStates(states as HashStates)),
          details: import.meta.env.MODE === 'firefox' ? { hint: () => t('cardDetailsFirefoxHint') } : { open: () => void ask({ type: 'open-details' }) },
          openPivot: (hash, pivot) => void ask({ type: 'open-pivot', hash, pivot }),
        })
        hover.start()
      }
      await readDocumentHashes(pdf, {
        url: FILE ?? '', title: await titleOf(pdf),
        filters: settings?.noiseFilters ?? DEFAULT_NOISE_FILTERS, notSampleKinds: settings?.notSampleKinds ?? [],
        signal: controller.signal,
        onRead: (read) => setProgress((now) => ({ ...now, read })),
        onPage: (pageNumber, page, hashes) => {
          // For DevTools and bench/pdf-viewer.ts; a no-op unless a trace records.
          console.timeStamp?.(`${TRACE_MARK} page ${pageNumber}`)
          texts.set(pageNumber, page)
          marks.setPageHashes(pageNumber, hashes)
          found += hashes.length
          setProgress((now) => ({ ...now, found }))
          // Positions on the page are the text layer's (pdf-marks.ts): the reporter needs no container but the document.
          void reporter.report(hashes.map(({ hash, skippedAs }) => ({ hash, container: document, skippedAs })), false)
        },
      })
      if (!controller.signal.aborted) console.timeStamp?.(`${TRACE_MARK} done`)
      setProgress((now) => ({ ...now, done: !controller.signal.aborted }))
    })()
    const stopEvents = onWorkerEvent((event) => {
      if (event.type === 'states-changed') applyStates(event.states)
    })
    void pdf.getPage(1).then((page) => {
      const { width, height } = page.getViewport({ scale: 1 })
      setBaseSize({ width, height })
    })
    const style = document.createElement('style')
    style.textContent = FIND_HIGHLIGHT_RULES
    document.head.append(style)
    return () => {
      controller.abort()
      stopEvents()
      marks.clear()
      findMarks.clear()
      style.remove()
    }
  }, [pdf])

  const pageBox = (pageNumber: number) => pagesRef.current?.children[pageNumber - 1] as HTMLElement | undefined
  const goToPage = (pageNumber: number) => {
    const page = Math.min(Math.max(1, Math.round(pageNumber)), pdf.numPages)
    pageBox(page)?.scrollIntoView({ block: 'start' })
    anchorPage.current = page
    setCurrentPage(page)
    setPageField(String(page))
  }

  // The page whose box is under the toolbar's foot is the current one; a frame's scrolls are looked at once.
  useEffect(() => {
    let frame = 0
    const onScroll = () => {
      if (frame !== 0) return
      frame = requestAnimationFrame(() => {
        frame = 0
        const boxes = pagesRef.current?.children
        if (!boxes || boxes.length === 0) return
        const top = (document.querySelector('.hl-pdf-bar')?.getBoundingClientRect().bottom ?? 0) + 1
        let low = 0
        let high = boxes.length - 1
        while (low < high) {
          const middle = (low + high) >> 1
          if (boxes[middle]!.getBoundingClientRect().bottom <= top) low = middle + 1
          else high = middle
        }
        anchorPage.current = low + 1
        setCurrentPage(low + 1)
        setPageField(String(low + 1))
      })
    }
    window.addEventListener('scroll', onScroll, { passive: true })
    return () => {
      window.removeEventListener('scroll', onScroll)
      cancelAnimationFrame(frame)
    }
  }, [])

  // A new zoom keeps the page that was at the top there.
  useLayoutEffect(() => {
    if (anchorPage.current > 1) pageBox(anchorPage.current)?.scrollIntoView({ block: 'start' })
  }, [scale])

  const zoomTo = (next: number) => setScale(Math.min(Math.max(next, ZOOMS[0]!), ZOOMS[ZOOMS.length - 1]!))
  const zoomIn = () => zoomTo(ZOOMS.find((zoom) => zoom > scale + 1e-3) ?? scale)
  const zoomOut = () => zoomTo([...ZOOMS].reverse().find((zoom) => zoom < scale - 1e-3) ?? scale)
  const fitWidth = () => zoomTo(((pagesRef.current?.clientWidth ?? window.innerWidth) - PAGES_PADDING) / baseSize.width)

  const search = useRef<AbortController | null>(null)
  const showMatch = (matches: FindMatch[], current: number) => {
    findMarks.set(matches, current)
    const match = matches[current]
    if (match && !findMarks.reveal()) pageBox(match.pageNumber)?.scrollIntoView({ block: 'start' })
  }
  const runFind = async (query: string) => {
    search.current?.abort()
    const controller = new AbortController()
    search.current = controller
    const matches: FindMatch[] = []
    for (let pageNumber = 1; pageNumber <= pdf.numPages && query.trim() !== ''; pageNumber++) {
      const text = await texts.get(pageNumber)
      if (controller.signal.aborted) return
      for (const ranges of findInPage(text, query)) matches.push({ pageNumber, ranges })
    }
    // The first match at or after the page shown, as browsers' find starts where the reader is.
    const from = matches.findIndex((match) => match.pageNumber >= currentPage)
    const current = matches.length === 0 ? -1 : Math.max(from, 0)
    setFind((now) => ({ ...now, matches, current, searched: query.trim() !== '' }))
    showMatch(matches, current)
  }
  const stepMatch = (step: number) => {
    if (find.matches.length === 0) return void runFind(find.query)
    const current = (find.current + step + find.matches.length) % find.matches.length
    setFind((now) => ({ ...now, current }))
    showMatch(find.matches, current)
  }
  const openFind = () => {
    setFind((now) => ({ ...now, isOpen: true }))
    requestAnimationFrame(() => {
      findField.current?.focus()
      findField.current?.select()
    })
  }
  const closeFind = () => {
    search.current?.abort()
    findMarks.clear()
    setFind({ isOpen: false, query: find.query, matches: [], current: -1, searched: false })
    requestAnimationFrame(() => findButton.current?.focus())
  }

  const printController = useRef<AbortController | null>(null)
  const print = () => {
    if (printing !== null) return
    const controller = new AbortController()
    printController.current = controller
    setPrinting(1)
    void printDocument(pdf, setPrinting, controller.signal).finally(() => setPrinting(null))
  }
  useEffect(() => () => printController.current?.abort(), [])

  const download = () => saveBlob(file.name, file.bytes)

  // Ctrl+F and Ctrl+P act on the document, not on the viewer page (whose lazy pages the browser's find and print miss).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isShortcut(event, 'f')) {
        event.preventDefault()
        openFind()
      } else if (isShortcut(event, 'p')) {
        event.preventDefault()
        print()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  // The same function each render, so the progress that re-renders the bar at every page re-renders no page (memo).
  const onTextLayer = useCallback((pageNumber: number, divs: readonly HTMLElement[]): PageMarks => {
    const attached = [marks.attach(pageNumber, divs), findMarks.attach(pageNumber, divs)]
    return { detach: () => attached.forEach((each) => each.detach()) }
  }, [marks, findMarks])
  const pages = Array.from({ length: pdf.numPages }, (_, index) => index + 1)
  const status = printing !== null ? t('pdfPrintPreparing', printing, pdf.numPages)
    : progress.done ? t('pdfHashesFound', progress.found, pdf.numPages) : t('pdfReadingPage', Math.max(progress.read, 1), pdf.numPages)
  return (
    <>
      <header class="hl-pdf-bar">
        <div class="hl-pdf-group" role="group" aria-label={t('pdfPagesGroup')}>
          <button type="button" aria-label={t('pdfPreviousPage')} disabled={currentPage <= 1} onClick={() => goToPage(currentPage - 1)}>‹</button>
          <input class="hl-pdf-page-field" type="text" inputMode="numeric" aria-label={t('pdfPageNumber')} value={pageField}
            onInput={(event) => setPageField((event.currentTarget as HTMLInputElement).value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return
              const wanted = Number.parseInt(pageField, 10)
              if (Number.isFinite(wanted)) goToPage(wanted)
              else setPageField(String(currentPage))
            }}
            onBlur={() => setPageField(String(currentPage))} />
          <span class="hl-pdf-page-of">{t('pdfPageOf', currentPage, pdf.numPages)}</span>
          <button type="button" aria-label={t('pdfNextPage')} disabled={currentPage >= pdf.numPages} onClick={() => goToPage(currentPage + 1)}>›</button>
        </div>
        <div class="hl-pdf-group" role="group" aria-label={t('pdfZoomGroup')}>
          <button type="button" aria-label={t('pdfZoomOut')} disabled={scale <= ZOOMS[0]! + 1e-3} onClick={zoomOut}>−</button>
          <span class="hl-pdf-zoom">{Math.round(scale * 100)}%</span>
          <button type="button" aria-label={t('pdfZoomIn')} disabled={scale >= ZOOMS[ZOOMS.length - 1]! - 1e-3} onClick={zoomIn}>+</button>
          <button type="button" onClick={fitWidth}>{t('pdfFitWidth')}</button>
        </div>
        <div class="hl-pdf-group">
          <button type="button" ref={findButton} aria-expanded={find.isOpen} onClick={() => (find.isOpen ? closeFind() : openFind())}>{t('pdfFind')}</button>
          <button type="button" disabled={printing !== null} onClick={print}>{t('pdfPrint')}</button>
          <button type="button" onClick={download}>{t('pdfDownload')}</button>
        </div>
        <span class="hl-pdf-status" role="status">{status}</span>
      </header>
      {find.isOpen && (
        <div class="hl-pdf-find" role="search" aria-label={t('pdfFindGroup')}>
          <input ref={findField} type="search" aria-label={t('pdfFindLabel')} value={find.query}
            onInput={(event) => {
              const query = (event.currentTarget as HTMLInputElement).value
              setFind((now) => ({ ...now, query }))
              void runFind(query)
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') stepMatch(event.shiftKey ? -1 : 1)
              else if (event.key === 'Escape') closeFind()
            }} />
          <button type="button" aria-label={t('pdfFindPrevious')} disabled={find.matches.length === 0} onClick={() => stepMatch(-1)}>‹</button>
          <button type="button" aria-label={t('pdfFindNext')} disabled={find.matches.length === 0} onClick={() => stepMatch(1)}>›</button>
          <span class="hl-pdf-find-count" aria-live="polite">
            {find.matches.length > 0 ? t('pdfFindCount', find.current + 1, find.matches.length) : find.searched ? t('pdfFindNone') : ''}
          </span>
          <button type="button" aria-label={t('pdfFindClose')} onClick={closeFind}>×</button>
        </div>
      )}
      <main class="hl-pdf-pages" ref={pagesRef}>
        {pages.map((pageNumber) => (
          <PageView key={pageNumber} pdf={pdf} pageNumber={pageNumber} scale={scale} baseSize={baseSize} onTextLayer={onTextLayer} />
        ))}
      </main>
    </>
  )
}

/** A page's box at once (its size), its canvas and text layer only when it comes near the screen. */
const PageView = memo(function PageView({ pdf, pageNumber, scale, baseSize, onTextLayer }: {
  pdf: PDFDocumentProxy; pageNumber: number; scale: number; baseSize: { width: number; height: number }
  onTextLayer: (pageNumber: number, divs: readonly HTMLElement[]) => PageMarks
}) {
  const box = useRef<HTMLDivElement>(null)
  const [size, setSize] = useState<{ width: number; height: number } | null>(null)
  useEffect(() => {
    let isGone = false
    let pageMarks: PageMarks | null = null
    let observer: IntersectionObserver | null = null
    let stopRendering: (() => void) | null = null
    void pdf.getPage(pageNumber).then((page) => {
      if (isGone) return
      const viewport = page.getViewport({ scale })
      setSize({ width: viewport.width, height: viewport.height })
      observer = new IntersectionObserver((entries) => {
        if (!entries.some((entry) => entry.isIntersecting) || !box.current) return
        observer?.disconnect()
        const canvas = document.createElement('canvas')
        const ratio = window.devicePixelRatio || 1
        canvas.width = Math.floor(viewport.width * ratio)
        canvas.height = Math.floor(viewport.height * ratio)
        const textLayerElement = document.createElement('div')
        textLayerElement.className = 'textLayer'
        box.current.replaceChildren(canvas, textLayerElement)
        const task = page.render({ canvas, viewport, ...(ratio !== 1 && { transform: [ratio, 0, 0, ratio, 0, 0] }) })
        const textLayer = new TextLayer({ textContentSource: page.streamTextContent(), container: textLayerElement, viewport })
        stopRendering = () => {
          task.cancel()
          textLayer.cancel()
        }
        task.promise.catch(() => undefined)
        void textLayer.render().then(() => {
          if (!isGone) pageMarks = onTextLayer(pageNumber, textLayer.textDivs)
        }, () => undefined)
      }, { rootMargin: '100% 0px' })
      if (box.current) observer.observe(box.current)
    })
    return () => {
      isGone = true
      observer?.disconnect()
      stopRendering?.()
      pageMarks?.detach()
    }
  }, [pdf, pageNumber, scale])
  const shown = size ?? { width: baseSize.width * scale, height: baseSize.height * scale }
  return (
    <div ref={box} class="hl-pdf-page" role="region" aria-label={t('pdfPageLabel', pageNumber)}
      style={{ width: `${shown.width}px`, height: `${shown.height}px`, '--scale-factor': String(scale) }} />
  )
})

document.title = t('pdfViewerTitle')
document.documentElement.lang = t('languageTag')
render(<Viewer />, document.getElementById('app')!)
