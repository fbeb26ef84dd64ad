/**
 * Draws marks in the overlay (mark-overlay.ts), positioned from the text's client rects: the page's DOM, styles and
 * highlight registry hold nothing of HashLens. Only marks near the viewport are drawn; verdicts at the pace
 * draw-scheduler.ts sets, layout changes (scroll in any container, resize, mutations) on the next frame.
 */
import type { ScheduleDraw } from './draw-scheduler.ts'
import type { Mark, MarkState } from './mark-index.ts'
import { MarkOverlay, type OverlayBox } from './mark-overlay.ts'
import { answerTestReads } from './overlay-test-channel.ts'
import type { TextSpan } from './text-blocks.ts'
import { followMotion, mayCoverMarks } from './layout-signals.ts'
import { createAreaReader, intersectClips, type AreaReader, type ClipRect } from './visible-area.ts'
import { BIG_BLOCK_MARKS, nearRange, type VerticalExtent } from './near-range.ts'

export interface ProximityObserver {
  observe(element: Element): void
  unobserve(element: Element): void
  disconnect(): void
}

type ProximityChanges = ReadonlyArray<{ element: Element; isNear: boolean }>

export interface RectLike {
  left: number
  top: number
  width: number
  height: number
}

/** What drawing needs from the browser; injected so drawing is testable without layout. */
export interface DrawEnvironment {
  document: Document
  /** The span's text boxes in viewport coordinates; none if the text has since shrunk. */
  rectsOf(span: TextSpan): readonly RectLike[]
  /** The elements at a viewport point, topmost first, in the tree of `root` (so a shadow tree's own elements). */
  elementsAt(root: Document | ShadowRoot, x: number, y: number): Iterable<Element>
  viewport(): { width: number; height: number }
  /** A reader of what clips each mark and how it hit-tests, for one draw (styles and boxes are cached in it). */
  readAreas?: () => AreaReader
  scheduleDraw?: ScheduleDraw
  /** The next animation frame: layout changes are redrawn there. */
  requestFrame?: (callback: () => void) => void
  createProximityObserver?: (onChange: (changes: ProximityChanges) => void) => ProximityObserver
  /**
   * Calls `onChange` whenever marks may have moved (`isMutation`: the DOM changed, rather than a scroll or resize),
   * not for changes to HashLens's own nodes (`isOwnNode`); stops when `signal` aborts. Also told each tree that gets
   * marks, and which animated elements hold one.
   */
  watchLayout?: (onChange: (isMutation: boolean) => void, signal: AbortSignal, isOwnNode: (node: Node) => boolean,
    isAroundMark?: (element: Element) => boolean) => { watchTree(root: Document | ShadowRoot): void }
}

/**
 * A page that changes all the time (a log, a feed) is redrawn at most this often for its changes: each redraw reads
 * every drawn mark's rects and hit-tests them, which at every frame cost a growing log 10% of the main thread.
 * The first change after a quiet spell is drawn in the next frame; scrolls and resizes always are.
 */
const MUTATION_REDRAW_GAP_MS = 200

/**
 * A hit test's answer is reused while nothing moved or may have (no scroll, resize, DOM change, pointer or focus move
 * since), for at most this long: a cover that comes with none of them (a script's CSSOM edit) is seen by a draw after.
 */
const HIT_REUSE_MAX_MS = 3000

/** `:hover` and `:focus-within` rules can bring a cover with no DOM change. */
const HIT_FORGETTING_EVENTS = ['pointerover', 'focusin', 'focusout'] as const

/** A page of a few screens is drawn whole, a fast scroll meets no undrawn mark, a growing log positions a few dozen. */
const NEAR_VIEWPORT_MARGIN = '400% 0px'

/** IntersectionObserver: the browser computes the geometry during its own frames, no layout is read here. */
function intersectionProximityObserver(onChange: (changes: ProximityChanges) => void): ProximityObserver {
  const observer = new IntersectionObserver((entries) => {
    onChange(entries.map((entry) => {
      const box = entry.boundingClientRect
      // No box at all (display: contents, or not rendered): try to draw it rather than never.
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

/** Only HashLens's own nodes changed: its host inserted (or put back: the overlay reports tampering itself). */
function isOwnChange(record: MutationRecord, isOwnNode: (node: Node) => boolean): boolean {
  if (isOwnNode(record.target)) return true
  if (record.type !== 'childList') return false
  for (const node of record.addedNodes) if (!isOwnNode(node)) return false
  for (const node of record.removedNodes) if (!isOwnNode(node)) return false
  return true
}

/** A ResizeObserver's first call reports the size found at observe(), in the frame just drawn: not a change. */
export function afterFirstCall(callback: () => void): () => void {
  let isFirst = true
  return () => {
    if (isFirst) isFirst = false
    else callback()
  }
}

/**
 * Scrolls of any container (scroll does not bubble: captured), resizes, DOM or style changes anywhere, and every
 * frame of an animation or transition around a mark. A change that may have put something over a mark is reported
 * as a move: it is not held back by the pacing of mutation redraws.
 */
function browserLayoutWatcher(document: Document) {
  return (onChange: (isMutation: boolean) => void, signal: AbortSignal, isOwnNode: (node: Node) => boolean,
    isAroundMark?: (element: Element) => boolean) => {
    const view = document.defaultView
    const onMove = () => onChange(false)
    const onMutation = () => onChange(true)
    const styleOf = (element: Element) => getComputedStyle(element)
    document.addEventListener('scroll', onMove, { capture: true, passive: true, signal })
    view?.addEventListener('resize', onMove, { passive: true, signal })
    view?.visualViewport?.addEventListener('resize', onMove, { passive: true, signal })
    const listenForMotion = isAroundMark === undefined ? null
      : followMotion({ isAroundMark, onFrame: onMove, requestFrame: (callback) => void requestAnimationFrame(callback), now: () => performance.now() }, signal)
    // Animation events are not composed: each tree with marks is listened to.
    const listenForEnds = (root: Document | ShadowRoot) => {
      root.addEventListener('transitionend', onMutation, { capture: true, passive: true, signal })
      root.addEventListener('animationend', onMutation, { capture: true, passive: true, signal })
      // A popover shown changes no attribute.
      root.addEventListener('toggle', onMove, { capture: true, passive: true, signal })
      listenForMotion?.(root)
    }
    listenForEnds(document)
    const mutations = new MutationObserver((records) => {
      const pageRecords = records.filter((record) => !isOwnChange(record, isOwnNode))
      if (pageRecords.length > 0) onChange(!mayCoverMarks(pageRecords, styleOf))
    })
    const resizes = new ResizeObserver(afterFirstCall(onMutation))
    resizes.observe(document.documentElement)
    signal.addEventListener('abort', () => {
      mutations.disconnect()
      resizes.disconnect()
    }, { once: true })
    return {
      watchTree(root: Document | ShadowRoot): void {
        mutations.observe(root, { childList: true, subtree: true, characterData: true, attributes: true })
        if (root !== document) listenForEnds(root)
      },
    }
  }
}

/**
 * The topmost element at once, the rest only if asked for: the list (elementsFromPoint) took 10 ms at a point of a 4 MB
 * article, elementFromPoint 4 ms, and the topmost element mostly decides.
 */
export function* elementsTopmostFirst(root: Document | ShadowRoot, x: number, y: number): Generator<Element, void, undefined> {
  const topmost = root.elementFromPoint(x, y)
  if (topmost === null) return
  yield topmost
  const all = root.elementsFromPoint(x, y)
  yield* all[0] === topmost ? all.slice(1) : all
}

/** Null where the DOM lacks what the overlay needs (closed shadow roots, constructable sheets). */
export function browserDrawEnvironment(scheduleDraw?: ScheduleDraw, isNearViewportOnly = true): DrawEnvironment | null {
  if (typeof document === 'undefined' || typeof Element.prototype.attachShadow !== 'function' || typeof CSSStyleSheet !== 'function') return null
  // One live Range, moved from mark to mark: each live Range costs the page on every DOM change.
  const range = document.createRange()
  return {
    document,
    rectsOf(span) {
      try {
        range.setStart(span.startNode, span.startOffset)
        range.setEnd(span.endNode, span.endOffset)
      } catch {
        return []
      }
      return [...range.getClientRects()]
    },
    elementsAt: elementsTopmostFirst,
    // Without the scrollbars: a point on one hits no element of the page.
    viewport: () => {
      const root = document.scrollingElement ?? document.documentElement
      return { width: root.clientWidth, height: root.clientHeight }
    },
    readAreas: () => createAreaReader({ style: (element) => getComputedStyle(element), rect: (element) => element.getBoundingClientRect() }),
    scheduleDraw,
    requestFrame: (callback) => void requestAnimationFrame(callback),
    createProximityObserver: isNearViewportOnly && typeof IntersectionObserver === 'function' ? intersectionProximityObserver : undefined,
    watchLayout: typeof ResizeObserver === 'function' ? browserLayoutWatcher(document) : undefined,
  }
}

function anchorOf(mark: Mark): Element | null {
  const target = mark.hitTargets[0]
  return target !== undefined && target.nodeType === 1 ? (target as Element) : null
}

/** Text boxes of one line merged (a hash split over inline elements reports each piece, and the elements too). */
function lineBoxesOf(rects: readonly RectLike[]): RectLike[] {
  const lines: Array<{ left: number; top: number; right: number; bottom: number }> = []
  for (const rect of rects) {
    if (rect.width <= 0 || rect.height <= 0) continue
    const right = rect.left + rect.width
    const bottom = rect.top + rect.height
    const line = lines.find((candidate) => Math.min(bottom, candidate.bottom) - Math.max(rect.top, candidate.top) > Math.min(rect.height, candidate.bottom - candidate.top) / 2
      && rect.left <= candidate.right + 1 && right >= candidate.left - 1)
    if (line === undefined) {
      lines.push({ left: rect.left, top: rect.top, right, bottom })
      continue
    }
    line.left = Math.min(line.left, rect.left)
    line.top = Math.min(line.top, rect.top)
    line.right = Math.max(line.right, right)
    line.bottom = Math.max(line.bottom, bottom)
  }
  return lines.map((line) => ({ left: line.left, top: line.top, width: line.right - line.left, height: line.bottom - line.top }))
}

/** The part of `line` inside `clip`; null if none of it is. */
function clipLine(line: RectLike, clip: ClipRect): RectLike | null {
  const { left, top, right, bottom } = intersectClips({ left: line.left, top: line.top, right: line.left + line.width, bottom: line.top + line.height }, clip)
  return right > left && bottom > top ? { left, top, width: right - left, height: bottom - top } : null
}

function verticalExtentOf(rects: readonly RectLike[]): VerticalExtent | null {
  let top = Number.POSITIVE_INFINITY
  let bottom = Number.NEGATIVE_INFINITY
  for (const rect of rects) {
    if (rect.width <= 0 || rect.height <= 0) continue
    top = Math.min(top, rect.top)
    bottom = Math.max(bottom, rect.top + rect.height)
  }
  return top <= bottom ? { top, bottom } : null
}

/** Text order: the order in which a block's lines run top to bottom. */
function compareTextOrder(a: Mark, b: Mark): number {
  if (a.span.startNode === b.span.startNode) return a.span.startOffset - b.span.startOffset
  return a.span.startNode.compareDocumentPosition(b.span.startNode) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high)
}

/** Near the viewport only; every draw positions every drawn mark again, so nothing is left where the text was. */
export class MarkPainter {
  /** What each mark is drawn as (absent: not drawn); `mark.state` is what it should be. */
  readonly #drawnStates = new Map<Mark, MarkState>()
  readonly #undrawn = new Set<Mark>()
  readonly #marksByAnchor = new Map<Element, Set<Mark>>()
  /** A big block's marks in text order (near-range.ts), sorted again after a mark of it comes or goes. */
  readonly #textOrderOf = new Map<Element, Mark[]>()
  readonly #nearAnchors = new Set<Element>()
  readonly #markIds = new Map<Mark, number>()
  #nextMarkId = 1
  readonly #proximity: ProximityObserver | null
  readonly #environment: DrawEnvironment
  readonly #markedRoots: () => Iterable<Document | ShadowRoot>
  readonly #overlay: MarkOverlay
  #pulseTimer: ReturnType<typeof setTimeout> | undefined
  readonly #lifetime = new AbortController()
  #layout: { watchTree(root: Document | ShadowRoot): void } | null = null
  readonly #watchedRoots = new WeakSet<Document | ShadowRoot>()
  #isDrawScheduled = false
  #isFrameRequested = false
  #lastMutationRedrawAt = Number.NEGATIVE_INFINITY
  #mutationRedrawGapMs = MUTATION_REDRAW_GAP_MS
  #isMutationRedrawWaiting = false
  /** #isUncovered's answers per mark and line box, while nothing has moved (see HIT_REUSE_MAX_MS). */
  readonly #hitAnswers = new Map<Mark, Map<string, { isUncovered: boolean; testedAt: number }>>()

  constructor(environment: DrawEnvironment, markedRoots: () => Iterable<Document | ShadowRoot>) {
    this.#environment = environment
    this.#markedRoots = markedRoots
    this.#overlay = new MarkOverlay(environment.document, () => {
      this.#hitAnswers.clear()
      this.#requestFrame()
    })
    this.#proximity = environment.createProximityObserver?.((changes) => this.#onProximityChange(changes)) ?? null
    if (typeof __HASHLENS_TEST_BUILD__ !== 'undefined' && __HASHLENS_TEST_BUILD__) {
      answerTestReads(environment.document, () => ({
        boxes: this.#overlay.boxes,
        boxElements: this.#overlay.boxElements,
        markOf: (id) => [...this.#markIds].find(([, markId]) => markId === id)?.[0],
      }), this.#lifetime.signal)
    }
  }

  add(mark: Mark): void {
    this.#markIds.set(mark, this.#nextMarkId++)
    const anchor = anchorOf(mark)
    if (anchor === null || !this.#proximity) return
    let anchored = this.#marksByAnchor.get(anchor)
    if (!anchored) {
      this.#marksByAnchor.set(anchor, (anchored = new Set()))
      this.#proximity.observe(anchor)
    }
    anchored.add(mark)
    this.#textOrderOf.delete(anchor)
  }

  /** After its state was set to null, so that the next draw takes it out. */
  remove(mark: Mark): void {
    this.#markIds.delete(mark)
    this.#hitAnswers.delete(mark)
    const anchor = anchorOf(mark)
    const anchored = anchor === null ? undefined : this.#marksByAnchor.get(anchor)
    if (anchor !== null) this.#textOrderOf.delete(anchor)
    if (anchored?.delete(mark) && anchored.size === 0) {
      this.#marksByAnchor.delete(anchor!)
      this.#nearAnchors.delete(anchor!)
      this.#proximity?.unobserve(anchor!)
    }
  }

  queueDraw(mark: Mark): void {
    if ((this.#drawnStates.get(mark) ?? null) === this.#wantedState(mark)) {
      this.#undrawn.delete(mark)
      return
    }
    this.#undrawn.add(mark)
    this.#requestDraw()
  }

  /**
   * Something of HashLens's own that hit tests see went (the card, in its closed root, where no observer of the page's
   * DOM sees it): the marks it covered are drawn again in the next frame.
   */
  coverMayHaveChanged(): void {
    this.#onLayoutChange(false)
  }

  /** Makes the mark's boxes pulse for `ms` (a list's row asked to show it); drawn in the next frame. */
  pulse(mark: Mark, ms: number): void {
    const id = this.#markIds.get(mark)
    if (id === undefined) return
    this.#overlay.pulsing = id
    this.#requestFrame()
    clearTimeout(this.#pulseTimer)
    this.#pulseTimer = setTimeout(() => {
      this.#overlay.pulsing = null
      this.#requestFrame()
    }, ms)
  }

  /** The page's DOM changes are redrawn at most every `ms` from now on (a flood: FLOOD_PACE_MS); scrolls and covers still at once. */
  slowMutationRedrawsTo(ms: number): void {
    this.#mutationRedrawGapMs = Math.max(this.#mutationRedrawGapMs, ms)
  }

  dispose(): void {
    this.#lifetime.abort()
    clearTimeout(this.#pulseTimer)
    this.#proximity?.disconnect()
    this.#undrawn.clear()
    this.#drawnStates.clear()
    this.#marksByAnchor.clear()
    this.#textOrderOf.clear()
    this.#nearAnchors.clear()
    this.#markIds.clear()
    this.#hitAnswers.clear()
    this.#overlay.dispose()
  }

  #wantedState(mark: Mark): MarkState | null {
    if (mark.state === null || !this.#proximity) return mark.state
    const anchor = anchorOf(mark)
    return anchor === null || this.#nearAnchors.has(anchor) ? mark.state : null
  }

  #onProximityChange(changes: ProximityChanges): void {
    if (this.#lifetime.signal.aborted) return
    for (const { element, isNear } of changes) {
      const marks = this.#marksByAnchor.get(element)
      if (!marks) continue
      if (isNear) this.#nearAnchors.add(element)
      else this.#nearAnchors.delete(element)
      for (const mark of marks) this.queueDraw(mark)
    }
  }

  #requestDraw(): void {
    if (this.#lifetime.signal.aborted) return
    const { scheduleDraw } = this.#environment
    if (!scheduleDraw) {
      this.#draw()
      return
    }
    if (this.#isDrawScheduled) return
    this.#isDrawScheduled = true
    scheduleDraw(() => {
      this.#isDrawScheduled = false
      // In the frame: reading rects in a task would force a layout the frame then does again after more changes.
      this.#requestFrame()
    })
  }

  #onLayoutChange(isMutation: boolean): void {
    // At once, not when the (maybe delayed) redraw runs: a draw before it must not reuse them either.
    this.#hitAnswers.clear()
    if (!isMutation) {
      this.#requestFrame()
      return
    }
    if (this.#isMutationRedrawWaiting) return
    const wait = this.#lastMutationRedrawAt + this.#mutationRedrawGapMs - performance.now()
    if (wait <= 0) {
      this.#lastMutationRedrawAt = performance.now()
      this.#requestFrame()
      return
    }
    this.#isMutationRedrawWaiting = true
    setTimeout(() => {
      this.#isMutationRedrawWaiting = false
      this.#lastMutationRedrawAt = performance.now()
      this.#requestFrame()
    }, wait)
  }

  /** Layout changed: one redraw in the next frame, whatever the number of scroll events or mutations. */
  #requestFrame(): void {
    if (this.#lifetime.signal.aborted || this.#isFrameRequested) return
    const { requestFrame } = this.#environment
    if (!requestFrame) {
      this.#draw()
      return
    }
    this.#isFrameRequested = true
    requestFrame(() => {
      this.#isFrameRequested = false
      this.#draw()
    })
  }

  #draw(): void {
    if (this.#lifetime.signal.aborted) return
    for (const mark of this.#undrawn) {
      const wanted = this.#wantedState(mark)
      if (wanted === null) this.#drawnStates.delete(mark)
      else this.#drawnStates.set(mark, wanted)
    }
    this.#undrawn.clear()
    if (this.#drawnStates.size > 0) this.#watchLayout()
    this.#overlay.render(this.#layOut())
    if (typeof console.timeStamp === 'function') {
      let pending = 0
      for (const state of this.#drawnStates.values()) if (state === 'pending') pending++
      // For DevTools' Performance panel and the benchmarks' traces (bench/page-cost.ts); a no-op unless recording.
      console.timeStamp(`HashLens draw: ${this.#drawnStates.size} drawn, ${pending} pending`)
    }
  }

  /** All reads, no writes: the page's layout is computed once per draw. */
  #layOut(): OverlayBox[] {
    const boxes: OverlayBox[] = []
    if (this.#drawnStates.size === 0) return boxes
    const { width, height } = this.#environment.viewport()
    const areas = this.#environment.readAreas?.() ?? null
    const screen: ClipRect = { left: 0, top: 0, right: width, bottom: height }
    for (const mark of this.#marksToLayOut(height)) {
      const tone = this.#drawnStates.get(mark)!
      const id = this.#markIds.get(mark)!
      const anchor = anchorOf(mark)
      const area = anchor !== null && areas !== null ? areas.areaOf(anchor) : null
      // A box in a fixed or sticky box is cut to the screen as well: no scroll brings the rest into view.
      const clip = area === null ? null : area.isViewportBound ? intersectClips(screen, area.clip) : area.clip
      for (const whole of lineBoxesOf(this.#environment.rectsOf(mark.span))) {
        const line = clip === null ? whole : clipLine(whole, clip)
        if (line === null) continue
        const isOnScreen = line.left < width && line.left + line.width > 0 && line.top < height && line.top + line.height > 0
        // Off screen it cannot be hit-tested, nor seen: the redraw a scroll brings decides.
        if (isOnScreen && !this.#isUncoveredAsLastTested(mark, line, width, height, areas)) continue
        boxes.push({ mark: id, tone, left: line.left, top: line.top, width: line.width, height: line.height })
      }
    }
    return boxes
  }

  /**
   * The drawn marks, but of a big block only those within a screen of the viewport (near-range.ts): its marks are
   * positioned at every draw, so those a scroll brings in are drawn in that scroll's frame.
   */
  *#marksToLayOut(height: number): Generator<Mark, void, undefined> {
    const bigBlocks = new Set<Element>()
    for (const mark of this.#drawnStates.keys()) {
      const anchor = anchorOf(mark)
      const isInBigBlock = anchor !== null && (this.#marksByAnchor.get(anchor)?.size ?? 0) >= BIG_BLOCK_MARKS
      if (!isInBigBlock) yield mark
      else bigBlocks.add(anchor)
    }
    for (const anchor of bigBlocks) {
      const drawn = this.#inTextOrder(anchor).filter((mark) => this.#drawnStates.has(mark))
      const range = nearRange(drawn.length, (index) => verticalExtentOf(this.#environment.rectsOf(drawn[index]!.span)), -height, 2 * height)
      yield* range === null ? drawn : drawn.slice(range.start, range.end)
    }
  }

  #inTextOrder(anchor: Element): Mark[] {
    let ordered = this.#textOrderOf.get(anchor)
    if (ordered === undefined) this.#textOrderOf.set(anchor, (ordered = [...this.#marksByAnchor.get(anchor)!].sort(compareTextOrder)))
    return ordered
  }

  /** A hit test took 4–30 ms on a 4 MB article (most of a draw's time there): a verdict's redraw reuses them. */
  #isUncoveredAsLastTested(mark: Mark, line: RectLike, width: number, height: number, areas: AreaReader | null): boolean {
    const key = `${line.left} ${line.top} ${line.width} ${line.height}`
    let answers = this.#hitAnswers.get(mark)
    const known = answers?.get(key)
    const now = performance.now()
    if (known !== undefined && now - known.testedAt <= HIT_REUSE_MAX_MS) return known.isUncovered
    const isUncovered = this.#isUncovered(mark, line, width, height, areas)
    // A mark has a box per line; more keys than a few are old positions.
    if (answers === undefined || answers.size > 8) this.#hitAnswers.set(mark, (answers = new Map()))
    answers.set(key, { isUncovered, testedAt: now })
    return isUncovered
  }

  /**
   * At the box's centre (clamped to the screen) the hash's own element is hit, under nothing but its ancestors (a
   * link's stretched ::after, say): no modal or sticky header is over it, and no scroll container clips it away.
   * Text with `pointer-events: none` is never hit: there, its ancestors coming first tell that nothing is over it.
   */
  #isUncovered(mark: Mark, line: RectLike, width: number, height: number, areas: AreaReader | null): boolean {
    const x = clamp(line.left + line.width / 2, 0, width - 1)
    const y = clamp(line.top + line.height / 2, 0, height - 1)
    let isUnderAncestor = false
    for (const hit of this.#environment.elementsAt(mark.root, x, y)) {
      if (mark.hitTargets.some((target) => target === hit || target.contains(hit))) return true
      if (!mark.hitTargets.some((target) => hit.contains(target))) return isUnderAncestor && this.#isPointerTransparent(mark, areas)
      isUnderAncestor = true
    }
    return this.#isPointerTransparent(mark, areas)
  }

  #isPointerTransparent(mark: Mark, areas: AreaReader | null): boolean {
    return areas !== null && mark.hitTargets.some((target) => target.nodeType === 1 && areas.isPointerTransparent(target as Element))
  }

  #isAroundDrawnMark(element: Element): boolean {
    for (const mark of this.#drawnStates.keys()) {
      let node: Node | null = mark.hitTargets[0] ?? null
      while (node !== null) {
        if (element.contains(node)) return true
        const root = node.getRootNode()
        node = root.nodeType === 11 ? (root as ShadowRoot).host : null
      }
    }
    return false
  }

  /** On the first draw with a mark: a page with no hash near the viewport never pays for it. */
  #watchLayout(): void {
    const { watchLayout } = this.#environment
    if (!watchLayout) return
    if (this.#layout === null) {
      const signal = this.#lifetime.signal
      this.#layout = watchLayout((isMutation) => this.#onLayoutChange(isMutation), signal, (node) => this.#overlay.isOwnNode(node),
        (element) => this.#isAroundDrawnMark(element))
      const forgetHits = () => this.#hitAnswers.clear()
      for (const type of HIT_FORGETTING_EVENTS) this.#environment.document.addEventListener(type, forgetHits, { capture: true, passive: true, signal })
    }
    for (const root of this.#markedRoots()) {
      if (this.#watchedRoots.has(root)) continue
      this.#watchedRoots.add(root)
      this.#layout.watchTree(root)
    }
  }
}
