/**
 * The engine's stop and quota pause live in storage.local (they survive the browser); its queue
 * and backoff in storage.session (they survive the worker, and a browser restart rightly drops them).
 */
import browser from 'webextension-polyfill'
import { STOP_KINDS, TRANSIENT_KINDS } from '../shared/failure.ts'
import { EMPTY_QUEUE, INITIAL_ENGINE_STATE, type StoredEngineState, type StoredQueue } from './lookup-engine.ts'

const KEY = 'engineState'

export async function loadEngineState(): Promise<StoredEngineState> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as Partial<StoredEngineState> | undefined
  if (typeof stored !== 'object' || stored === null) return INITIAL_ENGINE_STATE
  const stop = STOP_KINDS.find((kind) => kind === stored.stop) ?? null
  const pause = stored.quotaPause
  const quotaPause = pause && typeof pause.until === 'number' && (pause.period === 'daily' || pause.period === 'monthly')
    ? { until: pause.until, period: pause.period }
    : null
  return { stop, quotaPause }
}

export async function saveEngineState(state: StoredEngineState): Promise<void> {
  await browser.storage.local.set({ [KEY]: state })
}

const QUEUE_KEY = 'lookupQueue'

export async function loadQueue(): Promise<StoredQueue> {
  const stored = (await browser.storage.session.get(QUEUE_KEY))[QUEUE_KEY] as Partial<StoredQueue> | undefined
  if (typeof stored !== 'object' || stored === null || !Array.isArray(stored.waiting)) return EMPTY_QUEUE
  const backoff = stored.backoff
  const isBackoff = typeof backoff === 'object' && backoff !== null && typeof backoff.until === 'number' &&
    typeof backoff.failures === 'number' && (TRANSIENT_KINDS as readonly unknown[]).includes(backoff.kind)
  // The engine re-validates every hash; here only the shape is checked.
  return { waiting: stored.waiting.filter((item) => typeof item?.hash === 'string'), backoff: isBackoff ? backoff : null }
}

export async function saveQueue(queue: StoredQueue): Promise<void> {
  await browser.storage.session.set({ [QUEUE_KEY]: queue })
}
