/**
 * Marks on the viewer's text layer by verdict, in the one palette (tone-palette.ts): CSS Custom Highlights over
 * ranges of pdf.js's text spans, so the text layer itself (and text selection, find) stays as pdf.js made it. The same
 * ranges are indexed as web pages' marks are (mark-index.ts), so the web pages' hover card finds them (HoverMarks).
 */
import { createMark, MarkIndex } from '../content/mark-index.ts'
import { TONE_COLORS, withOpacity } from '../shared/tone-palette.ts'
import { toneOf, VERDICT_TONES, type VerdictTone } from '../shared/verdict-tone.ts'
import type { HashState, HashStates } from '../shared/verdict.ts'
import type { PdfPageHash } from './page-hashes.ts'

export const HIGHLIGHT_PREFIX = 'hashlens-pdf-'
/** The prefix of console.timeStamp markers of HashLens's own work in the viewer: the benchmark tells its tasks from pdf.js's by them. */
export const TRACE_MARK = 'HashLens PDF'
/** As the web pages' marks: a tint under the text and a line below it. */
const TINT_OPACITY = 0.3

/** One rule per tone; transparent text (pdf.js's text layer) shows the tint over the canvas. */
export function highlightRules(): string {
  return VERDICT_TONES.map((tone) => `::highlight(${HIGHLIGHT_PREFIX}${tone}) { background-color: ${withOpacity(TONE_COLORS[tone], TINT_OPACITY)}; text-decoration: underline 2px ${TONE_COLORS[tone]}; }`).join('\n')
}

export interface PageMarks {
  detach(): void
}

/** The ranges of each tone over the spans of the pages shown: `divs[item]` is pdf.js's span of text item `item`. */
export function rangesByTone(pages: ReadonlyMap<number, { hashes: readonly PdfPageHash[]; divs: readonly HTMLElement[] }>, states: ReadonlyMap<string, HashState>, createRange: () => Range): Map<VerdictTone, Range[]> {
  const byTone = new Map<VerdictTone, Range[]>()
  for (const { hashes, divs } of pages.values()) {
    for (const found of hashes) {
      const state = states.get(found.hash)
      const tone = found.skippedAs && (!state || state.state === 'idle') ? 'idle' : state ? toneOf(state) : 'pending'
      for (const { item, start, end } of found.ranges) {
        const text = divs[item]?.firstChild
        if (!text || text.nodeType !== 3 || end > (text.nodeValue ?? '').length) continue
        const range = createRange()
        range.setStart(text, start)
        range.setEnd(text, end)
        const list = byTone.get(tone) ?? []
        list.push(range)
        byTone.set(tone, list)
      }
    }
  }
  return byTone
}

export class PdfMarks extends MarkIndex {
  readonly #hashes = new Map<number, readonly PdfPageHash[]>()
  readonly #divs = new Map<number, readonly HTMLElement[]>()
  readonly #states = new Map<string, HashState>()
  #isDrawScheduled = false
  #style: HTMLStyleElement | null = null

  setPageHashes(pageNumber: number, hashes: readonly PdfPageHash[]): void {
    this.#hashes.set(pageNumber, hashes)
    if (this.#divs.has(pageNumber)) this.#scheduleDraw()
  }

  setStates(states: HashStates): void {
    for (const [hash, state] of Object.entries(states)) this.#states.set(hash, state)
    this.#scheduleDraw()
  }

  stateOf(hash: string): HashState | undefined {
    return this.#states.get(hash)
  }

  /** The marks are highlights, painted under the text: no cover of them can come and go. */
  coverMayHaveChanged(): void {}

  attach(pageNumber: number, divs: readonly HTMLElement[]): PageMarks {
    this.#divs.set(pageNumber, divs)
    this.#scheduleDraw()
    return {
      detach: () => {
        if (this.#divs.get(pageNumber) !== divs) return
        this.#divs.delete(pageNumber)
        this.#scheduleDraw()
      },
    }
  }

  clear(): void {
    this.#hashes.clear()
    this.#divs.clear()
    this.clearIndex()
    for (const tone of VERDICT_TONES) CSS.highlights?.delete(`${HIGHLIGHT_PREFIX}${tone}`)
  }

  /** Once a frame however many pages and answers arrive in it. */
  #scheduleDraw(): void {
    if (this.#isDrawScheduled) return
    this.#isDrawScheduled = true
    requestAnimationFrame(() => {
      this.#isDrawScheduled = false
      this.#draw()
    })
  }

  #draw(): void {
    console.timeStamp?.(`${TRACE_MARK} draw`)
    const shown = new Map<number, { hashes: readonly PdfPageHash[]; divs: readonly HTMLElement[] }>()
    for (const [pageNumber, divs] of this.#divs) shown.set(pageNumber, { hashes: this.#hashes.get(pageNumber) ?? [], divs })
    this.#index(shown)
    if (typeof CSS === 'undefined' || !CSS.highlights) return
    if (this.#style === null) {
      this.#style = document.createElement('style')
      this.#style.textContent = highlightRules()
      document.head.append(this.#style)
    }
    const byTone = rangesByTone(shown, this.#states, () => document.createRange())
    for (const tone of VERDICT_TONES) {
      const ranges = byTone.get(tone)
      if (ranges) CSS.highlights.set(`${HIGHLIGHT_PREFIX}${tone}`, new Highlight(...ranges))
      else CSS.highlights.delete(`${HIGHLIGHT_PREFIX}${tone}`)
    }
  }

  /** One mark per piece of a hash on a shown page (a wrapped one has two): what the hover card hit-tests. */
  #index(shown: ReadonlyMap<number, { hashes: readonly PdfPageHash[]; divs: readonly HTMLElement[] }>): void {
    this.clearIndex()
    for (const { hashes, divs } of shown.values()) {
      for (const found of hashes) {
        for (const { item, start, end } of found.ranges) {
          const text = divs[item]?.firstChild
          if (!text || text.nodeType !== 3 || end > (text as Text).data.length) continue
          const node = text as Text
          this.indexMark(createMark({ hash: found.hash, type: found.type, span: { startNode: node, startOffset: start, endNode: node, endOffset: end, nodes: [node] }, root: document }))
        }
      }
    }
  }
}
