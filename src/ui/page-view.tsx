/**
 * The current tab's hashes, a page at a time, with copy, export, "Look up the remaining N" past the per-page cap or a
 * daily budget, "Look up the skipped N" of those that look like no file sample, and a large selection offered.
 */
import { useCallback, useState } from 'preact/hooks'
import { hashTypeOfLength } from '../shared/hash.ts'
import { CLASSIFICATIONS, type HashStates } from '../shared/verdict.ts'
import { toCsv, toJson, type ExportRow } from '../shared/export-formats.ts'
import { toStixBundle } from '../shared/stix-export.ts'
import { LIST_PAGE_SIZE, LIST_SORTS, MAX_HASHES_PER_TAB, MAX_SEARCH_LENGTH, type HashFilter, type ListSort } from '../shared/tab-list.ts'
import type { TabReport } from '../shared/worker-events.ts'
import { askWorker } from './ask-worker.ts'
import { download } from './download.ts'
import { HashTable } from './hash-table.tsx'
import { t } from '../shared/i18n.ts'
import { classificationLabel, describeBudgetStop } from '../shared/status-text.ts'
import type { MessageKey } from '../shared/i18n.ts'

const SORT_LABEL: Record<ListSort, MessageKey> = { page: 'listSortPage', verdict: 'listSortVerdict' }

export function PageView({ tabId, report, states, filter, onFilter, onPage, onChanged, query, onSearch, onSort, selected, onSelect, onDetails }: {
  tabId: number; report: TabReport; states: HashStates; filter: HashFilter
  onFilter: (filter: HashFilter) => void; onChanged: () => void
  /** Shows the page of rows starting there (a multiple of LIST_PAGE_SIZE). */
  onPage: (offset: number) => void
  /** The search and the sort, both done by the worker over the whole tab. */
  query: { search: string; sort: ListSort }; onSearch: (search: string) => void; onSort: (sort: ListSort) => void
  /** The rows ticked: copy and export take them when there are any. */
  selected: ReadonlySet<string>; onSelect: (hashes: readonly string[], isSelected: boolean) => void
  /** Opens a row's detail view (detail-view.tsx). */
  onDetails?: (hash: string) => void
}) {
  const [note, setNote] = useState('')
  // Off by default: the page's address (an intranet report's, say) leaves the browser only when ticked.
  const [includePageAddress, setIncludePageAddress] = useState(false)
  // A large tab's first answer comes without the counts; the next one brings them.
  const { hashes, counts = {}, remaining = 0, skipped = 0 } = report

  const selectedCount = selected.size
  const onReveal = useCallback((hash: string) => void askWorker({ type: 'reveal-hash', tabId, hash }), [tabId])
  const onSelectRow = useCallback((hash: string, isSelected: boolean) => onSelect([hash], isSelected), [onSelect])

  /**
   * Copy and export take the selected rows when there are any (their states come with every report), else every hash
   * the filter and the search keep, not only the rows shown: asked for when needed.
   */
  async function rowsToExport(): Promise<{ hashes: string[]; states: HashStates }> {
    if (selectedCount > 0) return { hashes: [...selected], states }
    if (report.matching <= hashes.length) return { hashes, states }
    const whole = await askWorker({ type: 'get-tab-report', tabId, filter, ...query, limit: report.matching })
    return { hashes: whole.hashes, states: { ...whole.states, ...states } }
  }

  async function exportAs(name: string, type: string, format: (rows: ExportRow[]) => string | Promise<string>): Promise<void> {
    const all = await rowsToExport()
    download(name, type, await format(all.hashes.map((hash) => ({ hash, type: hashTypeOfLength(hash.length) ?? '', state: all.states[hash] }))))
  }

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
      {report.total === 0 ? (
        <p class="hl-muted">{report.isIdleSite ? t('popupSiteIdle') : t('popupNoHashes')}</p>
      ) : (
        <>
          <div class="hl-counts" role="group" aria-label={t('popupFilterGroup')}>
            <button type="button" data-filter-all aria-pressed={filter === 'all'} onClick={() => onFilter('all')}>{t('popupFilterAll', report.total)}</button>
            {CLASSIFICATIONS.filter((c) => counts[c] !== undefined).map((c) => (
              <button type="button" key={c} data-classification={c} aria-pressed={filter === c} onClick={() => onFilter(c)}>
                {t('popupFilterCount', classificationLabel(c), counts[c] ?? 0)}
              </button>
            ))}
            {counts.other !== undefined && (
              <button type="button" aria-pressed={filter === 'other'} onClick={() => onFilter('other')}>
                {t('popupFilterNoVerdict', counts.other)}
              </button>
            )}
          </div>
          {/* Labels beside their controls, not around them: a select's name would take its options' text. */}
          <div class="hl-list-query">
            <label for="hl-list-search">{t('listSearchLabel')}</label>
            <input type="search" id="hl-list-search" data-list-search value={query.search} maxLength={MAX_SEARCH_LENGTH} placeholder={t('listSearchHint')}
              onInput={(event) => onSearch(event.currentTarget.value)} />
            <label for="hl-list-sort">{t('listSortLabel')}</label>
            <select id="hl-list-sort" data-list-sort value={query.sort} onChange={(event) => onSort(event.currentTarget.value as ListSort)}>
              {LIST_SORTS.map((sort) => <option key={sort} value={sort}>{t(SORT_LABEL[sort])}</option>)}
            </select>
          </div>
          <div class="hl-actions">
            <button type="button" data-copy onClick={() => {
              void rowsToExport().then(async (all) => {
                await navigator.clipboard.writeText(all.hashes.join('\n'))
                setNote(all.hashes.length === 1 ? t('popupCopiedOne') : t('popupCopiedMany', all.hashes.length))
              })
            }}>{selectedCount > 0 ? t('listCopySelected', selectedCount) : t('popupCopyAll')}</button>
            <button type="button" data-export-csv onClick={() => void exportAs('hashlens.csv', 'text/csv', toCsv)}>
              {selectedCount > 0 ? t('listExportCsvSelected', selectedCount) : t('popupExportCsv')}
            </button>
            <button type="button" data-export-json onClick={() => void exportAs('hashlens.json', 'application/json', toJson)}>
              {selectedCount > 0 ? t('listExportJsonSelected', selectedCount) : t('popupExportJson')}
            </button>
            <button type="button" data-export-stix onClick={() => {
              void exportAs('hashlens.stix.json', 'application/json', (rows) => toStixBundle(rows, { pageUrl: report.pageUrl, includePageAddress }))
            }}>{selectedCount > 0 ? t('listExportStixSelected', selectedCount) : t('popupExportStix')}</button>
            <label class="hl-inline">
              <input type="checkbox" data-include-page-address checked={includePageAddress}
                onChange={(event) => setIncludePageAddress(event.currentTarget.checked)} />
              {t('popupStixIncludePageAddress')}
            </label>
            {remaining > 0 && (
              <button type="button" class="hl-primary" onClick={() => {
                void askWorker({ type: 'lookup-tab-remaining', tabId }).then(onChanged)
              }}>{t('popupLookUpRemaining', remaining)}</button>
            )}
            {skipped > 0 && (
              <button type="button" data-look-up-skipped onClick={() => {
                void askWorker({ type: 'lookup-tab-skipped', tabId }).then(onChanged)
              }}>{t('popupLookUpSkipped', skipped)}</button>
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
          {hashes.length > 0 && (
            <div class="hl-actions">
              <button type="button" data-select-shown onClick={() => onSelect(hashes, true)}>{t('listSelectAllShown')}</button>
              {selectedCount > 0 && <button type="button" data-clear-selection onClick={() => onSelect([...selected], false)}>{t('listClearSelection')}</button>}
            </div>
          )}
          {report.matching === 0 && <p class="hl-muted" data-no-match>{t('listNoMatch')}</p>}
          <HashTable hashes={hashes} states={states} label={t('popupPageTableLabel')} isReading={report.counts === undefined}
            onReveal={onReveal} selected={selected} onSelect={onSelectRow} onDetails={onDetails} />
          {report.matching > LIST_PAGE_SIZE && <ListPager offset={report.offset} shown={hashes.length} matching={report.matching} onPage={onPage} />}
          {report.unlisted > 0 && <p class="hl-muted" data-unlisted>{t('popupUnlisted', report.unlisted, MAX_HASHES_PER_TAB)}</p>}
        </>
      )}
    </section>
  )
}

/**
 * Previous and next page of the list. A page is what a view renders at once, so a tab of 20,000 costs a view no more than
 * one of 200; a page turned brings the list's top into view.
 */
function ListPager({ offset, shown, matching, onPage }: { offset: number; shown: number; matching: number; onPage: (offset: number) => void }) {
  const turn = (next: number) => (event: MouseEvent) => {
    onPage(next)
    ;(event.currentTarget as HTMLElement).closest('section')?.querySelector('table')?.scrollIntoView({ block: 'start' })
  }
  return (
    <nav class="hl-pager" aria-label={t('listPagerLabel')}>
      <button type="button" data-page-previous disabled={offset === 0} onClick={turn(Math.max(0, offset - LIST_PAGE_SIZE))}>{t('listPreviousPage')}</button>
      <span data-page-range>{t('listPageRange', offset + 1, offset + shown, matching)}</span>
      <button type="button" data-page-next disabled={offset + shown >= matching} onClick={turn(offset + LIST_PAGE_SIZE)}>{t('listNextPage')}</button>
    </nav>
  )
}
