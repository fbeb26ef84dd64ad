/** The engine's state in one line, with what to do about it. */
import browser from 'webextension-polyfill'
import { useState } from 'preact/hooks'
import { askWorker } from './ask-worker.ts'
import { describeStatus } from '../shared/status-text.ts'
import { t } from '../shared/i18n.ts'
import type { StatusReport } from '../shared/worker-events.ts'

const NEEDS_OPTIONS = new Set(['not-configured', 'unauthorized', 'forbidden'])

export function formatUsage(report: StatusReport): string | null {
  const usage = report.usage
  if (!usage) return null
  const used = usage.used.toLocaleString('en-US')
  const limit = usage.limit.toLocaleString('en-US')
  return usage.period === 'daily' ? t('usageToday', used, limit) : t('usageThisMonth', used, limit)
}

/**
 * The countdown ("retrying in 5 seconds") changes every second, the rest only with the state;
 * a translation may put it anywhere in the headline.
 */
export function splitCountdown(headline: string, countdown: string): { before: string; countdown: string; after: string } {
  const at = countdown ? headline.lastIndexOf(countdown) : -1
  if (at < 0) return { before: headline, countdown: '', after: '' }
  // The space before the countdown goes with it: the live region then reads "retrying", not "retrying ".
  const before = headline.slice(0, at).replace(/\s+$/, '')
  return { before, countdown: headline.slice(before.length, at) + countdown, after: headline.slice(at + countdown.length) }
}

/** Asks the worker to re-check the quota now; a lifted pause reaches the page as a status change. */
function CheckQuotaAgain() {
  const [isChecking, setChecking] = useState(false)
  const check = () => {
    setChecking(true)
    void askWorker({ type: 'check-quota-again' }).finally(() => setChecking(false))
  }
  return (
    <div>
      <button type="button" disabled={isChecking} onClick={check}>{isChecking ? t('statusCheckingQuota') : t('statusCheckQuotaAgain')}</button>
    </div>
  )
}

/** `showUsageMeter`: the panel, open for hours, shows the quota used as a bar too; the text stays for the figures. */
export function StatusLine({ report, showOptionsLink, offerQuotaCheck = false, showUsageMeter = false }: {
  report: StatusReport; showOptionsLink: boolean; offerQuotaCheck?: boolean; showUsageMeter?: boolean
}) {
  const text = describeStatus(report.status)
  const usage = formatUsage(report)
  const { before, countdown, after } = splitCountdown(text.headline, text.countdown)
  const pending = report.pending.toLocaleString('en-US')
  return (
    <div class={`hl-status hl-status-${text.tone}`} data-status={report.status.kind}>
      {/* The live region holds what changes with the state only: a screen reader announces a
          new state once, not every tick of a countdown or every lookup counted in the usage. */}
      <div role="status" aria-live="polite">
        <div class="hl-status-headline">{before}{countdown && <span aria-hidden="true">{countdown}</span>}{after}</div>
        {text.advice && text.tone !== 'ok' && <div class="hl-status-advice">{text.advice}</div>}
      </div>
      {showOptionsLink && NEEDS_OPTIONS.has(report.status.kind) && (
        <div>
          <a href="#" onClick={(event) => { event.preventDefault(); void browser.runtime.openOptionsPage() }}>{t('statusOpenOptions')}</a>
        </div>
      )}
      {offerQuotaCheck && report.status.kind === 'quota-exhausted' && <CheckQuotaAgain />}
      {report.pending > 0 && report.status.kind === 'ready' && (
        <div class="hl-muted">{report.pending === 1 ? t('statusLookingUpOne') : t('statusLookingUpMany', pending)}</div>
      )}
      {usage && showUsageMeter && report.usage && (
        <meter class="hl-usage-meter" min={0} max={Math.max(report.usage.limit, 1)} value={report.usage.used}
          low={report.usage.limit * 0.8} high={report.usage.limit * 0.95} optimum={0} aria-label={t('usageMeterLabel')} aria-describedby="quota-usage-text" />
      )}
      {usage && <div class="hl-muted" id={showUsageMeter ? 'quota-usage-text' : undefined} data-testid="quota-usage">{usage}</div>}
    </div>
  )
}
