/**
 * Text blocks: the text nodes a reader sees as one run, since code viewers split a hash over
 * `<span>`s and long ones carry `<wbr>`. The run is decided by tag name alone: reading computed
 * `display` forces a style recalc per element, dearer than the scan. A `display:block` span
 * thus joins its neighbours, which the detector's boundary rules nearly always reject.
 */

/** Elements that continue a text run (phrasing content rendered inline by default). */
const INLINE_TAGS: ReadonlySet<string> = new Set([
  'span', 'a', 'b', 'i', 'em', 'strong', 'code', 'kbd', 'samp', 'var', 'mark', 'small', 'sub',
  'sup', 'wbr', 'abbr', 'cite', 'q', 's', 'u', 'font', 'tt', 'data', 'time', 'bdi', 'bdo', 'label',
])

/** Not page text: code, styles, form controls (the user's text; marks there cannot be drawn). */
const SKIPPED_TAGS: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'optgroup',
  'datalist', 'head', 'title', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio',
])

const TEXT_NODE = 3
const ELEMENT_NODE = 1
const DOCUMENT_NODE = 9
const DOCUMENT_FRAGMENT_NODE = 11

/** Where a block's text comes from: `text.slice(start, start + node.data.length)` is `node.data`. */
export interface TextSegment {
  node: Text
  start: number
}

export interface TextBlock {
  text: string
  /** In document order, non-empty, `start` increasing. */
  segments: TextSegment[]
  /** The nearest block-level ancestor (or the shadow root/document the run sits in directly). */
  container: Node
  /** The tree the text lives in: its marks are hit-tested there (mark-index `root`). */
  root: Document | ShadowRoot
}

/** The part of a block a match covers, as DOM boundary points (for a Range or StaticRange). */
export interface TextSpan {
  startNode: Text
  startOffset: number
  endNode: Text
  endOffset: number
  nodes: Text[]
}

export interface BlockWalkerOptions {
  /** Told of each open shadow root met; false leaves it out of this walk. */
  onShadowRoot?: (root: ShadowRoot) => unknown
  /** Asked before entering a block child of the root; skipping one changes no other block. */
  shouldEnterChild?: (element: Element) => boolean
}

/**
 * Editors rewrite their DOM constantly and hold the user's own text. The attribute only:
 * `isContentEditable` forces a style update in Blink.
 */
export function isEditableElement(element: Element): boolean {
  const value = element.getAttribute('contenteditable')
  if (value === null) return false
  const normalized = value.toLowerCase()
  return normalized === '' || normalized === 'true' || normalized === 'plaintext-only'
}

export function isSkippedElement(element: Element): boolean {
  return SKIPPED_TAGS.has(element.localName) || isEditableElement(element)
}

function isBoundaryElement(element: Element): boolean {
  return !INLINE_TAGS.has(element.localName) || element.shadowRoot !== null
}

/** Its content forms runs of its own, so it can be rescanned alone. */
export function isBlockBoundary(node: Node): boolean {
  return node.nodeType === ELEMENT_NODE && isBoundaryElement(node as Element)
}

function rootOf(node: Node): Document | ShadowRoot {
  const root = node.getRootNode()
  return root.nodeType === DOCUMENT_NODE || root.nodeType === DOCUMENT_FRAGMENT_NODE
    ? (root as Document | ShadowRoot)
    : (node.ownerDocument ?? (node as Document))
}

/** One level of the walk: the children of `parent`, visited in order. */
interface WalkLevel {
  parent: Node
  next: Node | null
  /** Whether leaving this level ends the current run. */
  isBoundary: boolean
  container: Node
  root: Document | ShadowRoot
}

/** Checking the clock on every node would cost more than the nodes; every 64th is plenty. */
const PAUSE_CHECK_INTERVAL = 64

export class BlockWalker {
  private readonly stack: WalkLevel[] = []
  private runNodes: Text[] = []
  private runTexts: string[] = []
  private runContainer: Node
  private runRoot: Document | ShadowRoot
  private hasPaused = false

  constructor(
    root: Node,
    private readonly onBlock: (block: TextBlock) => void,
    private readonly options: BlockWalkerOptions = {},
  ) {
    const treeRoot = rootOf(root)
    this.runContainer = root
    this.runRoot = treeRoot
    this.pushChildren(root, root, treeRoot, true)
    // A rescanned shadow host: its shadow tree is part of what changed (walked first, as below).
    const shadowRoot = root.nodeType === ELEMENT_NODE ? (root as Element).shadowRoot : null
    if (shadowRoot !== null && options.onShadowRoot?.(shadowRoot) !== false) {
      this.pushChildren(shadowRoot, shadowRoot, shadowRoot, true)
    }
  }

  /** False when `shouldPause()` stopped it: call again to go on. */
  walk(shouldPause: () => boolean = () => false): boolean {
    if (this.hasPaused) this.dropDetachedLevels()
    let counter = 0
    while (this.stack.length > 0) {
      if (++counter % PAUSE_CHECK_INTERVAL === 0 && shouldPause()) {
        this.hasPaused = true
        return false
      }
      const level = this.stack[this.stack.length - 1]!
      const node = level.next
      if (node === null) {
        this.stack.pop()
        if (level.isBoundary) this.flush()
        continue
      }
      level.next = node.nextSibling
      if (node.nodeType === TEXT_NODE) {
        this.appendText(node as Text, level)
        continue
      }
      // Comments (React's `<!-- -->` between texts) and the like neither add text nor end the run.
      if (node.nodeType !== ELEMENT_NODE) continue
      const element = node as Element
      if (isSkippedElement(element)) {
        // A form control or script sits between runs as its own box.
        this.flush()
        continue
      }
      if (!isBoundaryElement(element)) {
        this.pushChildren(element, level.container, level.root, false)
        continue
      }
      this.flush()
      if (this.stack.length === 1 && this.options.shouldEnterChild && !this.options.shouldEnterChild(element)) continue
      this.pushChildren(element, element, level.root, true)
      const shadowRoot = element.shadowRoot
      // The shadow tree is what renders; walk it first, then the light children (those
      // that are slotted are visible; the rest are scanned like any hidden text).
      if (shadowRoot !== null && this.options.onShadowRoot?.(shadowRoot) !== false) {
        this.pushChildren(shadowRoot, shadowRoot, shadowRoot, true)
      }
    }
    this.flush()
    return true
  }

  private pushChildren(parent: Node, container: Node, root: Document | ShadowRoot, isBoundary: boolean): void {
    this.stack.push({ parent, next: parent.firstChild, isBoundary, container, root })
  }

  private appendText(node: Text, level: WalkLevel): void {
    const data = node.data
    if (data.length === 0) return
    if (this.runNodes.length === 0) {
      this.runContainer = level.container
      this.runRoot = level.root
    }
    this.runNodes.push(node)
    this.runTexts.push(data)
  }

  private flush(): void {
    const nodes = this.runNodes
    if (nodes.length === 0) return
    const texts = this.runTexts
    const segments: TextSegment[] = new Array<TextSegment>(nodes.length)
    let start = 0
    for (let index = 0; index < nodes.length; index++) {
      segments[index] = { node: nodes[index]!, start }
      start += texts[index]!.length
    }
    // One text node is the common case: its data is the block's text, no copy made.
    const text = texts.length === 1 ? texts[0]! : texts.join('')
    const block: TextBlock = { text, segments, container: this.runContainer, root: this.runRoot }
    this.runNodes = []
    this.runTexts = []
    this.onBlock(block)
  }

  /**
   * A node removed between slices no longer leads to its siblings: its level ends here, and the
   * removal's mutation record rescans the parent.
   */
  private dropDetachedLevels(): void {
    for (const level of this.stack) {
      if (level.next !== null && !level.next.isConnected) level.next = null
    }
  }
}

/** Every block of `root`, synchronously (small subtrees and tests). */
export function collectTextBlocks(root: Node, options: BlockWalkerOptions = {}): TextBlock[] {
  const blocks: TextBlock[] = []
  new BlockWalker(root, (block) => blocks.push(block), options).walk()
  return blocks
}

/** Binary search: a code viewer's block can hold thousands of text nodes. */
export function spanOfMatch(block: TextBlock, start: number, end: number): TextSpan {
  const segments = block.segments
  const first = segmentIndexAt(segments, start)
  const last = segmentIndexAt(segments, end - 1)
  const startSegment = segments[first]!
  const endSegment = segments[last]!
  const nodes: Text[] = []
  for (let index = first; index <= last; index++) nodes.push(segments[index]!.node)
  return {
    startNode: startSegment.node,
    startOffset: start - startSegment.start,
    endNode: endSegment.node,
    endOffset: end - endSegment.start,
    nodes,
  }
}

function segmentIndexAt(segments: readonly TextSegment[], offset: number): number {
  let low = 0
  let high = segments.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (segments[middle]!.start <= offset) low = middle
    else high = middle - 1
  }
  return low
}

function parentAcrossShadow(node: Node): Node | null {
  const parent = node.parentNode
  if (parent !== null) return parent
  return node.nodeType === DOCUMENT_FRAGMENT_NODE ? ((node as ShadowRoot).host ?? null) : null
}

/** Walks the ancestors: called once per changed node, never per text node of a scan. */
export function isInIgnoredTree(node: Node): boolean {
  const doc = node.nodeType === DOCUMENT_NODE ? (node as Document) : node.ownerDocument
  if (doc?.designMode === 'on') return true
  for (let current: Node | null = node; current !== null; current = parentAcrossShadow(current)) {
    if (current.nodeType === ELEMENT_NODE && isSkippedElement(current as Element)) return true
  }
  return false
}

/** The smallest subtree whose rescan covers a change at `node`; null when it is ignored or gone. */
export function nearestBlockContainer(node: Node): Node | null {
  if (!node.isConnected || isInIgnoredTree(node)) return null
  let current: Node = node
  for (;;) {
    if (current.nodeType === ELEMENT_NODE && isBoundaryElement(current as Element)) return current
    if (current.nodeType === DOCUMENT_NODE || current.nodeType === DOCUMENT_FRAGMENT_NODE) return current
    const parent = current.parentNode
    if (parent === null) return current
    current = parent
  }
}

/**
 * The element a text node belongs to: its parent, or for text right under a shadow root its host. It decides a mark's
 * visibility (page-scanner.ts) and where a revealed mark scrolls to (highlighter.ts).
 */
export function elementOfText(node: Text, root: Document | ShadowRoot): Element | null {
  return node.parentElement ?? (root.nodeType === DOCUMENT_FRAGMENT_NODE ? (root as ShadowRoot).host : null)
}
