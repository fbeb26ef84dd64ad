/**
 * Where verdict colours are drawn: boxes in a closed shadow root on a plain `div` (a custom element name could be
 * pre-defined by the page) that stays 0×0 at the viewport's origin, so nothing a page's script can read (DOM,
 * attributes, styles, geometry, hit-testing) depends on what is drawn. The boxes sit in a viewport-sized clip: the
 * host's scrollWidth/scrollHeight, which count what overflows it, read the viewport's size whatever is drawn.
 * Issue 12, point 1.
 */
import type { VerdictTone } from '../shared/verdict-tone.ts'
import { MARK_ATTRIBUTE, MARK_CSS, PULSE_ATTRIBUTE, TONE_ATTRIBUTE } from './highlight-rules.ts'
import { adoptStyles } from './shadow-styles.ts'

/** One band of a mark, in viewport coordinates. */
export interface OverlayBox {
  /** Which mark it belongs to (a mark over two lines draws two boxes). */
  mark: number
  tone: VerdictTone
  left: number
  top: number
  width: number
  height: number
}

/**
 * `all: initial` first so no page rule reaches it; `!important` inline wins over any page `!important` rule.
 * Layout containment keeps the boxes' layout from dirtying the page's.
 */
const HOST_STYLE = [
  'all: initial', 'display: block', 'position: fixed', 'top: 0px', 'left: 0px', 'width: 0px', 'height: 0px',
  'overflow: visible', 'pointer-events: none', 'z-index: 2147483647', 'contain: layout style',
].map((declaration) => `${declaration} !important;`).join(' ')

/** A `section`, not a `div`: MARK_CSS styles every `div` of the layer as a box. */
function clipStyle(originX: number, originY: number): string {
  return `position: absolute; left: ${-originX}px; top: ${-originY}px; width: 100vw; height: 100vh; overflow: clip; margin: 0; padding: 0; border: 0; pointer-events: none;`
}

function boxStyle(box: OverlayBox): string {
  return `left: ${box.left}px; top: ${box.top}px; width: ${box.width}px; height: ${box.height}px;`
}

export class MarkOverlay {
  readonly #document: Document
  readonly #lifetime = new AbortController()
  #host: HTMLDivElement | null = null
  #layer: ShadowRoot | null = null
  /** The viewport's area, in which boxes are placed in viewport coordinates. */
  #clip: HTMLElement | null = null
  #clipStyle = ''
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

  isOwnNode(node: Node): boolean {
    return node === this.#host
  }

  /** The mark whose boxes pulse (null: none), from the next render on. */
  pulsing: number | null = null

  /** Replaces every box; the host is made (on the first box) or repaired (if the page touched it) first. */
  render(boxes: readonly OverlayBox[]): void {
    if (this.#lifetime.signal.aborted) return
    if (this.#host === null && boxes.length === 0) return
    const host = this.#ensureHost()
    const clip = this.#clip!
    // Zero normally; where a page's transform on <html> makes it the containing block, the host moves with it.
    const origin = host.getBoundingClientRect()
    const wantedClipStyle = clipStyle(origin.left, origin.top)
    if (this.#clipStyle !== wantedClipStyle) {
      clip.style.cssText = wantedClipStyle
      this.#clipStyle = wantedClipStyle
    }
    for (let index = 0; index < boxes.length; index++) {
      const box = boxes[index]!
      let element = this.#elements[index]
      if (element === undefined) {
        element = this.#document.createElement('div')
        this.#elements.push(element)
        this.#styles.push('')
        clip.append(element)
      }
      if (element.getAttribute(TONE_ATTRIBUTE) !== box.tone) element.setAttribute(TONE_ATTRIBUTE, box.tone)
      const mark = String(box.mark)
      if (element.getAttribute(MARK_ATTRIBUTE) !== mark) element.setAttribute(MARK_ATTRIBUTE, mark)
      const isPulsing = box.mark === this.pulsing
      if (element.hasAttribute(PULSE_ATTRIBUTE) !== isPulsing) element.toggleAttribute(PULSE_ATTRIBUTE, isPulsing)
      const style = boxStyle(box)
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
    this.#clip = null
    this.#clipStyle = ''
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
      adoptStyles(this.#layer, MARK_CSS)
      this.#clip = this.#document.createElement('section')
      this.#layer.append(this.#clip)
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
