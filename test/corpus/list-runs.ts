/**
 * Prints every hash-length hex run of each corpus document (or of the ids given), one per line:
 * `<id>\t<index>\t<line>\t<hash>\t<the line, trimmed>`, so labelling goes run by run.
 * Usage: npx tsx test/corpus/list-runs.ts [id ...]
 */
import { documentText, readCorpus, runsIn } from './document-text.ts'

const wanted = new Set(process.argv.slice(2))
const LINE_SHOWN = 220

for (const entry of readCorpus()) {
  if (wanted.size > 0 && !wanted.has(entry.id)) continue
  const text = documentText(entry.file)
  const lines = text.split('\n')
  for (const run of runsIn(text)) {
    const line = (lines[run.line - 1] ?? '').trim().slice(0, LINE_SHOWN)
    console.log([entry.id, run.index, run.line, run.hash, line].join('\t'))
  }
}
