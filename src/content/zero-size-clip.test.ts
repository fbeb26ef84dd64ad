// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { createClipperFinder, findZeroSizeClipper, type BoxSize, type ClipLayout, type ClipStyle } from './zero-size-clip.ts'

interface FakeBox {
  style?: Partial<ClipStyle>
  client?: BoxSize
  border?: BoxSize
}

const STATIC_BLOCK: ClipStyle = { display: 'block', position: 'static', overflowX: 'visible', overflowY: 'visible', clip: 'auto', clipPath: 'none' }
const ROOMY: BoxSize = { width: 300, height: 40 }

/** happy-dom lays nothing out: each element's computed style and sizes are what the test says, and reads are counted. */
function fakeLayout(boxes: Map<Element, FakeBox>) {
  const reads = { style: 0, size: 0 }
  const layout: ClipLayout = {
    styleOf: (element) => {
      reads.style++
      return { ...STATIC_BLOCK, ...boxes.get(element)?.style }
    },
    clientSizeOf: (element) => {
      reads.size++
      return boxes.get(element)?.client ?? ROOMY
    },
    borderBoxOf: (element) => {
      reads.size++
      return boxes.get(element)?.border ?? boxes.get(element)?.client ?? ROOMY
    },
  }
  return { layout, reads }
}

function nest(...tags: string[]): Element[] {
  const elements = tags.map((tag) => document.createElement(tag))
  for (let index = 1; index < elements.length; index++) elements[index - 1]!.append(elements[index]!)
  document.body.append(elements[0]!)
  elements.at(-1)!.append('d41d8cd98f00b204e9800998ecf8427e')
  return elements
}

afterEach(() => document.body.replaceChildren())

describe('findZeroSizeClipper', () => {
  it('finds an ancestor of zero size that clips its overflow, and reads sizes only of boxes that clip', () => {
    const [outer, middle, text] = nest('div', 'div', 'p')
    const { layout, reads } = fakeLayout(new Map([
      [outer!, { style: { overflowX: 'hidden', overflowY: 'hidden' }, client: { width: 0, height: 0 } }],
      [middle!, { client: { width: 0, height: 0 } }],
    ]))
    expect(findZeroSizeClipper(text!, layout)).toBe(outer)
    expect(reads.size).toBe(1)
  })

  it('takes a box clipped in one axis only for hidden when that axis is empty (max-height: 0)', () => {
    const [panel, text] = nest('div', 'p')
    const boxes = new Map<Element, FakeBox>([[panel!, { style: { overflowX: 'visible', overflowY: 'hidden' }, client: { width: 300, height: 0 } }]])
    expect(findZeroSizeClipper(text!, fakeLayout(boxes).layout)).toBe(panel)
    boxes.set(panel!, { style: { overflowX: 'visible', overflowY: 'hidden' }, client: { width: 0, height: 120 } })
    expect(findZeroSizeClipper(text!, fakeLayout(boxes).layout)).toBeNull()
  })

  it('leaves text shown when the empty box does not clip, is inline or display: contents', () => {
    const [outer, inline, contents, text] = nest('div', 'span', 'div', 'span')
    const { layout } = fakeLayout(new Map([
      [outer!, { client: { width: 0, height: 0 } }],
      [inline!, { style: { display: 'inline', overflowX: 'hidden', overflowY: 'hidden' }, client: { width: 0, height: 0 } }],
      [contents!, { style: { display: 'contents', overflowX: 'hidden', overflowY: 'hidden' }, client: { width: 0, height: 0 } }],
      [text!, { style: { display: 'inline' } }],
    ]))
    expect(findZeroSizeClipper(text!, layout)).toBeNull()
  })

  it('finds the visually-hidden pattern: a 1×1 px absolute box with clip: rect(0 0 0 0) or clip-path: inset(50%)', () => {
    const [srOnly, text] = nest('div', 'span')
    const tiny = { width: 1, height: 1 }
    const boxes = new Map<Element, FakeBox>([[srOnly!, { style: { position: 'absolute', clip: 'rect(0px, 0px, 0px, 0px)' }, client: ROOMY }]])
    expect(findZeroSizeClipper(text!, fakeLayout(boxes).layout)).toBe(srOnly)
    boxes.set(srOnly!, { style: { position: 'absolute', clipPath: 'inset(50%)' }, client: ROOMY })
    expect(findZeroSizeClipper(text!, fakeLayout(boxes).layout)).toBe(srOnly)
    boxes.set(srOnly!, { style: { position: 'absolute', overflowX: 'hidden', overflowY: 'hidden' }, client: tiny })
    expect(findZeroSizeClipper(text!, fakeLayout(boxes).layout)).toBe(srOnly)
    // `clip` on a box that is not absolutely positioned does nothing; a partial inset shows the rest.
    boxes.set(srOnly!, { style: { clip: 'rect(0px, 0px, 0px, 0px)', clipPath: 'inset(10px 20%)' }, client: ROOMY })
    expect(findZeroSizeClipper(text!, fakeLayout(boxes).layout)).toBeNull()
    boxes.set(srOnly!, { style: { position: 'absolute', clip: 'rect(0px, auto, auto, 0px)' }, client: ROOMY })
    expect(findZeroSizeClipper(text!, fakeLayout(boxes).layout)).toBeNull()
  })

  it('lets an absolute box escape the overflow of ancestors below its containing block, and a fixed box all of them', () => {
    const [positioned, empty, floating, text] = nest('div', 'div', 'div', 'p')
    const emptyClip = { style: { overflowX: 'hidden', overflowY: 'hidden' }, client: { width: 0, height: 0 } }
    const boxes = new Map<Element, FakeBox>([[empty!, emptyClip], [floating!, { style: { position: 'absolute' } }]])
    expect(findZeroSizeClipper(text!, fakeLayout(boxes).layout)).toBeNull()
    boxes.set(positioned!, { ...emptyClip, style: { ...emptyClip.style, position: 'relative' } })
    expect(findZeroSizeClipper(text!, fakeLayout(boxes).layout)).toBe(positioned)
    boxes.set(floating!, { style: { position: 'fixed' } })
    expect(findZeroSizeClipper(text!, fakeLayout(boxes).layout)).toBeNull()
    // clip-path clips whatever is painted inside it, fixed boxes too.
    boxes.set(positioned!, { style: { clipPath: 'inset(50%)' } })
    expect(findZeroSizeClipper(text!, fakeLayout(boxes).layout)).toBe(positioned)
  })

  it('never takes <body> for a clipper, and crosses shadow roots to the host', () => {
    const host = document.createElement('div')
    const inner = document.createElement('p')
    host.attachShadow({ mode: 'open' }).append(inner)
    document.body.append(host)
    const emptyClip = { style: { overflowX: 'hidden', overflowY: 'hidden' } as Partial<ClipStyle>, client: { width: 0, height: 0 } }
    const boxes = new Map<Element, FakeBox>([[document.body, emptyClip]])
    expect(findZeroSizeClipper(inner, fakeLayout(boxes).layout)).toBeNull()
    boxes.set(host, emptyClip)
    expect(findZeroSizeClipper(inner, fakeLayout(boxes).layout)).toBe(host)
  })

  it('shares the ancestors of one task between elements, and forgets them after it', async () => {
    const [outer, first] = nest('section', 'p')
    const second = document.createElement('p')
    outer!.append(second)
    const boxes = new Map<Element, FakeBox>()
    const { layout, reads } = fakeLayout(boxes)
    const clipperOf = createClipperFinder(layout)
    expect(clipperOf(first!)).toBeNull()
    const afterFirst = reads.style
    expect(clipperOf(second)).toBeNull()
    // Only `second` itself: its parent's answer was known.
    expect(reads.style - afterFirst).toBe(1)
    await Promise.resolve()
    boxes.set(outer!, { style: { overflowX: 'hidden', overflowY: 'hidden' }, client: { width: 0, height: 0 } })
    expect(clipperOf(second)).toBe(outer)
  })
})
