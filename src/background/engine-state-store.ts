/**
 * The engine's stop and quota pause live in storage.local (they survive the browser); its queue
 * and backoff in storage.session (they survive the worker, and a browser restart rightly drops them).
 */
import browser from 'webextension-polyfill'
import { STOP_KINDS } from '../shared/failure.ts'
import { INITIAL_ENGINE_STATE, type StoredEngineState } from './lookup-engine.ts'
import { readStoredQueue, type StoredQueue } from './lookup-queue.ts'

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
  return readStoredQueue((await browser.storage.session.get(QUEUE_KEY))[QUEUE_KEY])
}

export async function saveQueue(queue: StoredQueue): Promise<void> {
  await browser.storage.session.set({ [QUEUE_KEY]: queue })
}
