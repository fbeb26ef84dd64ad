// The sample judgement of issue 13 on the corpus, judged the way the scanner judges (judge-corpus.ts). The targets:
// at least 99% of samples looked up automatically, at most 10% of non-samples. The held-out documents were not read
// while the rule was written; their untuned figures, recorded below, are the ones that count. All four batches are tuned on now.
import { describe, expect, it } from 'vitest'
import { readCorpus, setOf, type CorpusSet } from './document-text.ts'
import { addToTally, emptyTally, judgeDocument, noiseOf, recallOf, type Tally } from './judge-corpus.ts'

const RECALL_TARGET = 0.99
const NOISE_TARGET = 0.1
/**
 * The held-out set, judged untuned: recall 100% (345/345), noise 14.7% (74 of 504 non-samples looked up; 73 with the
 * rule as first committed, one trace id more since the rules were made cheaper), 2026-12-02 — the figure that counted,
 * above the target. 60 of the 74 were one bare list of CA fingerprints, which LABELLING.md calls indistinguishable from a
 * sample list by its text. The Bitcoin-script rule (`OP_HASH160 <id>`), from one of its documents, took it to 68 of 504.
 * Tuned on since 2026-12-03 (a page whose address names certificates, a spec whose only threat words are its security
 * section's, a C struct as the header of its initializer rows): 0 of 504, recall still 345/345; this bound holds that.
 */
const HELD_OUT_NOISE_TUNED = 0
/**
 * The second held-out batch (22 documents labelled before any judgement ran on them, LABELLING.md), judged by the rule
 * as it stood: recall 100% (224/224), noise 19.3% (94 of 487), 2026-12-02 — the figure that counts. 79 of the 94 were
 * one Gradle verification-metadata.xml (`<sha256 value="…"/>`), a lockfile shape no rule knew; the rule added for it
 * after that measurement brings the batch to 3.1% (15/487), so from then on the batch is tuned on and held to the target;
 * with the Homebrew-bottle rule (`sha256 cellar: :any, arm64_sonoma: "…"`, from its formula) 2.1% (10/487).
 */
/**
 * The third held-out batch (13 documents labelled before any judgement ran on them, LABELLING.md), judged by the rule
 * as it stood: recall 100% (106/106), noise 67.4% (64 of 95), 2026-12-02 — the figure that counts, far off the target.
 * 39 of the 64 were one Terraform lock file (`"zh:<sha256>"`), 12 GTI collection ids, 9 systemd boot/machine ids, 2
 * Buildroot `.hash` lines, 2 vhashes. The rules added for those shapes afterwards (2026-12-03) bring it to 0 of 95 with
 * recall still 106/106: from then on the batch is tuned on, and this bound holds the new figure.
 */
const HELD_OUT_3_NOISE_TUNED = 0
/**
 * The fourth held-out batch (15 documents gathered and labelled by a labeller who never read the judgement, committed
 * before it ran on them, LABELLING.md), judged by the rule as tuned on batch 3: recall 100% (50/50), noise 7.8% (14 of
 * 180), 2026-12-03 — the figure that counts, within the target. Tuned on afterwards, the same day (Sentry event and
 * replay ids, keys in a URL's user part, `ep_bytes`, Docker's `ADD file:<digest>`, Gopkg.lock's `digest = "1:…"`):
 * 0 of 180, recall still 50/50 (its labels' second reading agreed on all 230 runs); this bound holds that.
 */
const HELD_OUT_4_NOISE_TUNED = 0

const corpus = readCorpus()

function tallyOf(set: CorpusSet): { tally: Tally; perDocument: string[] } {
  const tally = emptyTally()
  const perDocument: string[] = []
  for (const entry of corpus.filter((candidate) => setOf(candidate) === set)) {
    const judged = judgeDocument(entry)
    const own = addToTally(emptyTally(), judged)
    addToTally(tally, judged)
    perDocument.push(`${entry.id}: samples ${own.samplesLookedUp}/${own.samples}, non-samples looked up ${own.nonSamplesLookedUp}/${own.nonSamples}`)
  }
  return { tally, perDocument }
}

describe.each([
  ['tuning set', 'tuning', NOISE_TARGET],
  ['held-out set', 'held-out', HELD_OUT_NOISE_TUNED],
  ['second held-out batch', 'held-out-2', NOISE_TARGET],
  ['third held-out batch', 'held-out-3', HELD_OUT_3_NOISE_TUNED],
  ['fourth held-out batch', 'held-out-4', HELD_OUT_4_NOISE_TUNED],
] as const)('the sample judgement on the %s', (_name, set, noiseBound) => {
  const { tally, perDocument } = tallyOf(set)
  const figures = `${perDocument.join('\n')}\nrecall ${recallOf(tally)}, noise ${noiseOf(tally)}`

  it(`looks up at least ${RECALL_TARGET * 100}% of the samples automatically`, () => {
    expect(tally.samples).toBeGreaterThan(0)
    expect(recallOf(tally), figures).toBeGreaterThanOrEqual(RECALL_TARGET)
  })

  it(`looks up at most ${noiseBound * 100}% of the non-samples automatically`, () => {
    expect(tally.nonSamples).toBeGreaterThan(0)
    expect(noiseOf(tally), figures).toBeLessThanOrEqual(noiseBound)
  })
})
