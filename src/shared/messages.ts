/**
 * The messages between HashLens's parts, one schema per direction. Every receiver parses
 * first and ignores what fails. What a content script may send is deliberately small
 * (report hashes, ask for verdicts): a content script runs inside hostile pages, so
 * anything that changes settings or touches credentials is accepted only from the
 * extension's own pages (checked in the worker by sender, not just by message type).
 *
 * Types only are exported for the content script: the schemas pull in zod, which stays
 * out of the content script's bundle.
 */
import { z } from './zod.ts'

/** Bounds keep a hostile page from making the worker parse or store unbounded input. */
const hashList = z.array(z.string().max(64)).max(100_000)

export const contentMessageSchema = z.discriminatedUnion('type', [
  /** What the content script needs to know before it scans: mode, cap, idle site, filters. */
  z.object({ type: z.literal('get-page-settings') }),
  /** The hashes now on this frame's page; `lookup` says whether the page wants them looked up. */
  z.object({ type: z.literal('page-hashes'), hashes: hashList }),
  /** A hover on a hash (for "on hover" mode, and to fill a card); only the cache with lookups off. */
  z.object({ type: z.literal('hover-lookup'), hash: z.string().max(64) }),
  /** The card's "Look up" button on a hash not looked up yet, in any mode: the cache first. */
  z.object({ type: z.literal('lookup-hash'), hash: z.string().max(64) }),
  /** The card's "Look up again" and "Retry" buttons: bypasses the cache for this one hash. */
  z.object({ type: z.literal('lookup-again'), hash: z.string().max(64) }),
])
export type ContentMessage = z.infer<typeof contentMessageSchema>

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
  z.object({ type: z.literal('get-tab-report'), tabId: z.number().int() }),
  z.object({ type: z.literal('lookup-tab-remaining'), tabId: z.number().int() }),
  z.object({ type: z.literal('set-site-idle'), site: z.string().max(300), idle: z.boolean() }),
])
export type ExtensionPageMessage = z.infer<typeof extensionPageMessageSchema>

/** A handler for each request type of a direction, given the request and what the router knows. */
export type HandlersFor<M extends { type: string }, Context extends unknown[] = []> = {
  [T in M['type']]: (message: Extract<M, { type: T }>, ...context: Context) => Promise<unknown>
}

/** Runs the handler of the message's type. */
export function dispatch<M extends { type: string }, Context extends unknown[]>(
  handlers: HandlersFor<M, Context>, message: M, ...context: Context): Promise<unknown> {
  const handler = handlers[message.type as M['type']] as (message: M, ...context: Context) => Promise<unknown>
  return handler(message, ...context)
}

/**
 * The worker's handler maps, added by the modules that define them
 * (`declare module '../shared/messages.ts'`), so a caller's answer type is its handler's return
 * type while callers import only shared code: no layer imports the worker, not even a type.
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
