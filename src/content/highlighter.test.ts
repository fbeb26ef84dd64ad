// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { Highlighter, markStateOf, type NewMark } from './highlighter.ts'
import { drawnTones, fakeEnvironment, MD5, overlayDrawing, paragraphWithMarks, SHA1, verdict } from './highlighter-test-support.ts'
import type { DrawEnvironment } from './mark-painter.ts'
import { collectTextBlocks, spanOfMatch } from './text-blocks.ts'

/** Marks every occurrence of `hashes` in a paragraph built from `parts`. */
function markParagraph(highlighter: Highlighter, parts: Array<string | Node>, hashes: string[]): { paragraph: HTMLElement; marks: NewMark[] } {
  const { paragraph, nodes, marks } = paragraphWithMarks(parts, hashes)
  highlighter.replaceMarks(nodes, marks)
  return { paragraph, marks }
}

/** Each test's highlighters: disposed after it, or their overlays would restore themselves into the next test. */
const highlighters: Highlighter[] = []

function newHighlighter(environment: DrawEnvironment | null): Highlighter {
  const highlighter = new Highlighter(environment)
  highlighters.push(highlighter)
  return highlighter
}

afterEach(() => {
  for (const highlighter of highlighters.splice(0)) highlighter.dispose()
  document.body.replaceChildren()
})

describe('markStateOf', () => {
  it('names a highlight for every state', () => {
    expect(markStateOf(undefined)).toBeNull()
    expect(markStateOf({ state: 'pending' })).toBe('pending')
    expect(markStateOf({ state: 'idle' })).toBe('idle')
    expect(markStateOf({ state: 'error', error: 'offline' })).toBe('error')
    expect(markStateOf(verdict('NOT_FOUND'))).toBe('not-found')
    expect(markStateOf(verdict('MALICIOUS'))).toBe('malicious')
  })
})

describe('Highlighter', () => {
  it('draws nothing until the state is known, then redraws the mark in its new tone', () => {
    const environment = fakeEnvironment()
    const highlighter = newHighlighter(environment)
    markParagraph(highlighter, [`md5 ${MD5}`], [MD5])
    expect(overlayDrawing().host).toBeNull()

    expect(highlighter.applyStates({ [MD5]: { state: 'pending' } })).toEqual([MD5])
    expect(drawnTones()).toEqual({ pending: 1 })

    highlighter.applyStates({ [MD5]: verdict('MALICIOUS') })
    expect(drawnTones()).toEqual({ malicious: 1 })
    expect(overlayDrawing().boxes[0]!.style).toBe('left: 10px; top: 10px; width: 300px; height: 16px;')
  })

  it('adds one host to the page, touches no stylesheet of the page, and removes the host on dispose', () => {
    const pageSheet = new CSSStyleSheet()
    document.adoptedStyleSheets = [pageSheet]
    const environment = fakeEnvironment()
    const highlighter = newHighlighter(environment)
    markParagraph(highlighter, [MD5], [MD5])
    markParagraph(highlighter, [MD5], [MD5])
    highlighter.applyStates({ [MD5]: verdict('KNOWN') })
    const { host } = overlayDrawing()
    expect(host?.parentNode).toBe(document.documentElement)
    expect(host?.localName).toBe('div')
    expect(host?.shadowRoot).toBeNull()
    expect(drawnTones()).toEqual({ known: 2 })
    expect(document.adoptedStyleSheets).toEqual([pageSheet])
    highlighter.dispose()
    expect(host?.isConnected).toBe(false)
    expect(document.adoptedStyleSheets).toEqual([pageSheet])
    document.adoptedStyleSheets = []
  })

  it('gives new marks the state already known for their hash', () => {
    const environment = fakeEnvironment()
    const highlighter = newHighlighter(environment)
    highlighter.applyStates({ [MD5]: verdict('KNOWN') })
    markParagraph(highlighter, [MD5], [MD5])
    expect(drawnTones()).toEqual({ known: 1 })
  })

  it('replaces the marks of rescanned text and sweeps removed text', () => {
    const environment = fakeEnvironment()
    const highlighter = newHighlighter(environment)
    highlighter.applyStates({ [MD5]: { state: 'idle' } })
    const { paragraph } = markParagraph(highlighter, [MD5], [MD5])
    const text = paragraph.firstChild as Text
    highlighter.replaceMarks([text], [])
    expect(highlighter.markCount).toBe(0)
    expect(drawnTones()).toEqual({})

    markParagraph(highlighter, [MD5], [MD5]).paragraph.remove()
    expect(highlighter.markCount).toBe(1)
    highlighter.sweepDetached()
    expect(highlighter.markCount).toBe(0)
  })

  it('sweeps a removed mark that spans several text nodes once, and undraws it', () => {
    const highlighter = newHighlighter(fakeEnvironment())
    highlighter.applyStates({ [MD5]: verdict('KNOWN'), [SHA1]: verdict('KNOWN', SHA1) })
    const first = Object.assign(document.createElement('b'), { textContent: MD5.slice(0, 12) })
    const { paragraph } = markParagraph(highlighter, [first, MD5.slice(12)], [MD5])
    markParagraph(highlighter, [SHA1], [SHA1])
    expect(drawnTones()).toEqual({ known: 2 })
    paragraph.remove()
    expect(highlighter.sweepDetached()).toEqual([])
    expect(highlighter.markCount).toBe(1)
    expect(drawnTones()).toEqual({ known: 1 })
  })

  it('indexes marks without drawing where nothing can be drawn', () => {
    const highlighter = newHighlighter(null)
    const { paragraph } = markParagraph(highlighter, [MD5], [MD5])
    highlighter.applyStates({ [MD5]: verdict('MALICIOUS') })
    expect(highlighter.canDraw).toBe(false)
    expect(highlighter.markAt(paragraph.firstChild as Text, 1)?.state).toBe('malicious')
    expect(document.documentElement.lastElementChild).toBe(document.body)
  })

  it('draws marks in shadow roots without adopting anything there, and lists those roots', () => {
    const environment = fakeEnvironment()
    const highlighter = newHighlighter(environment)
    const host = document.createElement('div')
    const shadow = host.attachShadow({ mode: 'open' })
    const paragraph = document.createElement('p')
    paragraph.textContent = MD5
    shadow.append(paragraph)
    document.body.append(host)
    const [block] = collectTextBlocks(host)
    highlighter.replaceMarks([paragraph.firstChild as Text], [{ hash: MD5, type: 'md5', span: spanOfMatch(block!, 0, 32), root: block!.root }])
    highlighter.applyStates({ [MD5]: verdict('SUSPICIOUS') })
    expect(drawnTones()).toEqual({ suspicious: 1 })
    expect(shadow.adoptedStyleSheets).toEqual([])
    expect(highlighter.markedShadowRoots()).toEqual([shadow])
  })
})
