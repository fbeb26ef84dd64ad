/**
 * Where an element's content can be seen: what every overflow-clipping box in its containing-block chain (scroll
 * containers, overflow hidden/clip, paint containment) leaves of it, so a mark half scrolled out of its container is
 * drawn only where its text shows. One reader per draw: each container's style and box are read once.
 */
import { CLIPPING_OVERFLOW, flatTreeParent } from './zero-size-clip.ts'

/** Viewport coordinates; empty when right <= left or bottom <= top. */
export interface ClipRect {
  left: number
  top: number
  right: number
  bottom: number
}

export interface VisibleArea {
  /** Not yet cut to the viewport. */
  clip: ClipRect
  /** In a fixed or sticky box: it does not move with the document's scroll as the rest of the page does. */
  isViewportBound: boolean
}

export interface AreaReader {
  areaOf(element: Element): VisibleArea
  /** `pointer-events: none`: hit-testing passes through its text, which elementsFromPoint then never returns. */
  isPointerTransparent(element: Element): boolean
}

/** What the reader needs from the browser: injected so it is testable without layout. */
export interface AreaSource {
  style(element: Element): CSSStyleDeclaration
  /** The border box, in viewport coordinates. */
  rect(element: Element): { left: number; top: number; width: number; height: number }
}

/** The initial containing block's content: clipped by the viewport only, which the painter applies where it needs to. */
const UNCLIPPED: VisibleArea = {
  clip: { left: Number.NEGATIVE_INFINITY, top: Number.NEGATIVE_INFINITY, right: Number.POSITIVE_INFINITY, bottom: Number.POSITIVE_INFINITY },
  isViewportBound: false,
}

const POSITIONED = new Set(['relative', 'absolute', 'fixed', 'sticky'])

/** Properties that make a box the containing block of fixed descendants (and clip nothing by themselves). */
function isFixedContainer(style: CSSStyleDeclaration): boolean {
  return (style.transform !== '' && style.transform !== 'none') || (style.perspective !== '' && style.perspective !== 'none')
    || (style.filter !== '' && style.filter !== 'none') || /\b(?:layout|paint|strict|content)\b/.test(style.contain)
    || /\b(?:transform|perspective|filter)\b/.test(style.willChange)
}

export function intersectClips(a: ClipRect, b: ClipRect): ClipRect {
  return { left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) }
}

export function createAreaReader(source: AreaSource): AreaReader {
  const areas = new Map<Element, VisibleArea>()
  const styles = new Map<Element, CSSStyleDeclaration>()
  const styleOf = (element: Element): CSSStyleDeclaration => {
    let style = styles.get(element)
    if (style === undefined) styles.set(element, (style = source.style(element)))
    return style
  }

  /** The box whose content `element` is laid out in, skipping what does not contain it (an absolute box skips static ones). */
  function containerOf(element: Element, position: string): Element | null {
    let parent = flatTreeParent(element)
    if (position !== 'absolute' && position !== 'fixed') return parent
    while (parent !== null && parent !== element.ownerDocument.documentElement) {
      const style = styleOf(parent)
      if (isFixedContainer(style) || (position === 'absolute' && POSITIONED.has(style.position))) return parent
      parent = flatTreeParent(parent)
    }
    return null
  }

  /** The root's and the body's overflow go to the viewport, which is already the outer clip. */
  function isViewportScroller(element: Element): boolean {
    const { documentElement, body } = element.ownerDocument
    if (element === documentElement) return true
    if (element !== body) return false
    const rootStyle = styleOf(documentElement)
    return !CLIPPING_OVERFLOW.has(rootStyle.overflowX) && !CLIPPING_OVERFLOW.has(rootStyle.overflowY)
  }

  function ownClipOf(element: Element, style: CSSStyleDeclaration): ClipRect | null {
    if (isViewportScroller(element) || style.display === 'inline' || style.display === 'contents') return null
    const isPaintContained = /\b(?:paint|strict|content)\b/.test(style.contain)
    const clipsX = isPaintContained || CLIPPING_OVERFLOW.has(style.overflowX)
    const clipsY = isPaintContained || CLIPPING_OVERFLOW.has(style.overflowY)
    if (!clipsX && !clipsY) return null
    const box = source.rect(element)
    const html = element as HTMLElement
    // A scaled container: its client sizes are in its own pixels, its box in the viewport's.
    const scaleX = html.offsetWidth > 0 ? box.width / html.offsetWidth : 1
    const scaleY = html.offsetHeight > 0 ? box.height / html.offsetHeight : 1
    const left = box.left + html.clientLeft * scaleX
    const top = box.top + html.clientTop * scaleY
    return {
      left: clipsX ? left : Number.NEGATIVE_INFINITY,
      top: clipsY ? top : Number.NEGATIVE_INFINITY,
      right: clipsX ? left + html.clientWidth * scaleX : Number.POSITIVE_INFINITY,
      bottom: clipsY ? top + html.clientHeight * scaleY : Number.POSITIVE_INFINITY,
    }
  }

  function areaOf(element: Element): VisibleArea {
    const known = areas.get(element)
    if (known !== undefined) return known
    const style = styleOf(element)
    const { position } = style
    const container = containerOf(element, position)
    const outer = container === null ? UNCLIPPED : areaOf(container)
    const own = ownClipOf(element, style)
    const area: VisibleArea = {
      clip: own === null ? outer.clip : intersectClips(outer.clip, own),
      isViewportBound: outer.isViewportBound || position === 'sticky' || (position === 'fixed' && container === null),
    }
    areas.set(element, area)
    return area
  }

  return {
    areaOf,
    isPointerTransparent: (element) => styleOf(element).pointerEvents === 'none',
  }
}
