/**
 * The find bar's matches on the text layer: CSS Custom Highlights (as pdf-marks.ts's), all matches in one, the current
 * one in another, over the spans of the pages shown. A match on a page not yet rendered is revealed once its text layer is.
 */
import type { ItemRange } from './pdf-text.ts'

export interface FindMatch {
  pageNumber: number
  ranges: readonly ItemRange[]
}

const ALL = 'hashlens-pdf-find'
const CURRENT = 'hashlens-pdf-find-current'

export const FIND_HIGHLIGHT_RULES = `::highlight(${ALL}) { background-color: rgb(255 200 0 / 45%); }
::highlight(${CURRENT}) { background-color: rgb(255 120 0 / 70%); }`

export class FindMarks {
  readonly #divs = new Map<number, readonly HTMLElement[]>()
  #matches: readonly FindMatch[] = []
  #current = -1
  /** The current match waits for its page's text layer to be scrolled to. */
  #isRevealPending = false

  attach(pageNumber: number, divs: readonly HTMLElement[]): { detach: () => void } {
    this.#divs.set(pageNumber, divs)
    this.#draw()
    if (this.#isRevealPending && this.#matches[this.#current]?.pageNumber === pageNumber) this.#scrollToCurrent()
    return {
      detach: () => {
        if (this.#divs.get(pageNumber) !== divs) return
        this.#divs.delete(pageNumber)
        this.#draw()
      },
    }
  }

  set(matches: readonly FindMatch[], current: number): void {
    this.#matches = matches
    this.#current = current
    this.#draw()
  }

  /** Scrolls to the current match: at once if its page is rendered, else the caller brings the page near and attach() ends it. */
  reveal(): boolean {
    this.#isRevealPending = true
    const match = this.#matches[this.#current]
    if (match && this.#divs.has(match.pageNumber)) return this.#scrollToCurrent()
    return false
  }

  #scrollToCurrent(): boolean {
    this.#isRevealPending = false
    const match = this.#matches[this.#current]
    const span = match && this.#divs.get(match.pageNumber)?.[match.ranges[0]!.item]
    span?.scrollIntoView({ block: 'center', inline: 'nearest' })
    return span !== undefined
  }

  #rangesOf(match: FindMatch): Range[] {
    const divs = this.#divs.get(match.pageNumber)
    if (!divs) return []
    return match.ranges.flatMap(({ item, start, end }) => {
      const text = divs[item]?.firstChild
      if (!text || text.nodeType !== 3 || end > (text as Text).data.length) return []
      const range = document.createRange()
      range.setStart(text, start)
      range.setEnd(text, end)
      return [range]
    })
  }

  #draw(): void {
    if (typeof CSS === 'undefined' || !CSS.highlights) return
    const all = this.#matches.filter((match) => this.#divs.has(match.pageNumber)).flatMap((match) => this.#rangesOf(match))
    const current = this.#matches[this.#current]
    CSS.highlights.set(ALL, new Highlight(...all))
    CSS.highlights.set(CURRENT, new Highlight(...(current ? this.#rangesOf(current) : [])))
  }

  clear(): void {
    this.set([], -1)
  }
}
