import { useCallback, useEffect, useState } from 'preact/hooks'
import type { StatusReport } from '../shared/worker-events.ts'
import { askWorker, onWorkerEvent } from './ask-worker.ts'

/**
 * The engine's status, as the popup, the panel and Options show it: asked for on every change and every second, so
 * retry countdowns ("retrying in 3 seconds") stay true, and each ask starts a worker Chrome stopped during a backoff,
 * which then retries on time (its alarm would wait 30 s). `refresh` asks now (Options, after a save).
 */
export function useStatusReport(): readonly [StatusReport | null, () => void] {
  const [status, setStatus] = useState<StatusReport | null>(null)
  const refresh = useCallback(() => void askWorker({ type: 'get-status' }).then(setStatus), [])
  useEffect(() => {
    refresh()
    const timer = setInterval(refresh, 1000)
    const stop = onWorkerEvent((event) => {
      if (event.type === 'status-changed') refresh()
    })
    return () => {
      clearInterval(timer)
      stop()
    }
  }, [refresh])
  return [status, refresh]
}
