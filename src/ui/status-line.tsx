/** The engine's state in one line, with what to do about it. */
import browser from 'webextension-polyfill'
import { describeStatus } from '../shared/status-text.ts'
import type { StatusReport } from '../shared/worker-events.ts'

const NEEDS_OPTIONS = new Set(['not-configured', 'unauthorized', 'forbidden'])

export function formatUsage(report: StatusReport): string | null {
  const usage = report.usage
  if (!usage) return null
  const when = usage.period === 'daily' ? 'today' : 'this month'
  return `${usage.used.toLocaleString('en-US')} of ${usage.limit.toLocaleString('en-US')} lookups ${when}`
}

/**
 * Splits "Rate limited — retrying in 5 seconds" into the part that changes only with the state
 * and the countdown, which the popup redraws every second.
 */
export function splitCountdown(headline: string): { steady: string; countdown: string } {
  const match = / in \d+ seconds?$/.exec(headline)
  return match ? { steady: headline.slice(0, match.index), countdown: match[0] } : { steady: headline, countdown: '' }
}

export function StatusLine({ report, showOptionsLink }: { report: StatusReport; showOptionsLink: boolean }) {
  const text = describeStatus(report.status)
  const usage = formatUsage(report)
  const { steady, countdown } = splitCountdown(text.headline)
  return (
    <div class={`hl-status hl-status-${text.tone}`} data-status={report.status.kind}>
      {/* The live region holds what changes with the state only: a screen reader announces a
          new state once, not every tick of a countdown or every lookup counted in the usage. */}
      <div role="status" aria-live="polite">
        <div class="hl-status-headline">{steady}{countdown && <span aria-hidden="true">{countdown}</span>}</div>
        {text.advice && text.tone !== 'ok' && <div class="hl-status-advice">{text.advice}</div>}
      </div>
      {showOptionsLink && NEEDS_OPTIONS.has(report.status.kind) && (
        <div>
          <a href="#" onClick={(event) => { event.preventDefault(); void browser.runtime.openOptionsPage() }}>Open Options</a>
        </div>
      )}
      {report.pending > 0 && report.status.kind === 'ready' && (
        <div class="hl-muted">Looking up {report.pending.toLocaleString('en-US')} {report.pending === 1 ? 'hash' : 'hashes'}…</div>
      )}
      {usage && <div class="hl-muted" data-testid="quota-usage">{usage}</div>}
    </div>
  )
}
