/** A PDF page's hashes: the web pages' detector and judge (src/shared), run over the page text pdf-text.ts lays out. */
import { findHashes, type NoiseFilters } from '../shared/hash-detector.ts'
import type { HashType } from '../shared/hash.ts'
import type { NotSampleKind, SampleJudge } from '../shared/sample-judgement.ts'
import { itemRangesOf, type ItemRange, type PdfPageText } from './pdf-text.ts'

export interface PdfPageHash {
  hash: string
  type: HashType
  /** Where it was written: one range per text item (two for a hash wrapped across lines). */
  ranges: ItemRange[]
  /** Looks like no file sample (issue 13), so left for the user to ask about; null: a sample. */
  skippedAs: NotSampleKind | null
}

/** `judge` null: every hash is a sample (lookups off, a trusted site: as on web pages). */
export function findPageHashes(page: PdfPageText, filters: Readonly<NoiseFilters>, judge: SampleJudge | null): PdfPageHash[] {
  return findHashes(page.text, filters).map((match) => ({
    hash: match.hash,
    type: match.type,
    ranges: itemRangesOf(page, match.start, match.end),
    skippedAs: judge?.(page.text, match.start, match.end) ?? null,
  }))
}
