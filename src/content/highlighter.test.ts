// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { HashState, Verdict } from '../shared/verdict.ts'
import {
  HIGHLIGHT_CSS,
  Highlighter,
  MARK_STATES,
  highlightName,
  highlightRulesForEveryElement,
  markStateOf,
  type HighlightEnvironment,
  type NewMark,
} from './highlighter.ts'
import { collectTextBlocks, spanOfMatch } from './text-blocks.ts'

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e'
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'

/** Stand-ins for CSS.highlights and Highlight, which happy-dom lacks. */
const registry = new Map<string, Set<AbstractRange>>()

function fakeEnvironment(): HighlightEnvironment {
  registry.clear()
  const styleSheet = new CSSStyleSheet()
  styleSheet.replaceSync(HIGHLIGHT_CSS)
  return {
    registry: {
      set: (name, highlight) => registry.set(name, highlight as Set<AbstractRange>),
      get: (name) => registry.get(name),
      delete: (name) => registry.delete(name),
    },
    createHighlight: () => new Set<AbstractRange>(),
    createRange: (span) => {
      const range = document.createRange()
      range.setStart(span.startNode, span.startOffset)
      range.setEnd(span.endNode, span.endOffset)
      return range
    },
    styleSheet,
  }
}

function verdict(classification: Verdict['classification'], hash = MD5): HashState {
  return { state: 'verdict', verdict: { hash, type: 'md5', classification, sampleHashes: {}, checkedAt: 0 } }
}

/** Marks every occurrence of `hashes` in a paragraph built from `parts`. */
function markParagraph(highlighter: Highlighter, parts: Array<string | Node>, hashes: string[]): { paragraph: HTMLElement; marks: NewMark[] } {
  const paragraph = document.createElement('p')
  paragraph.append(...parts)
  document.body.append(paragraph)
  const [block] = collectTextBlocks(paragraph)
  const marks: NewMark[] = []
  for (const hash of hashes) {
    const start = block!.text.indexOf(hash)
    marks.push({ hash, type: hash.length === 32 ? 'md5' : 'sha1', span: spanOfMatch(block!, start, start + hash.length), root: document })
  }
  highlighter.replaceMarks(block!.segments.map((segment) => segment.node), marks)
  return { paragraph, marks }
}

afterEach(() => {
  document.body.replaceChildren()
  document.adoptedStyleSheets = []
})

describe('markStateOf', () => {
  it('names a highlight for every state', () => {
    expect(markStateOf(undefined)).toBeNull()
    expect(markStateOf({ state: 'pending' })).toBe('pending')
    expect(markStateOf({ state: 'idle' })).toBe('idle')
    expect(markStateOf({ state: 'error', error: 'offline', message: '' })).toBe('error')
    expect(markStateOf(verdict('NOT_FOUND'))).toBe('not-found')
    expect(markStateOf(verdict('MALICIOUS'))).toBe('malicious')
    expect(MARK_STATES.map(highlightName)).toContain('hashlens-not-found')
  })

  it('has a ::highlight rule for every state', () => {
    for (const state of MARK_STATES) expect(HIGHLIGHT_CSS).toContain(`::highlight(hashlens-${state})`)
  })

  it('puts the same rules on every element for browsers whose highlight styles do not inherit', () => {
    const everyElement = highlightRulesForEveryElement(HIGHLIGHT_CSS)
    expect(everyElement).not.toMatch(/:(root|host)\b/)
    for (const state of MARK_STATES) expect(everyElement).toContain(`::highlight(hashlens-${state})`)
    const declarations = (css: string) => css.match(/\{[^}]*\}/g)
    expect(declarations(everyElement)).toEqual(declarations(HIGHLIGHT_CSS))
  })
})

describe('Highlighter', () => {
  it('draws nothing until the state is known, then moves the mark between highlights', () => {
    const environment = fakeEnvironment()
    const highlighter = new Highlighter(environment)
    markParagraph(highlighter, [`md5 ${MD5}`], [MD5])
    expect(registry.size).toBe(0)

    expect(highlighter.applyStates({ [MD5]: { state: 'pending' } })).toEqual([MD5])
    expect(registry.get('hashlens-pending')?.size).toBe(1)

    highlighter.applyStates({ [MD5]: verdict('MALICIOUS') })
    expect(registry.get('hashlens-pending')?.size).toBe(0)
    const [range] = registry.get('hashlens-malicious')!
    expect((range as Range).toString()).toBe(MD5)
  })

  it('adopts its stylesheet once, beside the page own sheets, and removes it on dispose', () => {
    const pageSheet = new CSSStyleSheet()
    document.adoptedStyleSheets = [pageSheet]
    const environment = fakeEnvironment()
    const highlighter = new Highlighter(environment)
    markParagraph(highlighter, [MD5], [MD5])
    markParagraph(highlighter, [MD5], [MD5])
    expect(document.adoptedStyleSheets).toEqual([pageSheet, environment.styleSheet])
    highlighter.applyStates({ [MD5]: verdict('KNOWN') })
    highlighter.dispose()
    expect(document.adoptedStyleSheets).toEqual([pageSheet])
    expect(registry.size).toBe(0)
  })

  it('gives new marks the state already known for their hash', () => {
    const environment = fakeEnvironment()
    const highlighter = new Highlighter(environment)
    highlighter.applyStates({ [MD5]: verdict('KNOWN') })
    markParagraph(highlighter, [MD5], [MD5])
    expect(registry.get('hashlens-known')?.size).toBe(1)
  })

  it('finds the mark at a caret position, across the text nodes it spans', () => {
    const highlighter = new Highlighter(fakeEnvironment())
    const first = document.createElement('span')
    first.textContent = MD5.slice(0, 12)
    const { paragraph } = markParagraph(highlighter, ['x ', first, `${MD5.slice(12)} and ${SHA1}`], [MD5, SHA1])
    const tail = paragraph.lastChild as Text
    expect(highlighter.markAt(first.firstChild as Text, 0)?.hash).toBe(MD5)
    expect(highlighter.markAt(tail, 3)?.hash).toBe(MD5)
    expect(highlighter.markAt(tail, 22)).toBeNull() // " and "
    expect(highlighter.markAt(tail, tail.data.length)?.hash).toBe(SHA1)
    expect(highlighter.hasMarkedTextIn(first)).toBe(true)
    expect(highlighter.hasMarkedTextIn(paragraph)).toBe(true)
    expect(highlighter.hasMarkedTextIn(document.body)).toBe(false)
  })

  it('replaces the marks of rescanned text and sweeps removed text', () => {
    const environment = fakeEnvironment()
    const highlighter = new Highlighter(environment)
    highlighter.applyStates({ [MD5]: { state: 'idle' } })
    const { paragraph } = markParagraph(highlighter, [MD5], [MD5])
    const text = paragraph.firstChild as Text
    highlighter.replaceMarks([text], [])
    expect(highlighter.markCount).toBe(0)
    expect(registry.get('hashlens-idle')?.size).toBe(0)

    markParagraph(highlighter, [MD5], [MD5]).paragraph.remove()
    expect(highlighter.markCount).toBe(1)
    highlighter.sweepDetached()
    expect(highlighter.markCount).toBe(0)
  })

  it('indexes marks without drawing when the highlight API is missing', () => {
    const highlighter = new Highlighter(null)
    const { paragraph } = markParagraph(highlighter, [MD5], [MD5])
    highlighter.applyStates({ [MD5]: verdict('MALICIOUS') })
    expect(highlighter.canDraw).toBe(false)
    expect(highlighter.markAt(paragraph.firstChild as Text, 1)?.state).toBe('malicious')
    expect(document.adoptedStyleSheets).toEqual([])
  })

  it('leaves documents styled by the manifest alone and still styles their shadow roots', () => {
    document.adoptedStyleSheets = []
    const environment = { ...fakeEnvironment(), documentIsStyled: true }
    const highlighter = new Highlighter(environment)
    markParagraph(highlighter, [MD5], [MD5])
    const host = document.createElement('div')
    const shadow = host.attachShadow({ mode: 'open' })
    shadow.append(Object.assign(document.createElement('p'), { textContent: SHA1 }))
    document.body.append(host)
    const [block] = collectTextBlocks(host)
    highlighter.replaceMarks(block!.segments.map((segment) => segment.node), [{ hash: SHA1, type: 'sha1', span: spanOfMatch(block!, 0, 40), root: block!.root }])
    highlighter.applyStates({ [MD5]: verdict('KNOWN'), [SHA1]: verdict('MALICIOUS', SHA1) })
    expect(document.adoptedStyleSheets).toEqual([])
    expect(shadow.adoptedStyleSheets).toEqual([environment.styleSheet])
    highlighter.dispose()
    expect(shadow.adoptedStyleSheets).toEqual([])
  })

  it('adopts the stylesheet in shadow roots that hold marks and lists them', () => {
    const environment = fakeEnvironment()
    const highlighter = new Highlighter(environment)
    const host = document.createElement('div')
    const shadow = host.attachShadow({ mode: 'open' })
    const paragraph = document.createElement('p')
    paragraph.textContent = MD5
    shadow.append(paragraph)
    document.body.append(host)
    const [block] = collectTextBlocks(host)
    highlighter.replaceMarks([paragraph.firstChild as Text], [{ hash: MD5, type: 'md5', span: spanOfMatch(block!, 0, 32), root: block!.root }])
    expect(shadow.adoptedStyleSheets).toContain(environment.styleSheet)
    expect(highlighter.markedShadowRoots()).toEqual([shadow])
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
    const highlighter = new Highlighter(environment)
    const near = markParagraph(highlighter, [MD5], [MD5]).paragraph
    const far = markParagraph(highlighter, [SHA1], [SHA1]).paragraph
    expect(observed).toEqual(new Set([near, far]))
    report!([{ element: near, isNear: true }, { element: far, isNear: false }])
    highlighter.applyStates({ [MD5]: verdict('MALICIOUS'), [SHA1]: { state: 'pending' } })
    highlighter.applyStates({ [SHA1]: verdict('KNOWN', SHA1) })
    // Nothing is drawn until the scheduler says so, and then in one go.
    expect(registry.size).toBe(0)
    expect(document.adoptedStyleSheets).toEqual([])
    expect(draws).toHaveLength(1)
    draws.shift()!()
    expect(registry.get('hashlens-malicious')?.size).toBe(1)
    expect(registry.get('hashlens-known')).toBeUndefined()
    expect(document.adoptedStyleSheets).toEqual([environment.styleSheet])

    // Scrolled: the far mark comes in, the near one goes out.
    report!([{ element: near, isNear: false }, { element: far, isNear: true }])
    draws.shift()!()
    expect(registry.get('hashlens-malicious')?.size).toBe(0)
    expect(registry.get('hashlens-known')?.size).toBe(1)

    highlighter.replaceMarks([far.firstChild as Text], [])
    draws.shift()!()
    expect(registry.get('hashlens-known')?.size).toBe(0)
    expect(observed).toEqual(new Set([near]))
  })
})
