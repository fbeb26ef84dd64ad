// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { createAreaReader, type AreaSource } from './visible-area.ts'

// happy-dom computes longhands only as written: the tests write overflow-x and overflow-y.

/** A box with client sizes, as the browser would lay it out (happy-dom has no layout). */
function laidOut(element: HTMLElement, box: { left: number; top: number; width: number; height: number }, border = 0): HTMLElement {
  Object.defineProperties(element, {
    offsetWidth: { value: box.width }, offsetHeight: { value: box.height },
    clientLeft: { value: border }, clientTop: { value: border },
    clientWidth: { value: box.width - 2 * border }, clientHeight: { value: box.height - 2 * border },
  })
  boxes.set(element, box)
  return element
}

const boxes = new Map<Element, { left: number; top: number; width: number; height: number }>()

function source(reads: Element[] = []): AreaSource {
  return {
    style: (element) => {
      reads.push(element)
      return getComputedStyle(element)
    },
    rect: (element) => boxes.get(element) ?? { left: 0, top: 0, width: 0, height: 0 },
  }
}

function element(style: string, parent: Element = document.body): HTMLElement {
  const child = document.createElement('div')
  child.style.cssText = style
  parent.append(child)
  return child
}

afterEach(() => {
  boxes.clear()
  document.body.replaceChildren()
})

describe('createAreaReader', () => {
  it('cuts content to the padding box of each clipping container, per axis, and not by the document\'s own scroller', () => {
    document.body.style.cssText = 'overflow-x: auto; overflow-y: auto'
    const scroller = laidOut(element('overflow-x: auto; overflow-y: auto'), { left: 20, top: 100, width: 504, height: 104 }, 2)
    const row = laidOut(element('overflow-x: clip', scroller), { left: 0, top: 50, width: 300, height: 1000 })
    const text = element('', row)
    expect(createAreaReader(source()).areaOf(text)).toEqual({
      clip: { left: 22, top: 102, right: 300, bottom: 202 },
      isViewportBound: false,
    })
  })

  it('lets an absolute box escape the static containers around it, and a fixed one all but a transformed one', () => {
    const clipping = laidOut(element('overflow-x: hidden; overflow-y: hidden'), { left: 0, top: 0, width: 100, height: 100 })
    const positioned = laidOut(element('overflow-x: hidden; overflow-y: hidden; position: relative', clipping), { left: 10, top: 10, width: 50, height: 50 })
    const staticBox = laidOut(element('overflow-x: hidden; overflow-y: hidden', positioned), { left: 20, top: 20, width: 10, height: 10 })
    const absolute = element('position: absolute', staticBox)
    const fixed = element('position: fixed', staticBox)
    const reader = createAreaReader(source())
    expect(reader.areaOf(absolute)).toEqual({ clip: { left: 10, top: 10, right: 60, bottom: 60 }, isViewportBound: false })
    expect(reader.areaOf(fixed).isViewportBound).toBe(true)
    expect(reader.areaOf(fixed).clip.right).toBe(Number.POSITIVE_INFINITY)

    positioned.style.transform = 'translateX(5px)'
    const inTransformed = element('position: fixed', staticBox)
    expect(createAreaReader(source()).areaOf(inTransformed)).toEqual({ clip: { left: 10, top: 10, right: 60, bottom: 60 }, isViewportBound: false })
  })

  it('reads each container once per reader, and tells sticky boxes and pointer-transparent text', () => {
    const scroller = laidOut(element('overflow-x: auto; overflow-y: auto'), { left: 0, top: 0, width: 100, height: 100 })
    const sticky = element('position: sticky; top: 0', scroller)
    const first = element('pointer-events: none', sticky)
    const second = element('', sticky)
    const reads: Element[] = []
    const reader = createAreaReader(source(reads))
    expect(reader.areaOf(first).isViewportBound).toBe(true)
    expect(reader.areaOf(second).isViewportBound).toBe(true)
    expect(reader.isPointerTransparent(first)).toBe(true)
    expect(reader.isPointerTransparent(second)).toBe(false)
    expect(reads.filter((read) => read === scroller)).toHaveLength(1)
    expect(reads.filter((read) => read === sticky)).toHaveLength(1)
  })
})
