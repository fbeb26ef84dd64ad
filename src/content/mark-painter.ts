/**
 * Draws marks as CSS Custom Highlights (https://drafts.csswg.org/css-highlight-api-1/), so the
 * page's DOM stays as it is: only marks near the viewport, at the pace draw-scheduler.ts sets.
 */
import type { ScheduleDraw } from './draw-scheduler.ts'
import { HIGHLIGHT_CSS, highlightName } from './highlight-rules.ts'
import { liveRangeOf, type Mark, type MarkState } from './mark-index.ts'
import type { TextSpan } from './text-blocks.ts'

/**
 * For browsers whose highlight styles do not inherit: Firefox (153 ESR) applies a `:root`/`:host` rule only to text
 * directly in that root, leaving marks unpainted, so there the document adopts this sheet too.
 */
export function highlightRulesForEveryElement(css: string): string {
  return css.replace(/:(?:root|host)::highlight\(/g, '::highlight(')
}

/** Set at build time: `vite build --mode firefox`. */
const inheritsHighlightStyles = import.meta.env.MODE !== 'firefox'

/** The parts of `Highlight` used here; the real one is a Set of ranges. */
export interface HighlightLike {
  add(range: AbstractRange): unknown
  delete(range: AbstractRange): boolean
}

export interface HighlightRegistryLike {
  set(name: string, highlight: HighlightLike): unknown
  get(name: string): HighlightLike | undefined
  delete(name: string): boolean
}

export interface ProximityObserver {
  observe(element: Element): void
  unobserve(element: Element): void
  disconnect(): void
}

type ProximityChanges = ReadonlyArray<{ element: Element; isNear: boolean }>

/** What drawing needs from the browser; injected so drawing is testable without it. */
export interface HighlightEnvironment {
  registry: HighlightRegistryLike
  createHighlight(): HighlightLike
  createRange(span: TextSpan): AbstractRange
  styleSheet: CSSStyleSheet | null
  /** The manifest injects the rules before parsing (adopting them later restyles the page): only shadow roots adopt. */
  documentIsStyled?: boolean
  scheduleDraw?: ScheduleDraw
  createProximityObserver?: (onChange: (changes: ProximityChanges) => void) => ProximityObserver
}

/** A page of a few screens is drawn whole, a fast scroll meets no undrawn mark, a growing log registers a few dozen ranges. */
const NEAR_VIEWPORT_MARGIN = '400% 0px'

/** IntersectionObserver: the browser computes the geometry during its own frames, no layout is read here. */
function intersectionProximityObserver(onChange: (changes: ProximityChanges) => void): ProximityObserver {
  const observer = new IntersectionObserver((entries) => {
    onChange(entries.map((entry) => {
      const box = entry.boundingClientRect
      // No box at all (display: contents, or not rendered): draw it rather than never.
      const hasNoBox = box.width === 0 && box.height === 0 && box.top === 0 && box.left === 0
      return { element: entry.target, isNear: entry.isIntersecting || hasNoBox }
    }))
  }, { rootMargin: NEAR_VIEWPORT_MARGIN })
  return {
    observe: (element) => observer.observe(element),
    unobserve: (element) => observer.unobserve(element),
    disconnect: () => observer.disconnect(),
  }
}

/** Null where the API is missing (Firefox before 140, old Safari): hashes are still found and reported. */
export function browserHighlightEnvironment(scheduleDraw?: ScheduleDraw, isNearViewportOnly = true): HighlightEnvironment | null {
  if (typeof CSS === 'undefined' || !('highlights' in CSS) || typeof Highlight !== 'function') return null
  const registry = CSS.highlights
  let styleSheet: CSSStyleSheet | null
  try {
    styleSheet = new CSSStyleSheet()
    styleSheet.replaceSync(inheritsHighlightStyles ? HIGHLIGHT_CSS : highlightRulesForEveryElement(HIGHLIGHT_CSS))
  } catch {
    styleSheet = null
  }
  return {
    registry,
    createHighlight: () => new Highlight(),
    // The browser updates every live Range on every DOM change; a rescan replaces changed marks anyway.
    createRange: typeof StaticRange === 'function'
      ? (span) => new StaticRange({
          startContainer: span.startNode, startOffset: span.startOffset,
          endContainer: span.endNode, endOffset: span.endOffset,
        })
      : liveRangeOf,
    styleSheet,
    documentIsStyled: inheritsHighlightStyles,
    scheduleDraw,
    createProximityObserver: isNearViewportOnly && typeof IntersectionObserver === 'function' ? intersectionProximityObserver : undefined,
  }
}

function anchorOf(mark: Mark): Element | null {
  const target = mark.hitTargets[0]
  return target !== undefined && target.nodeType === 1 ? (target as Element) : null
}

/** Near the viewport only: after any DOM change Chromium rebuilds the markers of every registered range. */
export class MarkPainter {
  readonly #highlights = new Map<MarkState, HighlightLike>()
  /** What each mark is drawn as now (absent: not drawn); `mark.state` is what it should be. */
  readonly #drawnStates = new Map<Mark, MarkState>()
  readonly #undrawn = new Set<Mark>()
  readonly #rootsToStyle = new Set<Document | ShadowRoot>()
  readonly #marksByAnchor = new Map<Element, Set<Mark>>()
  readonly #nearAnchors = new Set<Element>()
  readonly #proximity: ProximityObserver | null
  readonly #environment: HighlightEnvironment
  readonly #markedRoots: () => Iterable<Document | ShadowRoot>
  #isDrawScheduled = false
  #isDisposed = false

  constructor(environment: HighlightEnvironment, markedRoots: () => Iterable<Document | ShadowRoot>) {
    this.#environment = environment
    this.#markedRoots = markedRoots
    this.#proximity = environment.createProximityObserver?.((changes) => this.#onProximityChange(changes)) ?? null
  }

  createRange(span: TextSpan): AbstractRange {
    return this.#environment.createRange(span)
  }

  add(mark: Mark, isFirstInRoot: boolean): void {
    const anchor = anchorOf(mark)
    if (anchor !== null && this.#proximity) {
      let anchored = this.#marksByAnchor.get(anchor)
      if (!anchored) {
        this.#marksByAnchor.set(anchor, (anchored = new Set()))
        this.#proximity.observe(anchor)
      }
      anchored.add(mark)
    }
    if (isFirstInRoot) {
      this.#rootsToStyle.add(mark.root)
      // Drawing at once: the tree gets its sheet now, even when no state is known yet.
      if (!this.#environment.scheduleDraw) this.#requestDraw()
    }
  }

  /** After its state was set to null, so that the next draw takes its range out. */
  remove(mark: Mark, wasLastInRoot: boolean): void {
    const anchor = anchorOf(mark)
    const anchored = anchor === null ? undefined : this.#marksByAnchor.get(anchor)
    if (anchored?.delete(mark) && anchored.size === 0) {
      this.#marksByAnchor.delete(anchor!)
      this.#nearAnchors.delete(anchor!)
      this.#proximity?.unobserve(anchor!)
    }
    if (wasLastInRoot) this.#rootsToStyle.delete(mark.root)
  }

  queueDraw(mark: Mark): void {
    if (!mark.range) return
    if ((this.#drawnStates.get(mark) ?? null) === this.#wantedState(mark)) {
      this.#undrawn.delete(mark)
      return
    }
    this.#undrawn.add(mark)
    this.#requestDraw()
  }

  dispose(): void {
    this.#isDisposed = true
    this.#proximity?.disconnect()
    this.#undrawn.clear()
    this.#drawnStates.clear()
    this.#rootsToStyle.clear()
    this.#marksByAnchor.clear()
    this.#nearAnchors.clear()
    const { registry, styleSheet: sheet } = this.#environment
    for (const [state, highlight] of this.#highlights) {
      const name = highlightName(state)
      if (registry.get(name) === highlight) registry.delete(name)
    }
    if (sheet) {
      for (const root of this.#markedRoots()) {
        if (root.adoptedStyleSheets.includes(sheet)) {
          root.adoptedStyleSheets = root.adoptedStyleSheets.filter((adopted) => adopted !== sheet)
        }
      }
    }
    this.#highlights.clear()
  }

  #wantedState(mark: Mark): MarkState | null {
    if (mark.state === null || !this.#proximity) return mark.state
    const anchor = anchorOf(mark)
    return anchor === null || this.#nearAnchors.has(anchor) ? mark.state : null
  }

  #onProximityChange(changes: ProximityChanges): void {
    if (this.#isDisposed) return
    for (const { element, isNear } of changes) {
      const marks = this.#marksByAnchor.get(element)
      if (!marks) continue
      if (isNear) this.#nearAnchors.add(element)
      else this.#nearAnchors.delete(element)
      for (const mark of marks) this.queueDraw(mark)
    }
  }

  #requestDraw(): void {
    if (this.#isDisposed) return
    const { scheduleDraw } = this.#environment
    if (!scheduleDraw) {
      this.#draw()
      return
    }
    if (this.#isDrawScheduled) return
    this.#isDrawScheduled = true
    scheduleDraw(() => {
      this.#isDrawScheduled = false
      this.#draw()
    })
  }

  /** Stylesheets first, so the frame that paints the new ranges restyles once. */
  #draw(): void {
    if (this.#isDisposed) return
    for (const root of this.#rootsToStyle) this.#adoptStylesIn(root)
    this.#rootsToStyle.clear()
    if (this.#undrawn.size > 0) {
      // Frameworks sometimes reassign `adoptedStyleSheets` wholesale; put ours back when they do.
      for (const root of this.#markedRoots()) this.#adoptStylesIn(root)
    }
    for (const mark of this.#undrawn) {
      const range = mark.range!
      const drawn = this.#drawnStates.get(mark) ?? null
      const wanted = this.#wantedState(mark)
      if (drawn === wanted) continue
      if (drawn !== null) this.#highlights.get(drawn)?.delete(range)
      if (wanted === null) {
        this.#drawnStates.delete(mark)
      } else {
        this.#highlightFor(wanted).add(range)
        this.#drawnStates.set(mark, wanted)
      }
    }
    this.#undrawn.clear()
    // For DevTools' Performance panel and the benchmarks' traces; a no-op unless recording.
    console.timeStamp?.(`HashLens draw: ${this.#drawnStates.size} drawn`)
  }

  #highlightFor(state: MarkState): HighlightLike {
    let highlight = this.#highlights.get(state)
    if (!highlight) {
      highlight = this.#environment.createHighlight()
      this.#highlights.set(state, highlight)
      this.#environment.registry.set(highlightName(state), highlight)
    }
    return highlight
  }

  /** `::highlight()` rules apply per tree scope; appended, so the page's own adopted sheets stay. */
  #adoptStylesIn(root: Document | ShadowRoot): void {
    const sheet = this.#environment.styleSheet
    if (!sheet || (root.nodeType === 9 && this.#environment.documentIsStyled)) return
    if (root.adoptedStyleSheets.includes(sheet)) return
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
  }
}
