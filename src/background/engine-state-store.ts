/** The engine's stop and quota pause, in storage.local so they survive the worker and the browser. */
import browser from 'webextension-polyfill'
import { INITIAL_ENGINE_STATE, type StoredEngineState } from './lookup-engine.ts'

const KEY = 'engineState'

export async function loadEngineState(): Promise<StoredEngineState> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as Partial<StoredEngineState> | undefined
  if (typeof stored !== 'object' || stored === null) return INITIAL_ENGINE_STATE
  const stop = stored.stop === 'unauthorized' || stored.stop === 'forbidden' ? stored.stop : null
  const pause = stored.quotaPause
  const quotaPause = pause && typeof pause.until === 'number' && (pause.period === 'daily' || pause.period === 'monthly')
    ? { until: pause.until, period: pause.period }
    : null
  return { stop, quotaPause }
}

export async function saveEngineState(state: StoredEngineState): Promise<void> {
  await browser.storage.local.set({ [KEY]: state })
}
