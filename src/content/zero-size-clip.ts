/**
 * Text that `checkVisibility()` calls visible but no one can see: clipped to an empty box (the
 * "visually hidden" pattern, a collapsed `max-height: 0; overflow: hidden` panel). Asked only for
 * elements holding a hash; style reads walk the ancestors, and a box's size is read only where it clips.
 */

/** The computed properties the rule reads (a CSSStyleDeclaration has them all). */
export type ClipStyle = Pick<CSSStyleDeclaration, 'display' | 'position' | 'overflowX' | 'overflowY' | 'clip' | 'clipPath'>

export interface BoxSize {
  width: number
  height: number
}

/** Injectable because DOM emulations compute no layout. */
export interface ClipLayout {
  styleOf: (element: Element) => ClipStyle
  /** The padding box: where `overflow` clips. */
  clientSizeOf: (element: Element) => BoxSize
  /** The border box: what `clip` and `clip-path: inset()` are resolved against. */
  borderBoxOf: (element: Element) => BoxSize
}

/** One pixel shows nothing legible: the visually-hidden pattern is a 1×1 px box. */
const MAX_EMPTY_PX = 1

export const CLIPPING_OVERFLOW: ReadonlySet<string> = new Set(['hidden', 'clip', 'scroll', 'auto'])

/** Boxes `overflow` does not apply to (an inline span with `overflow: hidden` clips nothing). */
const NO_OVERFLOW_DISPLAYS: ReadonlySet<string> = new Set([
  'inline', 'contents', 'table-row', 'table-row-group', 'table-header-group', 'table-footer-group', 'table-column', 'table-column-group',
])

/** Which ancestors' overflow still clips: an absolute box escapes up to its positioned ancestor, a fixed one all of them. */
type Escape = 'none' | 'absolute' | 'fixed'

const browserClipLayout: ClipLayout = {
  styleOf: (element) => getComputedStyle(element),
  clientSizeOf: (element) => ({ width: element.clientWidth, height: element.clientHeight }),
  borderBoxOf: (element) => {
    const rect = element.getBoundingClientRect()
    return { width: rect.width, height: rect.height }
  },
}

/** The parent in the layout (flat) tree: a slot for slotted content, the host for a shadow root's top elements. */
export function flatTreeParent(element: Element): Element | null {
  const parent = element.assignedSlot ?? element.parentElement
  if (parent !== null) return parent
  const node = element.parentNode
  return node !== null && node.nodeType === 11 ? (node as ShadowRoot).host : null
}

/** `10px`, `50%`; null for anything else (calc(), auto). */
function lengthOf(token: string, reference: number): number | null {
  const value = Number.parseFloat(token)
  if (Number.isNaN(value)) return null
  if (token.endsWith('%')) return (value / 100) * reference
  return token.endsWith('px') || value === 0 ? value : null
}

/** `clip: rect(top, right, bottom, left)`: its right/bottom are offsets from the top-left corner. */
function isClipEmpty(clip: string, box: () => BoxSize): boolean {
  const match = /^rect\((.*)\)$/.exec(clip.trim())
  if (!match) return false
  const sides = match[1]!.split(/[\s,]+/).filter(Boolean)
  if (sides.length !== 4) return false
  const size = box()
  const [top, right, bottom, left] = sides.map((side, index) =>
    side === 'auto' ? (index === 1 ? size.width : index === 2 ? size.height : 0) : lengthOf(side, 0))
  if (top == null || right == null || bottom == null || left == null) return false
  return right - left <= MAX_EMPTY_PX || bottom - top <= MAX_EMPTY_PX
}

/** `clip-path: inset(50%)` and kin; other shapes are taken as showing something. */
function isInsetEmpty(clipPath: string, box: () => BoxSize): boolean {
  const match = /^inset\(([^)]*)\)/.exec(clipPath.trim())
  if (!match) return false
  const values = match[1]!.split(/\s+round\s+/)[0]!.split(/\s+/).filter(Boolean)
  if (values.length === 0 || values.length > 4) return false
  const [top, right = top, bottom = top, left = right] = values as [string, string?, string?, string?]
  const size = box()
  const insets = [lengthOf(top, size.height), lengthOf(right!, size.width), lengthOf(bottom!, size.height), lengthOf(left!, size.width)]
  if (insets.some((inset) => inset === null)) return false
  const [insetTop, insetRight, insetBottom, insetLeft] = insets as number[]
  return size.width - insetLeft! - insetRight! <= MAX_EMPTY_PX || size.height - insetTop! - insetBottom! <= MAX_EMPTY_PX
}

function clipsOwnBox(element: Element, style: ClipStyle, position: string, layout: ClipLayout): boolean {
  const box = () => layout.borderBoxOf(element)
  if (style.clipPath !== '' && style.clipPath !== 'none' && isInsetEmpty(style.clipPath, box)) return true
  // `clip` applies to absolutely positioned boxes only.
  const isAbsolute = position === 'absolute' || position === 'fixed'
  return isAbsolute && style.clip !== '' && style.clip !== 'auto' && isClipEmpty(style.clip, box)
}

function clipsOverflowToNothing(element: Element, style: ClipStyle, layout: ClipLayout): boolean {
  // Most boxes let overflow show: `display` is read only for those that clip it.
  const clipsX = CLIPPING_OVERFLOW.has(style.overflowX)
  const clipsY = CLIPPING_OVERFLOW.has(style.overflowY)
  if ((!clipsX && !clipsY) || NO_OVERFLOW_DISPLAYS.has(style.display)) return false
  const size = layout.clientSizeOf(element)
  return (clipsX && size.width <= MAX_EMPTY_PX) || (clipsY && size.height <= MAX_EMPTY_PX)
}

function isPositioned(position: string): boolean {
  return position !== 'static' && position !== ''
}

function escapeAbove(position: string, escape: Escape): Escape {
  if (position === 'fixed') return 'fixed'
  if (position === 'absolute') return 'absolute'
  return escape === 'absolute' && isPositioned(position) ? 'none' : escape
}

/**
 * The element (the text's own or an ancestor's) that clips `element`'s text to an empty box, or
 * null. `<body>` and `<html>` are never taken for one: their overflow may be the viewport's.
 * `memo` (valid while layout cannot change, e.g. one synchronous task) shares ancestors' answers.
 */
export function findZeroSizeClipper(element: Element, layout: ClipLayout, memo?: Map<Element, Element | null>): Element | null {
  const entered: Element[] = []
  let escape: Escape = 'none'
  let clipper: Element | null = null
  for (let current: Element | null = element; current !== null; current = flatTreeParent(current)) {
    const name = current.localName
    if (name === 'body' || name === 'html') break
    if (escape === 'none') {
      const known = memo?.get(current)
      if (known !== undefined) {
        clipper = known
        break
      }
      entered.push(current)
    }
    const style = layout.styleOf(current)
    const position = style.position
    const isOverflowApplied = escape === 'none' || (escape === 'absolute' && isPositioned(position))
    if (clipsOwnBox(current, style, position, layout) || (isOverflowApplied && clipsOverflowToNothing(current, style, layout))) {
      clipper = current
      break
    }
    escape = escapeAbove(position, escape)
  }
  if (memo) for (const visited of entered) memo.set(visited, clipper)
  return clipper
}

/** Shares ancestors' answers within one task: nothing the page does can change layout in between. */
export function createClipperFinder(layout: ClipLayout = browserClipLayout): (element: Element) => Element | null {
  const memo = new Map<Element, Element | null>()
  let isClearQueued = false
  return (element) => {
    if (!isClearQueued) {
      isClearQueued = true
      queueMicrotask(() => {
        memo.clear()
        isClearQueued = false
      })
    }
    return findZeroSizeClipper(element, layout, memo)
  }
}
