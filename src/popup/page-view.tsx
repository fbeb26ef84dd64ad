/** The current tab's hashes, with copy, export, "Look up the remaining N" past the per-page cap or a daily budget, and a large selection offered. */
import { useState } from 'preact/hooks'
import { hashTypeOfLength } from '../shared/hash.ts'
import { CLASSIFICATIONS, type Classification, type HashState, type HashStates } from '../shared/verdict.ts'
import { toCsv, toJson, type ExportRow } from '../shared/export-formats.ts'
import type { TabReport } from '../shared/worker-events.ts'
import { askWorker } from '../ui/ask-worker.ts'
import { HashTable } from './hash-table.tsx'
import { t } from '../shared/i18n.ts'
import { classificationLabel, describeBudgetStop } from '../shared/status-text.ts'

type Filter = Classification | 'all' | 'other'

function classOf(state: HashState | undefined): Filter {
  return state?.state === 'verdict' ? state.verdict.classification : 'other'
}

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function PageView({ tabId, report, states, onChanged }: {
  tabId: number; report: TabReport; states: HashStates; onChanged: () => void
}) {
  const [filter, setFilter] = useState<Filter>('all')
  const [note, setNote] = useState('')
  const hashes = report.hashes
  const counts = new Map<Filter, number>()
  for (const hash of hashes) counts.set(classOf(states[hash]), (counts.get(classOf(states[hash])) ?? 0) + 1)
  const shown = filter === 'all' ? hashes : hashes.filter((hash) => classOf(states[hash]) === filter)
  const rows: ExportRow[] = shown.map((hash) => ({ hash, type: hashTypeOfLength(hash.length) ?? '', state: states[hash] }))
  // Not looked up (over the cap, mode off) or given up on after errors: both can be asked again.
  const remaining = hashes.filter((hash) => {
    const state = states[hash]?.state
    return state === undefined || state === 'idle' || state === 'error'
  }).length

  async function toggleIdle(): Promise<void> {
    await askWorker({ type: 'set-site-idle', site: report.site, idle: !report.isIdleSite })
    onChanged()
  }

  return (
    <section aria-labelledby="page-heading">
      <h2 id="page-heading">{t('popupPageHeading')}</h2>
      {report.site && (
        <label class="hl-inline">
          <input type="checkbox" checked={!report.isIdleSite} onChange={() => void toggleIdle()}
            disabled={report.idleSitesManaged} aria-describedby={report.idleSitesManaged ? 'idle-managed' : undefined} />
          {t('popupSiteActive', report.site)}
          {report.idleSitesManaged && <span class="hl-muted" id="idle-managed">{t('popupSiteManaged')}</span>}
        </label>
      )}
      {hashes.length === 0 ? (
        <p class="hl-muted">{report.isIdleSite ? t('popupSiteIdle') : t('popupNoHashes')}</p>
      ) : (
        <>
          <div class="hl-counts" role="group" aria-label={t('popupFilterGroup')}>
            <button type="button" aria-pressed={filter === 'all'} onClick={() => setFilter('all')}>{t('popupFilterAll', hashes.length)}</button>
            {CLASSIFICATIONS.filter((c) => counts.has(c)).map((c) => (
              <button type="button" key={c} data-classification={c} aria-pressed={filter === c} onClick={() => setFilter(c)}>
                {t('popupFilterCount', classificationLabel(c), counts.get(c) ?? 0)}
              </button>
            ))}
            {counts.has('other') && (
              <button type="button" aria-pressed={filter === 'other'} onClick={() => setFilter('other')}>
                {t('popupFilterNoVerdict', counts.get('other') ?? 0)}
              </button>
            )}
          </div>
          <div class="hl-actions">
            <button type="button" onClick={() => {
              void navigator.clipboard.writeText(shown.join('\n')).then(() => setNote(shown.length === 1 ? t('popupCopiedOne') : t('popupCopiedMany', shown.length)))
            }}>{t('popupCopyAll')}</button>
            <button type="button" onClick={() => download('hashlens.csv', 'text/csv', toCsv(rows))}>{t('popupExportCsv')}</button>
            <button type="button" onClick={() => download('hashlens.json', 'application/json', toJson(rows))}>{t('popupExportJson')}</button>
            {remaining > 0 && (
              <button type="button" class="hl-primary" onClick={() => {
                void askWorker({ type: 'lookup-tab-remaining', tabId }).then(onChanged)
              }}>{t('popupLookUpRemaining', remaining)}</button>
            )}
          </div>
          {report.budgetStop && remaining > 0 && <p class="hl-muted" data-budget-stop>{describeBudgetStop(report.budgetStop)}</p>}
          {report.selectionOffer.length > 0 && (
            <section aria-labelledby="selection-offer">
              <p id="selection-offer">{t('popupSelectionOffer', report.selectionOffer.length)}</p>
              <button type="button" class="hl-primary" onClick={() => {
                void askWorker({ type: 'lookup', hashes: report.selectionOffer }).then(onChanged)
              }}>{t('popupSelectionLookUpAll', report.selectionOffer.length)}</button>
              <HashTable hashes={report.selectionOffer} states={states} label={t('popupSelectionTableLabel')} />
            </section>
          )}
          {note && <p class="hl-muted" role="status">{note}</p>}
          <HashTable hashes={shown} states={states} label={t('popupPageTableLabel')} />
        </>
      )}
    </section>
  )
}
