import { describe, expect, it } from 'vitest'
import { DEFAULT_NOISE_FILTERS } from '../shared/hash-detector.ts'
import { createSampleJudge, NOT_SAMPLE_KINDS } from '../shared/sample-judgement.ts'
import { findPageHashes } from './page-hashes.ts'
import { itemRangesOf, pageTextOf, type PdfTextItem } from './pdf-text.ts'

/** Helvetica's digits are 0.556 em wide, and so (near enough) are a–f: the width pdf.js would report. */
function item(str: string, x: number, y: number, size = 10): PdfTextItem {
  return { str, transform: [size, 0, 0, size, x, y], width: str.length * 0.556 * size, height: size, hasEOL: false }
}

const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
const SHA256_B = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'
const SHA256_C = '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae'
const MD5S = ['d41d8cd98f00b204e9800998ecf8427e', '098f6bcd4621d373cade4e832627b4f6', '5d41402abc4b2a76b9719d911017c592', '7215ee9c7d9dc229d2921a40e899ec5f']
const SHA1 = 'a94a8fe5ccb19ba61c4c0865e8b9b3d6b2d0d5a3'

function hashesOf(items: PdfTextItem[]): string[] {
  return findPageHashes(pageTextOf(items), DEFAULT_NOISE_FILTERS, null).map((found) => found.hash)
}

/** A table: "File" and a hash column headed `header`, each row's hash cut into `cuts` lines 12 units apart. */
function table(header: string, rows: ReadonlyArray<readonly string[]>): PdfTextItem[] {
  const items = [item('File', 50, 700), item(header, 200, 700)]
  let y = 686
  rows.forEach((pieces, row) => {
    items.push(item(`sample-${row}.exe`, 50, y))
    for (const piece of pieces) {
      items.push(item(piece, 200, y))
      y -= 12
    }
    y -= 4
  })
  return items
}

describe('pageTextOf: reading order', () => {
  it('lays items out top to bottom, left to right, whatever order the stream gave them in', () => {
    const page = pageTextOf([item('world', 80, 700), item('second line', 50, 688), item('Hello', 50, 700)])
    expect(page.text).toBe('Hello world\nsecond line\n')
  })

  it('writes a wide gap as a cell separator and no gap as nothing', () => {
    const page = pageTextOf([item('Name', 50, 700), item('SHA-256', 200, 700), item('ab', 50, 688), item('cd', 50 + 2 * 5.56, 688)])
    expect(page.text).toBe('Name\tSHA-256\nabcd\n')
  })

  it('maps every character back to its item and offset', () => {
    const page = pageTextOf([item('Hello', 50, 700), item('world', 80, 700)])
    const start = page.text.indexOf('world')
    expect(itemRangesOf(page, start - 3, start + 5)).toEqual([{ item: 0, start: 3, end: 5 }, { item: 1, start: 0, end: 5 }])
  })

  it('keeps the indices of the items it was given, space items left out', () => {
    const page = pageTextOf([item(' ', 10, 700), item('x', 50, 700)])
    expect(page.text).toBe('x\n')
    expect(Array.from(page.itemOf)).toEqual([1, -1])
  })
})

describe('pageTextOf: hashes wrapped across lines', () => {
  it.each([
    ['36+28', [36]],
    ['40+24', [40]],
    ['24+24+16', [24, 48]],
  ])('joins a SHA-256 cut %s in a table cell', (_name, cuts) => {
    const pieces = [...cuts, 64].map((cut, index, all) => SHA256.slice(index === 0 ? 0 : all[index - 1], cut))
    expect(hashesOf(table('SHA-256', [pieces]))).toEqual([SHA256])
  })

  it('joins each row of a wrapped column, and no row with the next', () => {
    const rows = [[SHA256.slice(0, 36), SHA256.slice(36)], [SHA256_B.slice(0, 40), SHA256_B.slice(40)], [SHA256_C.slice(0, 36), SHA256_C.slice(36)]]
    expect(hashesOf(table('SHA256', rows))).toEqual([SHA256, SHA256_B, SHA256_C])
  })

  it('joins a hash in a cell that ends one em before the next column', () => {
    const first = item(SHA256.slice(0, 40), 200, 686)
    const items = [item('SHA-256', 200, 700), first, item('2026-11-02', first.transform[4]! + first.width + 10, 686), item(SHA256.slice(40), 200, 674)]
    expect(pageTextOf(items).text).toBe(`SHA-256\n${SHA256}\t2026-11-02\n`)
  })

  it('joins 36+28 without a header too: a 28-digit piece is no hash of its own', () => {
    expect(hashesOf(table('Hash', [[SHA256.slice(0, 36), SHA256.slice(36)]]))).toEqual([SHA256])
  })

  it('joins 32+32 under a header naming SHA-256', () => {
    expect(hashesOf(table('SHA-256', [[SHA256.slice(0, 32), SHA256.slice(32)]]))).toEqual([SHA256])
  })

  it('leaves 32+32 two MD5s without such a header, or under an MD5 one', () => {
    const pieces = [SHA256.slice(0, 32), SHA256.slice(32)]
    expect(hashesOf(table('Hash', [pieces]))).toEqual(pieces)
    expect(hashesOf(table('MD5', [pieces]))).toEqual(pieces)
  })

  it('does not join 40+24 under a header naming SHA-1', () => {
    expect(hashesOf(table('SHA-1', [[SHA256.slice(0, 40), SHA256.slice(40)]]))).toEqual([SHA256.slice(0, 40)])
  })

  it('keeps a list of MD5s one per line a list', () => {
    const items = [item('Dropped files (MD5):', 50, 700), ...MD5S.map((md5, index) => item(md5, 50, 686 - 12 * index))]
    expect(hashesOf(items)).toEqual(MD5S)
  })

  it('keeps a list of SHA-1s one per line a list', () => {
    const items = [item('SHA-1', 50, 700), item(SHA1, 50, 686), item(SHA1.replace('a9', 'b9'), 50, 674)]
    expect(hashesOf(items)).toEqual([SHA1, SHA1.replace('a9', 'b9')])
  })

  it('removes a hyphen that breaks a hash at the line end, and marks no hyphen', () => {
    const items = [item('SHA-256', 200, 700), item(`${SHA256.slice(0, 36)}-`, 200, 686), item(SHA256.slice(36), 200, 674)]
    const page = pageTextOf(items)
    const [found] = findPageHashes(page, DEFAULT_NOISE_FILTERS, null)
    expect(found?.hash).toBe(SHA256)
    expect(found?.ranges).toEqual([{ item: 1, start: 0, end: 36 }, { item: 2, start: 0, end: 28 }])
  })

  it('joins a hash a paragraph wraps at its right margin', () => {
    const first = `The dropper ${SHA256.slice(0, 20)}`
    const items = [item(first, 50, 700), item(`${SHA256.slice(20)} was seen first.`, 50, 688)]
    // The first line is set to the margin (justified), as wide as the second.
    items[0]!.width = items[1]!.width
    const page = pageTextOf(items)
    expect(page.text).toBe(`The dropper ${SHA256}\nwas seen first.\n`)
    expect(findPageHashes(page, DEFAULT_NOISE_FILTERS, null).map((found) => found.ranges)).toEqual([[{ item: 0, start: 12, end: 32 }, { item: 1, start: 0, end: 44 }]])
  })

  it('maps a joined hash to both of its items, and writes the rest of the second line on its own', () => {
    const items = [item('SHA-256', 200, 700), item(SHA256.slice(0, 36), 200, 686), item(`${SHA256.slice(36)} (dropper)`, 200, 674)]
    const page = pageTextOf(items)
    expect(page.text).toBe(`SHA-256\n${SHA256}\n(dropper)\n`)
  })
})

describe('pageTextOf: what must not join', () => {
  it('two adjacent columns of MD5s stay MD5s, and no column joins the other', () => {
    const items = MD5S.slice(0, 3).flatMap((md5, index) => [item(md5, 50, 686 - 12 * index), item(MD5S[3 - index]!, 260, 686 - 12 * index)])
    expect(hashesOf(items).sort()).toEqual([...MD5S.slice(0, 3), MD5S[3]!, MD5S[2]!, MD5S[1]!].sort())
  })

  it('two adjacent columns of wrapped SHA-256s join each within its own column', () => {
    const items = [
      item('SHA-256', 50, 700), item('SHA-256', 300, 700),
      item(SHA256.slice(0, 36), 50, 686), item(SHA256_B.slice(0, 36), 300, 686),
      item(SHA256.slice(36), 50, 674), item(SHA256_B.slice(36), 300, 674),
    ]
    expect(hashesOf(items)).toEqual([SHA256, SHA256_B])
  })

  it('two tight columns in one segment do not join a piece of one with a piece of the other', () => {
    const items = [item(`${SHA256.slice(0, 36)} ${SHA256_B.slice(0, 36)}`, 50, 686), item(`${SHA256.slice(36)} ${SHA256_B.slice(36)}`, 50, 674)]
    const page = pageTextOf(items)
    expect(page.text).not.toContain(`${SHA256_B.slice(0, 36)}${SHA256.slice(36)}`)
    expect(findPageHashes(page, DEFAULT_NOISE_FILTERS, null)).toEqual([])
  })

  it('a 64-digit item stays one SHA-256 with one range', () => {
    const page = pageTextOf([item('SHA-256', 50, 700), item(SHA256, 50, 686), item(SHA256_B, 50, 674)])
    expect(findPageHashes(page, DEFAULT_NOISE_FILTERS, null).map(({ hash, ranges }) => ({ hash, ranges }))).toEqual([
      { hash: SHA256, ranges: [{ item: 1, start: 0, end: 64 }] },
      { hash: SHA256_B, ranges: [{ item: 2, start: 0, end: 64 }] },
    ])
  })

  it('a piece on the next line at another left edge is another cell', () => {
    expect(hashesOf([item(SHA256.slice(0, 36), 50, 686), item(SHA256.slice(36), 62, 674)])).toEqual([])
  })

  it('a first piece narrower than the next is no wrapped line', () => {
    expect(hashesOf([item(SHA256.slice(0, 28), 50, 686), item(SHA256.slice(28), 50, 674)])).toEqual([])
  })

  it('a piece a paragraph away is not the next line', () => {
    expect(hashesOf([item(SHA256.slice(0, 36), 50, 686), item(SHA256.slice(36), 50, 650)])).toEqual([])
  })
})

describe('pageTextOf: normalisation', () => {
  it('spells out ligatures and maps both letters to the ligature', () => {
    const page = pageTextOf([item('conﬁg', 50, 700)])
    expect(page.text).toBe('config\n')
    expect(itemRangesOf(page, 3, 5)).toEqual([{ item: 0, start: 3, end: 4 }])
  })

  it('reads full-width digits and letters as ASCII, mapped to the full-width characters', () => {
    const fullWidth = [...MD5S[0]!].map((char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0)).join('')
    const page = pageTextOf([item(`MD5：${fullWidth}`, 50, 700)])
    const [found] = findPageHashes(page, DEFAULT_NOISE_FILTERS, null)
    expect(found?.hash).toBe(MD5S[0])
    expect(found?.ranges).toEqual([{ item: 0, start: 4, end: 36 }])
  })

  it('upper case is found, in lower case', () => {
    expect(hashesOf([item(SHA256.toUpperCase(), 50, 700)])).toEqual([SHA256])
  })
})

describe('findPageHashes: the web pages judge', () => {
  it('skips a commit id as on a web page, and keeps a sample', () => {
    const page = pageTextOf([item(`commit ${SHA1}`, 50, 700), item(`Dropper: ${SHA256}`, 50, 688)])
    const judge = createSampleJudge({ url: 'https://example.com/report.pdf', title: 'report.pdf', text: page.text }, new Set(NOT_SAMPLE_KINDS))
    expect(findPageHashes(page, DEFAULT_NOISE_FILTERS, judge).map(({ hash, skippedAs }) => [hash, skippedAs])).toEqual([[SHA1, 'commit-id'], [SHA256, null]])
  })
})
