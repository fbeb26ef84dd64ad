// The corpus of issue 13 is consistent: what it checks is the data, not any judgement of it.
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DOCUMENTS_DIRECTORY, LABELS_DIRECTORY, documentText, readCorpus, readLabels, runsIn } from './document-text.ts'

const THREAT_KINDS: ReadonlySet<string> = new Set([
  'threat-report', 'ioc-list', 'yara', 'misp', 'stix', 'openioc', 'sandbox-report', 'sample-repo-listing', 'mixed',
])
const LABEL_KINDS: ReadonlySet<string> = new Set([
  'sample', 'dependency-checksum', 'commit-id', 'container-digest', 'blockchain-id', 'key-material', 'certificate',
  'yara-hex', 'asset-fingerprint', 'trace-id', 'checksum-of-release', 'byte-dump', 'imphash', 'other-id',
])
const MAX_DOCUMENT_BYTES = 40_000
const MAX_CORPUS_BYTES = 1_500_000

const corpus = readCorpus()

describe('the issue-13 corpus', () => {
  it('has enough documents, of both sorts, and holds out a third of them', () => {
    const nonThreat = corpus.filter((entry) => !THREAT_KINDS.has(entry.kind))
    expect(corpus.length).toBeGreaterThanOrEqual(30)
    expect(nonThreat.length).toBeGreaterThanOrEqual(10)
    expect(corpus.length - nonThreat.length).toBeGreaterThanOrEqual(16)
    expect(corpus.filter((entry) => entry.heldOut).length * 3).toBeGreaterThanOrEqual(corpus.length)
    expect(nonThreat.filter((entry) => entry.heldOut).length).toBeGreaterThanOrEqual(4)
  })

  it('names every document once, with its source, commit or date and licence', () => {
    expect(new Set(corpus.map((entry) => entry.id)).size).toBe(corpus.length)
    for (const entry of corpus) {
      expect(entry.file, entry.id).toMatch(new RegExp(`^${entry.id}\\.[a-z]+$`))
      for (const field of [entry.kind, entry.source, entry.commit_or_date, entry.licence]) expect(field, entry.id).not.toBe('')
      expect(typeof entry.heldOut, entry.id).toBe('boolean')
      if (entry.batch !== undefined) expect([[2, 3, 4].includes(entry.batch), entry.heldOut], entry.id).toEqual([true, true])
    }
  })

  it('stores the documents small, and no file that corpus.json does not name', () => {
    const files = readdirSync(DOCUMENTS_DIRECTORY)
    expect(files.sort()).toEqual(corpus.map((entry) => entry.file).sort())
    expect(readdirSync(LABELS_DIRECTORY).sort()).toEqual(corpus.map((entry) => `${entry.id}.json`).sort())
    let total = 0
    for (const file of files) {
      const size = statSync(path.join(DOCUMENTS_DIRECTORY, file)).size
      expect(size, file).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES)
      total += size
    }
    expect(total).toBeLessThanOrEqual(MAX_CORPUS_BYTES)
  })

  it.each(corpus.map((entry) => [entry.id, entry] as const))('%s: labels exactly the runs the detector finds', (_id, entry) => {
    expect(existsSync(path.join(DOCUMENTS_DIRECTORY, entry.file))).toBe(true)
    const labels = readLabels(entry.id)
    expect(labels.id).toBe(entry.id)
    const found = runsIn(documentText(entry.file)).map(({ index, line, hash }) => ({ index, line, hash }))
    expect(labels.runs.map(({ index, line, hash }) => ({ index, line, hash }))).toEqual(found)
    for (const run of labels.runs) {
      expect(LABEL_KINDS.has(run.kind), `${entry.id} #${run.index}: ${run.kind}`).toBe(true)
      expect(run.label === 'sample', `${entry.id} #${run.index}`).toBe(run.kind === 'sample')
    }
  })
})
