/**
 * Most text holds no hash, so a subtree is walked only when its `textContent` (one native call)
 * has a 32-hex run, and a big one is narrowed child by child: a 4 MB page without a hash costs
 * no walk (README "Performance", page a). Later changes rescan only their nearest block containers.
 */
import { findHashes, hasHexRun, type NoiseFilters } from '../shared/hash-detector.ts'
import type { PageSettings } from '../shared/worker-events.ts'
import { createSampleJudge, type NotSampleKind, type PageContext, type SampleJudge } from '../shared/sample-judgement.ts'
import { isInGitObjectLink } from './git-links.ts'
import type { Highlighter, NewMark } from './highlighter.ts'
import type { TaskSlicer } from './task-slicer.ts'
import {
  BlockWalker,
  elementOfText,
  isBlockBoundary,
  isInIgnoredTree,
  isSkippedElement,
  nearestBlockContainer,
  spanOfMatch,
  type TextBlock,
} from './text-blocks.ts'
import { createClipperFinder } from './zero-size-clip.ts'

/** A hash found in a pass, with the block container it sits in (for viewport ordering). */
export interface FoundHash {
  hash: string
  container: Node
  /** What this occurrence looks like when its context says it is no file sample; null or absent for a sample (issue 13). */
  skippedAs?: NotSampleKind | null
}

export type ScanFilters = NoiseFilters & Pick<PageSettings['noiseFilters'], 'skipGitObjectLinks'>

export interface PageScannerOptions {
  document: Document
  highlighter: Highlighter
  filters: Readonly<ScanFilters>
  /** The kinds of non-sample hex this page leaves unlooked-up (PageSettings); none: no judge, every hash a sample. */
  notSampleKinds?: readonly NotSampleKind[]
  slicer: TaskSlicer
  signal: AbortSignal
  /** `isFirstScan`: the whole document's scan, progress reports included. */
  onFound: (found: FoundHash[], isFirstScan: boolean) => void
  /** Quiet time before changes are rescanned: streaming pages change many times a second. */
  debounceMs?: number
  /** A page that never stops changing is still rescanned this often. */
  maxWaitMs?: number
  /** Whether an element's text is rendered; injectable because DOM emulations compute no styles. */
  isVisible?: (element: Element) => boolean
  /** The element whose zero-size clip hides an element's text, or null (see zero-size-clip.ts); injectable for the same reason. */
  clipperOf?: (element: Element) => Element | null
}

const REPORT_INTERVAL_MS = 1000

/** Enough of the page's text to tell a threat report from a lockfile or a commit list (sample-judgement.ts). */
const PAGE_CONTEXT_CHARS = 64 * 1024

/** Text nodes read at most: a page of empty or script-only nodes cannot keep the walk going for a long task. */
const PAGE_CONTEXT_NODES = 16_384

/** Text that is never shown: not the page's words. */
const UNREAD_PARENTS = new Set(['script', 'style', 'noscript', 'template'])

/**
 * The page as the judge sees it: its URL, title and the start of its text. Read text node by text node up to the bound,
 * not as one textContent, which on a 4 MB page builds a 4 MB string (a long task) to keep 64 KB of it.
 */
function pageContextOf(document: Document): PageContext {
  const root = document.body ?? document.documentElement
  let text = ''
  if (root !== null) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    let node = walker.nextNode()
    for (let read = 0; node !== null && read < PAGE_CONTEXT_NODES && text.length < PAGE_CONTEXT_CHARS; read += 1, node = walker.nextNode()) {
      if (!UNREAD_PARENTS.has(node.parentElement?.localName ?? '')) text += (node.nodeValue ?? '').slice(0, PAGE_CONTEXT_CHARS - text.length)
    }
  }
  return { url: document.URL, title: document.title, text }
}

/** A subtree this big that may hold a hash has each block child tested alone first. */
const NARROW_MIN_CHARS = 16 * 1024

/** Elements checked between two budget checks while looking for shadow roots. */
const SHADOW_SEARCH_STRIDE = 256

const OBSERVED_CHANGES: MutationObserverInit = { childList: true, subtree: true, characterData: true }

/** How pages show what they hid: tabs and accordions flip a class, a style, `hidden` or `open`. */
const VISIBILITY_CHANGES: MutationObserverInit = { attributes: true, subtree: true, attributeFilter: ['class', 'style', 'hidden', 'open'] }

/**
 * `display: none` (the `hidden` attribute too), `content-visibility: hidden` (a closed
 * <details>' content) and `visibility: hidden`. Asked only for text holding a hash, so the
 * style update it may force is paid on pages with hashes alone.
 */
function isRenderedElement(element: Element): boolean {
  return typeof element.checkVisibility !== 'function' || element.checkVisibility({ visibilityProperty: true })
}

function nodesOf(block: TextBlock): Text[] {
  return block.segments.map((segment) => segment.node)
}

export class PageScanner {
  private readonly queue: Node[] = []
  private draining: Promise<void> | null = null
  private observer: MutationObserver | null = null
  private readonly observedShadowRoots = new WeakSet<ShadowRoot>()
  /** Nodes whose nearest block must be rescanned (changed text, added/removed inline content). */
  private changedNodes = new Set<Node>()
  private addedBlocks = new Set<Node>()
  /** The changes of a debounce period that has ended, waiting for the drain to take them. */
  private readyChanges: { nodes: Set<Node>; blocks: Set<Node> } | null = null
  private hasRemovals = false
  private isFirstScan = true
  /** A walk skipped subtrees: their shadow roots (text not in textContent) still need a look. */
  private hasSkipped = false
  private flushTimer: ReturnType<typeof setTimeout> | undefined
  private firstChangeAt: number | null = null
  private lastChangeAt = 0
  private debounceMs: number
  private maxWaitMs: number
  private readonly isVisible: (element: Element) => boolean
  private readonly clipperOf: (element: Element) => Element | null
  /** Elements whose hashes were left out as not rendered: looked at again when the page may show them. */
  private readonly hiddenHashElements = new Set<Element>()
  /** Watches attribute changes only while some hash is hidden or marked: pages without hashes never pay for it. */
  private visibilityObserver: MutationObserver | null = null
  private visibilityTimer: ReturnType<typeof setTimeout> | undefined
  /** Elements found clipping hashes away: a page may resize them without touching an attribute (a stylesheet, the viewport). */
  private resizeObserver: ResizeObserver | null = null
  private watchedClippers = new WeakSet<Element>()
  /** Where attributes changed or a <details> toggled: the marked text inside may have been hidden. */
  private visibilityTargets = new Set<Node>()
  private readyVisibilityTargets: Set<Node> | null = null
  /** Made at the first hash found: a page without one never reads its text for it. Undefined until then, null for none. */
  private judge: SampleJudge | null | undefined

  constructor(private readonly options: PageScannerOptions) {
    this.debounceMs = options.debounceMs ?? 150
    this.maxWaitMs = options.maxWaitMs ?? 1000
    this.isVisible = options.isVisible ?? isRenderedElement
    this.clipperOf = options.clipperOf ?? createClipperFinder()
  }

  /** Changes are rescanned at most every `ms` from now on (a flood: FLOOD_PACE_MS). */
  slowTo(ms: number): void {
    this.debounceMs = Math.max(this.debounceMs, ms)
    this.maxWaitMs = Math.max(this.maxWaitMs, ms)
  }

  /** Starts following changes, then scans the whole document; resolves when that scan is done. */
  start(): Promise<void> {
    const { document, signal } = this.options
    if (signal.aborted) return Promise.resolve()
    // Observe first, so nothing that changes while the sliced first scan runs is missed.
    this.observer = new MutationObserver((records) => this.recordChanges(records))
    this.observer.observe(document, OBSERVED_CHANGES)
    signal.addEventListener('abort', () => {
      this.observer?.disconnect()
      this.visibilityObserver?.disconnect()
      this.resizeObserver?.disconnect()
      clearTimeout(this.flushTimer)
      clearTimeout(this.visibilityTimer)
    }, { once: true })
    // `toggle` does not bubble: a capturing listener hears every <details> opened.
    document.addEventListener('toggle', (event) => {
      if (event.target instanceof Node) this.visibilityTargets.add(event.target)
      this.recheckVisibility()
    }, { capture: true, signal })
    const container = nearestBlockContainer(document)
    if (container !== null) this.queue.push(container)
    return this.drain()
  }

  /** Runs when the page mutates: kept to bookkeeping, the work happens later in slices. */
  private recordChanges(records: MutationRecord[]): void {
    let isRelevant = false
    for (const record of records) {
      if (record.type === 'characterData') {
        this.changedNodes.add(record.target)
        isRelevant = true
        continue
      }
      for (const added of record.addedNodes) {
        isRelevant = true
        if (isBlockBoundary(added)) this.addedBlocks.add(added)
        // Text or inline content joins the run around it: rescan the run's block.
        else this.changedNodes.add(record.target)
      }
      for (const removed of record.removedNodes) {
        isRelevant = true
        this.hasRemovals = true
        // Removing text or inline content can join what was left around it.
        if (!isBlockBoundary(removed)) this.changedNodes.add(record.target)
      }
    }
    if (isRelevant) this.scheduleFlush()
  }

  /** One timer re-armed when it fires, not reset per callback: a log page calls back many times a second. */
  private scheduleFlush(): void {
    const now = performance.now()
    this.firstChangeAt ??= now
    this.lastChangeAt = now
    if (this.flushTimer === undefined) this.armFlushTimer(now)
  }

  private armFlushTimer(now: number): void {
    const due = Math.min(this.lastChangeAt + this.debounceMs, this.firstChangeAt! + this.maxWaitMs)
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined
      const firedAt = performance.now()
      if (this.firstChangeAt === null) return
      const isQuiet = firedAt - this.lastChangeAt >= this.debounceMs
      const isOverdue = firedAt - this.firstChangeAt >= this.maxWaitMs
      if (isQuiet || isOverdue) this.flushChanges()
      else this.armFlushTimer(firedAt)
    }, Math.max(0, due - now))
  }

  private flushChanges(): void {
    this.firstChangeAt = null
    if (this.options.signal.aborted) return
    const ready = this.readyChanges ?? { nodes: new Set<Node>(), blocks: new Set<Node>() }
    for (const node of this.changedNodes) ready.nodes.add(node)
    for (const block of this.addedBlocks) ready.blocks.add(block)
    this.readyChanges = ready
    this.changedNodes = new Set()
    this.addedBlocks = new Set()
    void this.drain()
  }

  /** One drain at a time; changes arriving meanwhile are picked up by the running one. */
  private drain(): Promise<void> {
    this.draining ??= this.runQueue().finally(() => {
      this.draining = null
    })
    return this.draining
  }

  private async runQueue(): Promise<void> {
    const { slicer, signal, highlighter } = this.options
    slicer.beginSlice()
    let found: FoundHash[] = []
    let reportedAt = performance.now()
    try {
      for (;;) {
        const ready = this.readyChanges
        if (ready !== null) {
          this.readyChanges = null
          await this.queueChangedContainers(ready.nodes, ready.blocks)
          // More may have come while it waited: nothing is left for a drain that has ended.
          continue
        }
        const targets = this.readyVisibilityTargets
        if (targets !== null) {
          this.readyVisibilityTargets = null
          await this.removeMarksOfHiddenText(targets)
          continue
        }
        const container = this.queue.shift()
        if (container === undefined) break
        if (!container.isConnected) continue
        // Never read the document, <html> or <body> whole: on a big page that one read is a long task.
        const isWrapper = isPageWrapper(container)
        const text = isWrapper ? '' : textOf(container)
        if (!isWrapper && !hasHexRun(text) && !this.hasMarksWithin(container)) {
          await this.findShadowRoots(container)
          continue
        }
        const isNarrowing = isWrapper || text.length >= NARROW_MIN_CHARS
        this.hasSkipped = false
        const walker = new BlockWalker(container, (block) => this.scanBlock(block, found), {
          // A shadow root already followed is rescanned by its own changes, not with its host.
          onShadowRoot: (root) => this.observeShadowRoot(root),
          shouldEnterChild: isNarrowing ? (element) => this.shouldEnter(element) : undefined,
        })
        while (!walker.walk(() => slicer.isOverBudget())) {
          await slicer.yield()
          // Progress at most once a second: the top of a huge page is on screen and should not wait.
          if (found.length > 0 && performance.now() - reportedAt >= REPORT_INTERVAL_MS) {
            this.options.onFound(found, this.isFirstScan)
            found = []
            reportedAt = performance.now()
          }
        }
        // One search over the container, not one per skipped child.
        if (this.hasSkipped) await this.findShadowRoots(container)
      }
      if (this.hasRemovals) {
        this.hasRemovals = false
        // A component taken out with its marks is walked again when it is put back.
        for (const root of highlighter.sweepDetached()) this.observedShadowRoots.delete(root)
      }
    } catch (error) {
      if (signal.aborted) return
      throw error
    }
    if (found.length > 0) this.options.onFound(found, this.isFirstScan)
    this.isFirstScan = false
  }

  /** The fewest subtrees to rescan: each change's nearest block container, minus nested ones. */
  private async queueChangedContainers(changedNodes: ReadonlySet<Node>, addedBlocks: ReadonlySet<Node>): Promise<void> {
    const { slicer } = this.options
    const containers = new Set<Node>()
    let counter = 0
    const pauseIfDue = async (): Promise<void> => {
      if (++counter % 32 === 0 && slicer.isOverBudget()) await slicer.yield()
    }
    for (const node of changedNodes) {
      const container = nearestBlockContainer(node)
      if (container !== null) containers.add(container)
      await pauseIfDue()
    }
    for (const block of addedBlocks) {
      if (block.isConnected && !isInIgnoredTree(block)) containers.add(block)
      await pauseIfDue()
    }
    for (const container of containers) {
      if (!hasAncestorIn(container, containers)) this.queue.push(container)
      await pauseIfDue()
    }
  }

  private shouldEnter(element: Element): boolean {
    if (isPageWrapper(element)) {
      this.queue.push(element)
      return false
    }
    const text = element.textContent ?? ''
    if (!hasHexRun(text) && !this.hasMarksWithin(element)) {
      this.hasSkipped = true
      return false
    }
    if (text.length >= NARROW_MIN_CHARS) {
      this.queue.push(element)
      return false
    }
    return true
  }

  /** A rescan must still walk text that holds marks: it may no longer hold those hashes. */
  private hasMarksWithin(container: Node): boolean {
    const { highlighter } = this.options
    return !this.isFirstScan && highlighter.markCount > 0 && highlighter.hasMarkedTextWithin(container)
  }

  /** textContent leaves out shadow trees: queue each open one under a subtree that is not walked. */
  private async findShadowRoots(subtree: Node): Promise<void> {
    const { slicer } = this.options
    if (subtree.nodeType === 1) this.queueShadowRootOf(subtree as Element)
    const elements: ArrayLike<Element> = subtree.nodeType === 11
      ? (subtree as ShadowRoot).querySelectorAll('*')
      : (subtree as Element | Document).getElementsByTagName('*')
    for (let index = 0; index < elements.length; index++) {
      this.queueShadowRootOf(elements[index]!)
      if (index % SHADOW_SEARCH_STRIDE === SHADOW_SEARCH_STRIDE - 1 && slicer.isOverBudget()) await slicer.yield()
    }
  }

  private queueShadowRootOf(element: Element): void {
    const root = element.shadowRoot
    if (root === null || isSkippedElement(element)) return
    if (this.observeShadowRoot(root)) this.queue.push(root)
  }

  /** Follows a shadow root's changes; false when it was followed (and so scanned) already. */
  private observeShadowRoot(root: ShadowRoot): boolean {
    // A document-level observer does not see into shadow trees: each needs its own observe().
    if (this.observedShadowRoots.has(root) || this.observer === null) return false
    this.observedShadowRoots.add(root)
    this.observer.observe(root, OBSERVED_CHANGES)
    return true
  }

  /** Hidden hashes may be shown now, and marked text hidden: rescan the blocks of the former, unmark the latter. */
  private recheckVisibility(): void {
    const { signal, highlighter } = this.options
    if (signal.aborted) return
    let isAnyShown = false
    for (const element of this.hiddenHashElements) {
      if (element.isConnected && !this.isShown(element)) continue
      this.hiddenHashElements.delete(element)
      if (!element.isConnected) continue
      this.changedNodes.add(element)
      isAnyShown = true
    }
    const targets = this.visibilityTargets
    if (targets.size > 0) {
      this.visibilityTargets = new Set()
      if (highlighter.markCount > 0) {
        const ready = this.readyVisibilityTargets ?? new Set<Node>()
        for (const target of targets) ready.add(target)
        this.readyVisibilityTargets = ready
        void this.drain()
      }
    }
    if (this.hiddenHashElements.size === 0) {
      this.resizeObserver?.disconnect()
      this.resizeObserver = null
      this.watchedClippers = new WeakSet()
      if (highlighter.markCount === 0) {
        this.visibilityObserver?.disconnect()
        this.visibilityObserver = null
      }
    }
    if (isAnyShown) this.scheduleFlush()
  }

  /** Asks once per element per block; a hidden one is remembered, with what clips it. */
  private isShown(element: Element): boolean {
    if (!this.isVisible(element)) {
      this.rememberHidden(element, null)
      return false
    }
    const clipper = this.clipperOf(element)
    if (clipper === null) return true
    this.rememberHidden(element, clipper)
    return false
  }

  private rememberHidden(element: Element, clipper: Element | null): void {
    this.hiddenHashElements.add(element)
    this.watchVisibility()
    if (clipper === null || this.watchedClippers.has(clipper) || typeof ResizeObserver !== 'function') return
    this.watchedClippers.add(clipper)
    this.resizeObserver ??= new ResizeObserver(() => this.scheduleVisibilityRecheck())
    this.resizeObserver.observe(clipper)
  }

  private watchVisibility(): void {
    if (this.visibilityObserver !== null || this.options.signal.aborted) return
    // Rechecks wait for the same quiet time as rescans: a tab switch flips many attributes at once.
    this.visibilityObserver = new MutationObserver((records) => {
      if (this.options.highlighter.markCount > 0) for (const record of records) this.visibilityTargets.add(record.target)
      this.scheduleVisibilityRecheck()
    })
    this.visibilityObserver.observe(this.options.document, VISIBILITY_CHANGES)
  }

  private scheduleVisibilityRecheck(): void {
    if (this.visibilityTimer !== undefined) return
    this.visibilityTimer = setTimeout(() => {
      this.visibilityTimer = undefined
      this.recheckVisibility()
    }, this.debounceMs)
  }

  /** Unmarks the text under `targets` that is no longer rendered; it is marked again (from the states kept) once shown. */
  private async removeMarksOfHiddenText(targets: ReadonlySet<Node>): Promise<void> {
    const { highlighter, slicer } = this.options
    const marked = new Set<Node>()
    for (const target of targets) if (target.isConnected && highlighter.hasMarkedTextWithin(target)) marked.add(target)
    if (marked.size === 0) return
    let isShownByElement = new Map<Element, boolean>()
    let counter = 0
    for (const mark of highlighter.marksWithin(marked)) {
      const element = elementOfText(mark.span.startNode, mark.root)
      if (element !== null) {
        let isShown = isShownByElement.get(element)
        if (isShown === undefined) {
          isShown = this.isShown(element)
          isShownByElement.set(element, isShown)
        }
        if (!isShown) highlighter.removeMark(mark)
      }
      if (++counter % 32 === 0 && slicer.isOverBudget()) {
        await slicer.yield()
        // The page ran meanwhile: what was shown may not be any more.
        isShownByElement = new Map()
      }
    }
  }

  /** One judge per document, over the page as it reads when the first hash is found. */
  private judgeOnce(): SampleJudge | null {
    if (this.judge === undefined) {
      const kinds = this.options.notSampleKinds ?? []
      this.judge = kinds.length === 0 ? null : createSampleJudge(pageContextOf(this.options.document), new Set(kinds))
    }
    return this.judge
  }

  private scanBlock(block: TextBlock, found: FoundHash[]): void {
    const { filters, highlighter } = this.options
    const matches = findHashes(block.text, filters)
    if (matches.length === 0) {
      // Text that held a hash before this rescan may hold none now.
      if (highlighter.markCount > 0) {
        const nodes = nodesOf(block)
        if (highlighter.hasMarkOn(nodes)) highlighter.replaceMarks(nodes, [])
      }
      return
    }
    const marks: NewMark[] = []
    // One check per element, not per match: a block is mostly one element's text.
    const visibility = new Map<Element, boolean>()
    for (const match of matches) {
      const span = spanOfMatch(block, match.start, match.end)
      if (filters.skipGitObjectLinks && isInGitObjectLink(span.startNode, match.hash)) continue
      const element = elementOfText(span.startNode, block.root)
      if (element !== null) {
        let isShown = visibility.get(element)
        if (isShown === undefined) {
          isShown = this.isShown(element)
          visibility.set(element, isShown)
        }
        if (!isShown) continue
      }
      marks.push({ hash: match.hash, type: match.type, span, root: block.root })
      found.push({ hash: match.hash, container: block.container, skippedAs: this.judgeOnce()?.(block.text, match.start, match.end) ?? null })
    }
    highlighter.replaceMarks(nodesOf(block), marks)
    if (marks.length > 0) this.watchVisibility()
  }
}

function isPageWrapper(node: Node): boolean {
  if (node.nodeType === 9) return true
  if (node.nodeType !== 1) return false
  const name = (node as Element).localName
  return name === 'html' || name === 'body'
}

/** All the text of a subtree as one string, natively (a document's includes its head). */
function textOf(node: Node): string {
  if (node.nodeType === 9) return (node as Document).documentElement?.textContent ?? ''
  return node.textContent ?? ''
}

function hasAncestorIn(node: Node, candidates: ReadonlySet<Node>): boolean {
  let current: Node | null = node
  for (;;) {
    const parent: Node | null = current.parentNode ?? (current.nodeType === 11 ? (current as ShadowRoot).host ?? null : null)
    if (parent === null) return false
    if (candidates.has(parent)) return true
    current = parent
  }
}
