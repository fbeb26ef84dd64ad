// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { fakeEnvironment, MD5, paragraphWithMarks, registry, SHA1 } from './highlighter-test-support.ts'
import { VERDICT_TONES } from '../shared/verdict-tone.ts'
import { HIGHLIGHT_CSS } from './highlight-rules.ts'
import { createMark, type Mark, type MarkState, type NewMark } from './mark-index.ts'
import { highlightRulesForEveryElement, MarkPainter, type HighlightEnvironment } from './mark-painter.ts'
import { collectTextBlocks, spanOfMatch } from './text-blocks.ts'

/** The trees holding marks, as the index would report them. */
const roots = new Set<Document | ShadowRoot>()

function newPainter(environment: HighlightEnvironment): MarkPainter {
  roots.clear()
  return new MarkPainter(environment, () => roots)
}

function addMark(painter: MarkPainter, newMark: NewMark): Mark {
  const mark = createMark(newMark, painter.createRange(newMark.span))
  const isFirstInRoot = !roots.has(mark.root)
  roots.add(mark.root)
  painter.add(mark, isFirstInRoot)
  return mark
}

function setState(painter: MarkPainter, mark: Mark, state: MarkState | null): void {
  mark.state = state
  painter.queueDraw(mark)
}

afterEach(() => {
  document.body.replaceChildren()
  document.adoptedStyleSheets = []
})

describe('highlight rules', () => {
  it('puts the same rules on every element for browsers whose highlight styles do not inherit', () => {
    const everyElement = highlightRulesForEveryElement(HIGHLIGHT_CSS)
    expect(everyElement).not.toMatch(/:(root|host)\b/)
    for (const state of VERDICT_TONES) expect(everyElement).toContain(`::highlight(hashlens-${state})`)
    const declarations = (css: string) => css.match(/\{[^}]*\}/g)
    expect(declarations(everyElement)).toEqual(declarations(HIGHLIGHT_CSS))
  })
})

describe('MarkPainter', () => {
  it('leaves documents styled by the manifest alone and still styles their shadow roots', () => {
    document.adoptedStyleSheets = []
    const environment = { ...fakeEnvironment(), documentIsStyled: true }
    const painter = newPainter(environment)
    const inDocument = addMark(painter, paragraphWithMarks([MD5], [MD5]).marks[0]!)
    const host = document.createElement('div')
    const shadow = host.attachShadow({ mode: 'open' })
    shadow.append(Object.assign(document.createElement('p'), { textContent: SHA1 }))
    document.body.append(host)
    const [block] = collectTextBlocks(host)
    const inShadow = addMark(painter, { hash: SHA1, type: 'sha1', span: spanOfMatch(block!, 0, 40), root: block!.root })
    setState(painter, inDocument, 'known')
    setState(painter, inShadow, 'malicious')
    expect(document.adoptedStyleSheets).toEqual([])
    expect(shadow.adoptedStyleSheets).toEqual([environment.styleSheet])
    painter.dispose()
    expect(shadow.adoptedStyleSheets).toEqual([])
  })

  it('on dispose leaves a highlight of the same name that is not its own', () => {
    const painter = newPainter(fakeEnvironment())
    setState(painter, addMark(painter, paragraphWithMarks([MD5], [MD5]).marks[0]!), 'known')
    setState(painter, addMark(painter, paragraphWithMarks([SHA1], [SHA1]).marks[0]!), 'malicious')
    const successor = new Set<AbstractRange>()
    registry.set('hashlens-known', successor)
    painter.dispose()
    expect([...registry.keys()]).toEqual(['hashlens-known'])
    expect(registry.get('hashlens-known')).toBe(successor)
  })

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
    // Nothing is drawn until the scheduler says so, and then in one go.
    expect(registry.size).toBe(0)
    expect(document.adoptedStyleSheets).toEqual([])
    expect(draws).toHaveLength(1)
    draws.shift()!()
    expect(registry.get('hashlens-malicious')?.size).toBe(1)
    expect(registry.get('hashlens-known')).toBeUndefined()
    expect(document.adoptedStyleSheets).toEqual([environment.styleSheet])

    // Scrolled: the far mark comes in, the near one goes out.
    report!([{ element: near.paragraph, isNear: false }, { element: far.paragraph, isNear: true }])
    draws.shift()!()
    expect(registry.get('hashlens-malicious')?.size).toBe(0)
    expect(registry.get('hashlens-known')?.size).toBe(1)

    setState(painter, farMark, null)
    painter.remove(farMark, false)
    draws.shift()!()
    expect(registry.get('hashlens-known')?.size).toBe(0)
    expect(observed).toEqual(new Set([near.paragraph]))
  })
})
