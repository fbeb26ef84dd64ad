import { describe, expect, it } from 'vitest'
import { findInPage } from './find-text.ts'
import { pageTextOf, type PdfTextItem } from './pdf-text.ts'

const item = (str: string, x: number, y: number): PdfTextItem => ({ str, transform: [10, 0, 0, 10, x, y], width: str.length * 5, height: 10, hasEOL: false })

describe('findInPage', () => {
  const page = pageTextOf([item('Operation Paper', 50, 700), item('Lantern dropped', 50, 688), item('the PAPER trail', 50, 676)])

  it('finds every match, case ignored, each mapped to its items', () => {
    expect(findInPage(page, 'paper')).toEqual([[{ item: 0, start: 10, end: 15 }], [{ item: 2, start: 4, end: 9 }]])
  })

  it('matches across a line break as across a space', () => {
    expect(findInPage(page, 'Paper Lantern')).toEqual([[{ item: 0, start: 10, end: 15 }, { item: 1, start: 0, end: 7 }]])
  })

  it('takes the query as text, not a pattern, and finds nothing for an empty one', () => {
    expect(findInPage(page, 'p.per')).toEqual([])
    expect(findInPage(page, '  ')).toEqual([])
  })
})
