/**
 * Per text node in text order (what hover-controller.ts hit-tests), per hash (a new state reaches every occurrence),
 * per hit target and per tree.
 */
import type { HashType } from '../shared/hash.ts'
import type { VerdictTone } from '../shared/verdict-tone.ts'
import type { TextSpan } from './text-blocks.ts'

/** A mark is drawn in its hash's tone. */
export type MarkState = VerdictTone

export interface NewMark {
  hash: string
  type: HashType
  span: TextSpan
  /** The tree the text is in: its own elementsFromPoint hit-tests the mark. */
  root: Document | ShadowRoot
}

export interface Mark extends NewMark {
  state: MarkState | null
  /** The parents of the span's text nodes: where a pointer event's target lands. */
  readonly hitTargets: readonly Node[]
}

const HIT_TARGETS_TO_TEST_DIRECTLY = 32

export function createMark(newMark: NewMark): Mark {
  const hitTargets: Node[] = []
  for (const node of newMark.span.nodes) {
    // Text directly in a shadow root is hit-tested as its host (the path's innermost element).
    const parent = node.parentNode
    const target = parent !== null && parent.nodeType === 11 ? (parent as ShadowRoot).host : parent
    if (target !== null && !hitTargets.includes(target)) hitTargets.push(target)
  }
  return { ...newMark, state: null, hitTargets }
}

/** A live Range over a span (hit-testing needs its client rects); throws if the text has since shrunk. */
export function liveRangeOf(span: TextSpan): Range {
  const range = span.startNode.ownerDocument.createRange()
  range.setStart(span.startNode, span.startOffset)
  range.setEnd(span.endNode, span.endOffset)
  return range
}

function isFinal(state: MarkState | null): boolean {
  return state !== null && state !== 'pending'
}

function startIn(mark: Mark, node: Text): number {
  return node === mark.span.startNode ? mark.span.startOffset : 0
}

function endIn(mark: Mark, node: Text): number {
  return node === mark.span.endNode ? mark.span.endOffset : node.data.length
}

/** The queries are public (the scanner and the hover controller ask them); changes come from the Highlighter subclass. */
export class MarkIndex {
  readonly #marksByNode = new Map<Text, Mark[]>()
  readonly #marksByHash = new Map<string, Set<Mark>>()
  readonly #hitTargetCounts = new Map<Node, number>()
  readonly #markCountByRoot = new Map<Document | ShadowRoot, number>()
  #markTotal = 0
  #finalMarkTotal = 0

  get markCount(): number {
    return this.#markTotal
  }

  /** Whether any of these text nodes holds a mark (a rescan must then replace them). */
  hasMarkOn(nodes: Iterable<Text>): boolean {
    if (this.#markTotal === 0) return false
    for (const node of nodes) if (this.#marksByNode.has(node)) return true
    return false
  }

  /** The mark at a caret position (offset between characters, so both ends count). */
  markAt(node: Text, offset: number): Mark | null {
    const marks = this.#marksByNode.get(node)
    if (!marks) return null
    // Binary search for the last mark starting at or before `offset` (marks in a node never overlap).
    let low = 0
    let high = marks.length - 1
    let found = -1
    while (low <= high) {
      const middle = (low + high) >> 1
      if (startIn(marks[middle]!, node) <= offset) {
        found = middle
        low = middle + 1
      } else {
        high = middle - 1
      }
    }
    if (found < 0) return null
    const mark = marks[found]!
    return offset <= endIn(mark, node) ? mark : null
  }

  /** Crossing no shadow boundary. Asked per rescanned block: walks the marked elements or the container's, whichever is fewer. */
  hasMarkedTextWithin(container: Node): boolean {
    if (this.#hitTargetCounts.size === 0) return false
    if (this.#hitTargetCounts.size <= HIT_TARGETS_TO_TEST_DIRECTLY || container.nodeType !== 1) {
      for (const target of this.#hitTargetCounts.keys()) if (container.contains(target)) return true
      return false
    }
    if (this.#hitTargetCounts.has(container)) return true
    const elements = (container as Element).getElementsByTagName('*')
    for (let index = 0; index < elements.length; index++) if (this.#hitTargetCounts.has(elements[index]!)) return true
    return false
  }

  /** Cheap pre-check before any layout read: is `node` the parent of marked text? */
  hasMarkedTextIn(node: Node): boolean {
    return this.#hitTargetCounts.has(node)
  }

  /** The marks whose first text node lies in one of `subtrees` (crossing no shadow boundary); some may be unindexed as they come. */
  *marksWithin(subtrees: ReadonlySet<Node>): Generator<Mark> {
    for (const [node, marks] of this.#marksByNode) {
      for (let current: Node | null = node.parentNode; current !== null; current = current.parentNode) {
        if (!subtrees.has(current)) continue
        for (const mark of marks.slice()) if (mark.span.startNode === node) yield mark
        break
      }
    }
  }

  /** Open shadow roots holding marks (caretPositionFromPoint must be told about them). */
  markedShadowRoots(): ShadowRoot[] {
    const roots: ShadowRoot[] = []
    for (const root of this.#markCountByRoot.keys()) if (root.nodeType === 11) roots.push(root as ShadowRoot)
    return roots
  }

  /** Marks with a state other than pending (what "all marked" counts). */
  protected get finalMarkCount(): number {
    return this.#finalMarkTotal
  }

  protected marksOfHash(hash: string): ReadonlySet<Mark> | undefined {
    return this.#marksByHash.get(hash)
  }

  protected marksOnNode(node: Text): readonly Mark[] | undefined {
    return this.#marksByNode.get(node)
  }

  protected markedRoots(): MapIterator<Document | ShadowRoot> {
    return this.#markCountByRoot.keys()
  }

  /** Returns whether it is the first mark in its tree. */
  protected indexMark(mark: Mark): boolean {
    for (const node of mark.span.nodes) {
      const list = this.#marksByNode.get(node)
      if (!list) {
        this.#marksByNode.set(node, [mark])
        continue
      }
      // Keep text order; lists hold one or two marks, so a linear insert is cheapest.
      const start = startIn(mark, node)
      let index = list.length
      while (index > 0 && startIn(list[index - 1]!, node) > start) index--
      list.splice(index, 0, mark)
    }
    for (const target of mark.hitTargets) this.#hitTargetCounts.set(target, (this.#hitTargetCounts.get(target) ?? 0) + 1)
    let sameHash = this.#marksByHash.get(mark.hash)
    if (!sameHash) this.#marksByHash.set(mark.hash, (sameHash = new Set()))
    sameHash.add(mark)
    const rootCount = this.#markCountByRoot.get(mark.root) ?? 0
    this.#markCountByRoot.set(mark.root, rootCount + 1)
    this.#markTotal++
    return rootCount === 0
  }

  /** Returns whether it was the last mark in its tree. Its state must be null by then. */
  protected unindexMark(mark: Mark): boolean {
    for (const node of mark.span.nodes) {
      const list = this.#marksByNode.get(node)
      if (!list) continue
      const index = list.indexOf(mark)
      if (index >= 0) list.splice(index, 1)
      if (list.length === 0) this.#marksByNode.delete(node)
    }
    for (const target of mark.hitTargets) {
      const count = (this.#hitTargetCounts.get(target) ?? 1) - 1
      if (count <= 0) this.#hitTargetCounts.delete(target)
      else this.#hitTargetCounts.set(target, count)
    }
    const sameHash = this.#marksByHash.get(mark.hash)
    sameHash?.delete(mark)
    if (sameHash?.size === 0) this.#marksByHash.delete(mark.hash)
    this.#markTotal--
    const rootCount = (this.#markCountByRoot.get(mark.root) ?? 1) - 1
    if (rootCount > 0) {
      this.#markCountByRoot.set(mark.root, rootCount)
      return false
    }
    this.#markCountByRoot.delete(mark.root)
    return true
  }

  /** Returns whether the state changed. */
  protected recordMarkState(mark: Mark, state: MarkState | null): boolean {
    if (mark.state === state) return false
    if (isFinal(mark.state)) this.#finalMarkTotal--
    if (isFinal(state)) this.#finalMarkTotal++
    mark.state = state
    return true
  }

  /** The marks of text that left the document; the caller may unindex each as it comes. */
  protected *detachedMarks(): Generator<Mark> {
    for (const [node, marks] of this.#marksByNode) {
      if (!node.isConnected) yield* marks.slice()
    }
  }

  protected clearIndex(): void {
    this.#marksByNode.clear()
    this.#marksByHash.clear()
    this.#hitTargetCounts.clear()
    this.#markCountByRoot.clear()
    this.#markTotal = 0
    this.#finalMarkTotal = 0
  }
}
