/**
 * Marks hashes in place with the CSS Custom Highlight API
 * (https://drafts.csswg.org/css-highlight-api-1/): one `Highlight` per state, registered in
 * `CSS.highlights` as `hashlens-<state>` and styled by `::highlight(hashlens-<state>)`
 * rules. The page's DOM stays byte-for-byte unchanged: no wrapper elements, no attributes,
 * and the rules live in a constructed stylesheet added to `adoptedStyleSheets`.
 *
 * It also keeps the index the hover card hit-tests against: per text node, its marks in
 * text order, and per hash, its marks (so a new state repaints every occurrence).
 */
import type { Classification, HashState, HashStates } from '../shared/verdict.ts'
import type { HashType } from '../shared/hash.ts'
import type { TextSpan } from './text-blocks.ts'
import type { ScheduleDraw } from './draw-scheduler.ts'
import highlightRules from './highlights.css?raw'

export const MARK_STATES = ['pending', 'malicious', 'suspicious', 'known', 'unknown', 'not-found', 'error', 'idle'] as const
export type MarkState = (typeof MARK_STATES)[number]

export const HIGHLIGHT_NAME_PREFIX = 'hashlens-'

export function highlightName(state: MarkState): string {
  return HIGHLIGHT_NAME_PREFIX + state
}

const MARK_STATE_OF_CLASSIFICATION: Readonly<Record<Classification, MarkState>> = {
  MALICIOUS: 'malicious',
  SUSPICIOUS: 'suspicious',
  KNOWN: 'known',
  UNKNOWN: 'unknown',
  NOT_FOUND: 'not-found',
}

/** How a hash is drawn; null while the worker has not said anything about it yet. */
export function markStateOf(state: HashState | undefined): MarkState | null {
  switch (state?.state) {
    case undefined: return null
    case 'pending': return 'pending'
    case 'error': return 'error'
    case 'idle': return 'idle'
    case 'verdict': return MARK_STATE_OF_CLASSIFICATION[state.verdict.classification]
  }
}

/**
 * The `::highlight()` rules of highlights.css, as text: what shadow roots adopt as a constructed
 * sheet.
 *
 * Tints with alpha and mid-tone underlines read on light and dark pages alike; the text's own
 * colour is never changed. The underline carries the meaning for readers who do not tell the
 * tints apart (solid = a verdict, dotted = no verdict).
 *
 * The rules sit on `:root` (and `:host`, for the copy adopted by shadow roots), not on every
 * element: highlight pseudo-element styles inherit from the parent's (CSS Pseudo 4, highlight
 * cascade; Chromium 134+), so one rule reaches all text. A bare `::highlight()` rule matches
 * every element instead; adopting it made Chromium restyle a 4 MB page for 0.8–1.2 s, against
 * ~0.3 s for the root-only rule, and every later style recalculation of the page ran 2–3×
 * slower (bench/README.md).
 *
 * The manifest injects the file into every document before the page is parsed, so the page's
 * first style pass includes it. Adopting the sheet when the first hash turned up made Chromium
 * restyle the whole page again, in one long task on a big page. A document stylesheet does not
 * reach into shadow roots, so those still adopt the copy when they get their first mark.
 */
export const HIGHLIGHT_CSS: string = highlightRules

/**
 * The same rules on every element, for browsers whose highlight styles do not inherit: Firefox
 * (153 ESR) applies a `:root`/`:host` rule only to text directly in that root, so marks were
 * registered but never painted. There the document adopts this sheet too.
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

/** What drawing needs from the browser; injected so the index is testable without it. */
export interface HighlightEnvironment {
  registry: HighlightRegistryLike
  createHighlight(): HighlightLike
  createRange(span: TextSpan): AbstractRange
  /** The stylesheet with the `::highlight` rules; null when constructed sheets are missing. */
  styleSheet: CSSStyleSheet | null
  /**
   * Whether documents already have the rules (the manifest injects highlights.css before the page
   * is parsed): then only shadow roots adopt `styleSheet`.
   */
  documentIsStyled?: boolean
  /**
   * When to draw (apply queued changes to the highlights and stylesheets); see
   * draw-scheduler.ts. Without it every change is drawn at once.
   */
  scheduleDraw?: ScheduleDraw
  /**
   * Tells which elements are near the viewport; only their marks are drawn. Without it every
   * mark is drawn. See `Highlighter` for why.
   */
  createProximityObserver?: (onChange: (changes: ReadonlyArray<{ element: Element; isNear: boolean }>) => void) => ProximityObserver
}

export interface ProximityObserver {
  observe(element: Element): void
  unobserve(element: Element): void
  disconnect(): void
}

/**
 * How far from the viewport a mark is still drawn: four viewport heights above and below. A
 * page of a few screens is drawn whole (as before; the e2e tests count its marks), a fast
 * scroll or a few Page Downs never meet an undrawn mark, and a page that keeps growing (a log
 * of thousands of lines) still registers only a few dozen ranges.
 */
export const NEAR_VIEWPORT_MARGIN = '400% 0px'

/** IntersectionObserver: the browser computes the geometry during its own frames, no layout is read here. */
function intersectionProximityObserver(onChange: (changes: ReadonlyArray<{ element: Element; isNear: boolean }>) => void): ProximityObserver {
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

/**
 * The browser's highlight API, or null where it is missing (Firefox before 140, old Safari):
 * then nothing is drawn, and hashes are still found and reported.
 */
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
    // StaticRange, not Range: the browser must update every live Range on every DOM change
    // of the document, which thousands of marks would make slow. Marks of changed text
    // are replaced by the rescan anyway, so they need not follow edits.
    createRange: typeof StaticRange === 'function'
      ? (span) => new StaticRange({
          startContainer: span.startNode, startOffset: span.startOffset,
          endContainer: span.endNode, endOffset: span.endOffset,
        })
      : (span) => liveRangeOf(span),
    styleSheet,
    documentIsStyled: inheritsHighlightStyles,
    scheduleDraw,
    createProximityObserver: isNearViewportOnly && typeof IntersectionObserver === 'function' ? intersectionProximityObserver : undefined,
  }
}

/** A live Range over a span (hit-testing needs its client rects); throws if the text has since shrunk. */
export function liveRangeOf(span: TextSpan): Range {
  const range = span.startNode.ownerDocument.createRange()
  range.setStart(span.startNode, span.startOffset)
  range.setEnd(span.endNode, span.endOffset)
  return range
}

/** A found hash, before it is marked. */
export interface NewMark {
  hash: string
  type: HashType
  span: TextSpan
  root: Document | ShadowRoot
}

export interface Mark extends NewMark {
  /** What is drawn; null when nothing is drawn (no API). */
  readonly range: AbstractRange | null
  state: MarkState | null
  /** The parents of the span's text nodes: where a pointer event's target lands. */
  readonly hitTargets: readonly Node[]
}

/** Up to this many marked elements, hasMarkedTextWithin tests each of them. */
const HIT_TARGETS_TO_TEST_DIRECTLY = 32

/** The element whose proximity to the viewport decides whether a mark is drawn. */
function anchorOf(mark: Mark): Element | null {
  const target = mark.hitTargets[0]
  return target !== undefined && target.nodeType === 1 ? (target as Element) : null
}

function isFinal(state: MarkState | null): boolean {
  return state !== null && state !== 'pending'
}

function startIn(mark: Mark, node: Text): number {
  return node === mark.span.startNode ? mark.span.startOffset : 0
}

function endIn(mark: Mark, node: Text): number {
  return node === mark.span.endNode ? mark.span.endOffset : node.data.length
}

/**
 * Only marks near the viewport are drawn (their ranges in a registered Highlight); the index
 * keeps every mark. In Chromium a registered range is not free: after every DOM change anywhere
 * in the document the next frame rebuilds the markers of all registered ranges (and, for
 * decorated ones, recomputes ink overflow), so a log page that grows all the time paid for
 * every hash it ever showed, in every frame: 400 registered ranges added 20–30% of main-thread
 * time against ~0 for 20 (bench/README.md). Near-viewport marks are few on any page.
 */
export class Highlighter {
  private readonly marksByNode = new Map<Text, Mark[]>()
  private readonly marksByHash = new Map<string, Set<Mark>>()
  private readonly states = new Map<string, HashState>()
  private readonly highlights = new Map<MarkState, HighlightLike>()
  private readonly hitTargetCounts = new Map<Node, number>()
  private readonly markCountByRoot = new Map<Document | ShadowRoot, number>()
  private markTotal = 0
  /** What each mark's range is drawn as now (absent: not drawn); `mark.state` is what it should be. */
  private readonly drawnStates = new Map<Mark, MarkState>()
  /** Marks whose drawn state differs from their state (removed marks included, with state null). */
  private readonly undrawn = new Set<Mark>()
  /** Trees that got their first mark: the stylesheet goes in with the next draw. */
  private readonly rootsToStyle = new Set<Document | ShadowRoot>()
  private isDrawScheduled = false
  private isDisposed = false
  /** Marks with a state other than pending (what "all marked" counts). */
  private finalMarkCount = 0
  /** Per element the marks' text sits in (their first hit target): what proximity is observed on. */
  private readonly marksByAnchor = new Map<Element, Set<Mark>>()
  private readonly nearAnchors = new Set<Element>()
  private readonly proximity: ProximityObserver | null

  constructor(private readonly environment: HighlightEnvironment | null) {
    this.proximity = environment?.createProximityObserver?.((changes) => this.onProximityChange(changes)) ?? null
  }

  get canDraw(): boolean {
    return this.environment !== null
  }

  get markCount(): number {
    return this.markTotal
  }

  stateOf(hash: string): HashState | undefined {
    return this.states.get(hash)
  }

  /** Whether any of these text nodes holds a mark (a rescan must then replace them). */
  hasMarkOn(nodes: Iterable<Text>): boolean {
    if (this.markTotal === 0) return false
    for (const node of nodes) if (this.marksByNode.has(node)) return true
    return false
  }

  /**
   * Drops every mark touching `nodes` and adds `marks` (found in a fresh read of the text
   * those nodes belong to). Replacing rather than diffing keeps a rescan idempotent.
   */
  replaceMarks(nodes: Iterable<Text>, marks: readonly NewMark[]): void {
    if (this.markTotal > 0) {
      for (const node of nodes) {
        const existing = this.marksByNode.get(node)
        if (existing) for (const mark of existing.slice()) this.removeMark(mark)
      }
    }
    for (const mark of marks) this.addMark(mark)
  }

  /** Records states from the worker and repaints their marks. Returns the hashes that have marks here. */
  applyStates(states: HashStates): string[] {
    const touched: string[] = []
    for (const [hash, state] of Object.entries(states)) {
      this.states.set(hash, state)
      const marks = this.marksByHash.get(hash)
      if (!marks) continue
      touched.push(hash)
      const markState = markStateOf(state)
      for (const mark of marks) this.setMarkState(mark, markState)
    }
    // For DevTools and the benchmarks: how far marking has got, also for marks too far from the
    // viewport to be drawn (a no-op unless a trace records).
    if (touched.length > 0) console.timeStamp?.(`HashLens states: ${this.finalMarkCount}/${this.markTotal} final`)
    return touched
  }

  /** The mark at a caret position (offset between characters, so both ends count). */
  markAt(node: Text, offset: number): Mark | null {
    const marks = this.marksByNode.get(node)
    if (!marks) return null
    // Binary search for the last mark starting at or before `offset` (marks in a node never overlap).
    let low = 0
    let high = marks.length - 1
    let found = -1
    while (low <= high) {
      const middle = (low + high) >> 1
      if (startIn(marks[middle]!, node) <= offset) {
        found = middle
        low = middle + 1
      } else {
        high = middle - 1
      }
    }
    if (found < 0) return null
    const mark = marks[found]!
    return offset <= endIn(mark, node) ? mark : null
  }

  /**
   * Whether any marked text lies inside `container` (crossing no shadow boundary). Asked for
   * every rescanned block, so it takes the cheaper way round: the few marked elements, or the
   * container's own elements when marks are many (a log line has a handful of elements, the
   * page may have hundreds of marks).
   */
  hasMarkedTextWithin(container: Node): boolean {
    if (this.hitTargetCounts.size === 0) return false
    if (this.hitTargetCounts.size <= HIT_TARGETS_TO_TEST_DIRECTLY || container.nodeType !== 1) {
      for (const target of this.hitTargetCounts.keys()) if (container.contains(target)) return true
      return false
    }
    if (this.hitTargetCounts.has(container)) return true
    const elements = (container as Element).getElementsByTagName('*')
    for (let index = 0; index < elements.length; index++) if (this.hitTargetCounts.has(elements[index]!)) return true
    return false
  }

  /** Cheap pre-check before any layout read: is `node` the parent of marked text? */
  hasMarkedTextIn(node: Node): boolean {
    return this.hitTargetCounts.has(node)
  }

  /** Open shadow roots holding marks (caretPositionFromPoint must be told about them). */
  markedShadowRoots(): ShadowRoot[] {
    const roots: ShadowRoot[] = []
    for (const root of this.markCountByRoot.keys()) if (root.nodeType === 11) roots.push(root as ShadowRoot)
    return roots
  }

  /**
   * Drops marks whose text left the document (removed rows, replaced views). Returns the shadow
   * roots that lost marks this way and are out of the document themselves: if their host comes
   * back, they must be read again (nothing inside them changes to say so).
   */
  sweepDetached(): ShadowRoot[] {
    const detachedRoots = new Set<ShadowRoot>()
    for (const [node, marks] of this.marksByNode) {
      if (node.isConnected) continue
      for (const mark of marks.slice()) {
        if (mark.root.nodeType === 11) detachedRoots.add(mark.root as ShadowRoot)
        this.removeMark(mark)
      }
    }
    return [...detachedRoots].filter((root) => !root.host.isConnected)
  }

  /** Removes everything HashLens drew: marks, registered highlights, adopted stylesheets. */
  dispose(): void {
    this.isDisposed = true
    this.proximity?.disconnect()
    this.undrawn.clear()
    this.drawnStates.clear()
    this.rootsToStyle.clear()
    this.marksByAnchor.clear()
    this.nearAnchors.clear()
    const environment = this.environment
    if (environment) {
      for (const [state, highlight] of this.highlights) {
        const name = highlightName(state)
        if (environment.registry.get(name) === highlight) environment.registry.delete(name)
      }
      const sheet = environment.styleSheet
      if (sheet) {
        for (const root of this.markCountByRoot.keys()) {
          if (root.adoptedStyleSheets.includes(sheet)) {
            root.adoptedStyleSheets = root.adoptedStyleSheets.filter((adopted) => adopted !== sheet)
          }
        }
      }
    }
    this.highlights.clear()
    this.marksByNode.clear()
    this.marksByHash.clear()
    this.hitTargetCounts.clear()
    this.markCountByRoot.clear()
    this.markTotal = 0
    this.finalMarkCount = 0
  }

  private addMark(newMark: NewMark): void {
    const hitTargets: Node[] = []
    for (const node of newMark.span.nodes) {
      // Text directly in a shadow root is hit-tested as its host (the path's innermost element).
      const parent = node.parentNode
      const target = parent !== null && parent.nodeType === 11 ? (parent as ShadowRoot).host : parent
      if (target !== null && !hitTargets.includes(target)) hitTargets.push(target)
    }
    const mark: Mark = {
      ...newMark,
      range: this.environment ? this.environment.createRange(newMark.span) : null,
      state: null,
      hitTargets,
    }
    for (const node of mark.span.nodes) {
      const list = this.marksByNode.get(node)
      if (!list) {
        this.marksByNode.set(node, [mark])
        continue
      }
      // Keep text order; lists hold one or two marks, so a linear insert is cheapest.
      const start = startIn(mark, node)
      let index = list.length
      while (index > 0 && startIn(list[index - 1]!, node) > start) index--
      list.splice(index, 0, mark)
    }
    for (const target of hitTargets) this.hitTargetCounts.set(target, (this.hitTargetCounts.get(target) ?? 0) + 1)
    const anchor = anchorOf(mark)
    if (anchor !== null && this.proximity) {
      let anchored = this.marksByAnchor.get(anchor)
      if (!anchored) {
        this.marksByAnchor.set(anchor, (anchored = new Set()))
        this.proximity.observe(anchor)
      }
      anchored.add(mark)
    }
    let sameHash = this.marksByHash.get(mark.hash)
    if (!sameHash) this.marksByHash.set(mark.hash, (sameHash = new Set()))
    sameHash.add(mark)
    const rootCount = this.markCountByRoot.get(mark.root) ?? 0
    this.markCountByRoot.set(mark.root, rootCount + 1)
    this.markTotal++
    if (rootCount === 0) {
      this.rootsToStyle.add(mark.root)
      // Drawing at once (no scheduler): the sheet goes in now, as it always did.
      if (!this.environment?.scheduleDraw) this.requestDraw()
    }
    this.setMarkState(mark, markStateOf(this.states.get(mark.hash)))
  }

  private removeMark(mark: Mark): void {
    this.setMarkState(mark, null)
    for (const node of mark.span.nodes) {
      const list = this.marksByNode.get(node)
      if (!list) continue
      const index = list.indexOf(mark)
      if (index >= 0) list.splice(index, 1)
      if (list.length === 0) this.marksByNode.delete(node)
    }
    const anchor = anchorOf(mark)
    const anchored = anchor === null ? undefined : this.marksByAnchor.get(anchor)
    if (anchored?.delete(mark) && anchored.size === 0) {
      this.marksByAnchor.delete(anchor!)
      this.nearAnchors.delete(anchor!)
      this.proximity?.unobserve(anchor!)
    }
    for (const target of mark.hitTargets) {
      const count = (this.hitTargetCounts.get(target) ?? 1) - 1
      if (count <= 0) this.hitTargetCounts.delete(target)
      else this.hitTargetCounts.set(target, count)
    }
    const sameHash = this.marksByHash.get(mark.hash)
    sameHash?.delete(mark)
    if (sameHash?.size === 0) this.marksByHash.delete(mark.hash)
    const rootCount = (this.markCountByRoot.get(mark.root) ?? 1) - 1
    if (rootCount <= 0) {
      this.markCountByRoot.delete(mark.root)
      this.rootsToStyle.delete(mark.root)
    } else {
      this.markCountByRoot.set(mark.root, rootCount)
    }
    this.markTotal--
  }

  /** Records the state a mark should be drawn in; the drawing itself waits for `draw`. */
  private setMarkState(mark: Mark, state: MarkState | null): void {
    if (mark.state === state) return
    if (isFinal(mark.state)) this.finalMarkCount--
    if (isFinal(state)) this.finalMarkCount++
    mark.state = state
    this.queueDraw(mark)
  }

  /** What a mark's range should be drawn as now: its state, if it is near the viewport. */
  private wantedState(mark: Mark): MarkState | null {
    if (mark.state === null || !this.proximity) return mark.state
    const anchor = anchorOf(mark)
    return anchor === null || this.nearAnchors.has(anchor) ? mark.state : null
  }

  private queueDraw(mark: Mark): void {
    if (!mark.range) return
    if ((this.drawnStates.get(mark) ?? null) === this.wantedState(mark)) {
      this.undrawn.delete(mark)
      return
    }
    this.undrawn.add(mark)
    this.requestDraw()
  }

  private onProximityChange(changes: ReadonlyArray<{ element: Element; isNear: boolean }>): void {
    if (this.isDisposed) return
    for (const { element, isNear } of changes) {
      const marks = this.marksByAnchor.get(element)
      if (!marks) continue
      if (isNear) this.nearAnchors.add(element)
      else this.nearAnchors.delete(element)
      for (const mark of marks) this.queueDraw(mark)
    }
  }

  private requestDraw(): void {
    const environment = this.environment
    if (!environment || this.isDisposed) return
    if (!environment.scheduleDraw) {
      this.draw()
      return
    }
    if (this.isDrawScheduled) return
    this.isDrawScheduled = true
    environment.scheduleDraw(() => {
      this.isDrawScheduled = false
      this.draw()
    })
  }

  /**
   * Applies every queued change in one go: stylesheets first (so the frame that paints the
   * new ranges also restyles, once), then each changed mark moves between highlights.
   */
  private draw(): void {
    if (this.isDisposed || !this.environment) return
    for (const root of this.rootsToStyle) this.adoptStylesIn(root)
    this.rootsToStyle.clear()
    if (this.undrawn.size > 0) {
      // Frameworks sometimes reassign `adoptedStyleSheets` wholesale; put ours back when they do.
      for (const root of this.markCountByRoot.keys()) this.adoptStylesIn(root)
    }
    for (const mark of this.undrawn) {
      const range = mark.range!
      const drawn = this.drawnStates.get(mark) ?? null
      const wanted = this.wantedState(mark)
      if (drawn === wanted) continue
      if (drawn !== null) this.highlights.get(drawn)?.delete(range)
      if (wanted === null) {
        this.drawnStates.delete(mark)
      } else {
        this.highlightFor(wanted)?.add(range)
        this.drawnStates.set(mark, wanted)
      }
    }
    this.undrawn.clear()
    // A marker in DevTools' Performance panel (and the benchmark's traces): the frame after
    // it repaints because of HashLens, and how far marking has got. Invisible to the page; a
    // no-op unless recording.
    console.timeStamp?.(`HashLens draw: ${this.drawnStates.size} drawn`)
  }

  private highlightFor(state: MarkState): HighlightLike | null {
    const environment = this.environment
    if (!environment) return null
    let highlight = this.highlights.get(state)
    if (!highlight) {
      highlight = environment.createHighlight()
      this.highlights.set(state, highlight)
      environment.registry.set(highlightName(state), highlight)
    }
    return highlight
  }

  /**
   * `::highlight()` rules apply only within their own tree scope, so the sheet is adopted
   * by the document and by every shadow root that holds marks. Appended, never assigned
   * over, so the page's own adopted sheets stay.
   */
  private adoptStylesIn(root: Document | ShadowRoot): void {
    const sheet = this.environment?.styleSheet
    if (!sheet || (root.nodeType === 9 && this.environment?.documentIsStyled)) return
    if (root.adoptedStyleSheets.includes(sheet)) return
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
  }
}
