import { useEffect, useRef } from 'preact/hooks'
import { describeStatus } from '../shared/status-text.ts'
import type { StatusReport } from '../shared/worker-events.ts'

/**
 * While the status counts down to a retry, asks for it every second: the countdown stays true,
 * and each ask starts a worker Chrome stopped meanwhile, which carries on when the retry is due.
 */
export function useRefreshWhileRetrying(report: StatusReport | null, refresh: () => void): void {
  const latestRefresh = useRef(refresh)
  latestRefresh.current = refresh
  const isCountingDown = report !== null && describeStatus(report.status).countdown !== ''
  useEffect(() => {
    if (!isCountingDown) return undefined
    const timer = setInterval(() => latestRefresh.current(), 1000)
    return () => clearInterval(timer)
  }, [isCountingDown])
}
