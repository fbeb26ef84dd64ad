/**
 * Marks are boxes the pointer passes through (mark-overlay.ts), so the pointer's target cannot say "a hash". Once
 * per frame at most: the target must be the parent of marked text (a Map lookup, which keeps layout reads off ordinary
 * text); then the caret under the pointer (`caretPositionFromPoint` told our shadow roots; `caretRangeFromPoint` before Chrome 128) gives the mark
 * (MarkIndex.markAt), confirmed by its client rects, since the caret snaps to the nearest character.
 */
import type { PageSettings } from '../shared/worker-events.ts'
import type { Highlighter, Mark } from './highlighter.ts'
import { openCardTestChannel } from './card-test-channel.ts'
import { HoverCard, type HoverCardOptions, type ViewportRect } from './hover-card.ts'
import { liveRangeOf } from './mark-index.ts'

/** One frame at 60 Hz. */
const FRAME_MS = 16

export type LookupRequest = 'hover-lookup' | 'lookup-hash' | 'lookup-again'

export interface CaretPosition {
  node: Node
  offset: number
}

export type CaretAt = (x: number, y: number, shadowRoots: ShadowRoot[]) => CaretPosition | null

/** What the card needs of the marks: a web page's Highlighter, or the PDF viewer's marks (src/pdf/pdf-marks.ts). */
export type HoverMarks = Pick<Highlighter, 'markCount' | 'hasMarkedTextIn' | 'markedShadowRoots' | 'markAt' | 'stateOf' | 'coverMayHaveChanged'>

export interface HoverControllerOptions {
  document: Document
  highlighter: HoverMarks
  settings: Pick<PageSettings, 'lookupMode' | 'pivotNames'>
  signal: AbortSignal
  requestLookup: (hash: string, request: LookupRequest) => void
  /** The card's "Details" (HoverCardOptions.details). */
  details: HoverCardOptions['details']
  /** The card's pivot buttons (HoverCardOptions.onOpenPivot). */
  openPivot: HoverCardOptions['onOpenPivot']
  caretAt?: CaretAt | null
  showDelayMs?: number
  /** Lets the pointer cross the gap between the hash and the card to reach its buttons. */
  hideGraceMs?: number
  /** Only the user's own input counts (a page can dispatch events). Replaceable for tests only. */
  isTrustedEvent?: (event: Event) => boolean
  /** 'open' for unit tests only, which read the card's DOM. */
  cardShadowRootMode?: ShadowRootMode
}

export function browserCaretAt(doc: Document): CaretAt | null {
  if (typeof doc.caretPositionFromPoint === 'function') {
    return (x, y, shadowRoots) => {
      const position = doc.caretPositionFromPoint(x, y, shadowRoots.length > 0 ? { shadowRoots } : undefined)
      return position ? { node: position.offsetNode, offset: position.offset } : null
    }
  }
  if (typeof doc.caretRangeFromPoint === 'function') {
    return (x, y) => {
      const range = doc.caretRangeFromPoint(x, y)
      return range ? { node: range.startContainer, offset: range.startOffset } : null
    }
  }
  return null
}

export function rectOfMarkAt(mark: Mark, x: number, y: number): ViewportRect | null {
  let rects: DOMRectList
  try {
    rects = liveRangeOf(mark.span).getClientRects()
  } catch {
    return null // the text changed since it was marked; the rescan will replace the mark
  }
  // One pixel of slack: caret and rect rounding differ across zoom levels.
  for (const rect of rects) {
    if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return rect
  }
  return null
}

export class HoverController {
  private card: HoverCard | null = null
  private shownMark: Mark | null = null
  private pendingMark: Mark | null = null
  private pendingAnchor: ViewportRect | null = null
  /** Closed with Escape: stays closed until the pointer leaves this mark. */
  private dismissedMark: Mark | null = null
  private isPointerInCard = false
  private showTimer: ReturnType<typeof setTimeout> | undefined
  private showFrame: number | undefined
  private hideTimer: ReturnType<typeof setTimeout> | undefined
  private isFrameRequested = false
  private pointerX = 0
  private pointerY = 0
  private pointerTarget: EventTarget | null = null
  private readonly hoverLookupsSent = new Set<string>()
  private readonly caretAt: CaretAt | null
  private readonly showDelayMs: number
  private readonly hideGraceMs: number
  private readonly isTrustedEvent: (event: Event) => boolean

  constructor(private readonly options: HoverControllerOptions) {
    this.isTrustedEvent = options.isTrustedEvent ?? ((event) => event.isTrusted)
    this.caretAt = options.caretAt === undefined ? browserCaretAt(options.document) : options.caretAt
    this.showDelayMs = options.showDelayMs ?? 250
    this.hideGraceMs = options.hideGraceMs ?? 300
  }

  /** False where the browser cannot hit-test text: then there is no card at all. */
  get isSupported(): boolean {
    return this.caretAt !== null
  }

  start(): void {
    const { document: doc, signal } = this.options
    if (!this.isSupported || signal.aborted) return
    const listen = { capture: true, passive: true, signal }
    doc.addEventListener('pointermove', (event) => this.onPointerMove(event), listen)
    doc.addEventListener('pointerout', (event) => {
      // Leaving the window: no later pointermove will say the pointer left the hash.
      if (this.isTrustedEvent(event) && event.relatedTarget === null) this.onPointerOffMarks()
    }, listen)
    doc.addEventListener('keydown', (event) => {
      if (this.isTrustedEvent(event) && event.key === 'Escape' && this.card?.isOpen) {
        this.dismissedMark = this.shownMark
        this.close()
      }
    }, { capture: true, signal })
    // The card is placed in viewport coordinates; once the page scrolls it points at nothing.
    doc.addEventListener('scroll', (event) => {
      if (this.isTrustedEvent(event)) this.close()
    }, listen)
    signal.addEventListener('abort', () => {
      this.close()
      this.card?.remove()
    }, { once: true })
    // Compiled into test builds only (vite.config.ts): Firefox tests have no accessibility tree to read the card with.
    if (typeof __HASHLENS_TEST_BUILD__ !== 'undefined' && __HASHLENS_TEST_BUILD__) openCardTestChannel(() => this.card?.shownCard ?? null, signal)
  }

  refresh(hashes: readonly string[]): void {
    const shown = this.card?.shownHash
    if (shown && hashes.includes(shown)) this.card!.update(this.options.highlighter.stateOf(shown))
  }

  private onPointerMove(event: PointerEvent): void {
    // Synthetic events from the page must not open cards (and with them, start lookups).
    if (!this.isTrustedEvent(event) || event.pointerType === 'touch') return
    this.pointerX = event.clientX
    this.pointerY = event.clientY
    // Inside an open shadow tree the target is retargeted to its host; the real one is first in the path.
    const target = event.target
    const isShadowHost = this.card?.isCardTarget(target) !== true && target !== null && (target as Partial<Element>).shadowRoot != null
    this.pointerTarget = isShadowHost ? (event.composedPath()[0] ?? target) : target
    if (this.isFrameRequested) return
    this.isFrameRequested = true
    requestAnimationFrame(() => {
      this.isFrameRequested = false
      if (!this.options.signal.aborted) this.evaluatePointer()
    })
  }

  private evaluatePointer(): void {
    const card = this.card
    if (card !== null && card.isCardTarget(this.pointerTarget)) {
      clearTimeout(this.hideTimer)
      return
    }
    const hit = this.hitTest(this.pointerX, this.pointerY, this.pointerTarget)
    if (hit === null) {
      this.onPointerOffMarks()
      return
    }
    clearTimeout(this.hideTimer)
    if (hit.mark === this.dismissedMark) return
    if (hit.mark === this.shownMark && card?.isOpen) {
      this.cancelPendingShow()
      return
    }
    this.pendingAnchor = hit.rect
    if (hit.mark === this.pendingMark) return
    this.cancelPendingShow()
    this.pendingMark = hit.mark
    // A timer fires just after a frame began, so a card shown from it waited for the next frame: the timer goes a
    // frame early and the card is revealed in the frame in which the delay ends.
    this.showTimer = setTimeout(() => {
      this.showFrame = requestAnimationFrame(() => this.showPending())
    }, Math.max(0, this.showDelayMs - FRAME_MS))
    // Built and laid out invisibly during the delay: a first card (element, shadow root, sheet) costs ~30 ms, later
    // ones ~8 ms, while revealing a prepared card fits in a frame.
    if (!card?.isOpen) this.ensureCard().prerender(hit.mark.hash, hit.mark.type, this.options.highlighter.stateOf(hit.mark.hash), hit.rect)
  }

  private onPointerOffMarks(): void {
    this.dismissedMark = null
    this.cancelPendingShow()
    if (this.card?.isOpen && !this.isPointerInCard) this.scheduleHide()
  }

  private hitTest(x: number, y: number, target: EventTarget | null): { mark: Mark; rect: ViewportRect } | null {
    const { highlighter } = this.options
    if (target === null || highlighter.markCount === 0 || !highlighter.hasMarkedTextIn(target as Node)) return null
    const caret = this.caretAt!(x, y, highlighter.markedShadowRoots())
    if (caret === null || caret.node.nodeType !== 3) return null
    const mark = highlighter.markAt(caret.node as Text, caret.offset)
    if (mark === null) return null
    const rect = rectOfMarkAt(mark, x, y)
    return rect === null ? null : { mark, rect }
  }

  private showPending(): void {
    const mark = this.pendingMark
    const anchor = this.pendingAnchor
    this.pendingMark = null
    if (mark === null || anchor === null || !mark.span.startNode.isConnected) return
    const { highlighter, settings } = this.options
    const card = this.ensureCard()
    const state = highlighter.stateOf(mark.hash)
    this.shownMark = mark
    card.show(mark.hash, mark.type, state, anchor)
    // "On hover" mode: resting on a hash is the request to look it up (once per page); not on one skipped as no file
    // sample, which its card's Look up looks up.
    if (settings.lookupMode === 'hover' && state?.state === 'idle' && state.skippedAs === undefined && !this.hoverLookupsSent.has(mark.hash)) {
      this.hoverLookupsSent.add(mark.hash)
      this.options.requestLookup(mark.hash, 'hover-lookup')
    }
  }

  /** Made when the pointer first rests on a hash: pages nobody hovers never get the host element. */
  private ensureCard(): HoverCard {
    const { settings, document: doc } = this.options
    this.card ??= new HoverCard({
      document: doc,
      pivotNames: settings.pivotNames,
      onOpenPivot: this.options.openPivot,
      onLookUp: (hash) => this.options.requestLookup(hash, 'lookup-hash'),
      onLookUpAgain: (hash) => this.options.requestLookup(hash, 'lookup-again'),
      details: this.options.details,
      isTrustedEvent: this.isTrustedEvent,
      shadowRootMode: this.options.cardShadowRootMode,
      onPointerInside: (isInside) => {
        this.isPointerInCard = isInside
        if (isInside) clearTimeout(this.hideTimer)
        else this.scheduleHide()
      },
    })
    return this.card
  }

  private scheduleHide(): void {
    clearTimeout(this.hideTimer)
    this.hideTimer = setTimeout(() => this.close(), this.hideGraceMs)
  }

  private cancelPendingShow(): void {
    clearTimeout(this.showTimer)
    if (this.showFrame !== undefined) cancelAnimationFrame(this.showFrame)
    this.showFrame = undefined
    this.pendingMark = null
  }

  private close(): void {
    this.cancelPendingShow()
    clearTimeout(this.hideTimer)
    this.shownMark = null
    this.isPointerInCard = false
    const wasOpen = this.card?.isOpen === true
    this.card?.hide()
    // Hit tests took the card for a cover of the marks under it, and nothing the page sees tells them it went.
    if (wasOpen) this.options.highlighter.coverMayHaveChanged()
  }
}
