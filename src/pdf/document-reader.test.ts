/** Real PDFs (test/support/pdf-fixture.ts) read by real pdf.js (its legacy build, for Node), through the viewer's reader. */
import { describe, expect, it } from 'vitest'
import path from 'node:path'
import { getDocument, PasswordException } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { DEFAULT_NOISE_FILTERS } from '../shared/hash-detector.ts'
import { NOT_SAMPLE_KINDS } from '../shared/sample-judgement.ts'
import { REPORT_HASHES, threatReport, writePdf, type PdfFixture } from '../../test/support/pdf-fixture.ts'
import { readDocumentHashes } from './document-reader.ts'
import type { PdfPageHash } from './page-hashes.ts'

const STANDARD_FONTS = `${path.resolve(import.meta.dirname, '../../node_modules/pdfjs-dist/standard_fonts')}/`

function open(fixture: PdfFixture, password?: string) {
  return getDocument({ data: new Uint8Array(writePdf(fixture)), useWasm: false, standardFontDataUrl: STANDARD_FONTS, password, verbosity: 0 }).promise
}

async function hashesByPage(fixture: PdfFixture, password?: string): Promise<PdfPageHash[][]> {
  const document = await open(fixture, password)
  const pages: PdfPageHash[][] = []
  const read: number[] = []
  await readDocumentHashes(document, {
    url: 'https://reports.example/paper-lantern.pdf', title: 'Operation Paper Lantern', filters: DEFAULT_NOISE_FILTERS,
    notSampleKinds: NOT_SAMPLE_KINDS, onRead: (pageNumber) => read.push(pageNumber),
    onPage: (pageNumber, _page, hashes) => { pages[pageNumber - 1] = hashes },
  })
  expect(read).toEqual(Array.from({ length: document.numPages }, (_, index) => index + 1))
  await document.loadingTask.destroy()
  return pages
}

describe('a generated threat report read with pdf.js', () => {
  it('finds the table\'s wrapped SHA-256s (36+28, 40+24, 32+32), each across two text items', async () => {
    const [page1] = await hashesByPage(threatReport())
    expect(page1!.map((found) => found.hash)).toEqual(REPORT_HASHES.wrapped)
    expect(page1!.map((found) => found.ranges.length)).toEqual([2, 2, 2])
    expect(page1!.every((found) => found.skippedAs === null)).toBe(true)
  })

  it('keeps the MD5 list four MD5s, and finds the upper-case SHA-1 and the footnote\'s SHA-256', async () => {
    const [, page2, page3] = await hashesByPage(threatReport())
    expect(page2!.map(({ hash, type }) => [hash, type])).toEqual([
      ...REPORT_HASHES.md5List.map((md5) => [md5, 'md5']),
      [REPORT_HASHES.upperCase, 'sha1'],
      [REPORT_HASHES.footnote, 'sha256'],
    ])
    expect(page3).toEqual([])
  })

  it('maps each hash to text items whose strings hold it', async () => {
    const document = await open(threatReport())
    const content = await (await document.getPage(1)).getTextContent()
    const strings = content.items.flatMap((item) => ('str' in item ? [item.str] : []))
    const [page1] = await hashesByPage(threatReport())
    for (const found of page1!) {
      expect(found.ranges.map(({ item, start, end }) => strings[item]!.slice(start, end)).join('')).toBe(found.hash)
    }
    await document.loadingTask.destroy()
  })

  it('judges as on web pages: a commit id in a PDF is left for the user', async () => {
    const commit = 'a94a8fe5ccb19ba61c4c0865e8b9b3d6b2d0d5a4'
    const [page] = await hashesByPage({ pages: [[{ text: `commit ${commit}`, x: 50, y: 700 }, { text: 'Author: someone', x: 50, y: 688 }]] })
    expect(page!.map(({ hash, skippedAs }) => [hash, skippedAs])).toEqual([[commit, 'commit-id']])
  })

  it('a document with a user password cannot be read without it, and reads with it', async () => {
    const fixture = threatReport({ userPassword: 'lantern' })
    await expect(open(fixture)).rejects.toBeInstanceOf(PasswordException)
    const [page1] = await hashesByPage(fixture, 'lantern')
    expect(page1!.map((found) => found.hash)).toEqual(REPORT_HASHES.wrapped)
  })

  it('writes the JavaScript both ways a document runs it on opening, as pdf.js sees them: /OpenAction and a named script', async () => {
    const document = await open(threatReport({ openActionJavaScript: "app.alert('ran')" }))
    expect(await document.getJSActions()).toEqual(new Map([['init', ["app.alert('ran')"]], ['OpenAction', ["app.alert('ran')"]]]))
    await document.loadingTask.destroy()
  })
})
