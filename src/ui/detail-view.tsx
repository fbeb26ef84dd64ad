/**
 * One hash in detail (issue 14, item 3): everything the cache knows, then "More" (multi-AV history, RHA1), each saying
 * before it runs that it costs a lookup. A failure is said beside its button and never erases what is shown. All text
 * through t(), service text rendered as text.
 */
import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { describeFailureDetail, describeLookupError, formatUtc } from '../shared/status-text.ts'
import type {
  DetailApi, DetailsAnswer, HashDetailsReport, MoreProblem, MoreUnavailable, Rha1Details, XrefDetails,
} from '../shared/sample-details.ts'
import type { Verdict } from '../shared/verdict.ts'
import { t } from '../shared/i18n.ts'
import { askWorker, onWorkerEvent } from './ask-worker.ts'
import { ClassificationBadge } from './classification-badge.tsx'

const API_NAME: Readonly<Record<DetailApi, () => string>> = {
  xref: () => t('detailsXrefName'),
  rha1: () => t('detailsRha1Name'),
}

function timeOf(iso: string | undefined): string | undefined {
  const ms = iso === undefined ? Number.NaN : Date.parse(iso)
  return Number.isNaN(ms) ? undefined : formatUtc(ms)
}

function describeUnavailable(api: DetailApi, reason: MoreUnavailable): string {
  switch (reason) {
    case 'not-entitled': return t('detailsNotEntitled', API_NAME[api]())
    case 'no-support': return t('detailsNoSupport', API_NAME[api]())
    case 'type-unknown': return t('detailsRha1TypeUnknown')
    case 'type-unsupported': return t('detailsRha1TypeUnsupported')
    case 'no-sha1': return t('detailsRha1NoSha1')
  }
}

function describeProblem(api: DetailApi, problem: MoreProblem): string {
  switch (problem.kind) {
    case 'not-offered': return describeUnavailable(api, problem.reason)
    case 'forbidden': return t('detailsNotEntitled', API_NAME[api]())
    case 'engine-waiting': {
      const status = problem.status
      return 'retryAt' in status && typeof status.retryAt === 'number' ? t('detailsWaitingUntil', formatUtc(status.retryAt)) : t('detailsWaiting')
    }
    case 'bad-answer': return describeFailureDetail({ reason: 'unreadable-answer', text: problem.detail })
    case 'http-error': return describeFailureDetail({ reason: 'http-status', status: problem.status })
    case 'too-large': return describeFailureDetail({ reason: 'http-status', status: 413 })
    default: return describeLookupError(problem.kind)
  }
}

/** Label and value rows; a value the cache does not have is left out. */
function Facts({ rows, label }: { rows: [string, string | number | undefined][]; label: string }) {
  const shown = rows.filter((row): row is [string, string | number] => row[1] !== undefined && row[1] !== '')
  if (shown.length === 0) return null
  return (
    <dl class="hl-facts" aria-label={label}>
      {shown.map(([name, value]) => <div key={name}><dt>{name}</dt><dd>{String(value)}</dd></div>)}
    </dl>
  )
}

function KnownFacts({ verdict }: { verdict: Verdict }) {
  const engines = verdict.scannerCount === undefined ? undefined : t('detailsEnginesOf', verdict.scannerMatch ?? 0, verdict.scannerCount)
  return (
    <Facts label={t('detailsKnownLabel')} rows={[
      [t('detailsThreatName'), verdict.threatName],
      [t('detailsThreatLevel'), verdict.threatLevel],
      [t('detailsTrustFactor'), verdict.trustFactor],
      [t('detailsEngines'), engines],
      [t('detailsFirstSeen'), timeOf(verdict.firstSeen)],
      [t('detailsLastSeen'), timeOf(verdict.lastSeen)],
      ['MD5', verdict.sampleHashes.md5],
      ['SHA-1', verdict.sampleHashes.sha1],
      ['SHA-256', verdict.sampleHashes.sha256],
    ]} />
  )
}

function XrefResult({ answer }: { answer: DetailsAnswer<XrefDetails> }) {
  if (!answer.found) return <p class="hl-muted">{t('detailsXrefNotFound')}</p>
  const { details } = answer
  const engines = details.scannerCount === undefined ? undefined : t('detailsEnginesOf', details.scannerMatch ?? 0, details.scannerCount)
  return (
    <>
      <Facts label={t('detailsXrefName')} rows={[
        [t('detailsFileType'), details.sampleType],
        [t('detailsFileSize'), details.sampleSize === undefined ? undefined : t('detailsBytes', details.sampleSize.toLocaleString())],
        [t('detailsFirstSeen'), timeOf(details.firstSeen)],
        [t('detailsLastScanned'), timeOf(details.lastScanned)],
        [t('detailsEngines'), engines],
      ]} />
      {details.results.length > 0 && (
        <table class="hl-table hl-engines" aria-label={t('detailsEngineTableLabel')}>
          <thead><tr><th scope="col">{t('detailsEngineColumn')}</th><th scope="col">{t('detailsDetectionColumn')}</th></tr></thead>
          <tbody>
            {details.results.map((result) => (
              <tr key={result.engine} data-engine={result.engine}>
                <td>{result.engine}</td>
                <td class={result.detection ? 'hl-mono' : 'hl-muted'}>{result.detection || t('detailsNotDetected')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

function Rha1Result({ answer }: { answer: DetailsAnswer<Rha1Details> }) {
  if (!answer.found) return <p class="hl-muted">{t('detailsRha1NotFound')}</p>
  const { counts, firstSeen, lastSeen } = answer.details
  return (
    <Facts label={t('detailsRha1Name')} rows={[
      [t('classificationMalicious'), counts.malicious],
      [t('classificationSuspicious'), counts.suspicious],
      [t('classificationKnown'), counts.known],
      [t('detailsRha1Total'), counts.total],
      [t('detailsFirstSeen'), timeOf(firstSeen)],
      [t('detailsLastSeen'), timeOf(lastSeen)],
    ]} />
  )
}

function MoreSection({ api, report, problem, isAsking, onAsk }: {
  api: DetailApi; report: HashDetailsReport; problem: MoreProblem | undefined; isAsking: boolean; onAsk: () => void
}) {
  const state = report[api]
  const headingId = `details-${api}-heading`
  return (
    <section aria-labelledby={headingId} data-more={api}>
      <h4 id={headingId}>{API_NAME[api]()}</h4>
      {state.cached && (
        <>
          {api === 'xref'
            ? <XrefResult answer={state.cached.answer as DetailsAnswer<XrefDetails>} />
            : <Rha1Result answer={state.cached.answer as DetailsAnswer<Rha1Details>} />}
          <p class="hl-muted">{t('detailsAskedAt', formatUtc(state.cached.storedAt))}</p>
        </>
      )}
      {!state.cached && state.unavailable && <p class="hl-muted" data-unavailable={state.unavailable}>{describeUnavailable(api, state.unavailable)}</p>}
      {!state.cached && !state.unavailable && (
        <button type="button" data-more-button={api} disabled={isAsking} onClick={onAsk}>
          {t('detailsMoreCosts', API_NAME[api]())}
        </button>
      )}
      {problem && problem.kind !== 'not-offered' && <p class="hl-error" role="alert">{describeProblem(api, problem)}</p>}
    </section>
  )
}

/**
 * `pivotLinks`: the slot for the pivot list (URL templates, src/shared/pivots.ts, built elsewhere), shown under the
 * known facts. `onClose`: a "Back to the list" button, where the view replaces one.
 */
export function DetailView({ hash, onClose, pivotLinks }: { hash: string; onClose?: () => void; pivotLinks?: ComponentChildren }) {
  const [report, setReport] = useState<HashDetailsReport | null | undefined>(undefined)
  const [problems, setProblems] = useState<Partial<Record<DetailApi, MoreProblem>>>({})
  const [asking, setAsking] = useState<DetailApi | null>(null)

  useEffect(() => {
    let isCurrent = true
    const refresh = () => void askWorker({ type: 'get-hash-details', hash }).then((next) => { if (isCurrent) setReport(next) })
    refresh()
    // A verdict that arrives while the view is open shows at once.
    const stop = onWorkerEvent((event) => { if (event.type === 'states-changed' && hash in event.states) refresh() })
    return () => {
      isCurrent = false
      stop()
    }
  }, [hash])

  async function ask(api: DetailApi): Promise<void> {
    setAsking(api)
    try {
      const result = await askWorker({ type: 'fetch-hash-more', hash, api })
      if (!result) return
      setReport(result.report)
      setProblems((old) => ({ ...old, [api]: result.ok ? undefined : result.problem }))
    } catch {
      setProblems((old) => ({ ...old, [api]: { kind: 'offline', detail: '' } }))
    } finally {
      setAsking(null)
    }
  }

  const state = report?.state
  return (
    <section class="hl-details" aria-labelledby="details-heading" data-details-hash={hash}>
      <h2 id="details-heading">{t('detailsHeading')}</h2>
      <p class="hl-mono">{hash}</p>
      {onClose && <button type="button" data-details-back onClick={onClose}>{t('detailsBack')}</button>}
      {report === null && <p class="hl-error">{t('detailsInvalidHash')}</p>}
      {report && (
        <>
          <p><ClassificationBadge state={state} /></p>
          {state?.state === 'verdict' && <KnownFacts verdict={state.verdict} />}
          {pivotLinks}
          <h3>{t('detailsMoreHeading')}</h3>
          {(['xref', 'rha1'] as const).map((api) => (
            <MoreSection key={api} api={api} report={report} problem={problems[api]} isAsking={asking === api} onAsk={() => void ask(api)} />
          ))}
        </>
      )}
    </section>
  )
}
