// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { Highlighter, markStateOf, type NewMark } from './highlighter.ts'
import { fakeEnvironment, MD5, paragraphWithMarks, registry, SHA1, verdict } from './highlighter-test-support.ts'
import { collectTextBlocks, spanOfMatch } from './text-blocks.ts'

/** Marks every occurrence of `hashes` in a paragraph built from `parts`. */
function markParagraph(highlighter: Highlighter, parts: Array<string | Node>, hashes: string[]): { paragraph: HTMLElement; marks: NewMark[] } {
  const { paragraph, nodes, marks } = paragraphWithMarks(parts, hashes)
  highlighter.replaceMarks(nodes, marks)
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
    expect(markStateOf({ state: 'error', error: 'offline' })).toBe('error')
    expect(markStateOf(verdict('NOT_FOUND'))).toBe('not-found')
    expect(markStateOf(verdict('MALICIOUS'))).toBe('malicious')
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

  it('sweeps a removed mark that spans several text nodes once, and undraws it', () => {
    const highlighter = new Highlighter(fakeEnvironment())
    highlighter.applyStates({ [MD5]: verdict('KNOWN'), [SHA1]: verdict('KNOWN', SHA1) })
    const first = Object.assign(document.createElement('b'), { textContent: MD5.slice(0, 12) })
    const { paragraph } = markParagraph(highlighter, [first, MD5.slice(12)], [MD5])
    markParagraph(highlighter, [SHA1], [SHA1])
    expect(registry.get('hashlens-known')?.size).toBe(2)
    paragraph.remove()
    expect(highlighter.sweepDetached()).toEqual([])
    expect(highlighter.markCount).toBe(1)
    expect(registry.get('hashlens-known')?.size).toBe(1)
  })

  it('indexes marks without drawing when the highlight API is missing', () => {
    const highlighter = new Highlighter(null)
    const { paragraph } = markParagraph(highlighter, [MD5], [MD5])
    highlighter.applyStates({ [MD5]: verdict('MALICIOUS') })
    expect(highlighter.canDraw).toBe(false)
    expect(highlighter.markAt(paragraph.firstChild as Text, 1)?.state).toBe('malicious')
    expect(document.adoptedStyleSheets).toEqual([])
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
})
