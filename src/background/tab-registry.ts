/**
 * Per tab, the hashes its documents show and the cap they spent; also in storage.session, so a restarted worker still
 * knows which documents show which hashes. A tab starts afresh only when its top frame commits a new document: pages
 * can fire pushState, replaceState, fragment changes and iframe navigations at will, and none of them may renew the cap.
 */
import browser from 'webextension-polyfill'
import type { WorkerEvent } from '../shared/worker-events.ts'

const KEY = 'tabHashes'
/** A hostile page can show fresh hashes forever in one document: the oldest go first, so the session store stays small. */
export const MAX_HASHES_PER_TAB = 25_000
/** Frames come and go (ads, widgets); a tab's documents past this are the oldest and likely gone. */
export const MAX_DOCUMENTS_PER_TAB = 64

/** Which document of a tab sent a message, as the router learned it from the browser. */
export interface DocumentSender {
  frameId: number
  /** Unique per document: Chromium's `sender.documentId`, else the id the content script made for its document. */
  documentKey: string
  /** Chromium's documentId, set only when the browser gave it: pushes are addressed with it. */
  documentId?: string
  /** The frame's own URL (`sender.url`): its site is charged and may be idle. */
  url?: string
}

/** Where a push goes, and the hashes that document shows. */
export interface DocumentTarget {
  frameId: number
  documentId?: string
  hashes: ReadonlySet<string>
}

interface DocumentEntry {
  frameId: number
  documentId?: string
  hashes: Set<string>
  /** The automatic lookups this document spent of the tab's cap: a document kept through a reset still counts them. */
  auto: number
}

interface TabEntry {
  topDocument: string | undefined
  /** Its `sender.url`: `tabs.get` gives no URL for a tab the extension has no host access to. */
  topDocumentUrl?: string
  hashes: Set<string>
  auto: number
  documents: Map<string, DocumentEntry>
  /** A selection too large to look up unasked: the popup offers it. */
  selectionOffer: string[]
}

/** Documents' hashes are stored as indexes into the tab's list: each hash is written once. */
interface StoredTab {
  hashes: string[]
  auto: number
  top?: string
  topUrl?: string
  documents?: [key: string, frameId: number, documentId: string | null, hashIndexes: number[], auto?: number][]
  offer?: string[]
}

export class TabRegistry {
  readonly #tabs = new Map<number, TabEntry>()
  readonly #ready: Promise<void>
  /** Per tab, its reset in flight: it asks which of the tab's frames' documents are live. */
  readonly #resets = new Map<number, Promise<boolean>>()
  #isSaveScheduled = false
  #saving: Promise<void> = Promise.resolve()

  constructor() {
    this.#ready = this.#rehydrate()
  }

  async #rehydrate(): Promise<void> {
    const stored = (await browser.storage.session.get(KEY))[KEY] as Record<string, StoredTab> | undefined
    if (typeof stored !== 'object' || stored === null) return
    for (const [tabId, entry] of Object.entries(stored)) {
      if (!Array.isArray(entry?.hashes)) continue
      const list = entry.hashes.filter((h) => typeof h === 'string')
      const documents: TabEntry['documents'] = new Map()
      for (const [key, frameId, documentId, indexes, auto] of Array.isArray(entry.documents) ? entry.documents : []) {
        if (typeof key !== 'string' || typeof frameId !== 'number' || !Array.isArray(indexes)) continue
        const hashes = new Set(indexes.flatMap((i) => list[i] ?? []))
        const spent = typeof auto === 'number' ? auto : 0
        documents.set(key, { frameId, ...(typeof documentId === 'string' ? { documentId } : {}), hashes, auto: spent })
      }
      this.#tabs.set(Number(tabId), {
        topDocument: typeof entry.top === 'string' ? entry.top : undefined,
        ...(typeof entry.topUrl === 'string' ? { topDocumentUrl: entry.topUrl } : {}),
        hashes: new Set(list),
        auto: typeof entry.auto === 'number' ? entry.auto : 0,
        documents,
        selectionOffer: Array.isArray(entry.offer) ? entry.offer.filter((h) => typeof h === 'string') : [],
      })
    }
  }

  get ready(): Promise<void> {
    return this.#ready
  }

  /**
   * Notes the document a message came from. Its top frame showing a document not seen before starts the tab afresh
   * (resolves true then); a frame's new document replaces its old one. Calls for a tab wait for its reset in flight.
   */
  enterDocument(tabId: number, sender: DocumentSender): Promise<boolean> {
    const pending = this.#resets.get(tabId)
    if (pending) return pending.then(() => this.enterDocument(tabId, sender))
    const topDocument = this.#tabs.get(tabId)?.topDocument
    // The first top document seen (the worker started after it loaded) inherits what its frames reported.
    if (sender.frameId === 0 && topDocument !== undefined && topDocument !== sender.documentKey) {
      const reset = this.#startAfresh(tabId, sender).finally(() => this.#resets.delete(tabId))
      this.#resets.set(tabId, reset)
      return reset
    }
    this.#enter(tabId, sender)
    return Promise.resolve(false)
  }

  /**
   * A new page's iframes can report before its top document does: those still in the tab keep their hashes and what
   * they spent of the cap; the old page's are gone with it, so nothing of the old page and no fresh cap survives.
   */
  async #startAfresh(tabId: number, top: DocumentSender): Promise<boolean> {
    const subFrames = [...this.#tabs.get(tabId)?.documents ?? []].filter(([, document]) => document.frameId !== 0)
    const live = new Set((await Promise.all(subFrames.map(async ([key, document]) => (await isDocumentLive(tabId, document) ? [key] : [])))).flat())
    const old = this.#tabs.get(tabId)
    this.#tabs.delete(tabId)
    const entry = this.#entry(tabId)
    for (const [key, document] of old?.documents ?? []) {
      if (!live.has(key)) continue
      entry.documents.set(key, document)
      for (const hash of document.hashes) entry.hashes.add(hash)
      entry.auto += document.auto
    }
    this.#enter(tabId, top)
    this.#scheduleSave()
    return (old?.hashes.size ?? 0) > 0
  }

  #enter(tabId: number, sender: DocumentSender): void {
    const entry = this.#entry(tabId)
    let isChanged = false
    if (sender.frameId === 0 && entry.topDocument !== sender.documentKey) {
      entry.topDocument = sender.documentKey
      isChanged = true
    }
    if (sender.frameId === 0 && sender.url !== undefined && entry.topDocumentUrl !== sender.url) {
      entry.topDocumentUrl = sender.url
      isChanged = true
    }
    if (!entry.documents.has(sender.documentKey)) {
      isChanged = true
      for (const [key, document] of entry.documents) {
        if (document.frameId === sender.frameId) entry.documents.delete(key)
      }
      const { frameId, documentId } = sender
      entry.documents.set(sender.documentKey, { frameId, ...(documentId ? { documentId } : {}), hashes: new Set(), auto: 0 })
      if (entry.documents.size > MAX_DOCUMENTS_PER_TAB) entry.documents.delete(entry.documents.keys().next().value!)
    }
    if (isChanged) this.#scheduleSave()
  }

  /** Returns the hashes new to the tab; with `documentKey` (from enterDocument), that document shows them. */
  add(tabId: number, hashes: readonly string[], documentKey?: string): string[] {
    const entry = this.#entry(tabId)
    const shownBy = documentKey === undefined ? undefined : entry.documents.get(documentKey)?.hashes
    const added: string[] = []
    let isChanged = false
    for (const hash of hashes) {
      if (shownBy && !shownBy.has(hash)) {
        shownBy.add(hash)
        isChanged = true
      }
      if (entry.hashes.has(hash)) continue
      entry.hashes.add(hash)
      added.push(hash)
    }
    if (entry.hashes.size > MAX_HASHES_PER_TAB) this.#dropOldest(entry)
    if (added.length > 0 || isChanged) this.#scheduleSave()
    return added
  }

  /** The URL of the tab's top document, as its messages last gave it. */
  topDocumentUrlOf(tabId: number): string | undefined {
    return this.#tabs.get(tabId)?.topDocumentUrl
  }

  hashesOf(tabId: number): string[] {
    return [...(this.#tabs.get(tabId)?.hashes ?? [])]
  }

  /** The tab's documents that reported hashes; empty when none did (hashes came from a selection only). */
  documentsOf(tabId: number): DocumentTarget[] {
    return [...(this.#tabs.get(tabId)?.documents.values() ?? [])].map(({ frameId, documentId, hashes }) =>
      (documentId === undefined ? { frameId, hashes } : { frameId, documentId, hashes }))
  }

  /** Replaces the tab's offered selection (listed with its hashes too). */
  offerSelection(tabId: number, hashes: readonly string[]): void {
    this.add(tabId, hashes)
    this.#entry(tabId).selectionOffer = [...hashes]
    this.#scheduleSave()
  }

  selectionOfferOf(tabId: number): string[] {
    return [...(this.#tabs.get(tabId)?.selectionOffer ?? [])]
  }

  /** Counts automatic lookups against the cap (and to the document that asked); returns how many of `wanted` may go. */
  takeAutoAllowance(tabId: number, wanted: number, cap: number, documentKey?: string): number {
    const entry = this.#entry(tabId)
    const allowed = Math.max(0, Math.min(wanted, cap - entry.auto))
    entry.auto += allowed
    const document = documentKey === undefined ? undefined : entry.documents.get(documentKey)
    if (document) document.auto += allowed
    this.#scheduleSave()
    return allowed
  }

  tabsShowing(hashes: readonly string[]): number[] {
    const tabs: number[] = []
    for (const [tabId, { hashes: shown }] of this.#tabs) {
      if (hashes.some((hash) => shown.has(hash))) tabs.push(tabId)
    }
    return tabs
  }

  /** Returns whether the tab had hashes. */
  forget(tabId: number): boolean {
    const hadHashes = (this.#tabs.get(tabId)?.hashes.size ?? 0) > 0
    if (this.#tabs.delete(tabId)) this.#scheduleSave()
    return hadHashes
  }

  #entry(tabId: number): TabEntry {
    let entry = this.#tabs.get(tabId)
    if (!entry) this.#tabs.set(tabId, (entry = { topDocument: undefined, hashes: new Set(), auto: 0, documents: new Map(), selectionOffer: [] }))
    return entry
  }

  #dropOldest(entry: TabEntry): void {
    const excess = entry.hashes.size - MAX_HASHES_PER_TAB
    const dropped = [...entry.hashes].slice(0, excess)
    for (const hash of dropped) {
      entry.hashes.delete(hash)
      for (const document of entry.documents.values()) document.hashes.delete(hash)
    }
  }

  /**
   * At once, or right after the write in flight (one at a time, latest state last): Chrome may stop the worker any
   * moment, and a registry lost unsaved would leave a restarted worker's verdicts reaching no tab.
   */
  #scheduleSave(): void {
    if (this.#isSaveScheduled) return
    this.#isSaveScheduled = true
    this.#saving = this.#saving.then(async () => {
      this.#isSaveScheduled = false
      const snapshot: Record<string, StoredTab> = {}
      for (const [tabId, entry] of this.#tabs) snapshot[tabId] = snapshotOf(entry)
      await browser.storage.session.set({ [KEY]: snapshot })
    }).catch((error: unknown) => console.warn('HashLens: could not save the open tabs\' hashes', error))
  }
}

function snapshotOf(entry: TabEntry): StoredTab {
  const hashes = [...entry.hashes]
  const stored: StoredTab = { hashes, auto: entry.auto }
  if (entry.selectionOffer.length > 0) stored.offer = entry.selectionOffer
  if (entry.topDocument === undefined && entry.documents.size === 0) return stored
  const indexOf = new Map(hashes.map((hash, index) => [hash, index]))
  if (entry.topDocument !== undefined) stored.top = entry.topDocument
  if (entry.topDocumentUrl !== undefined) stored.topUrl = entry.topDocumentUrl
  stored.documents = [...entry.documents].map(([key, document]) =>
    [key, document.frameId, document.documentId ?? null, [...document.hashes].map((hash) => indexOf.get(hash)!), document.auto])
  return stored
}

/** A live document answers within this; a page too busy to answer is taken for gone rather than stall its tab. */
const LIVENESS_TIMEOUT_MS = 1000

/**
 * Whether the document still shows in the tab: a message to a gone one fails at once. Messages to our own content
 * script need no host permission (scripting.executeScript would). Chromium addresses the document by its id;
 * Firefox by its frame, whose ids are never reused within a tab. An empty state push is a no-op to the receiver.
 */
async function isDocumentLive(tabId: number, document: DocumentEntry): Promise<boolean> {
  const probe: WorkerEvent = { type: 'states-changed', states: {} }
  const target = document.documentId === undefined ? { frameId: document.frameId } : { documentId: document.documentId }
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), LIVENESS_TIMEOUT_MS) })
  const answer = browser.tabs.sendMessage(tabId, probe, target as { frameId?: number }).then(() => true, () => false)
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer))
}
