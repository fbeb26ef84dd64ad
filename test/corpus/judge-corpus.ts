/**
 * Runs the sample judgement over corpus documents the way the scanner does: one judge per document from its address,
 * title and first 64 KB of text, called for every run of every text block with the run's offsets in that block.
 * Shared by the corpus test and the judgement benchmark, so both count the same way.
 */
import { findHashes, NO_NOISE_FILTERS } from '../../src/shared/hash-detector.ts'
import { createSampleJudge, NOT_SAMPLE_KINDS, type NotSampleKind } from '../../src/shared/sample-judgement.ts'
import { documentBlocks, documentTitle, documentUrl, readLabels, type CorpusEntry, type LabelledRun } from './document-text.ts'

const PAGE_TEXT_PASSED = 64 * 1024
const EVERY_KIND: ReadonlySet<NotSampleKind> = new Set(NOT_SAMPLE_KINDS)

/** The seam's kind for each label kind (LABELLING.md); `sample` has none. */
export const SEAM_KIND_OF_LABEL: Readonly<Record<string, NotSampleKind>> = {
  'dependency-checksum': 'dependency-checksum',
  'checksum-of-release': 'release-checksum',
  'commit-id': 'commit-id',
  'container-digest': 'container-digest',
  'blockchain-id': 'blockchain-id',
  'key-material': 'key-or-identifier',
  certificate: 'key-or-identifier',
  'trace-id': 'key-or-identifier',
  imphash: 'key-or-identifier',
  'other-id': 'key-or-identifier',
  'yara-hex': 'byte-string',
  'byte-dump': 'byte-string',
  'asset-fingerprint': 'asset-fingerprint',
}

export interface JudgedRun {
  run: LabelledRun
  /** null: looked up automatically. */
  verdict: NotSampleKind | null
}

export function judgeDocument(entry: CorpusEntry): JudgedRun[] {
  const blocks = documentBlocks(entry.file)
  const text = blocks.join('\n')
  const judge = createSampleJudge({ url: documentUrl(entry), title: documentTitle(entry.file), text: text.slice(0, PAGE_TEXT_PASSED) }, EVERY_KIND)
  const labels = readLabels(entry.id).runs
  const judged: JudgedRun[] = []
  for (const block of blocks) {
    for (const match of findHashes(block, NO_NOISE_FILTERS)) {
      const run = labels[judged.length]
      if (run === undefined || run.hash !== match.hash) throw new Error(`${entry.id}: run ${judged.length} is not ${match.hash} in the labels`)
      judged.push({ run, verdict: judge(block, match.start, match.end) })
    }
  }
  if (judged.length !== labels.length) throw new Error(`${entry.id}: ${judged.length} runs found, ${labels.length} labelled`)
  return judged
}

export interface Tally {
  samples: number
  samplesLookedUp: number
  nonSamples: number
  nonSamplesLookedUp: number
  /** Non-samples skipped with the kind their label maps to. */
  nonSamplesRightKind: number
}

export function emptyTally(): Tally {
  return { samples: 0, samplesLookedUp: 0, nonSamples: 0, nonSamplesLookedUp: 0, nonSamplesRightKind: 0 }
}

export function addToTally(tally: Tally, judged: readonly JudgedRun[]): Tally {
  for (const { run, verdict } of judged) {
    if (run.label === 'sample') {
      tally.samples++
      if (verdict === null) tally.samplesLookedUp++
    } else {
      tally.nonSamples++
      if (verdict === null) tally.nonSamplesLookedUp++
      else if (verdict === SEAM_KIND_OF_LABEL[run.kind]) tally.nonSamplesRightKind++
    }
  }
  return tally
}

/** Samples looked up automatically, of all samples (1 when there are none). */
export function recallOf(tally: Tally): number {
  return tally.samples === 0 ? 1 : tally.samplesLookedUp / tally.samples
}

/** Non-samples looked up automatically, of all non-samples (0 when there are none). */
export function noiseOf(tally: Tally): number {
  return tally.nonSamples === 0 ? 0 : tally.nonSamplesLookedUp / tally.nonSamples
}
