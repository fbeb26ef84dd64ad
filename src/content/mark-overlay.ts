/**
 * Where verdict colours are drawn: boxes in a closed shadow root on a plain `div` (a custom element name could be
 * pre-defined by the page) that stays 0×0 at the document's origin, so nothing a page's script can read (DOM,
 * attributes, styles, geometry, hit-testing) depends on what is drawn. Issue 12, point 1.
 * Boxes sit in document coordinates, so the document's scroll (done by the compositor, ahead of any script) carries
 * them with the text; those in fixed or sticky boxes sit in a fixed layer. Each box lies within its text's visible
 * part (mark-painter.ts clips it), which already counts in the page's scrollable area: the boxes never enlarge it.
 */
import type { VerdictTone } from '../shared/verdict-tone.ts'
import { MARK_ATTRIBUTE, MARK_CSS, TONE_ATTRIBUTE } from './highlight-rules.ts'

/** One band of a mark, in viewport coordinates. */
export interface OverlayBox {
  /** Which mark it belongs to (a mark over two lines draws two boxes). */
  mark: number
  tone: VerdictTone
  /** In a fixed or sticky box: drawn in the layer that does not scroll with the document. */
  isViewportBound: boolean
  left: number
  top: number
  width: number
  height: number
}

/**
 * `all: initial` first so no page rule reaches it; `!important` inline wins over any page `!important` rule.
 * No layout containment on the host: it would hold the fixed layer; the layers have it, so the boxes' layout does
 * not dirty the page's.
 */
const HOST_STYLE = [
  'all: initial', 'display: block', 'position: absolute', 'top: 0px', 'left: 0px', 'width: 0px', 'height: 0px',
  'overflow: visible', 'pointer-events: none', 'z-index: 2147483647', 'contain: style',
].map((declaration) => `${declaration} !important;`).join(' ')

function layerStyle(position: 'absolute' | 'fixed'): string {
  return `position: ${position}; left: 0px; top: 0px; width: 0px; height: 0px; contain: layout style;`
}

function boxStyle(box: OverlayBox, originX: number, originY: number): string {
  return `left: ${box.left - originX}px; top: ${box.top - originY}px; width: ${box.width}px; height: ${box.height}px;`
}

export class MarkOverlay {
  readonly #document: Document
  readonly #lifetime = new AbortController()
  #host: HTMLDivElement | null = null
  #layer: ShadowRoot | null = null
  /** Scrolls with the document. */
  #pageLayer: HTMLDivElement | null = null
  /** Stays with the viewport. */
  #viewportLayer: HTMLDivElement | null = null
  #hostStyle = ''
  readonly #elements: HTMLDivElement[] = []
  readonly #styles: string[] = []
  #boxes: readonly OverlayBox[] = []
  /** Told when the host is moved, removed or restyled: the next draw puts it back. */
  readonly #onTamper: () => void
  #watcher: MutationObserver | null = null

  constructor(document: Document, onTamper: () => void) {
    this.#document = document
    this.#onTamper = onTamper
  }

  /** What is drawn now, and the elements drawing it (same order). */
  get boxes(): readonly OverlayBox[] {
    return this.#boxes
  }

  get boxElements(): readonly HTMLElement[] {
    return this.#elements
  }

  /** Replaces every box; the host is made (on the first box) or repaired (if the page touched it) first. */
  render(boxes: readonly OverlayBox[]): void {
    if (this.#lifetime.signal.aborted) return
    if (this.#host === null && boxes.length === 0) return
    this.#ensureHost()
    const pageLayer = this.#pageLayer!
    const viewportLayer = this.#viewportLayer!
    // The page layer's is minus the document's scroll; where a page's transform or position on <html> moves the host, both move.
    const pageOrigin = pageLayer.getBoundingClientRect()
    const viewportOrigin = viewportLayer.getBoundingClientRect()
    for (let index = 0; index < boxes.length; index++) {
      const box = boxes[index]!
      const layer = box.isViewportBound ? viewportLayer : pageLayer
      const origin = box.isViewportBound ? viewportOrigin : pageOrigin
      let element = this.#elements[index]
      if (element === undefined) {
        element = this.#document.createElement('div')
        this.#elements.push(element)
        this.#styles.push('')
      }
      if (element.parentNode !== layer) layer.append(element)
      if (element.getAttribute(TONE_ATTRIBUTE) !== box.tone) element.setAttribute(TONE_ATTRIBUTE, box.tone)
      const mark = String(box.mark)
      if (element.getAttribute(MARK_ATTRIBUTE) !== mark) element.setAttribute(MARK_ATTRIBUTE, mark)
      const style = boxStyle(box, origin.left, origin.top)
      if (this.#styles[index] !== style) {
        element.style.cssText = style
        this.#styles[index] = style
      }
    }
    while (this.#elements.length > boxes.length) {
      this.#elements.pop()!.remove()
      this.#styles.pop()
    }
    this.#boxes = boxes
  }

  dispose(): void {
    this.#lifetime.abort()
    this.#watcher?.disconnect()
    this.#host?.remove()
    this.#host = null
    this.#layer = null
    this.#pageLayer = null
    this.#viewportLayer = null
    this.#elements.length = 0
    this.#styles.length = 0
    this.#boxes = []
  }

  #ensureHost(): HTMLDivElement {
    const root = this.#document.documentElement
    let host = this.#host
    if (host === null) {
      host = this.#document.createElement('div')
      // CSSOM, not a style attribute: a page's CSP without 'unsafe-inline' blocks the latter.
      host.style.cssText = HOST_STYLE
      this.#hostStyle = host.style.cssText
      this.#layer = host.attachShadow({ mode: 'closed' })
      const sheet = new CSSStyleSheet()
      sheet.replaceSync(MARK_CSS)
      this.#layer.adoptedStyleSheets = [sheet]
      this.#pageLayer = this.#document.createElement('div')
      this.#pageLayer.style.cssText = layerStyle('absolute')
      this.#viewportLayer = this.#document.createElement('div')
      this.#viewportLayer.style.cssText = layerStyle('fixed')
      this.#layer.append(this.#pageLayer, this.#viewportLayer)
      this.#host = host
      this.#watcher = new MutationObserver(() => this.#onTamper())
    } else if (host.parentNode === root && host.attributes.length === 1 && host.style.cssText === this.#hostStyle) {
      return host
    }
    for (const attribute of [...host.attributes]) if (attribute.name !== 'style') host.removeAttribute(attribute.name)
    host.style.cssText = HOST_STYLE
    if (host.parentNode !== root) root.append(host)
    this.#watcher!.disconnect()
    this.#watcher!.observe(host, { attributes: true })
    this.#watcher!.observe(root, { childList: true })
    return host
  }
}
