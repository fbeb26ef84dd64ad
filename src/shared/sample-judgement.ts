/**
 * Is a found hash a file sample, worth the quota of an automatic lookup, or another hex string of a hash's length (a
 * dependency checksum, a commit id, a digest, a key)? Judged from its context: the words around it on its line, the
 * line's shape, and the page's kind. Issue 13. Pure: the content script judges, the worker only reads the verdict.
 */

/** What a hash that is not looked up automatically looks like; each can be switched off in Options. */
export const NOT_SAMPLE_KINDS = [
  'dependency-checksum',
  'release-checksum',
  'commit-id',
  'container-digest',
  'blockchain-id',
  'key-or-identifier',
  'byte-string',
  'asset-fingerprint',
] as const
export type NotSampleKind = (typeof NOT_SAMPLE_KINDS)[number]

/** What the judge knows of the page, read once per document. */
export interface PageContext {
  url: string
  title: string
  /** The start of the document's text (a few tens of KB): enough to tell a threat report from a lockfile. */
  text: string
}

/** The hash at `[start, end)` of `blockText` (the text of its block, as the scanner walks it): null if it looks like a sample. */
export type SampleJudge = (blockText: string, start: number, end: number) => NotSampleKind | null

/** Words right before a hash on its line that name what it is. */
const LINE_PREFIXES: ReadonlyArray<{ pattern: RegExp; kind: NotSampleKind }> = [
  { pattern: /(?:checksum\s*=\s*"|--hash[=\s]sha(?:256|384|512):|integrity\s*[=:]\s*"?sha\d+-)$/i, kind: 'dependency-checksum' },
  { pattern: /(?:^|\s)(?:commit|merge:|tree|parent)\s+(?:[0-9a-f]{7,40}\s+)?$/i, kind: 'commit-id' },
  { pattern: /(?:@sha256:|digest:\s*sha256:)$/i, kind: 'container-digest' },
]

function lineBefore(text: string, start: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1
  return text.slice(lineStart, start)
}

/** Only the kinds switched on are judged; a trusted site gets no judge at all (every hash looked up). */
export function createSampleJudge(_page: PageContext, kinds: ReadonlySet<NotSampleKind>): SampleJudge {
  return (blockText, start) => {
    const before = lineBefore(blockText, start)
    for (const { pattern, kind } of LINE_PREFIXES) if (kinds.has(kind) && pattern.test(before)) return kind
    return null
  }
}
