// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { drawnTones, fakeEnvironment, layout, MD5, overlayDrawing, paragraphWithMarks, SHA1 } from './highlighter-test-support.ts'
import { createMark, type Mark, type MarkState, type NewMark } from './mark-index.ts'
import { afterFirstCall, browserDrawEnvironment, elementsTopmostFirst, MarkPainter, type DrawEnvironment } from './mark-painter.ts'

const painters: MarkPainter[] = []
const UNCLIPPED = { left: Number.NEGATIVE_INFINITY, top: Number.NEGATIVE_INFINITY, right: Number.POSITIVE_INFINITY, bottom: Number.POSITIVE_INFINITY }

function newPainter(environment: DrawEnvironment): MarkPainter {
  const painter = new MarkPainter(environment, () => [document])
  painters.push(painter)
  return painter
}

function addMark(painter: MarkPainter, newMark: NewMark): Mark {
  const mark = createMark(newMark)
  painter.add(mark)
  return mark
}

function setState(painter: MarkPainter, mark: Mark, state: MarkState | null): void {
  mark.state = state
  painter.queueDraw(mark)
}

/** A painter whose layout redraws wait for `frames` to be run, as the browser's animation frames would. */
function framedPainter(base: DrawEnvironment = fakeEnvironment()): { painter: MarkPainter; frames: Array<() => void>; layoutChanged: (isMutation?: boolean) => void } {
  const frames: Array<() => void> = []
  let onChange: (isMutation: boolean) => void = () => undefined
  const environment: DrawEnvironment = {
    ...base,
    requestFrame: (callback) => frames.push(callback),
    watchLayout: (callback) => {
      onChange = callback
      return { watchTree: () => undefined }
    },
  }
  return { painter: newPainter(environment), frames, layoutChanged: (isMutation = false) => onChange(isMutation) }
}

afterEach(() => {
  for (const painter of painters.splice(0)) painter.dispose()
  document.body.replaceChildren()
})

describe('MarkPainter', () => {
  it('draws only marks near the viewport, and all changes of a burst in one scheduled draw', () => {
    const environment = fakeEnvironment()
    const draws: Array<() => void> = []
    let report: ((changes: ReadonlyArray<{ element: Element; isNear: boolean }>) => void) | null = null
    const observed = new Set<Element>()
    environment.scheduleDraw = (draw) => draws.push(draw)
    environment.createProximityObserver = (onChange) => {
      report = onChange
      return { observe: (element) => observed.add(element), unobserve: (element) => observed.delete(element), disconnect: () => observed.clear() }
    }
    const painter = newPainter(environment)
    const near = paragraphWithMarks([MD5], [MD5])
    const far = paragraphWithMarks([SHA1], [SHA1])
    const nearMark = addMark(painter, near.marks[0]!)
    const farMark = addMark(painter, far.marks[0]!)
    expect(observed).toEqual(new Set([near.paragraph, far.paragraph]))
    report!([{ element: near.paragraph, isNear: true }, { element: far.paragraph, isNear: false }])
    setState(painter, nearMark, 'malicious')
    setState(painter, farMark, 'pending')
    setState(painter, farMark, 'known')
    // Nothing is drawn until the scheduler says so, and then in one go; the page gets its host only then.
    expect(overlayDrawing().host).toBeNull()
    expect(draws).toHaveLength(1)
    draws.shift()!()
    expect(drawnTones()).toEqual({ malicious: 1 })

    // Scrolled: the far mark comes in, the near one goes out.
    report!([{ element: near.paragraph, isNear: false }, { element: far.paragraph, isNear: true }])
    draws.shift()!()
    expect(drawnTones()).toEqual({ known: 1 })

    setState(painter, farMark, null)
    painter.remove(farMark)
    draws.shift()!()
    expect(drawnTones()).toEqual({})
    expect(observed).toEqual(new Set([near.paragraph]))
  })

  it('does not paint over what covers a mark (a modal, a sticky header, a container clipping it)', () => {
    const painter = newPainter(fakeEnvironment())
    const covered = paragraphWithMarks([MD5], [MD5])
    const open = paragraphWithMarks([SHA1], [SHA1])
    const modal = document.createElement('div')
    document.body.append(modal)
    layout.boxes.set(covered.paragraph, { left: 10, top: 100, width: 300, height: 16 })
    layout.boxes.set(open.paragraph, { left: 10, top: 300, width: 300, height: 16 })
    layout.covers.push({ element: modal, box: { left: 0, top: 50, width: 1000, height: 100 } })
    setState(painter, addMark(painter, covered.marks[0]!), 'malicious')
    setState(painter, addMark(painter, open.marks[0]!), 'known')
    expect(drawnTones()).toEqual({ known: 1 })

    // Below the screen nothing can be hit-tested, nor seen: drawn, so that a scroll shows it at once.
    const below = paragraphWithMarks([MD5], [MD5])
    layout.boxes.set(below.paragraph, { left: 10, top: 2000, width: 300, height: 16 })
    setState(painter, addMark(painter, below.marks[0]!), 'suspicious')
    expect(drawnTones()).toEqual({ known: 1, suspicious: 1 })
  })

  it('draws a mark under its own ancestors (a link stretched over a card), and nothing clipped away or under a sibling', () => {
    const painter = newPainter(fakeEnvironment())
    const card = document.createElement('div')
    document.body.append(card)
    const { paragraph, marks } = paragraphWithMarks([MD5], [MD5])
    card.append(paragraph)
    layout.boxes.set(paragraph, { left: 10, top: 100, width: 300, height: 16 })
    layout.covers.push({ element: card, box: { left: 0, top: 0, width: 1000, height: 200 } })
    const mark = addMark(painter, marks[0]!)
    setState(painter, mark, 'malicious')
    expect(drawnTones()).toEqual({ malicious: 1 })

    // Scrolled out of its container: the point hits only what lies around it.
    layout.boxes.delete(paragraph)
    const rectsOf = () => [{ left: 10, top: 100, width: 300, height: 16 }]
    const clipped = newPainter({ ...fakeEnvironment(), rectsOf })
    layout.covers.push({ element: card, box: { left: 0, top: 0, width: 1000, height: 200 } })
    setState(clipped, addMark(clipped, marks[0]!), 'known')
    expect(drawnTones()).toEqual({})
  })

  it('draws text that hit-testing passes through (pointer-events: none), unless something is over it', () => {
    const base = fakeEnvironment()
    const transparent = new Set<Element>()
    const painter = newPainter({
      ...base,
      elementsAt: (root, x, y) => [...base.elementsAt(root, x, y)].filter((element) => !transparent.has(element)),
      readAreas: () => ({ areaOf: () => ({ clip: UNCLIPPED, isViewportBound: false }), isPointerTransparent: (element) => transparent.has(element) }),
    })
    const open = paragraphWithMarks([MD5], [MD5])
    const covered = paragraphWithMarks([SHA1], [SHA1])
    transparent.add(open.paragraph).add(covered.paragraph)
    const modal = document.createElement('div')
    document.body.append(modal)
    layout.boxes.set(open.paragraph, { left: 10, top: 100, width: 300, height: 16 })
    layout.boxes.set(covered.paragraph, { left: 10, top: 300, width: 300, height: 16 })
    layout.covers.push({ element: modal, box: { left: 0, top: 250, width: 1000, height: 100 } })
    setState(painter, addMark(painter, open.marks[0]!), 'malicious')
    setState(painter, addMark(painter, covered.marks[0]!), 'known')
    expect(drawnTones()).toEqual({ malicious: 1 })
  })

  it('cuts each box to what its clipping containers leave, and draws none of a box they hide whole', () => {
    const clip = { left: 50, top: 105, right: 200, bottom: 400 }
    const painter = newPainter({ ...fakeEnvironment(), readAreas: () => ({ areaOf: () => ({ clip, isViewportBound: false }), isPointerTransparent: () => false }) })
    const half = paragraphWithMarks([MD5], [MD5])
    const hidden = paragraphWithMarks([SHA1], [SHA1])
    layout.boxes.set(half.paragraph, { left: 10, top: 100, width: 300, height: 16 })
    layout.boxes.set(hidden.paragraph, { left: 10, top: 500, width: 300, height: 16 })
    setState(painter, addMark(painter, half.marks[0]!), 'malicious')
    setState(painter, addMark(painter, hidden.marks[0]!), 'known')
    expect(overlayDrawing().boxes.map((box) => `${box.tone} ${box.style}`)).toEqual(['malicious left: 50px; top: 105px; width: 150px; height: 11px;'])
  })

  it('draws one box per line, where the text is', () => {
    const environment = fakeEnvironment()
    const lines = [
      { left: 200, top: 40, width: 80, height: 16 },
      { left: 280, top: 40, width: 60, height: 16 },
      { left: 10, top: 56, width: 120, height: 16 },
    ]
    const painter = newPainter({ ...environment, rectsOf: () => lines })
    const { paragraph, marks } = paragraphWithMarks([MD5], [MD5])
    layout.boxes.set(paragraph, { left: 0, top: 0, width: 1000, height: 100 })
    setState(painter, addMark(painter, marks[0]!), 'error')
    expect(overlayDrawing().boxes.map((box) => box.style)).toEqual([
      'left: 200px; top: 40px; width: 140px; height: 16px;',
      'left: 10px; top: 56px; width: 120px; height: 16px;',
    ])
    expect(new Set(overlayDrawing().boxes.map((box) => box.tone))).toEqual(new Set(['error']))
  })

  it('lays out only the part of a big block within a screen of the viewport, unless its lines do not run top to bottom', async () => {
    const hashes = Array.from({ length: 300 }, (_, index) => `${index.toString(16).padStart(4, '0')}${'e'.repeat(28)}`)
    for (const isUpsideDown of [false, true]) {
      const environment = fakeEnvironment()
      const { paragraph, marks } = paragraphWithMarks([hashes.join('\n')], hashes)
      layout.boxes.set(paragraph, { left: 0, top: -10_000, width: 1000, height: 20_000 })
      // Line i of the block at -3000 + 20i (upside down: 3000 - 20i); the viewport is 800 px tall.
      const lineOf = (span: { startOffset: number }) => Math.round(span.startOffset / (MD5.length + 1))
      let rectReads = 0
      const painter = newPainter({
        ...environment,
        rectsOf: (span) => {
          rectReads++
          const line = lineOf(span)
          return [{ left: 10, top: isUpsideDown ? 3000 - 20 * line : -3000 + 20 * line, width: 300, height: 16 }]
        },
        createProximityObserver: (onChange) => ({ observe: (element) => queueMicrotask(() => onChange([{ element, isNear: true }])), unobserve: () => undefined, disconnect: () => undefined }),
      })
      const added = marks.map((mark) => addMark(painter, mark))
      await Promise.resolve()
      for (const mark of added.slice(0, -1)) setState(painter, mark, 'known')
      rectReads = 0
      setState(painter, added.at(-1)!, 'known')
      // This draw read the window's marks and a binary search's probes; upside down, every mark.
      if (isUpsideDown) expect(rectReads).toBeGreaterThanOrEqual(300)
      else expect(rectReads).toBeLessThan(121 + 40)
      const drawnLines = [...new Set(overlayDrawing().boxes.map((box) => Number(/top: (-?\d+)px/.exec(box.style)![1])))].sort((a, b) => a - b)
      if (isUpsideDown) {
        expect(drawnLines).toHaveLength(300)
      } else {
        // Boxes from -800 to 1600 (a screen above and below), not the 300 lines from -3000 to 2980.
        expect(drawnLines[0]).toBe(-800)
        expect(drawnLines.at(-1)).toBe(1600)
        expect(drawnLines).toHaveLength(121)
      }
      painter.dispose()
      document.body.replaceChildren()
    }
  })

  it('follows layout changes in the next frame, once for many changes', () => {
    const { painter, frames, layoutChanged } = framedPainter()
    const { paragraph, marks } = paragraphWithMarks([MD5], [MD5])
    setState(painter, addMark(painter, marks[0]!), 'unknown')
    expect(overlayDrawing().boxes.map((box) => box.style)).toEqual(['left: 10px; top: 10px; width: 300px; height: 16px;'])
    layout.boxes.set(paragraph, { left: 10, top: 400, width: 300, height: 16 })
    layoutChanged()
    layoutChanged()
    expect(frames).toHaveLength(1)
    frames.shift()!()
    expect(overlayDrawing().boxes.map((box) => box.style)).toEqual(['left: 10px; top: 400px; width: 300px; height: 16px;'])
  })

  it('redraws a page that keeps changing at most every 200 ms, the first change in the next frame', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] })
    try {
      const { painter, frames, layoutChanged } = framedPainter()
      setState(painter, addMark(painter, paragraphWithMarks([MD5], [MD5]).marks[0]!), 'known')
      layoutChanged(true)
      expect(frames).toHaveLength(1)
      frames.shift()!()
      vi.advanceTimersByTime(50)
      layoutChanged(true)
      layoutChanged(true)
      expect(frames).toHaveLength(0)
      // A scroll is not held back.
      layoutChanged(false)
      expect(frames).toHaveLength(1)
      frames.shift()!()
      vi.advanceTimersByTime(149)
      expect(frames).toHaveLength(0)
      vi.advanceTimersByTime(1)
      expect(frames).toHaveLength(1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('redraws a flooding page\'s changes at most once a second once told to, its scrolls still at once', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] })
    try {
      const { painter, frames, layoutChanged } = framedPainter()
      setState(painter, addMark(painter, paragraphWithMarks([MD5], [MD5]).marks[0]!), 'known')
      painter.slowMutationRedrawsTo(1000)
      layoutChanged(true)
      frames.shift()!()
      layoutChanged(true)
      vi.advanceTimersByTime(999)
      expect(frames).toHaveLength(0)
      vi.advanceTimersByTime(1)
      expect(frames).toHaveLength(1)
      frames.shift()!()
      layoutChanged(false)
      expect(frames).toHaveLength(1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('puts its host back, unstyled by the page, when the page removes or restyles it', async () => {
    const { painter, frames } = framedPainter()
    setState(painter, addMark(painter, paragraphWithMarks([MD5], [MD5]).marks[0]!), 'malicious')
    const { host } = overlayDrawing()
    const style = (host as HTMLElement).style.cssText
    expect(style).toContain('position: fixed !important')
    expect(style).toContain('pointer-events: none !important')

    host!.remove()
    await Promise.resolve()
    expect(frames).toHaveLength(1)
    frames.shift()!()
    expect(host!.parentNode).toBe(document.documentElement)

    const element = host as HTMLElement
    element.style.cssText = 'display: none !important'
    element.setAttribute('hidden', '')
    element.className = 'hide'
    await Promise.resolve()
    frames.shift()!()
    expect(element.style.cssText).toBe(style)
    expect([...element.attributes].map((attribute) => attribute.name)).toEqual(['style'])
    expect(drawnTones()).toEqual({ malicious: 1 })
  })

  it('removes its host on dispose', () => {
    const painter = newPainter(fakeEnvironment())
    setState(painter, addMark(painter, paragraphWithMarks([MD5], [MD5]).marks[0]!), 'known')
    const { host } = overlayDrawing()
    expect(host?.isConnected).toBe(true)
    painter.dispose()
    expect(host?.isConnected).toBe(false)
  })

  it('hit-tests a box again only once something moved or may have, or 3 s later: a verdict alone reuses the answer', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] })
    try {
      const base = fakeEnvironment()
      const hitTests: Array<[number, number]> = []
      const { painter, frames, layoutChanged } = framedPainter({
        ...base,
        elementsAt: (root, x, y) => {
          hitTests.push([x, y])
          return base.elementsAt(root, x, y)
        },
      })
      const mark = addMark(painter, paragraphWithMarks([MD5], [MD5]).marks[0]!)
      setState(painter, mark, 'pending')
      setState(painter, mark, 'malicious')
      expect(hitTests).toHaveLength(1)
      expect(drawnTones()).toEqual({ malicious: 1 })

      // A modal opened by a DOM change: the next draw tests again and leaves the mark out.
      const modal = document.createElement('div')
      document.body.append(modal)
      layout.covers.push({ element: modal, box: { left: 0, top: 0, width: 1000, height: 800 } })
      layoutChanged(true)
      frames.shift()!()
      expect(hitTests).toHaveLength(2)
      expect(drawnTones()).toEqual({})

      layout.covers = []
      layoutChanged(false)
      frames.shift()!()
      expect(drawnTones()).toEqual({ malicious: 1 })
      setState(painter, mark, 'known')
      expect(hitTests).toHaveLength(3)

      // A :hover menu: the pointer moved, no DOM changed.
      layout.covers.push({ element: modal, box: { left: 0, top: 0, width: 1000, height: 800 } })
      modal.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }))
      setState(painter, mark, 'suspicious')
      expect(hitTests).toHaveLength(4)
      expect(drawnTones()).toEqual({})

      // A cover with no sign at all (a script's CSSOM edit) is seen after at most 3 s.
      layout.covers = []
      vi.advanceTimersByTime(2999)
      setState(painter, mark, 'known')
      expect(hitTests).toHaveLength(4)
      expect(drawnTones()).toEqual({})
      vi.advanceTimersByTime(2)
      setState(painter, mark, 'malicious')
      expect(hitTests).toHaveLength(5)
      expect(drawnTones()).toEqual({ malicious: 1 })
    } finally {
      vi.useRealTimers()
    }
  })

  it('is not redrawn by its own host coming in, only by the page\'s changes', async () => {
    const frames: Array<() => void> = []
    const browser = browserDrawEnvironment(undefined, false)!
    const painter = newPainter({ ...browser, ...fakeEnvironment(), requestFrame: (callback) => frames.push(callback) })
    setState(painter, addMark(painter, paragraphWithMarks([MD5], [MD5]).marks[0]!), 'known')
    expect(overlayDrawing().host?.isConnected).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(frames).toHaveLength(0)

    document.body.append(document.createElement('div'))
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(frames).toHaveLength(1)
  })
})

describe('elementsTopmostFirst', () => {
  it('hit-tests the whole list only when asked for more than the topmost element', () => {
    const [top, below, html] = [document.createElement('div'), document.createElement('p'), document.documentElement]
    let listTests = 0
    const root = {
      elementFromPoint: () => top,
      elementsFromPoint: () => {
        listTests++
        return [top, below, html]
      },
    } as unknown as Document
    for (const element of elementsTopmostFirst(root, 1, 1)) {
      expect(element).toBe(top)
      break
    }
    expect(listTests).toBe(0)
    expect([...elementsTopmostFirst(root, 1, 1)]).toEqual([top, below, html])
    expect(listTests).toBe(1)
  })
})

describe('afterFirstCall', () => {
  it('passes on every call but the first', () => {
    let calls = 0
    const callback = afterFirstCall(() => calls++)
    callback()
    expect(calls).toBe(0)
    callback()
    callback()
    expect(calls).toBe(2)
  })
})
