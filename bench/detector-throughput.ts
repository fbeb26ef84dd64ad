/**
 * Benchmark 1: the detector against the obvious regex in the same run (timings here drift,
 * ratios do not). Hashes are set off by punctuation, never glued to a letter, so both boundary
 * rules coincide and, filters off, both must find the same matches.
 */
import { DEFAULT_NOISE_FILTERS, findHashes, NO_NOISE_FILTERS } from '../src/shared/hash-detector.ts'
import { figuresOf, median, round, type Figure } from './lib/report.ts'
import { seededRandom } from './lib/pages.ts'
import type { BenchContext } from './lib/context.ts'

export const REFERENCE = /(?<![0-9a-f])(?:[0-9a-f]{64}|[0-9a-f]{40}|[0-9a-f]{32})(?![0-9a-f])/gi

const WORDS = ('the of and to in is was for on that with as by at from it an be this which or are were had not but ' +
  'process file sample network server access denied report malware analysis detected registry payload loader ' +
  'deceased face bead added cafe decade faded bad fee feed beef dead accede facade deface').split(' ')

/** A hash every ~2 KB; sentences from a pool, as 64 MB of word-by-word text takes longer to make than to scan. */
export function proseWithHashes(targetChars: number, seed = 7): string {
  const random = seededRandom(seed)
  const hex = (length: number): string => {
    let text = ''
    while (text.length < length) text += '0123456789abcdef'[Math.floor(random() * 16)]
    return text
  }
  const sentences: string[] = []
  for (let index = 0; index < 2000; index++) {
    const words: string[] = []
    const count = 6 + Math.floor(random() * 14)
    for (let word = 0; word < count; word++) words.push(WORDS[Math.floor(random() * WORDS.length)]!)
    sentences.push(`${words.join(' ')}. `)
  }
  const parts: string[] = []
  let length = 0
  while (length < targetChars) {
    let paragraph = ''
    while (paragraph.length < 2000) paragraph += sentences[Math.floor(random() * sentences.length)]
    const hash = hex([32, 40, 64][Math.floor(random() * 3)]!)
    const roll = random()
    paragraph += roll < 0.4 ? `sha: ${hash}. ` : roll < 0.7 ? `(${hash.toUpperCase()})\n` : `${hash}: ok\n`
    parts.push(paragraph)
    length += paragraph.length
  }
  return parts.join('')
}

interface Match { start: number; end: number; hash: string }

function referenceMatches(text: string): Match[] {
  return Array.from(text.matchAll(REFERENCE), (match) => ({
    start: match.index,
    end: match.index + match[0].length,
    hash: match[0].toLowerCase(),
  }))
}

function sameMatches(ours: readonly Match[], reference: readonly Match[]): boolean {
  if (ours.length !== reference.length) return false
  for (let index = 0; index < ours.length; index++) {
    const a = ours[index]!
    const b = reference[index]!
    if (a.start !== b.start || a.end !== b.end || a.hash !== b.hash) return false
  }
  return true
}

function timeOnce(run: () => unknown): number {
  const start = performance.now()
  run()
  return performance.now() - start
}

export async function runDetectorThroughput(context: BenchContext): Promise<Figure[]> {
  const megabytes = context.isSmoke ? 2 : 64
  const text = proseWithHashes(megabytes * 1024 * 1024)
  const sizeMb = text.length / (1024 * 1024)
  context.log(`detector: ${sizeMb.toFixed(1)} MB of prose`)

  const ours = findHashes(text, NO_NOISE_FILTERS)
  const reference = referenceMatches(text)
  const isIdentical = sameMatches(ours, reference)

  // Warm both up (JIT, regexp compilation) on a slice, then alternate timed runs.
  const warm = text.slice(0, 4 * 1024 * 1024)
  for (let index = 0; index < 2; index++) {
    findHashes(warm, NO_NOISE_FILTERS)
    referenceMatches(warm)
  }
  const rounds = context.isSmoke ? 3 : 3
  const oursMs: number[] = []
  const referenceMs: number[] = []
  const defaultFiltersMs: number[] = []
  for (let index = 0; index < rounds; index++) {
    oursMs.push(timeOnce(() => findHashes(text, NO_NOISE_FILTERS)))
    referenceMs.push(timeOnce(() => referenceMatches(text)))
    defaultFiltersMs.push(timeOnce(() => findHashes(text, DEFAULT_NOISE_FILTERS)))
  }
  const oursRate = sizeMb / (median(oursMs)! / 1000)
  const referenceRate = sizeMb / (median(referenceMs)! / 1000)
  const defaultRate = sizeMb / (median(defaultFiltersMs)! / 1000)
  // The ratio of medians of paired runs: each round times both on the same warm process.
  const ratio = oursRate / referenceRate

  return figuresOf('1 Detector', [
    { id: 'detector.ours-mb-s', label: `HashLens detector, ${Math.round(sizeMb)} MB prose (filters off)`, value: round(oursRate, 0), unit: 'MB/s',
      detail: { runsMs: oursMs.map((ms) => round(ms)) } },
    { id: 'detector.reference-mb-s', label: 'reference regex, same text', value: round(referenceRate, 0), unit: 'MB/s',
      detail: { runsMs: referenceMs.map((ms) => round(ms)) } },
    { id: 'detector.ratio', label: 'throughput vs reference', value: round(ratio, 1), unit: '×', target: { comparison: '>=', value: 3 } },
    { id: 'detector.identical', label: `identical matches (${ours.length} vs ${reference.length})`, value: isIdentical ? 1 : 0, unit: '', display: isIdentical ? 'yes' : 'no',
      target: { comparison: '==', value: 1 }, targetDisplay: 'yes', detail: { ours: ours.length, reference: reference.length } },
    { id: 'detector.default-filters-mb-s', label: 'HashLens detector, default filters', value: round(defaultRate, 0), unit: 'MB/s' },
  ], context.isSmoke)
}
