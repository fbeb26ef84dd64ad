/** For the highlighter's unit tests: happy-dom has no layout or hit-testing, and marks need real text. */
import type { HashState, Verdict } from '../shared/verdict.ts'
import type { VerdictTone } from '../shared/verdict-tone.ts'
import { MARK_ATTRIBUTE, TONE_ATTRIBUTE } from './highlight-rules.ts'
import type { NewMark } from './mark-index.ts'
import type { DrawEnvironment, RectLike } from './mark-painter.ts'
import { collectTextBlocks, spanOfMatch } from './text-blocks.ts'

export const MD5 = 'd41d8cd98f00b204e9800998ecf8427e'
export const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'

/** The fake layout: each text's parent gets a line box (one below the other unless set), covers hide what lies under them. */
export const layout = {
  boxes: new Map<Element, RectLike>(),
  covers: [] as Array<{ element: Element; box: RectLike }>,
  viewport: { width: 1000, height: 800 },
}

function contains(box: RectLike, x: number, y: number): boolean {
  return x >= box.left && x < box.left + box.width && y >= box.top && y < box.top + box.height
}

/** Closed shadow roots attached since the last fakeEnvironment(): the overlay's is among them. */
const closedRoots: ShadowRoot[] = []
const attachShadow = Element.prototype.attachShadow
Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit): ShadowRoot {
  const root = attachShadow.call(this, init)
  if (init.mode === 'closed') closedRoots.push(root)
  return root
}

export function fakeEnvironment(): DrawEnvironment {
  layout.boxes.clear()
  layout.covers = []
  closedRoots.length = 0
  const boxOf = (element: Element): RectLike => {
    let box = layout.boxes.get(element)
    if (!box) layout.boxes.set(element, (box = { left: 10, top: 10 + 20 * layout.boxes.size, width: 300, height: 16 }))
    return box
  }
  return {
    document,
    rectsOf: (span) => [...new Set(span.nodes.map((node) => node.parentElement).filter((parent) => parent !== null))].map(boxOf),
    elementsAt: (_root, x, y) => {
      const covers = layout.covers.filter((candidate) => contains(candidate.box, x, y)).reverse().map((candidate) => candidate.element)
      const laidOut = [...layout.boxes].filter(([, box]) => contains(box, x, y)).map(([element]) => element).reverse()
      return [...covers, ...laidOut, document.body, document.documentElement]
    },
    viewport: () => layout.viewport,
  }
}

/** The overlay's host and what its closed shadow root draws: each box's tone and geometry. */
export function overlayDrawing(): { host: Element | null; boxes: Array<{ tone: VerdictTone; mark: string; style: string }> } {
  const root = closedRoots.find((candidate) => candidate.host.isConnected) ?? closedRoots[0]
  if (!root) return { host: null, boxes: [] }
  return {
    host: root.host,
    boxes: [...root.querySelectorAll(`[${TONE_ATTRIBUTE}]`)].map((box) => ({
      tone: box.getAttribute(TONE_ATTRIBUTE) as VerdictTone,
      mark: box.getAttribute(MARK_ATTRIBUTE)!,
      style: (box as HTMLElement).style.cssText,
    })),
  }
}

/** How many marks the overlay draws in each tone. */
export function drawnTones(): Partial<Record<VerdictTone, number>> {
  const marks = new Map<string, VerdictTone>()
  for (const box of overlayDrawing().boxes) marks.set(box.mark, box.tone)
  const counts: Partial<Record<VerdictTone, number>> = {}
  for (const tone of marks.values()) counts[tone] = (counts[tone] ?? 0) + 1
  return counts
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
