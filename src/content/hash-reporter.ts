/** On-screen hashes go first: automatic lookups are capped per page, and the cap should go to what the user sees. */
import { MAX_HASHES_PER_TAB } from '../shared/tab-list.ts'
import type { HashState, HashStates } from '../shared/verdict.ts'
import type { NotSampleKind } from '../shared/sample-judgement.ts'
import type { FoundHash } from './page-scanner.ts'

/** Well under the worker's limit per message, so a huge log page is answered in steady batches. */
export const MAX_HASHES_PER_MESSAGE = 2000

/** What the worker answers for a hash past the tab's bound: neither looked up nor read from the cache. */
const UNLISTED_STATE: HashState = { state: 'idle' }

export interface HashReporterOptions {
  /**
   * One 'page-hashes' message: hashes, and how many more were found past the bound, and those of the hashes that look
   * like no file sample wherever they show here; null when it failed.
   */
  send: (hashes: string[], unlisted: number, skipped: SkippedHash[]) => Promise<HashStates | null>
  onStates: (states: HashStates) => void
  /** Pixels from the viewport, 0 when on screen. */
  viewportDistance?: (container: Node) => number
  chunkSize?: number
  /** Hashes sent one by one; past it they are only counted, as the tab can list no more than this (tab-list.ts). */
  maxListed?: number
  /** Called once, when the first hash past the bound is found: the document is a flood (see FLOOD_PACE_MS). */
  onPastBound?: () => void
}

/**
 * A document that found more hashes than its tab can list is a flood (a hostile page, a runaway log): it is rescanned
 * and redrawn for its DOM changes at most this often. Beside a page replacing 2,000 hashes every 250 ms, HashLens
 * took a third of a core at a rescan and redraw per 250 ms, 8.7% at one per second, 3.2% at this pace (bench 11).
 */
export const FLOOD_PACE_MS = 2000

export interface SkippedHash {
  hash: string
  kind: NotSampleKind
}

interface Report {
  hashes: string[]
  /** Found past the bound: sent as a number only. */
  unlisted: string[]
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

/**
 * Each hash once per document. A page can show fresh hashes forever: past the bound the worker would count them and
 * answer "not looked up" for each, so the document counts them itself, shows them so at once, and sends a number.
 */
export class HashReporter {
  /** Sent, being sent, or waiting to be: a hash found again sends nothing. */
  private readonly reported = new Set<string>()
  /** Those of them that went or go one by one (at most maxListed). */
  private readonly listed = new Set<string>()
  /** Those every occurrence of which so far looks like no file sample, and what it looks like; read as each message goes. */
  private readonly skipped = new Map<string, NotSampleKind>()
  /** Waiting for the message in flight: reports made meanwhile go out together. */
  private waiting: Report = { hashes: [], unlisted: [] }
  private sending: Promise<void> | null = null
  private isPastBound = false
  private readonly chunkSize: number
  private readonly maxListed: number
  private readonly viewportDistance: (container: Node) => number

  constructor(private readonly options: HashReporterOptions) {
    this.chunkSize = options.chunkSize ?? MAX_HASHES_PER_MESSAGE
    this.maxListed = options.maxListed ?? MAX_HASHES_PER_TAB
    this.viewportDistance = options.viewportDistance ?? viewportDistanceOf
  }

  /**
   * Ordering by viewport reads layout: only for the first scan, as on a changing page it forces a
   * reflow, and new content (infinite scroll, log lines) mostly lands off screen anyway.
   */
  report(found: readonly FoundHash[], isOrderedByViewport = true): Promise<void> {
    const fresh = new Map<string, Node>()
    // Per hash of this pass: its kind while every occurrence looks like no file sample, null once one looks like one.
    const judged = new Map<string, NotSampleKind | null>()
    for (const { hash, container, skippedAs } of found) {
      if (!this.reported.has(hash) && !fresh.has(hash)) fresh.set(hash, container)
      const kind = skippedAs ?? null
      judged.set(hash, judged.get(hash) === null || kind === null ? null : judged.get(hash) ?? kind)
    }
    const unskipped = this.noteJudgements(judged, fresh)
    if (unskipped.length > 0) {
      const isWaiting = new Set(this.waiting.hashes)
      this.waiting.hashes.push(...unskipped.filter((hash) => !isWaiting.has(hash)))
    }
    if (fresh.size === 0) return unskipped.length > 0 ? this.sendWaiting() : this.sending ?? Promise.resolve()
    for (const hash of fresh.keys()) this.reported.add(hash)
    const ordered = isOrderedByViewport ? this.orderByViewport(fresh) : [...fresh.keys()]
    const listed = ordered.slice(0, Math.max(0, this.maxListed - this.listed.size))
    const unlisted = ordered.slice(listed.length)
    for (const hash of listed) this.listed.add(hash)
    this.waiting.hashes.push(...listed)
    this.waiting.unlisted.push(...unlisted)
    if (unlisted.length > 0) {
      if (!this.isPastBound) this.options.onPastBound?.()
      this.isPastBound = true
      this.options.onStates(Object.fromEntries(unlisted.map((hash) => [hash, UNLISTED_STATE])))
    }
    return this.sendWaiting()
  }

  /**
   * Fresh hashes take their judgement; one reported as skipped that now shows as a sample somewhere is one from then on,
   * and is returned to go again (if it went by name). A sample never becomes skipped: a page can only ask for less.
   */
  private noteJudgements(judged: ReadonlyMap<string, NotSampleKind | null>, fresh: ReadonlyMap<string, Node>): string[] {
    const unskipped: string[] = []
    for (const [hash, kind] of judged) {
      if (fresh.has(hash)) {
        if (kind !== null) this.skipped.set(hash, kind)
      } else if (kind === null && this.skipped.delete(hash) && this.listed.has(hash)) {
        unskipped.push(hash)
      }
    }
    return unskipped
  }

  /** For a page restored from the back/forward cache: the worker forgot its hashes, and no content script runs again. */
  reportAgain(): Promise<void> {
    if (this.reported.size === 0) return this.sending ?? Promise.resolve()
    // Sent again as first reported: those that went by name by name, the rest counted.
    const isWaiting = new Set([...this.waiting.hashes, ...this.waiting.unlisted])
    for (const hash of this.reported) {
      if (isWaiting.has(hash)) continue
      if (this.listed.has(hash)) this.waiting.hashes.push(hash)
      else this.waiting.unlisted.push(hash)
    }
    return this.sendWaiting()
  }

  /** One message at a time, in order (the worker spends the page's cap on what comes first), each as full as it may be. */
  private sendWaiting(): Promise<void> {
    this.sending ??= this.sendAll().finally(() => {
      this.sending = null
    })
    return this.sending
  }

  private async sendAll(): Promise<void> {
    while (this.waiting.hashes.length > 0 || this.waiting.unlisted.length > 0) {
      const hashes = this.waiting.hashes.splice(0, this.chunkSize)
      // The count rides with the last of the hashes, or alone.
      const unlisted = this.waiting.hashes.length === 0 ? this.waiting.unlisted.splice(0) : []
      const skipped = hashes.flatMap((hash) => {
        const kind = this.skipped.get(hash)
        return kind === undefined ? [] : [{ hash, kind }]
      })
      const states = await this.options.send(hashes, unlisted.length, skipped)
      if (states === null) {
        // Not delivered: let a later scan of the same text report them again.
        for (const hash of [...hashes, ...unlisted]) {
          this.reported.delete(hash)
          this.listed.delete(hash)
          this.skipped.delete(hash)
        }
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
