// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { MD5, paragraphWithMarks, SHA1 } from './highlighter-test-support.ts'
import { createMark, MarkIndex, type Mark, type MarkState } from './mark-index.ts'

/** The changes the Highlighter makes, opened to the test. */
class OpenMarkIndex extends MarkIndex {
  override get finalMarkCount(): number { return super.finalMarkCount }
  override marksOfHash(hash: string): ReadonlySet<Mark> | undefined { return super.marksOfHash(hash) }
  override markedRoots(): MapIterator<Document | ShadowRoot> { return super.markedRoots() }
  override indexMark(mark: Mark): boolean { return super.indexMark(mark) }
  override unindexMark(mark: Mark): boolean { return super.unindexMark(mark) }
  override recordMarkState(mark: Mark, state: MarkState | null): boolean { return super.recordMarkState(mark, state) }
}

function indexParagraph(index: OpenMarkIndex, parts: Array<string | Node>, hashes: string[]): { paragraph: HTMLElement; marks: Mark[] } {
  const { paragraph, marks } = paragraphWithMarks(parts, hashes)
  const indexed = marks.map((newMark) => createMark(newMark))
  for (const mark of indexed) index.indexMark(mark)
  return { paragraph, marks: indexed }
}

afterEach(() => {
  document.body.replaceChildren()
})

describe('MarkIndex', () => {
  it('finds the mark at a caret position, across the text nodes it spans', () => {
    const index = new OpenMarkIndex()
    const first = document.createElement('span')
    first.textContent = MD5.slice(0, 12)
    const { paragraph } = indexParagraph(index, ['x ', first, `${MD5.slice(12)} and ${SHA1}`], [MD5, SHA1])
    const tail = paragraph.lastChild as Text
    expect(index.markAt(first.firstChild as Text, 0)?.hash).toBe(MD5)
    expect(index.markAt(tail, 3)?.hash).toBe(MD5)
    expect(index.markAt(tail, 22)).toBeNull() // " and "
    expect(index.markAt(tail, tail.data.length)?.hash).toBe(SHA1)
    expect(index.hasMarkedTextIn(first)).toBe(true)
    expect(index.hasMarkedTextIn(paragraph)).toBe(true)
    expect(index.hasMarkedTextIn(document.body)).toBe(false)
  })

  it('says which mark is first in its tree, which last, and counts the final states', () => {
    const index = new OpenMarkIndex()
    const [first, second] = paragraphWithMarks([`${MD5} ${SHA1}`], [MD5, SHA1]).marks.map((newMark) => createMark(newMark))
    expect(index.indexMark(first!)).toBe(true)
    expect(index.indexMark(second!)).toBe(false)
    expect([...index.markedRoots()]).toEqual([document])
    expect(index.recordMarkState(first!, 'pending')).toBe(true)
    expect(index.recordMarkState(first!, 'pending')).toBe(false)
    expect(index.finalMarkCount).toBe(0)
    index.recordMarkState(first!, 'known')
    index.recordMarkState(second!, 'error')
    expect(index.finalMarkCount).toBe(2)
    expect(index.marksOfHash(MD5)).toEqual(new Set([first]))

    index.recordMarkState(first!, null)
    expect(index.unindexMark(first!)).toBe(false)
    expect(index.marksOfHash(MD5)).toBeUndefined()
    index.recordMarkState(second!, null)
    expect(index.unindexMark(second!)).toBe(true)
    expect([index.markCount, index.finalMarkCount, [...index.markedRoots()]]).toEqual([0, 0, []])
  })

  it('tells whether marked text lies within a container, with few marked elements or many', () => {
    const index = new OpenMarkIndex()
    const container = document.createElement('div')
    const unmarked = document.createElement('div')
    document.body.append(container, unmarked)
    const { paragraph } = indexParagraph(index, [MD5], [MD5])
    container.append(paragraph)
    expect(index.hasMarkedTextWithin(container)).toBe(true)
    expect(index.hasMarkedTextWithin(unmarked)).toBe(false)

    // Past 32 marked elements it walks the container's elements instead.
    for (let count = 0; count < 40; count++) indexParagraph(index, [SHA1], [SHA1])
    expect(index.hasMarkedTextWithin(container)).toBe(true)
    expect(index.hasMarkedTextWithin(paragraph)).toBe(true)
    expect(index.hasMarkedTextWithin(unmarked)).toBe(false)
    expect(index.hasMarkedTextWithin(document)).toBe(true)
  })
})
