/**
 * Benchmark 7: the sample judgement of issue 13. Accuracy on the corpus (test/corpus), judged as the scanner judges
 * (judge-corpus.ts): recall (samples looked up automatically) and noise (non-samples looked up automatically) per
 * document kind, the tuning set and the held-out set apart; the held-out figure is the one that counts. Throughput:
 * the detector alone and the detector with the judge called on every match, side by side in the same run, on the
 * detector benchmark's prose and on hash-dense corpus text, against benchmark 1's reference regex.
 */
import { findHashes, DEFAULT_NOISE_FILTERS, type NoiseFilters } from '../src/shared/hash-detector.ts'
import { createSampleJudge, NOT_SAMPLE_KINDS, type NotSampleKind, type PageContext } from '../src/shared/sample-judgement.ts'
import { CORPUS_SETS, documentBlocks, readCorpus, setOf } from '../test/corpus/document-text.ts'
import { addToTally, emptyTally, judgeDocument, noiseOf, recallOf, type Tally } from '../test/corpus/judge-corpus.ts'
import type { BenchContext } from './lib/context.ts'
import { proseWithHashes, REFERENCE } from './detector-throughput.ts'
import { figuresOf, median, round, type FigureInput, type Figure } from './lib/report.ts'

const BENCHMARK = '7 Judgement'
const EVERY_KIND: ReadonlySet<NotSampleKind> = new Set(NOT_SAMPLE_KINDS)
/** A threat report: the judge's slowest page, as no page kind shortcuts a hash there. */
const THREAT_PAGE: PageContext = {
  url: 'https://blog.example.com/2026/11/loader-campaign-iocs',
  title: 'Loader campaign: indicators of compromise',
  text: 'Indicators of compromise of the malware campaign: sample hashes, C2 servers.',
}

function percent(value: number): number | null {
  return round(value * 100, 1)
}

function accuracyFigures(): FigureInput[] {
  const corpus = readCorpus()
  const inputs: FigureInput[] = []
  for (const set of CORPUS_SETS) {
    const total = emptyTally()
    const byKind = new Map<string, Tally>()
    for (const entry of corpus.filter((candidate) => setOf(candidate) === set)) {
      const judged = judgeDocument(entry)
      addToTally(total, judged)
      const tally = byKind.get(entry.kind) ?? emptyTally()
      byKind.set(entry.kind, addToTally(tally, judged))
    }
    inputs.push(
      { id: `judgement.${set}.recall`, label: `${set} set: samples looked up automatically (${total.samplesLookedUp}/${total.samples})`, value: percent(recallOf(total)), unit: '%',
        target: { comparison: '>=', value: 99 }, detail: { ...total } },
      { id: `judgement.${set}.noise`, label: `${set} set: non-samples looked up automatically (${total.nonSamplesLookedUp}/${total.nonSamples})`, value: percent(noiseOf(total)), unit: '%',
        target: { comparison: '<=', value: 10 }, detail: { ...total } },
    )
    for (const [kind, tally] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) {
      if (tally.samples > 0) {
        inputs.push({ id: `judgement.${set}.${kind}.recall`, label: `${set} · ${kind}: samples looked up (${tally.samplesLookedUp}/${tally.samples})`, value: percent(recallOf(tally)), unit: '%', detail: { ...tally } })
      }
      if (tally.nonSamples > 0) {
        inputs.push({ id: `judgement.${set}.${kind}.noise`, label: `${set} · ${kind}: non-samples looked up (${tally.nonSamplesLookedUp}/${tally.nonSamples})`, value: percent(noiseOf(tally)), unit: '%', detail: { ...tally } })
      }
    }
  }
  return inputs
}

/** Every corpus document's blocks, repeated to about `targetChars`: real hash-dense text (IOC lists, lockfiles). */
function corpusText(targetChars: number): string {
  const documents = readCorpus().map((entry) => documentBlocks(entry.file).join('\n'))
  const parts: string[] = []
  let length = 0
  while (length < targetChars) {
    for (const document of documents) {
      parts.push(document)
      length += document.length + 1
    }
  }
  return parts.join('\n')
}

function scanOnly(text: string, filters: NoiseFilters): number {
  return findHashes(text, filters).length
}

/** What the scanner does with the judge on: one judge per document, one call per match. */
function scanAndJudge(text: string, filters: NoiseFilters): number {
  const judge = createSampleJudge({ ...THREAT_PAGE, text: THREAT_PAGE.text + text.slice(0, 64 * 1024) }, EVERY_KIND)
  let skipped = 0
  for (const match of findHashes(text, filters)) if (judge(text, match.start, match.end) !== null) skipped++
  return skipped
}

function timeOnce(run: () => unknown): number {
  const start = performance.now()
  run()
  return performance.now() - start
}

function throughputFigures(context: BenchContext): FigureInput[] {
  const megabytes = context.isSmoke ? 2 : 32
  const rounds = 3
  const inputs: FigureInput[] = []
  for (const [name, text] of [['prose', proseWithHashes(megabytes * 1024 * 1024)], ['corpus text', corpusText(megabytes * 1024 * 1024 / 4)]] as const) {
    const sizeMb = text.length / (1024 * 1024)
    const hashes = findHashes(text, DEFAULT_NOISE_FILTERS).length
    context.log(`judgement: ${sizeMb.toFixed(1)} MB of ${name}, ${hashes} hashes`)
    const warm = text.slice(0, 2 * 1024 * 1024)
    scanOnly(warm, DEFAULT_NOISE_FILTERS)
    scanAndJudge(warm, DEFAULT_NOISE_FILTERS)
    const offMs: number[] = []
    const onMs: number[] = []
    const referenceMs: number[] = []
    for (let index = 0; index < rounds; index++) {
      offMs.push(timeOnce(() => scanOnly(text, DEFAULT_NOISE_FILTERS)))
      onMs.push(timeOnce(() => scanAndJudge(text, DEFAULT_NOISE_FILTERS)))
      referenceMs.push(timeOnce(() => Array.from(text.matchAll(REFERENCE)).length))
    }
    const rate = (ms: number[]): number => sizeMb / (median(ms)! / 1000)
    const id = name === 'prose' ? 'prose' : 'corpus'
    const perHashUs = hashes === 0 ? null : ((median(onMs)! - median(offMs)!) * 1000) / hashes
    inputs.push(
      { id: `judgement.${id}.off-mb-s`, label: `detector, judge off, ${Math.round(sizeMb)} MB ${name} (${hashes} hashes)`, value: round(rate(offMs), 0), unit: 'MB/s', detail: { runsMs: offMs.map((ms) => round(ms)) } },
      { id: `judgement.${id}.on-mb-s`, label: `detector, judge on, same text`, value: round(rate(onMs), 0), unit: 'MB/s', detail: { runsMs: onMs.map((ms) => round(ms)) } },
      { id: `judgement.${id}.judge-us-per-hash`, label: 'judge cost per hash (on minus off)', value: round(perHashUs, 2), unit: 'µs' },
    )
    // Benchmark 1's target (≥ 3× the reference regex) is set on prose; it must hold with the judge on.
    if (id === 'prose') {
      inputs.push({ id: 'judgement.prose.on-vs-reference', label: 'judge on vs reference regex (benchmark 1 target)', value: round(rate(onMs) / rate(referenceMs), 1), unit: '×',
        target: { comparison: '>=', value: 3 }, detail: { referenceRunsMs: referenceMs.map((ms) => round(ms)) } })
    }
  }
  return inputs
}

export async function runSampleJudgement(context: BenchContext): Promise<Figure[]> {
  return figuresOf(BENCHMARK, [...accuracyFigures(), ...throughputFigures(context)], context.isSmoke)
}
