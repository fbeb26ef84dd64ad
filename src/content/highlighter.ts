/** The frame's marks for the scanner and the hover card: the mark index, kept in step with the painter and the worker's states. */
import type { HashState, HashStates } from '../shared/verdict.ts'
import { toneOf } from '../shared/verdict-tone.ts'
import { HashStateStore } from './hash-state-store.ts'
import { createMark, MarkIndex, type Mark, type MarkState, type NewMark } from './mark-index.ts'
import { MarkPainter, type DrawEnvironment } from './mark-painter.ts'
import { elementOfText } from './text-blocks.ts'

export type { Mark, NewMark } from './mark-index.ts'

/** Long enough to find it on the screen; the CSS animation runs 2 s of it. */
const PULSE_MS = 2500

/** How a hash is drawn; null while the worker has not said anything about it yet. */
export function markStateOf(state: HashState | undefined): MarkState | null {
  return state === undefined ? null : toneOf(state)
}

/** Extends the index rather than wrapping it: its queries run per rescanned block and per pointer frame. */
export class Highlighter extends MarkIndex {
  readonly #states = new HashStateStore()
  /** Null where nothing can be drawn; the index works regardless. */
  readonly #painter: MarkPainter | null

  constructor(environment: DrawEnvironment | null) {
    super()
    this.#painter = environment ? new MarkPainter(environment, () => this.markedRoots()) : null
  }

  get canDraw(): boolean {
    return this.#painter !== null
  }

  stateOf(hash: string): HashState | undefined {
    return this.#states.stateOf(hash)
  }

  /** `marks` come from a fresh read of the text of `nodes`; replacing, not diffing, keeps a rescan idempotent. */
  replaceMarks(nodes: Iterable<Text>, marks: readonly NewMark[]): void {
    if (this.markCount > 0) {
      for (const node of nodes) {
        const existing = this.marksOnNode(node)
        if (existing) for (const mark of existing.slice()) this.#removeMark(mark)
      }
    }
    for (const mark of marks) this.#addMark(mark)
  }

  /** Returns the hashes that have marks here. */
  applyStates(states: HashStates): string[] {
    const touched: string[] = []
    for (const [hash, state] of Object.entries(states)) {
      this.#states.set(hash, state)
      const marks = this.marksOfHash(hash)
      if (!marks) continue
      touched.push(hash)
      const markState = markStateOf(state)
      for (const mark of marks) this.#setMarkState(mark, markState)
    }
    // For DevTools and the benchmarks, counting undrawn marks too; a no-op unless a trace records.
    if (touched.length > 0) console.timeStamp?.(`HashLens states: ${this.finalMarkCount}/${this.markCount} final`)
    return touched
  }

  /** For text the page hid: its hash keeps its state here, so a later rescan draws it again without asking the worker. */
  removeMark(mark: Mark): void {
    this.#removeMark(mark)
  }

  /** Drops marks of detached text. Returns the detached shadow roots among their trees: to be read again if their host returns. */
  sweepDetached(): ShadowRoot[] {
    const detachedRoots = new Set<ShadowRoot>()
    for (const mark of this.detachedMarks()) {
      if (mark.root.nodeType === 11) detachedRoots.add(mark.root as ShadowRoot)
      this.#removeMark(mark)
    }
    return [...detachedRoots].filter((root) => !root.host.isConnected)
  }

  /** The card closed: the marks it covered are hit-tested and drawn again. */
  coverMayHaveChanged(): void {
    this.#painter?.coverMayHaveChanged()
  }

  /**
   * Scrolls the hash's first mark (in text order, still in the page) into view and makes it pulse: a list's row
   * asked. Scrolling moves no node; false where this frame has no mark of it.
   */
  reveal(hash: string): boolean {
    const mark = [...this.marksOfHash(hash) ?? []].find((candidate) => candidate.span.startNode.isConnected)
    if (!mark) return false
    elementOfText(mark.span.startNode, mark.root)?.scrollIntoView({ block: 'center', inline: 'nearest' })
    this.#painter?.pulse(mark, PULSE_MS)
    return true
  }

  /** DOM changes are redrawn at most every `ms` (a flood: FLOOD_PACE_MS). */
  slowMutationRedrawsTo(ms: number): void {
    this.#painter?.slowMutationRedrawsTo(ms)
  }

  /** Removes everything HashLens drew: the overlay and its host. */
  dispose(): void {
    this.#painter?.dispose()
    this.clearIndex()
  }

  #addMark(newMark: NewMark): void {
    const mark = createMark(newMark)
    this.indexMark(mark)
    this.#painter?.add(mark)
    this.#setMarkState(mark, markStateOf(this.#states.stateOf(mark.hash)))
  }

  #removeMark(mark: Mark): void {
    this.#setMarkState(mark, null)
    this.unindexMark(mark)
    this.#painter?.remove(mark)
  }

  #setMarkState(mark: Mark, state: MarkState | null): void {
    if (this.recordMarkState(mark, state)) this.#painter?.queueDraw(mark)
  }
}
