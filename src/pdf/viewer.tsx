/**
 * HashLens's PDF viewer (issue 15): opens `?file=<url>` (as PDF.js's own viewer does), fetches it itself, renders its
 * pages lazily with pdf.js and reads every page's text for hashes, which the worker looks up with a content script's
 * trust at most (sender-routing.ts), and marks them on the text layer by verdict.
 *
 * The document is untrusted: pdf.js runs with no scripting (none of pdf.js's scripting API is loaded, so a document's
 * JavaScript has nothing to run in) and no WebAssembly (`useWasm: false`: pdf.js 6 compiles PostScript functions to wasm,
 * where pdf.js 4 had `isEvalSupported`), its worker and fonts come from the extension itself.
 */
import { render } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import browser from 'webextension-polyfill'
import { getDocument, GlobalWorkerOptions, TextLayer, type PDFDocumentProxy } from 'pdfjs-dist'
import pdfWorkerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'
import { t } from '../shared/i18n.ts'
import { fileOfViewerQuery, STANDARD_FONTS_DIR } from '../shared/pdf-viewer-files.ts'
import { DEFAULT_NOISE_FILTERS } from '../shared/hash-detector.ts'
import type { ContentAnswers } from '../shared/messages.ts'
import type { HashStates } from '../shared/verdict.ts'
import { onWorkerEvent } from '../ui/ask-worker.ts'
import { readDocumentHashes } from './document-reader.ts'
import { errorOfPdfJs, errorOfStatus, isPdfBytes, OPEN_ERROR_MESSAGE, refusedSourceOf, type OpenError } from './open-error.ts'
import { PdfMarks, type PageMarks } from './pdf-marks.ts'
import './viewer.css'

GlobalWorkerOptions.workerSrc = pdfWorkerUrl

const FILE = fileOfViewerQuery(location.search)
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3]

type Phase =
  | { kind: 'loading' }
  | { kind: 'problem'; error: OpenError; status?: number }
  | { kind: 'open'; document: PDFDocumentProxy }

async function ask<T extends 'get-page-settings' | 'page-hashes' | 'lookup-hash'>(message: { type: T } & Record<string, unknown>): Promise<ContentAnswers[T] | undefined> {
  try {
    return (await browser.runtime.sendMessage(message)) as ContentAnswers[T]
  } catch {
    return undefined // the worker is restarting; the next page's report asks again
  }
}

async function fetchDocument(file: string): Promise<Uint8Array | { error: OpenError; status?: number }> {
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
  return isPdfBytes(bytes) ? bytes : { error: 'not-pdf' }
}

async function openBytes(bytes: Uint8Array): Promise<PDFDocumentProxy | { error: OpenError }> {
  try {
    return await getDocument({ data: bytes, useWasm: false, standardFontDataUrl: browser.runtime.getURL(STANDARD_FONTS_DIR), isOffscreenCanvasSupported: true }).promise
  } catch (error) {
    return { error: errorOfPdfJs(error) }
  }
}

function Viewer() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' })
  const open = async (load: () => Promise<Uint8Array | { error: OpenError; status?: number }>) => {
    setPhase({ kind: 'loading' })
    const bytes = await load()
    if (!(bytes instanceof Uint8Array)) return setPhase({ kind: 'problem', ...bytes })
    const document = await openBytes(bytes)
    setPhase('error' in document ? { kind: 'problem', error: document.error } : { kind: 'open', document })
  }
  useEffect(() => {
    void open(() => FILE === null ? Promise.resolve({ error: 'no-file' as const }) : fetchDocument(FILE))
  }, [])
  const openPicked = (file: File) => {
    // A picked file is no longer the one at `?file=`: the worker then charges its lookups to no site.
    history.replaceState(null, '', location.pathname)
    document.title = file.name
    void open(async () => new Uint8Array(await file.arrayBuffer()))
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
  return <DocumentView document={phase.document} />
}

function DocumentView({ document: pdf }: { document: PDFDocumentProxy }) {
  const [zoom, setZoom] = useState(2)
  const [progress, setProgress] = useState<{ read: number; found: number; done: boolean }>({ read: 0, found: 0, done: false })
  const marks = useRef(new PdfMarks()).current
  useEffect(() => {
    const controller = new AbortController()
    const reported = new Set<string>()
    let found = 0
    void (async () => {
      const settings = await ask({ type: 'get-page-settings' })
      if (settings?.isIdleSite) return
      const title = (await pdf.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined
      await readDocumentHashes(pdf, {
        url: FILE ?? '', title: typeof title?.Title === 'string' ? title.Title : '',
        filters: settings?.noiseFilters ?? DEFAULT_NOISE_FILTERS, notSampleKinds: settings?.notSampleKinds ?? [],
        signal: controller.signal,
        onRead: (read) => setProgress((now) => ({ ...now, read })),
        onPage: (pageNumber, _page, hashes) => {
          marks.setPageHashes(pageNumber, hashes)
          found += hashes.length
          const fresh = [...new Set(hashes.map((each) => each.hash))].filter((hash) => !reported.has(hash))
          setProgress((now) => ({ ...now, found }))
          if (fresh.length === 0) return
          for (const hash of fresh) reported.add(hash)
          const skipped = fresh.flatMap((hash) => {
            const kinds = hashes.filter((each) => each.hash === hash).map((each) => each.skippedAs)
            return kinds.every((kind) => kind !== null) ? [{ hash, kind: kinds[0]! }] : []
          })
          void ask({ type: 'page-hashes', hashes: fresh, skipped }).then((states) => states && marks.setStates(states as HashStates))
        },
      })
      setProgress((now) => ({ ...now, done: !controller.signal.aborted }))
    })()
    const stopEvents = onWorkerEvent((event) => {
      if (event.type === 'states-changed') marks.setStates(event.states)
    })
    return () => {
      controller.abort()
      stopEvents()
      marks.clear()
    }
  }, [pdf])
  const pages = Array.from({ length: pdf.numPages }, (_, index) => index + 1)
  return (
    <>
      <header class="hl-pdf-bar">
        <button type="button" aria-label={t('pdfZoomOut')} disabled={zoom === 0} onClick={() => setZoom(zoom - 1)}>−</button>
        <span>{Math.round(ZOOMS[zoom]! * 100)}%</span>
        <button type="button" aria-label={t('pdfZoomIn')} disabled={zoom === ZOOMS.length - 1} onClick={() => setZoom(zoom + 1)}>+</button>
        <span>{t('pdfPageCount', pdf.numPages)}</span>
        <span class="hl-pdf-status" role="status">
          {progress.done ? t('pdfHashesFound', progress.found, pdf.numPages) : t('pdfReadingPage', Math.max(progress.read, 1), pdf.numPages)}
        </span>
      </header>
      <main class="hl-pdf-pages">
        {pages.map((pageNumber) => <PageView key={`${pageNumber}@${zoom}`} pdf={pdf} pageNumber={pageNumber} scale={ZOOMS[zoom]!} marks={marks} />)}
      </main>
    </>
  )
}

/** A page's box at once (its size), its canvas and text layer only when it comes near the screen. */
function PageView({ pdf, pageNumber, scale, marks }: { pdf: PDFDocumentProxy; pageNumber: number; scale: number; marks: PdfMarks }) {
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
        box.current.append(canvas, textLayerElement)
        const task = page.render({ canvas, viewport, ...(ratio !== 1 && { transform: [ratio, 0, 0, ratio, 0, 0] }) })
        const textLayer = new TextLayer({ textContentSource: page.streamTextContent(), container: textLayerElement, viewport })
        stopRendering = () => {
          task.cancel()
          textLayer.cancel()
        }
        task.promise.catch(() => undefined)
        void textLayer.render().then(() => {
          if (!isGone) pageMarks = marks.attach(pageNumber, textLayer.textDivs)
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
  return (
    <div ref={box} class="hl-pdf-page" role="region" aria-label={t('pdfPageLabel', pageNumber)}
      style={size ? { width: `${size.width}px`, height: `${size.height}px`, '--scale-factor': String(scale) } : { width: '612px', height: '792px' }} />
  )
}

document.title = t('pdfViewerTitle')
document.documentElement.lang = t('languageTag')
render(<Viewer />, document.getElementById('app')!)
