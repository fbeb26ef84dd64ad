/** On-screen hashes go first: automatic lookups are capped per page, and the cap should go to what the user sees. */
import type { HashStates } from '../shared/verdict.ts'
import type { FoundHash } from './page-scanner.ts'

/** Well under the worker's limit per message, so a huge log page is answered in steady batches. */
export const MAX_HASHES_PER_MESSAGE = 2000

export interface HashReporterOptions {
  /** One 'page-hashes' message; null when it failed. */
  send: (hashes: string[]) => Promise<HashStates | null>
  onStates: (states: HashStates) => void
  /** Pixels from the viewport, 0 when on screen. */
  viewportDistance?: (container: Node) => number
  chunkSize?: number
}

/** One layout read per container, after a scan pass: layout is usually clean by then (document_idle). */
export function viewportDistanceOf(container: Node): number {
  let element: Element | null = null
  if (container.nodeType === 1) element = container as Element
  else if (container.nodeType === 11) element = (container as ShadowRoot).host
  else if (container.nodeType === 9) element = (container as Document).body
  if (element === null) return Number.MAX_SAFE_INTEGER
  const rect = element.getBoundingClientRect()
  // display:none (or detached) gives an empty box at 0,0: not on screen whatever it says.
  if (rect.width === 0 && rect.height === 0) return Number.MAX_SAFE_INTEGER
  const viewportHeight = element.ownerDocument.defaultView?.innerHeight ?? 0
  if (rect.bottom < 0) return -rect.bottom
  if (rect.top > viewportHeight) return rect.top - viewportHeight
  return 0
}

export class HashReporter {
  private readonly reported = new Set<string>()
  private queue: Promise<void> = Promise.resolve()
  private readonly chunkSize: number
  private readonly viewportDistance: (container: Node) => number

  constructor(private readonly options: HashReporterOptions) {
    this.chunkSize = options.chunkSize ?? MAX_HASHES_PER_MESSAGE
    this.viewportDistance = options.viewportDistance ?? viewportDistanceOf
  }

  /**
   * Ordering by viewport reads layout: only for the first scan, as on a changing page it forces a
   * reflow, and new content (infinite scroll, log lines) mostly lands off screen anyway.
   */
  report(found: readonly FoundHash[], isOrderedByViewport = true): Promise<void> {
    const fresh = new Map<string, Node>()
    for (const { hash, container } of found) {
      if (!this.reported.has(hash) && !fresh.has(hash)) fresh.set(hash, container)
    }
    if (fresh.size === 0) return this.queue
    for (const hash of fresh.keys()) this.reported.add(hash)
    const ordered = isOrderedByViewport ? this.orderByViewport(fresh) : [...fresh.keys()]
    // One message at a time, in order: the worker spends the page's cap on what comes first.
    this.queue = this.queue.then(() => this.send(ordered))
    return this.queue
  }

  /** For a page restored from the back/forward cache: the worker forgot its hashes, and no content script runs again. */
  reportAgain(): Promise<void> {
    const all = [...this.reported]
    if (all.length === 0) return this.queue
    this.queue = this.queue.then(() => this.send(all))
    return this.queue
  }

  private async send(hashes: readonly string[]): Promise<void> {
    for (let start = 0; start < hashes.length; start += this.chunkSize) {
      const chunk = hashes.slice(start, start + this.chunkSize)
      const states = await this.options.send(chunk)
      if (states === null) {
        // Not delivered: let a later scan of the same text report them again.
        for (const hash of chunk) this.reported.delete(hash)
      } else {
        this.options.onStates(states)
      }
    }
  }

  private orderByViewport(fresh: ReadonlyMap<string, Node>): string[] {
    const hashes = [...fresh.keys()]
    const containers = new Set(fresh.values())
    // All in one block: nothing to order, and no layout read.
    if (containers.size < 2) return hashes
    const distances = new Map<Node, number>()
    for (const container of containers) distances.set(container, this.viewportDistance(container))
    // Stable sort: equally distant hashes keep document order.
    return hashes.sort((a, b) => distances.get(fresh.get(a)!)! - distances.get(fresh.get(b)!)!)
  }
}
