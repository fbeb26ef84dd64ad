/**
 * The text HashLens scans in a corpus document. A text file is scanned as it is; an HTML page as
 * the content script's own text blocks (BlockWalker over a happy-dom parse) joined by newlines, so
 * hrefs, scripts and styles are not in it, as in a browser.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Window } from 'happy-dom'
import { collectTextBlocks } from '../../src/content/text-blocks.ts'
import { findHashes, NO_NOISE_FILTERS, type HashMatch } from '../../src/shared/hash-detector.ts'

export const CORPUS_DIRECTORY = import.meta.dirname
export const DOCUMENTS_DIRECTORY = path.join(CORPUS_DIRECTORY, 'documents')
export const LABELS_DIRECTORY = path.join(CORPUS_DIRECTORY, 'labels')

export interface CorpusEntry {
  id: string
  file: string
  kind: string
  source: string
  commit_or_date: string
  licence: string
  heldOut: boolean
  /** Set on the second to fourth held-out batches, whose labels were written before any judgement ran on them. */
  batch?: 2 | 3 | 4
}

export interface LabelledRun {
  /** The run's position in findHashes order. */
  index: number
  /** 1-based line of the run in the document's scanned text. */
  line: number
  hash: string
  label: 'sample' | 'not-sample'
  kind: string
  note?: string
}

export interface LabelFile {
  id: string
  runs: LabelledRun[]
}

/**
 * The corpus's parts, reported apart: tuned on, held out before the rule was written, held out before it ran on them
 * (each batch was judged once untuned, then tuned on).
 */
export const CORPUS_SETS = ['tuning', 'held-out', 'held-out-2', 'held-out-3', 'held-out-4'] as const
export type CorpusSet = (typeof CORPUS_SETS)[number]

const SET_OF_BATCH = { 2: 'held-out-2', 3: 'held-out-3', 4: 'held-out-4' } as const satisfies Record<number, CorpusSet>

export function setOf(entry: CorpusEntry): CorpusSet {
  if (!entry.heldOut) return 'tuning'
  return entry.batch === undefined ? 'held-out' : SET_OF_BATCH[entry.batch]
}

export function readCorpus(): CorpusEntry[] {
  return JSON.parse(readFileSync(path.join(CORPUS_DIRECTORY, 'corpus.json'), 'utf8')) as CorpusEntry[]
}

export function readLabels(id: string): LabelFile {
  return JSON.parse(readFileSync(path.join(LABELS_DIRECTORY, `${id}.json`), 'utf8')) as LabelFile
}

export function isHtmlFile(file: string): boolean {
  return /\.html?$/i.test(file)
}

export function documentText(file: string): string {
  return documentBlocks(file).join('\n')
}

/** The text blocks the scanner walks: a text document is one block, an HTML page its BlockWalker blocks. */
export function documentBlocks(file: string): string[] {
  const content = readFileSync(path.join(DOCUMENTS_DIRECTORY, file), 'utf8')
  return isHtmlFile(file) ? renderedBlocks(content) : [content]
}

/** The page's title as `document.title` gives it: an HTML page's `<title>`, nothing for a text document. */
export function documentTitle(file: string): string {
  if (!isHtmlFile(file)) return ''
  const content = readFileSync(path.join(DOCUMENTS_DIRECTORY, file), 'utf8')
  return /<title[^>]*>([^<]*)<\/title>/i.exec(content)?.[1]?.trim() ?? ''
}

/** The address a reader would have had open: the source's first URL. */
export function documentUrl(entry: CorpusEntry): string {
  return /https?:\/\/\S+/.exec(entry.source)?.[0] ?? ''
}

function renderedBlocks(html: string): string[] {
  const window = new Window({
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
  })
  const document = new window.DOMParser().parseFromString(html, 'text/html')
  const blocks = collectTextBlocks(document.body as unknown as Node)
  void window.happyDOM.close()
  return blocks.map((block) => block.text)
}

export interface FoundRun extends HashMatch {
  index: number
  line: number
}

/** Every run the detector can find (no noise filter), with its line for labelling. */
export function runsIn(text: string): FoundRun[] {
  const lineStarts = [0]
  for (let offset = text.indexOf('\n'); offset !== -1; offset = text.indexOf('\n', offset + 1)) lineStarts.push(offset + 1)
  return findHashes(text, NO_NOISE_FILTERS).map((match, index) => ({ ...match, index, line: lineOf(lineStarts, match.start) }))
}

function lineOf(lineStarts: readonly number[], offset: number): number {
  let low = 0
  let high = lineStarts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (lineStarts[middle]! <= offset) low = middle
    else high = middle - 1
  }
  return low + 1
}
