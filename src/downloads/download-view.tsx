/**
 * The download details page (issue 16): one checked download (`?id=`), as a notification's "Show details" opens it —
 * where it came from, its hashes, the verdict in the detail view, or why it could not be checked — with "Delete file"
 * and "Show in folder"; without an id, or for one no longer kept, the recent checks. Live on 'download-checks-changed'.
 * Every name and address is the worker's record shown as text: a file name or URL is the page's or server's choice.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import browser from 'webextension-polyfill'
import { MAX_DOWNLOAD_CHECKS, type DownloadCheck } from '../shared/download-checks.ts'
import { notCheckedSentence } from '../shared/download-check-text.ts'
import { CHECK_FILES_PATH } from '../shared/check-files-page.ts'
import type { FileHashes } from '../shared/file-hashes.ts'
import { HASH_TYPE_LABEL, HASH_TYPES, type HashType } from '../shared/hash.ts'
import { formatUtc } from '../shared/status-text.ts'
import { t } from '../shared/i18n.ts'
import { askWorker, onWorkerEvent } from '../ui/ask-worker.ts'
import { ClassificationBadge } from '../ui/classification-badge.tsx'
import { DetailView } from '../ui/detail-view.tsx'
import { PivotLinks } from '../ui/pivot-links.tsx'
import { formatSize } from '../ui/file-size.ts'

/** The page's `?id=`: a download id, or null for the list. */
export function downloadIdOf(search: string): number | null {
  const id = new URLSearchParams(search).get('id')
  return id !== null && /^\d{1,15}$/.test(id) ? Number(id) : null
}

/** The kept checks, newest first (null until the worker answers), asked again whenever one changes. */
function useDownloadChecks(): DownloadCheck[] | null {
  const [checks, setChecks] = useState<DownloadCheck[] | null>(null)
  useEffect(() => {
    let isCurrent = true
    // Progress writes come fast: only the answer to the latest request is shown, never an older one after it.
    let latest = 0
    const refresh = () => {
      const asked = ++latest
      void askWorker({ type: 'get-download-checks' }).then((answer) => {
        if (isCurrent && asked === latest) setChecks(answer)
      }, () => undefined)
    }
    refresh()
    const stop = onWorkerEvent((event) => { if (event.type === 'download-checks-changed') refresh() })
    return () => {
      isCurrent = false
      stop()
    }
  }, [])
  return checks
}

export function DownloadPage({ id }: { id: number | null }) {
  const checks = useDownloadChecks()
  if (checks === null) return <p class="hl-muted">{t('downloadPageLoading')}</p>
  const check = id === null ? undefined : checks.find((kept) => kept.id === id)
  if (check) return <DownloadDetails key={check.id} check={check} />
  return (
    <>
      {id !== null && <p class="hl-muted" role="status" data-download-not-kept>{t('downloadNotKept')}</p>}
      <DownloadList checks={checks} />
    </>
  )
}

function DownloadDetails({ check }: { check: DownloadCheck }) {
  const { hashes } = check
  const facts: { name: string; value: string | undefined; isAddress?: true }[] = [
    { name: t('downloadFromLabel'), value: check.url, isAddress: true },
    { name: t('downloadSizeLabel'), value: check.bytes === null ? undefined : formatSize(check.bytes) },
    { name: t('downloadTypeLabel'), value: check.mime ?? undefined },
    { name: t('downloadCompletedLabel'), value: formatUtc(check.completedAt) },
  ]
  return (
    <article class="hl-download" aria-labelledby="download-heading" data-download={check.id} data-step={check.step}>
      <h2 id="download-heading" class="hl-file-name">{check.fileName}</h2>
      <dl class="hl-facts">
        {facts.filter((fact) => fact.value).map(({ name, value, isAddress }) => (
          <div key={name}><dt>{name}</dt><dd class={isAddress ? 'hl-url' : undefined}>{value}</dd></div>
        ))}
      </dl>
      {check.step === 'hashing' && <HashingProgress check={check} />}
      {hashes && <HashList hashes={hashes} />}
      {check.step === 'looking-up' && <p class="hl-muted" role="status">{t('downloadLookingUp')}</p>}
      {check.step === 'not-checked' && check.notChecked && <NotChecked sentence={notCheckedSentence(check.notChecked)} />}
      {hashes && check.step === 'done' && check.state?.state !== 'verdict' && <LookUpNow sha256={hashes.sha256} />}
      <FileActions check={check} />
      {hashes && (check.step === 'looking-up' || check.step === 'done') && (
        <>
          <SecondFetchNote />
          <DetailView hash={hashes.sha256} pivotLinks={<PivotLinks hash={hashes.sha256} />} />
        </>
      )}
      <p><a href="?" data-download-all>{t('downloadAllLink')}</a></p>
    </article>
  )
}

/** Not looked up (a spent budget) or failed: the user asks, as a manual lookup; the check takes the verdict that comes. */
function LookUpNow({ sha256 }: { sha256: string }) {
  const [isAsking, setAsking] = useState(false)
  return (
    <p>
      <button type="button" data-download-look-up disabled={isAsking}
        onClick={() => { setAsking(true); void askWorker({ type: 'lookup', hashes: [sha256] }).finally(() => setAsking(false)) }}>
        {t('cardLookUp')}
      </button>
    </p>
  )
}

function HashingProgress({ check }: { check: DownloadCheck }) {
  const done = check.bytesHashed ?? 0
  // Without a known size, the bar has no end: it says it works without saying how far.
  const bounds = check.bytes ? { max: check.bytes, value: Math.min(done, check.bytes) } : {}
  return (
    <div class="hl-file-progress" data-download-progress>
      <progress {...bounds} aria-label={t('downloadHashingLabel', check.fileName)} />
      <span class="hl-muted">{t('downloadHashing')}</span>
    </div>
  )
}

function HashList({ hashes }: { hashes: FileHashes }) {
  const [note, setNote] = useState('')
  async function copy(type: HashType): Promise<void> {
    try {
      await navigator.clipboard.writeText(hashes[type])
      setNote(t('downloadCopied', HASH_TYPE_LABEL[type]))
    } catch {
      setNote(t('downloadCopyFailed'))
    }
  }
  return (
    <>
      <dl class="hl-facts hl-download-hashes" aria-label={t('downloadHashesLabel')}>
        {HASH_TYPES.map((type) => (
          <div key={type}>
            <dt>{HASH_TYPE_LABEL[type]}</dt>
            <dd class="hl-mono" data-download-hash={type}>{hashes[type]}</dd>
            <dd><button type="button" data-copy-hash={type} aria-label={t('downloadCopyLabel', HASH_TYPE_LABEL[type])}
              onClick={() => void copy(type)}>{t('downloadCopy')}</button></dd>
          </div>
        ))}
      </dl>
      <p class="hl-muted" role="status">{note}</p>
    </>
  )
}

function NotChecked({ sentence }: { sentence: string }) {
  return (
    <div class="hl-not-checked" data-not-checked>
      <p class="hl-error">{sentence}</p>
      <div class="hl-actions"><CheckFileButton isPrimary /></div>
      <p class="hl-muted">{t('downloadCheckFileHint')}</p>
    </div>
  )
}

/** A tab of its own: this page, and what it says, stay. */
function CheckFileButton({ isPrimary = false }: { isPrimary?: boolean }) {
  return (
    <button type="button" class={isPrimary ? 'hl-primary' : undefined} data-check-file
      onClick={() => void browser.tabs.create({ url: browser.runtime.getURL(CHECK_FILES_PATH) })}>{t('downloadCheckFile')}</button>
  )
}

/**
 * The verdict is for the bytes the site sent the second time: a server can tell that request apart (no page, an
 * extension's Origin) and send another file of the same size and type. Only the file on disk, hashed here, is sure.
 */
function SecondFetchNote() {
  return (
    <div class="hl-second-fetch" data-second-fetch>
      <p class="hl-muted">{t('downloadSecondFetchNote')}</p>
      <div class="hl-actions"><CheckFileButton /></div>
    </div>
  )
}

type DeletePhase = 'idle' | 'confirming' | 'deleting'

/** "Delete file" asks in the page first (no window.confirm: it blocks the page and its live updates), then the worker deletes. */
function FileActions({ check }: { check: DownloadCheck }) {
  const [phase, setPhase] = useState<DeletePhase>('idle')
  const [error, setError] = useState<string | null>(null)
  const deleteButton = useRef<HTMLButtonElement>(null)
  const keepButton = useRef<HTMLButtonElement>(null)
  const isDeleted = check.isDeleted === true

  // The focus follows the question: onto its safe answer as it opens, back to "Delete file" when it closes unanswered.
  const wasConfirming = useRef(false)
  useEffect(() => {
    if (phase === 'confirming') keepButton.current?.focus()
    else if (wasConfirming.current && phase === 'idle') deleteButton.current?.focus()
    wasConfirming.current = phase === 'confirming'
  }, [phase])

  async function confirmDelete(): Promise<void> {
    setPhase('deleting')
    setError(null)
    try {
      const answer = await askWorker({ type: 'delete-download', id: check.id })
      // Deleted: the worker's push brings the record marked so, which disables the buttons.
      if (!answer.ok) setError(answer.error)
    } catch {
      setError(t('downloadDeleteFailed'))
    } finally {
      setPhase((now) => (now === 'deleting' ? 'idle' : now))
    }
  }

  return (
    <div class="hl-download-actions">
      <div class="hl-actions">
        <button type="button" ref={deleteButton} data-download-delete disabled={isDeleted || phase !== 'idle'}
          onClick={() => setPhase('confirming')}>{t('downloadDelete')}</button>
        <button type="button" data-download-show disabled={isDeleted}
          onClick={() => void askWorker({ type: 'show-download', id: check.id })}>{t('downloadShowInFolder')}</button>
      </div>
      {phase === 'confirming' && !isDeleted && (
        <div class="hl-confirm" role="group" aria-labelledby="download-delete-question" data-download-confirm>
          <p id="download-delete-question">{t('downloadDeleteQuestion', check.fileName)}</p>
          <div class="hl-actions">
            <button type="button" class="hl-danger" data-download-delete-confirm onClick={() => void confirmDelete()}>{t('downloadDeleteConfirm')}</button>
            <button type="button" ref={keepButton} data-download-delete-cancel onClick={() => setPhase('idle')}>{t('downloadDeleteCancel')}</button>
          </div>
        </div>
      )}
      {/* Always in the page, so a screen reader hears what it comes to say. */}
      <p role="status" class={error ? 'hl-error' : 'hl-muted'} data-download-delete-result>
        {isDeleted ? t('downloadDeleted') : error ?? (phase === 'deleting' ? t('downloadDeleting') : '')}
      </p>
    </div>
  )
}

function CheckState({ check }: { check: DownloadCheck }) {
  if (check.step === 'not-checked') return <span class="hl-muted">{t('downloadStateNotChecked')}</span>
  if (check.step === 'hashing') return <span class="hl-muted">{t('downloadStateChecking')}</span>
  return <ClassificationBadge state={check.state} />
}

function DownloadList({ checks }: { checks: DownloadCheck[] }) {
  return (
    <section aria-labelledby="downloads-heading">
      <h2 id="downloads-heading">{t('downloadListHeading')}</h2>
      <p class="hl-muted">{t('downloadListHint', MAX_DOWNLOAD_CHECKS)}</p>
      {checks.length === 0
        ? <p data-download-list-empty>{t('downloadListEmpty')}</p>
        : (
          <ul class="hl-file-list" aria-labelledby="downloads-heading">
            {checks.map((check) => (
              <li key={check.id} data-download-row={check.id}>
                <div class="hl-file-head">
                  <a class="hl-file-name" href={`?id=${check.id}`}>{check.fileName}</a>
                  <CheckState check={check} />
                  {check.isDeleted && <span class="hl-muted">{t('downloadStateDeleted')}</span>}
                  <span class="hl-muted">{formatUtc(check.completedAt)}</span>
                </div>
                <div class="hl-muted hl-url">{check.url}</div>
              </li>
            ))}
          </ul>
        )}
    </section>
  )
}
