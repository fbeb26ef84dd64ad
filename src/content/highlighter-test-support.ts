/** For the highlighter's unit tests: happy-dom has no CSS.highlights or Highlight, and marks need real text. */
import type { HashState, Verdict } from '../shared/verdict.ts'
import { HIGHLIGHT_CSS } from './highlight-rules.ts'
import type { NewMark } from './mark-index.ts'
import type { HighlightEnvironment } from './mark-painter.ts'
import { collectTextBlocks, spanOfMatch } from './text-blocks.ts'

export const MD5 = 'd41d8cd98f00b204e9800998ecf8427e'
export const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'

/** What the fake environment registered: highlight name → its ranges. */
export const registry = new Map<string, Set<AbstractRange>>()

export function fakeEnvironment(): HighlightEnvironment {
  registry.clear()
  const styleSheet = new CSSStyleSheet()
  styleSheet.replaceSync(HIGHLIGHT_CSS)
  return {
    registry: {
      set: (name, highlight) => registry.set(name, highlight as Set<AbstractRange>),
      get: (name) => registry.get(name),
      delete: (name) => registry.delete(name),
    },
    createHighlight: () => new Set<AbstractRange>(),
    createRange: (span) => {
      const range = document.createRange()
      range.setStart(span.startNode, span.startOffset)
      range.setEnd(span.endNode, span.endOffset)
      return range
    },
    styleSheet,
  }
}

export function verdict(classification: Verdict['classification'], hash = MD5): HashState {
  return { state: 'verdict', verdict: { hash, type: 'md5', classification, sampleHashes: {}, checkedAt: 0 } }
}

/** A paragraph of `parts` appended to the body, and a new mark for each of `hashes` in it. */
export function paragraphWithMarks(parts: Array<string | Node>, hashes: string[]): { paragraph: HTMLElement; nodes: Text[]; marks: NewMark[] } {
  const paragraph = document.createElement('p')
  paragraph.append(...parts)
  document.body.append(paragraph)
  const [block] = collectTextBlocks(paragraph)
  const marks: NewMark[] = []
  for (const hash of hashes) {
    const start = block!.text.indexOf(hash)
    marks.push({ hash, type: hash.length === 32 ? 'md5' : 'sha1', span: spanOfMatch(block!, start, start + hash.length), root: document })
  }
  return { paragraph, nodes: block!.segments.map((segment) => segment.node), marks }
}
