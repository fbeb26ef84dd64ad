/** The viewer's find (Ctrl+F): matches in a page's text as the reader laid it out (pdf-text.ts), mapped back to its items. */
import { itemRangesOf, type ItemRange, type PdfPageText } from './pdf-text.ts'

/** Each match's stretches of items (two where it crosses items), in text order; case and width ignored (NFKC, as the text). */
export function findInPage(page: PdfPageText, query: string): ItemRange[][] {
  const needle = query.normalize('NFKC').trim()
  if (needle === '') return []
  const pattern = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'), 'giu')
  const matches: ItemRange[][] = []
  for (const match of page.text.matchAll(pattern)) {
    const ranges = itemRangesOf(page, match.index, match.index + match[0].length)
    if (ranges.length > 0) matches.push(ranges)
  }
  return matches
}
