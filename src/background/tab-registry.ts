/**
 * Per tab, the hashes its documents show and the cap they spent; also in storage.session, so a restarted worker still
 * knows which documents show which hashes. A tab starts afresh only when its top frame commits a new document: pages
 * can fire pushState, replaceState, fragment changes and iframe navigations at will, and none of them may renew the cap.
 * Every page is hostile: each tab's share of memory and storage is bounded, and one tab's flood is written on its own.
 */
import browser from 'webextension-polyfill'
import { MAX_HASHES_PER_TAB } from '../shared/tab-list.ts'
import type { WorkerEvent } from '../shared/worker-events.ts'
import { NOT_SAMPLE_KINDS, type NotSampleKind } from '../shared/sample-judgement.ts'

/** Frames come and go (ads, widgets); a tab's documents past this are the oldest and likely gone. */
export const MAX_DOCUMENTS_PER_TAB = 64
/** Which document shows which hash: 64 frames showing the same 20,000 hashes must not cost 1.28 million entries. */
const MAX_SHOWINGS_PER_TAB = 2 * MAX_HASHES_PER_TAB
/**
 * The registry's share of storage.session (10 MB in Chromium, shared with the lookup queue): past it the largest tabs'
 * hashes are kept in memory only, as a flooding page is the one most likely past it and the queue must find room.
 */
export const STORAGE_BUDGET_BYTES = 4_000_000
/**
 * A tab that wrote a slice's worth of entries within this waits for the rest of it, and a tab whose only change is its
 * count of hashes past the bound waits out this since its last write: a flooding page costs about a write a second.
 * Any other change is written at once, as the worker may stop any moment.
 */
export const SAVE_INTERVAL_MS = 1000
/** A tab's log is stored in slices of this many entries: a growing tab rewrites only its last slice. */
const ENTRIES_PER_SLICE = 1000
const KEY_PREFIX = 'tab:'

/** Which document of a tab sent a message, as the router learned it from the browser. */
export interface DocumentSender {
  frameId: number
  /** Unique per document: Chromium's `sender.documentId`, else the id the content script made for its document. */
  documentKey: string
  /** Chromium's documentId, set only when the browser gave it: pushes are addressed with it. */
  documentId?: string
  /** The frame's own URL (`sender.url`): its site is charged and may be idle. */
  url?: string
  /** `sender.origin`, which tells the site of a document whose URL names no host (documentSiteOf). */
  origin?: string
}

/** Where a push goes, and the hashes that document shows. */
export interface DocumentTarget {
  frameId: number
  documentId?: string
  hashes: ReadonlySet<string>
}

interface DocumentEntry {
  /** Names the document in the tab's stored log: its key can be long, and slots shift as documents go. */
  serial: number
  frameId: number
  documentId?: string
  hashes: Set<string>
  /** The automatic lookups this document spent of the tab's cap: a document kept through a reset still counts them. */
  auto: number
}

/**
 * An entry of a tab's stored log: the document (its serial, -1 for none) shows the hash, listed from then on. A hash
 * first listed with `skippedAs` is skipped as no file sample until an entry without it (another showing, or the same
 * document finding it as a sample) says otherwise: replayed in order, the log gives the tab's skips back.
 */
type LogEntry = [serial: number, hash: string, skippedAs?: NotSampleKind]

interface TabEntry {
  topDocument: string | undefined
  /** Its `sender.url`: `tabs.get` gives no URL for a tab the extension has no host access to. */
  topDocumentUrl?: string
  topDocumentOrigin?: string
  hashes: Set<string>
  /**
   * Of them, those every report judged no file sample (issue 13): not looked up automatically. Per tab: one tab's
   * skip never reaches another's lookups, and within a tab a single document reporting the hash as a sample undoes it.
   */
  skipped: Map<string, NotSampleKind>
  /** Hashes reported past MAX_HASHES_PER_TAB: counted, neither kept nor looked up unasked. */
  unlisted: number
  auto: number
  documents: Map<string, DocumentEntry>
  nextSerial: number
  /** A selection too large to look up unasked: the popup offers it. */
  selectionOffer: string[]
  /** Every listing and showing, in order: appended to, so a write covers only its newest slice. */
  log: LogEntry[]
  stored: StoredState
}

/** What storage.session holds of a tab, so a write sends only what changed. */
interface StoredState {
  /** Log entries already written. */
  entries: number
  /** Bytes of each slice written. */
  sliceBytes: number[]
  /** Its hashes no longer fit the budget: only the small record is written, the rest lives in memory. */
  isEvicted: boolean
  /** Since when, and how many log entries written since: past ENTRIES_PER_SLICE the tab waits for SAVE_INTERVAL_MS. */
  windowStart: number
  windowEntries: number
  /** When its record was last written: a change of its unlisted count alone waits SAVE_INTERVAL_MS since. */
  recordWrittenAt: number
}

/** The small record of a tab, under `tab:<id>`; its log under `tab:<id>:<slice>`. */
interface StoredTab {
  auto: number
  top?: string
  topUrl?: string
  topOrigin?: string
  unlisted?: number
  offer?: string[]
  documents?: [serial: number, key: string, frameId: number, documentId: string | null, auto: number][]
  next?: number
  slices: number
  evicted?: true
}

export class TabRegistry {
  readonly #tabs = new Map<number, TabEntry>()
  readonly #ready: Promise<void>
  /** Per tab, its reset in flight: it asks which of the tab's frames' documents are live. */
  readonly #resets = new Map<number, Promise<boolean>>()
  /** Tabs changed since their last write, and keys of forgotten tabs to remove. */
  readonly #dirty = new Set<number>()
  /** Dirty tabs whose only unsaved change is their unlisted count: a lost count only understates "and N more". */
  readonly #dirtyCountOnly = new Set<number>()
  readonly #keysToRemove = new Set<string>()
  #isSaveScheduled = false
  #isTimerSet = false
  #saving: Promise<void> = Promise.resolve()

  constructor() {
    this.#ready = this.#rehydrate()
  }

  async #rehydrate(): Promise<void> {
    const stored: Record<string, unknown> = await browser.storage.session.get(null)
    for (const [key, value] of Object.entries(stored)) {
      const tabId = tabIdOfKey(key)
      if (tabId !== null) this.#tabs.set(tabId, entryFromStorage(value as StoredTab, stored, key))
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
    // Written whole again; a tab evicted for an old page's flood gets a new chance.
    if (old) entry.stored = { ...old.stored, entries: 0, isEvicted: false }
    for (const [key, document] of old?.documents ?? []) {
      if (!live.has(key)) continue
      entry.documents.set(key, document)
      entry.nextSerial = Math.max(entry.nextSerial, document.serial + 1)
      for (const hash of document.hashes) {
        const skippedAs = old?.skipped.get(hash)
        entry.hashes.add(hash)
        if (skippedAs) entry.skipped.set(hash, skippedAs)
        entry.log.push(logEntryOf(document.serial, hash, skippedAs))
      }
      entry.auto += document.auto
    }
    this.#enter(tabId, top)
    this.#scheduleSave(tabId)
    return (old?.hashes.size ?? 0) > 0
  }

  #enter(tabId: number, sender: DocumentSender): void {
    const entry = this.#entry(tabId)
    let isChanged = false
    if (sender.frameId === 0 && entry.topDocument !== sender.documentKey) {
      entry.topDocument = sender.documentKey
      isChanged = true
    }
    if (sender.frameId === 0 && sender.url !== undefined && (entry.topDocumentUrl !== sender.url || entry.topDocumentOrigin !== sender.origin)) {
      entry.topDocumentUrl = sender.url
      entry.topDocumentOrigin = sender.origin
      isChanged = true
    }
    if (!entry.documents.has(sender.documentKey)) {
      isChanged = true
      for (const [key, document] of entry.documents) {
        if (document.frameId === sender.frameId) entry.documents.delete(key)
      }
      const { frameId, documentId } = sender
      const serial = entry.nextSerial++
      entry.documents.set(sender.documentKey, { serial, frameId, ...(documentId ? { documentId } : {}), hashes: new Set(), auto: 0 })
      if (entry.documents.size > MAX_DOCUMENTS_PER_TAB) entry.documents.delete(entry.documents.keys().next().value!)
    }
    if (isChanged) this.#scheduleSave(tabId)
  }

  /**
   * Returns the hashes new to the tab's list; with `documentKey` (from enterDocument), that document shows them. Past
   * MAX_HASHES_PER_TAB new hashes are only counted (unlistedCountOf). `skippedAs`: those of them the document judged no
   * file sample; a hash new to the tab is skipped so, and one the tab skipped that comes without is a sample from then on.
   */
  add(tabId: number, hashes: readonly string[], documentKey?: string, skippedAs?: ReadonlyMap<string, NotSampleKind>): string[] {
    const entry = this.#entry(tabId)
    const shownBy = documentKey === undefined ? undefined : entry.documents.get(documentKey)
    const added: string[] = []
    let isChanged = false
    let unlisted = 0
    // Counted once per message, then kept up to date: every document's set is walked once, not once per hash.
    let showings = shownBy ? showingsOf(entry) : 0
    for (const hash of hashes) {
      const kind = skippedAs?.get(hash)
      if (entry.hashes.has(hash)) {
        // A skip claimed now keeps the tab's view as it was: only a report as a sample changes it.
        const isUnskipped = kind === undefined && entry.skipped.delete(hash)
        if (shownBy && !shownBy.hashes.has(hash) && showings < MAX_SHOWINGS_PER_TAB) {
          shownBy.hashes.add(hash)
          showings++
          entry.log.push(logEntryOf(shownBy.serial, hash, kind))
          isChanged = true
        } else if (isUnskipped) {
          entry.log.push([-1, hash])
          isChanged = true
        }
      } else if (entry.hashes.size < MAX_HASHES_PER_TAB) {
        this.#list(entry, hash, shownBy, kind)
        if (shownBy) showings++
        added.push(hash)
      } else {
        unlisted++
      }
    }
    if (added.length > 0 || isChanged) this.#scheduleSave(tabId)
    if (unlisted > 0) this.countUnlisted(tabId, unlisted)
    return added
  }

  /**
   * Counts hashes past the bound: reported one by one, or by the document as a number once it found more than the
   * bound itself. The first is written at once (it lets the card's "Look up" reach unlisted hashes after a restart).
   */
  countUnlisted(tabId: number, count: number): void {
    if (count <= 0) return
    const entry = this.#entry(tabId)
    const isFirst = entry.unlisted === 0
    entry.unlisted += count
    this.#scheduleSave(tabId, !isFirst)
  }

  /** The URL of the tab's top document, as its messages last gave it. */
  topDocumentUrlOf(tabId: number): string | undefined {
    return this.#tabs.get(tabId)?.topDocumentUrl
  }

  /** The origin of the tab's top document, as its messages last gave it: the site of an about:blank popup. */
  topDocumentOriginOf(tabId: number): string | undefined {
    return this.#tabs.get(tabId)?.topDocumentOrigin
  }

  /**
   * Lists a hash past the cap because the user asked about it (or its hover lookup was granted): its verdict must reach
   * the document showing it. Bounded by what the user does and by the page's cap.
   */
  admit(tabId: number, hash: string, documentKey?: string): void {
    const entry = this.#entry(tabId)
    if (entry.hashes.has(hash)) return
    this.#list(entry, hash, documentKey === undefined ? undefined : entry.documents.get(documentKey))
    entry.unlisted = Math.max(0, entry.unlisted - 1)
    this.#scheduleSave(tabId)
  }

  #list(entry: TabEntry, hash: string, shownBy: DocumentEntry | undefined, skippedAs?: NotSampleKind): void {
    entry.hashes.add(hash)
    if (skippedAs) entry.skipped.set(hash, skippedAs)
    shownBy?.hashes.add(hash)
    entry.log.push(logEntryOf(shownBy?.serial ?? -1, hash, skippedAs))
  }

  hashesOf(tabId: number): string[] {
    return [...(this.#tabs.get(tabId)?.hashes ?? [])]
  }

  /** The tab's hashes skipped as no file sample, and what each looks like. */
  skippedOf(tabId: number): ReadonlyMap<string, NotSampleKind> {
    return this.#tabs.get(tabId)?.skipped ?? NO_SKIPS
  }

  isListed(tabId: number, hash: string): boolean {
    return this.#tabs.get(tabId)?.hashes.has(hash) ?? false
  }

  /** How many hashes the tab reported past MAX_HASHES_PER_TAB (each document reports a hash once). */
  unlistedCountOf(tabId: number): number {
    return this.#tabs.get(tabId)?.unlisted ?? 0
  }

  /** The tab's documents that reported hashes; empty when none did (hashes came from a selection only). */
  documentsOf(tabId: number): DocumentTarget[] {
    return [...(this.#tabs.get(tabId)?.documents.values() ?? [])].map(({ frameId, documentId, hashes }) =>
      (documentId === undefined ? { frameId, hashes } : { frameId, documentId, hashes }))
  }

  /** Replaces the tab's offered selection (listed with its hashes too). */
  offerSelection(tabId: number, hashes: readonly string[]): void {
    this.add(tabId, hashes)
    this.#entry(tabId).selectionOffer = hashes.slice(0, MAX_HASHES_PER_TAB)
    this.#scheduleSave(tabId)
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
    if (allowed > 0) this.#scheduleSave(tabId)
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
    const entry = this.#tabs.get(tabId)
    if (!entry) return false
    this.#tabs.delete(tabId)
    this.#keysToRemove.add(`${KEY_PREFIX}${tabId}`)
    entry.stored.sliceBytes.forEach((_, slice) => this.#keysToRemove.add(sliceKey(tabId, slice)))
    this.#scheduleSave()
    return entry.hashes.size > 0
  }

  #entry(tabId: number): TabEntry {
    let entry = this.#tabs.get(tabId)
    if (!entry) this.#tabs.set(tabId, (entry = emptyEntry()))
    return entry
  }

  /**
   * Writes at once, or right after the write in flight (one at a time, latest state last): Chrome may stop the worker
   * any moment, and a registry lost unsaved would leave a restarted worker's verdicts reaching no tab. Only a tab
   * writing thousands of entries a second waits (SAVE_INTERVAL_MS), and other tabs' writes never wait for it.
   */
  #scheduleSave(tabId?: number, isCountOnly = false): void {
    if (tabId !== undefined) {
      if (!isCountOnly) this.#dirtyCountOnly.delete(tabId)
      else if (!this.#dirty.has(tabId)) this.#dirtyCountOnly.add(tabId)
      this.#dirty.add(tabId)
    }
    if (this.#isSaveScheduled) return
    this.#isSaveScheduled = true
    this.#saving = this.#saving.then(() => {
      this.#isSaveScheduled = false
      return this.#write()
    }).catch((error: unknown) => console.warn('HashLens: could not save the open tabs\' hashes', error))
  }

  async #write(): Promise<void> {
    const now = Date.now()
    const items: Record<string, unknown> = {}
    let nextDue = Infinity
    for (const tabId of this.#dirty) {
      const entry = this.#tabs.get(tabId)
      if (!entry) {
        this.#dirty.delete(tabId)
        this.#dirtyCountOnly.delete(tabId)
        continue
      }
      const { stored } = entry
      if (this.#dirtyCountOnly.has(tabId) && now - stored.recordWrittenAt < SAVE_INTERVAL_MS) {
        nextDue = Math.min(nextDue, stored.recordWrittenAt + SAVE_INTERVAL_MS)
        continue
      }
      if (now - stored.windowStart >= SAVE_INTERVAL_MS) {
        stored.windowStart = now
        stored.windowEntries = 0
      } else if (stored.windowEntries >= ENTRIES_PER_SLICE) {
        nextDue = Math.min(nextDue, stored.windowStart + SAVE_INTERVAL_MS)
        continue
      }
      this.#dirty.delete(tabId)
      this.#dirtyCountOnly.delete(tabId)
      stored.recordWrittenAt = now
      const before = stored.entries
      this.#changedItemsOf(tabId, entry, items)
      stored.windowEntries += Math.max(0, stored.entries - before)
    }
    this.#keepWithinBudget(items)
    if (nextDue !== Infinity && !this.#isTimerSet) {
      this.#isTimerSet = true
      setTimeout(() => {
        this.#isTimerSet = false
        this.#scheduleSave()
      }, nextDue - now)
    }
    const removed = [...this.#keysToRemove].filter((key) => !(key in items))
    this.#keysToRemove.clear()
    if (Object.keys(items).length > 0) await browser.storage.session.set(items)
    if (removed.length > 0) await browser.storage.session.remove(removed)
  }

  /** The tab's record, and the slices of its log written since (a reset rewrites them all, dropping the rest). */
  #changedItemsOf(tabId: number, entry: TabEntry, items: Record<string, unknown>): void {
    const { stored } = entry
    if (!stored.isEvicted) {
      const slices = Math.ceil(entry.log.length / ENTRIES_PER_SLICE)
      for (let slice = Math.floor(stored.entries / ENTRIES_PER_SLICE); slice < slices; slice++) {
        const entries = entry.log.slice(slice * ENTRIES_PER_SLICE, (slice + 1) * ENTRIES_PER_SLICE)
        items[sliceKey(tabId, slice)] = entries
        stored.sliceBytes[slice] = bytesOf(entries)
      }
      for (let slice = slices; slice < stored.sliceBytes.length; slice++) this.#keysToRemove.add(sliceKey(tabId, slice))
      stored.sliceBytes.length = slices
      stored.entries = entry.log.length
    }
    items[`${KEY_PREFIX}${tabId}`] = recordOf(entry)
  }

  /** Past the budget, the largest tabs' logs leave storage (their records stay, marked), largest first. */
  #keepWithinBudget(items: Record<string, unknown>): void {
    const storedBytes = (entry: TabEntry) => entry.stored.sliceBytes.reduce((sum, bytes) => sum + bytes, 0)
    let total = 0
    for (const entry of this.#tabs.values()) total += storedBytes(entry)
    if (total <= STORAGE_BUDGET_BYTES) return
    const largestFirst = [...this.#tabs].filter(([, entry]) => !entry.stored.isEvicted)
      .sort(([, a], [, b]) => storedBytes(b) - storedBytes(a))
    for (const [tabId, entry] of largestFirst) {
      if (total <= STORAGE_BUDGET_BYTES) break
      total -= storedBytes(entry)
      entry.stored.sliceBytes.forEach((_, slice) => {
        delete items[sliceKey(tabId, slice)]
        this.#keysToRemove.add(sliceKey(tabId, slice))
      })
      entry.stored = { ...entry.stored, sliceBytes: [], entries: 0, isEvicted: true }
      items[`${KEY_PREFIX}${tabId}`] = recordOf(entry)
    }
  }
}

function emptyEntry(): TabEntry {
  return {
    topDocument: undefined, hashes: new Set(), skipped: new Map(), unlisted: 0, auto: 0, documents: new Map(), nextSerial: 0, selectionOffer: [],
    log: [], stored: { entries: 0, sliceBytes: [], isEvicted: false, windowStart: -Infinity, windowEntries: 0, recordWrittenAt: -Infinity },
  }
}

const NO_SKIPS: ReadonlyMap<string, NotSampleKind> = new Map()

function logEntryOf(serial: number, hash: string, skippedAs: NotSampleKind | undefined): LogEntry {
  return skippedAs === undefined ? [serial, hash] : [serial, hash, skippedAs]
}

function isNotSampleKind(value: unknown): value is NotSampleKind {
  return (NOT_SAMPLE_KINDS as readonly unknown[]).includes(value)
}

function showingsOf(entry: TabEntry): number {
  let showings = 0
  for (const document of entry.documents.values()) showings += document.hashes.size
  return showings
}

function sliceKey(tabId: number, slice: number): string {
  return `${KEY_PREFIX}${tabId}:${slice}`
}

function tabIdOfKey(key: string): number | null {
  const match = /^tab:(\d+)$/.exec(key)
  return match ? Number(match[1]) : null
}

/** Near enough to what storage.session counts (its JSON), without serialising again. */
function bytesOf(entries: readonly LogEntry[]): number {
  let bytes = 2
  for (const [, hash, skippedAs] of entries) bytes += hash.length + 10 + (skippedAs === undefined ? 0 : skippedAs.length + 3)
  return bytes
}

function recordOf(entry: TabEntry): StoredTab {
  const stored: StoredTab = { auto: entry.auto, slices: entry.stored.sliceBytes.length, next: entry.nextSerial }
  if (entry.topDocument !== undefined) stored.top = entry.topDocument
  if (entry.topDocumentUrl !== undefined) stored.topUrl = entry.topDocumentUrl
  if (entry.topDocumentOrigin !== undefined) stored.topOrigin = entry.topDocumentOrigin
  if (entry.unlisted > 0) stored.unlisted = entry.unlisted
  if (entry.selectionOffer.length > 0) stored.offer = entry.selectionOffer
  if (entry.stored.isEvicted) stored.evicted = true
  if (entry.documents.size > 0) {
    stored.documents = [...entry.documents].map(([key, document]) =>
      [document.serial, key, document.frameId, document.documentId ?? null, document.auto])
  }
  return stored
}

/** What a restarted worker reads back; anything malformed is skipped, never trusted. */
function entryFromStorage(record: StoredTab, all: Record<string, unknown>, key: string): TabEntry {
  const entry = emptyEntry()
  if (typeof record !== 'object' || record === null) return entry
  entry.auto = typeof record.auto === 'number' ? record.auto : 0
  entry.unlisted = typeof record.unlisted === 'number' ? record.unlisted : 0
  entry.topDocument = typeof record.top === 'string' ? record.top : undefined
  if (typeof record.topUrl === 'string') entry.topDocumentUrl = record.topUrl
  if (typeof record.topOrigin === 'string') entry.topDocumentOrigin = record.topOrigin
  entry.selectionOffer = Array.isArray(record.offer) ? record.offer.filter((hash) => typeof hash === 'string') : []
  entry.nextSerial = typeof record.next === 'number' ? record.next : 0
  entry.stored.isEvicted = record.evicted === true
  const bySerial = new Map<number, DocumentEntry>()
  for (const [serial, documentKey, frameId, documentId, auto] of Array.isArray(record.documents) ? record.documents : []) {
    if (typeof serial !== 'number' || typeof documentKey !== 'string' || typeof frameId !== 'number') continue
    const document: DocumentEntry = {
      serial, frameId, ...(typeof documentId === 'string' ? { documentId } : {}), hashes: new Set(), auto: typeof auto === 'number' ? auto : 0,
    }
    entry.documents.set(documentKey, document)
    bySerial.set(serial, document)
  }
  const slices = typeof record.slices === 'number' && !entry.stored.isEvicted ? record.slices : 0
  for (let slice = 0; slice < slices; slice++) {
    const entries = all[`${key}:${slice}`]
    if (!Array.isArray(entries)) break
    // A skip of a kind this version does not know reads as a sample's listing: looked up rather than lost.
    const kept = entries.filter((item): item is unknown[] => Array.isArray(item) && typeof item[0] === 'number' && typeof item[1] === 'string')
      .map(([serial, hash, skippedAs]) => logEntryOf(serial as number, hash as string, isNotSampleKind(skippedAs) ? skippedAs : undefined))
    for (const [serial, hash, skippedAs] of kept) {
      if (!entry.hashes.has(hash)) {
        entry.hashes.add(hash)
        if (skippedAs) entry.skipped.set(hash, skippedAs)
      } else if (skippedAs === undefined) {
        entry.skipped.delete(hash)
      }
      bySerial.get(serial)?.hashes.add(hash)
    }
    entry.log.push(...kept)
    entry.stored.sliceBytes.push(bytesOf(kept))
  }
  entry.stored.entries = entry.log.length
  return entry
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
