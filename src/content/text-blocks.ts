/**
 * Turns a DOM subtree into "text blocks": the concatenated text of consecutive text
 * nodes that a reader sees as one run, with a map from offsets back to the text nodes.
 *
 * Why blocks: code viewers and syntax highlighters split one hash over many `<span>`s,
 * and long hashes carry `<wbr>` break hints, so matching per text node would miss them.
 * Whether an element continues the run is decided from its tag name only: reading the
 * computed `display` would force a style recalculation per element, which on a large
 * page costs more than the whole scan. Inline tags (below) continue the run; every other
 * element, `<br>` included, ends it. A span styled `display:block` therefore joins its
 * neighbours; that can only glue two short fragments, which the detector's boundary
 * rules nearly always reject anyway.
 *
 * The walk is resumable (`walk(shouldPause)`) so the scanner can cut it into slices.
 */

/** Elements that continue a text run (phrasing content rendered inline by default). */
const INLINE_TAGS: ReadonlySet<string> = new Set([
  'span', 'a', 'b', 'i', 'em', 'strong', 'code', 'kbd', 'samp', 'var', 'mark', 'small', 'sub',
  'sup', 'wbr', 'abbr', 'cite', 'q', 's', 'u', 'font', 'tt', 'data', 'time', 'bdi', 'bdo', 'label',
])

/** The one element HashLens adds to a page (see hover-card.ts); never scanned. */
export const CARD_HOST_TAG = 'hashlens-card-host'

/**
 * Elements whose text is not page text a reader sees as such: code and styles, form
 * controls (their text belongs to the user, and marks in them could not be drawn anyway),
 * the document head, and HashLens's own card host.
 */
const SKIPPED_TAGS: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'optgroup',
  'datalist', 'head', 'title', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio',
  CARD_HOST_TAG,
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

/** A run of text nodes read as one piece of text. */
export interface TextBlock {
  text: string
  /** In document order, non-empty, `start` increasing. */
  segments: TextSegment[]
  /** The nearest block-level ancestor (or the shadow root/document the run sits in directly). */
  container: Node
  /** The tree the text lives in: marks there need the highlight styles adopted there. */
  root: Document | ShadowRoot
}

/** The part of a block a match covers, as DOM boundary points (for a Range or StaticRange). */
export interface TextSpan {
  startNode: Text
  startOffset: number
  endNode: Text
  endOffset: number
  /** Every text node the span touches, first to last. */
  nodes: Text[]
}

export interface BlockWalkerOptions {
  /**
   * Told about each open shadow root the walk meets (the scanner observes it for changes);
   * returning false leaves it out of this walk (the scanner has it queued already).
   */
  onShadowRoot?: (root: ShadowRoot) => unknown
  /**
   * Asked about each block-level child of the walk's root before it is entered; false skips it
   * (it ends the run around it either way, so skipping changes no other block). The scanner
   * skips subtrees whose text cannot hold a hash.
   */
  shouldEnterChild?: (element: Element) => boolean
}

export function isInlineTag(localName: string): boolean {
  return INLINE_TAGS.has(localName)
}

/**
 * An editable region is never read or marked: editors rewrite their DOM constantly and
 * must not pay for our scanning, and the text there is the user's own. Only the attribute
 * is read: `isContentEditable` would force a style update in Blink.
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

/** Elements whose content forms its own runs: everything but the inline tags. */
function isBoundaryElement(element: Element): boolean {
  return !INLINE_TAGS.has(element.localName) || element.shadowRoot !== null
}

/** Whether `node` is an element whose content forms runs of its own (so it can be rescanned alone). */
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

  /**
   * Walks until the subtree is done (returns true) or `shouldPause()` says to stop
   * (returns false; call again to continue where it left off).
   */
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
      // Comments (React puts `<!-- -->` between adjacent texts), processing instructions
      // and doctypes are transparent: they neither add text nor end the run.
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
   * Between slices the page may have removed nodes the walk was about to visit. Their
   * siblings can no longer be reached from them, so such a level ends here; the removal
   * produced a mutation record for the parent, whose rescan covers what is skipped.
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

/**
 * The boundary points of `[start, end)` of a block's text. Binary search over the
 * segments: a block of a code viewer can hold thousands of text nodes.
 */
export function spanOfMatch(block: TextBlock, start: number, end: number): TextSpan {
  const segments = block.segments
  const first = segmentIndexAt(segments, start)
  // The segment holding the match's last character (end is exclusive).
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

/** Index of the segment containing text offset `offset` (segments are non-empty). */
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

/**
 * Whether `node` sits inside text HashLens never reads: a skipped element, an editable
 * region, or a document in design mode. Walks the ancestors (crossing shadow roots);
 * called once per changed node, never per text node of a scan.
 */
export function isInIgnoredTree(node: Node): boolean {
  const doc = node.nodeType === DOCUMENT_NODE ? (node as Document) : node.ownerDocument
  if (doc?.designMode === 'on') return true
  for (let current: Node | null = node; current !== null; current = parentAcrossShadow(current)) {
    if (current.nodeType === ELEMENT_NODE && isSkippedElement(current as Element)) return true
  }
  return false
}

/**
 * The smallest subtree whose rescan covers a change at `node`: the nearest ancestor
 * (or self) that is a block boundary, or the shadow root/document when none is.
 * Null when the node is in an ignored tree or no longer in the document.
 */
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
