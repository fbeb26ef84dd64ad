/**
 * Receivers parse first and ignore what fails. Content scripts run in hostile pages: their set is small, and only our
 * own pages may change settings or touch credentials, by sender (sender-routing.ts), not by message type.
 * Content code imports types only from here: the schemas pull in zod, which stays out of its bundle.
 */
import { z } from './zod.ts'
import { HASH_FILTERS, LIST_SORTS, MAX_HASHES_PER_TAB, MAX_SEARCH_LENGTH, MAX_SELECTED } from './tab-list.ts'
import { NOT_SAMPLE_KINDS } from './sample-judgement.ts'
import { DETAIL_APIS } from './sample-details.ts'
import { MAX_PIVOTS } from './pivot-limits.ts'

/** Bounds keep a hostile page from making the worker parse or store unbounded input. */
const hashList = z.array(z.string().max(64)).max(100_000)

/** Firefox gives no sender.documentId: the content script names its document; Chromium's own id wins (sender-routing.ts). */
const fromDocument = { documentId: z.string().max(64).optional() }

const getPageSettings = z.object({ type: z.literal('get-page-settings'), ...fromDocument })
/**
 * This frame's hashes; the page's settings in the worker decide which are looked up. `unlisted`: more found past the
 * tab's bound. `skipped`: those of `hashes` whose every occurrence here looks like no file sample (issue 13), which
 * the worker then leaves for the user to ask about, where the page's settings judge that kind.
 */
const pageHashes = z.object({
  type: z.literal('page-hashes'), hashes: hashList, unlisted: z.number().int().min(0).max(1_000_000).optional(),
  skipped: z.array(z.object({ hash: z.string().max(64), kind: z.enum(NOT_SAMPLE_KINDS) })).max(100_000).optional(),
  ...fromDocument,
})
/** The card's "Look up": the cache first. */
const lookupHash = z.object({ type: z.literal('lookup-hash'), hash: z.string().max(64), ...fromDocument })

/** The pointer rests on a hash: "on hover" mode looks it up, and its card shows the answer. */
const hoverLookup = z.object({ type: z.literal('hover-lookup'), hash: z.string().max(64), ...fromDocument })
/** The card's "Look up again" and "Retry": past the cache, rate-limited per hash. */
const lookupAgain = z.object({ type: z.literal('lookup-again'), hash: z.string().max(64), ...fromDocument })
/** The card's "Details" (a real click): Chromium opens the side panel for the tab, within the click's gesture. */
const openDetails = z.object({ type: z.literal('open-details'), ...fromDocument })
/**
 * A card's pivot button (a real click): the worker fills that pivot's template from its own settings and opens it.
 * The page learns no URL, and can name only a hash its tab reported.
 */
const openPivot = z.object({ type: z.literal('open-pivot'), hash: z.string().max(64), pivot: z.number().int().min(0).max(MAX_PIVOTS - 1), ...fromDocument })

export const contentMessageSchema = z.discriminatedUnion('type', [
  getPageSettings,
  pageHashes,
  hoverLookup,
  lookupHash,
  lookupAgain,
  /** A backoff its hashes wait out is over: starts a worker Chrome stopped, which sends only what is due. */
  z.object({ type: z.literal('resume-lookups'), ...fromDocument }),
  openDetails,
  openPivot,
])
export type ContentMessage = z.infer<typeof contentMessageSchema>

/**
 * The PDF viewer (src/pdf, issue 15) is our page but shows an untrusted document, rendered by pdf.js, which has had
 * code-execution bugs: it gets no more than a content script. It may read its page's settings, report the document's
 * hashes and, from the hover card, look one of them up and open its details or a pivot, charged like a web page's
 * (sender-routing.ts); nothing else.
 */
export const pdfViewerMessageSchema = z.discriminatedUnion('type', [getPageSettings, pageHashes, hoverLookup, lookupHash, lookupAgain, openDetails, openPivot])
export type PdfViewerMessage = z.infer<typeof pdfViewerMessageSchema>

export const extensionPageMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lookup'), hashes: hashList, bypassCache: z.boolean().optional() }),
  z.object({ type: z.literal('get-status') }),
  z.object({ type: z.literal('get-options') }),
  /** Checked by the handler against settingsInputSchema, so a bad field gets a sentence back. */
  z.object({ type: z.literal('save-settings'), settings: z.unknown() }),
  z.object({
    type: z.literal('save-credentials'),
    username: z.string().max(500),
    /** Empty keeps the stored password (allowed only while the host stays the same). */
    password: z.string().max(500),
    apiHost: z.string().max(500),
  }),
  /** Checks the given credentials (or the stored ones when password is empty) without saving. */
  z.object({
    type: z.literal('test-connection'),
    username: z.string().max(500),
    password: z.string().max(500),
    apiHost: z.string().max(500),
  }),
  z.object({ type: z.literal('clear-cache') }),
  /**
   * One page of the tab's list: `limit` hashes (LIST_PAGE_SIZE unless told; an export asks for all) from `offset` (0
   * unless told) of those the filter and the search keep, in the sort's order. `quick`: the first rows of a large tab without the counts, which read every hash's
   * state. `selectedRows`: the view's selected rows, answered with those still on the tab.
   */
  z.object({
    type: z.literal('get-tab-report'), tabId: z.number().int(), filter: z.enum(HASH_FILTERS).optional(),
    search: z.string().max(MAX_SEARCH_LENGTH).optional(), sort: z.enum(LIST_SORTS).optional(),
    offset: z.number().int().nonnegative().max(MAX_HASHES_PER_TAB).optional(),
    limit: z.number().int().positive().max(MAX_HASHES_PER_TAB).optional(), quick: z.boolean().optional(),
    selectedRows: z.array(z.string().max(64)).max(MAX_SELECTED).optional(),
  }),
  z.object({ type: z.literal('lookup-tab-remaining'), tabId: z.number().int() }),
  /** "Look up the skipped N": the tab's hashes left unlooked-up as no file sample. */
  z.object({ type: z.literal('lookup-tab-skipped'), tabId: z.number().int() }),
  z.object({ type: z.literal('set-site-idle'), site: z.string().max(300), idle: z.boolean() }),
  z.object({ type: z.literal('check-quota-again') }),
  /** A list's row was clicked: the tab's frames scroll to the hash and make its mark pulse (none touches the DOM). */
  z.object({ type: z.literal('reveal-hash'), tabId: z.number().int(), hash: z.string().max(64) }),
  /** The detail view: what the cache knows of one hash, its cached "More" answers and which "More" is offered. */
  z.object({ type: z.literal('get-hash-details'), hash: z.string().max(64) }),
  /** A detail view's "More": costs a lookup of that API, asked once per hash and TTL. Never from a content script. */
  z.object({ type: z.literal('fetch-hash-more'), hash: z.string().max(64), api: z.enum(DETAIL_APIS) }),
  /** Whether the tab shows a PDF that "Open this PDF in HashLens" can open (background/pdf-tabs.ts). */
  z.object({ type: z.literal('get-tab-pdf'), tabId: z.number().int() }),
  /** "Open this PDF in HashLens": the viewer, in that tab, for the PDF it shows. */
  z.object({ type: z.literal('open-tab-pdf'), tabId: z.number().int() }),
  /** Download checks (issue 16), newest first; with `id`, that one alone (or none). */
  z.object({ type: z.literal('get-download-checks'), id: z.number().int().nonnegative().optional() }),
  /** The details page's "Delete file": downloads.removeFile, by the worker, for a download it checked. */
  z.object({ type: z.literal('delete-download'), id: z.number().int().nonnegative() }),
  /** The details page's "Show in folder". */
  z.object({ type: z.literal('show-download'), id: z.number().int().nonnegative() }),
  /** The detail view's pivots: each one's name and URL for the hash. */
  z.object({ type: z.literal('get-pivot-links'), hash: z.string().max(64) }),
])
export type ExtensionPageMessage = z.infer<typeof extensionPageMessageSchema>

/** A handler for each request type of a direction, given the request and what the router knows. */
export type HandlersFor<M extends { type: string }, Context extends unknown[] = []> = {
  [T in M['type']]: (message: Extract<M, { type: T }>, ...context: Context) => Promise<unknown>
}

export function dispatch<M extends { type: string }, Context extends unknown[]>(
  handlers: HandlersFor<M, Context>, message: M, ...context: Context): Promise<unknown> {
  const handler = handlers[message.type as M['type']] as (message: M, ...context: Context) => Promise<unknown>
  return handler(message, ...context)
}

/**
 * Filled by each handler module's `declare module '../shared/messages.ts'`: a caller's answer type is its handler's
 * return type, yet callers import only shared code, not even a type from the worker.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- its members are declared by the handlers' modules
export interface WorkerHandlers {}

type AnswersOf<Handlers> = {
  [T in keyof Handlers]: Handlers[T] extends (...args: never[]) => Promise<infer Answer> ? Answer : never
}
/** What the worker answers each extension-page request (extension-page-handlers.ts). */
export type ExtensionPageAnswers = AnswersOf<WorkerHandlers['extensionPage']>
/** What the worker answers each content-script request (content-handlers.ts). */
export type ContentAnswers = AnswersOf<WorkerHandlers['content']>
