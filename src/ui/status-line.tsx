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

export function StatusLine({ report, showOptionsLink }: { report: StatusReport; showOptionsLink: boolean }) {
  const text = describeStatus(report.status)
  const usage = formatUsage(report)
  return (
    <div class={`hl-status hl-status-${text.tone}`} role="status" aria-live="polite" data-status={report.status.kind}>
      <div class="hl-status-headline">{text.headline}</div>
      {text.advice && text.tone !== 'ok' && <div class="hl-status-advice">{text.advice}</div>}
      {showOptionsLink && NEEDS_OPTIONS.has(report.status.kind) && (
        <div>
          <a href="#" onClick={(event) => { event.preventDefault(); void browser.runtime.openOptionsPage() }}>Open Options</a>
        </div>
      )}
      {usage && <div class="hl-muted" data-testid="quota-usage">{usage}</div>}
    </div>
  )
}
