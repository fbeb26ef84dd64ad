/**
 * Files on this computer (issue 16), in the side panel and on the Check files page: picked with "Files" or dropped,
 * hashed here one after the other (file-hasher.ts), each one's SHA-256 then looked up as the user's ask. Nothing of a
 * file but its hashes leaves the page.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import type { FileHashes } from '../shared/file-hashes.ts'
import { filesToCsv, filesToJson, type FileExportRow } from '../shared/export-formats.ts'
import { HASH_TYPE_LABEL, HASH_TYPES } from '../shared/hash.ts'
import { filesToStixBundle } from '../shared/stix-export.ts'
import type { HashStates } from '../shared/verdict.ts'
import { t, type MessageKey } from '../shared/i18n.ts'
import { askWorker, onWorkerEvent } from './ask-worker.ts'
import { ClassificationBadge } from './classification-badge.tsx'
import { download } from './download.ts'
import { HashingFailed, hashFile, type HashingFailureCause } from './file-hasher.ts'
import { formatSize } from './file-size.ts'

type FilePhase =
  | { phase: 'waiting'; file: File }
  | { phase: 'hashing'; file: File; bytesDone: number }
  | { phase: 'cancelled' }
  | { phase: 'failed'; cause: HashingFailureCause }
  | { phase: 'hashed'; hashes: FileHashes }

interface FileRow {
  id: number
  name: string
  size: number
  state: FilePhase
}

const FAILURE_TEXT: Record<HashingFailureCause, MessageKey> = { unreadable: 'filesUnreadable', 'no-webassembly': 'filesNoWebAssembly', other: 'filesHashingFailed' }

/** SHA-256, not SHA-1 or MD5: a crafted collision with a known benign file cannot borrow its verdict. */
const LOOKED_UP = 'sha256'

/** The rows, and the one file being hashed at a time: the next starts when it ends. */
function useFileQueue(onHashed: (hashes: FileHashes) => void) {
  const [rows, setRows] = useState<FileRow[]>([])
  const controllers = useRef(new Map<number, AbortController>())
  const nextId = useRef(1)

  const setPhase = useCallback((id: number, change: (state: FilePhase) => FilePhase | null) => {
    setRows((old) => old.map((row) => {
      if (row.id !== id) return row
      const state = change(row.state)
      return state === null ? row : { ...row, state }
    }))
  }, [])

  const add = useCallback((files: readonly File[]) => {
    const added = files.map((file) => ({ id: nextId.current++, name: file.name, size: file.size, state: { phase: 'waiting', file } as FilePhase }))
    setRows((old) => [...old, ...added])
  }, [])

  const cancel = useCallback((id: number) => {
    controllers.current.get(id)?.abort(new DOMException('cancelled', 'AbortError'))
    setPhase(id, (state) => (state.phase === 'waiting' || state.phase === 'hashing' ? { phase: 'cancelled' } : null))
  }, [setPhase])

  useEffect(() => {
    if (rows.some((row) => row.state.phase === 'hashing')) return
    const next = rows.find((row) => row.state.phase === 'waiting')
    if (!next || next.state.phase !== 'waiting') return
    const { file } = next.state
    const controller = new AbortController()
    controllers.current.set(next.id, controller)
    setPhase(next.id, () => ({ phase: 'hashing', file, bytesDone: 0 }))
    hashFile(file, {
      signal: controller.signal,
      onProgress: (bytesDone) => setPhase(next.id, (state) => (state.phase === 'hashing' ? { ...state, bytesDone } : null)),
    }).then((hashes) => {
      setPhase(next.id, (state) => (state.phase === 'hashing' ? { phase: 'hashed', hashes } : null))
      onHashed(hashes)
    }, (error: unknown) => {
      if (!controller.signal.aborted) setPhase(next.id, () => ({ phase: 'failed', cause: error instanceof HashingFailed ? error.cause : 'other' }))
    }).finally(() => controllers.current.delete(next.id))
  }, [rows, setPhase, onHashed])

  // A page closed mid-file stops its workers.
  useEffect(() => () => controllers.current.forEach((controller) => controller.abort()), [])

  return { rows, add, cancel }
}

export function FileCheck() {
  const [states, setStates] = useState<HashStates>({})
  const mergeStates = useCallback((incoming: HashStates) => setStates((old) => ({ ...old, ...incoming })), [])
  const lookUp = useCallback((hashes: FileHashes) => void askWorker({ type: 'lookup', hashes: [hashes[LOOKED_UP]] }).then(mergeStates), [mergeStates])
  const { rows, add, cancel } = useFileQueue(lookUp)
  const input = useRef<HTMLInputElement>(null)
  const [isDragOver, setDragOver] = useState(false)

  useEffect(() => onWorkerEvent((event) => {
    if (event.type === 'states-changed') mergeStates(event.states)
  }), [mergeStates])

  // Files dropped beside the zone are not opened by the browser in place of this page (and its rows in progress).
  useEffect(() => {
    const keepFiles = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault()
    }
    document.addEventListener('dragover', keepFiles)
    document.addEventListener('drop', keepFiles)
    return () => {
      document.removeEventListener('dragover', keepFiles)
      document.removeEventListener('drop', keepFiles)
    }
  }, [])

  const hashed = rows.flatMap((row): FileExportRow[] => (row.state.phase === 'hashed'
    ? [{ name: row.name, size: row.size, hashes: row.state.hashes, state: states[row.state.hashes[LOOKED_UP]] }]
    : []))

  function onDrop(event: DragEvent): void {
    event.preventDefault()
    setDragOver(false)
    add([...(event.dataTransfer?.files ?? [])])
  }

  return (
    <section aria-labelledby="files-heading" class="hl-files">
      <h2 id="files-heading">{t('filesHeading')}</h2>
      <p class="hl-muted">{t('filesPrivacyNote')}</p>
      <div class={`hl-drop-zone${isDragOver ? ' hl-drag-over' : ''}`} data-drop-zone
        onDragOver={(event) => { event.preventDefault(); setDragOver(true) }}
        onDragLeave={() => setDragOver(false)} onDrop={onDrop}>
        <button type="button" class="hl-primary" data-files onClick={() => input.current?.click()}>{t('filesButton')}</button>
        <span class="hl-muted">{t('filesDropHint')}</span>
        <input ref={input} type="file" multiple hidden data-files-input onChange={(event) => {
          add([...(event.currentTarget.files ?? [])])
          event.currentTarget.value = ''
        }} />
      </div>
      {hashed.length > 0 && (
        <div class="hl-actions">
          <button type="button" data-files-export-csv onClick={() => download('hashlens-files.csv', 'text/csv', filesToCsv(hashed))}>{t('filesExportCsv')}</button>
          <button type="button" data-files-export-json onClick={() => download('hashlens-files.json', 'application/json', filesToJson(hashed))}>{t('filesExportJson')}</button>
          <button type="button" data-files-export-stix onClick={() => void filesToStixBundle(hashed).then((bundle) => download('hashlens-files.stix.json', 'application/json', bundle))}>{t('filesExportStix')}</button>
        </div>
      )}
      {rows.length > 0 && (
        <ul class="hl-file-list" aria-label={t('filesListLabel')}>
          {rows.map((row) => <FileRowView key={row.id} row={row} states={states} onCancel={cancel} />)}
        </ul>
      )}
    </section>
  )
}

function FileRowView({ row, states, onCancel }: { row: FileRow; states: HashStates; onCancel: (id: number) => void }) {
  const { state } = row
  return (
    <li data-file-row data-phase={state.phase}>
      <div class="hl-file-head">
        <span class="hl-file-name">{row.name}</span>
        <span class="hl-muted">{formatSize(row.size)}</span>
        {state.phase === 'hashed' && <ClassificationBadge state={states[state.hashes[LOOKED_UP]]} />}
      </div>
      {(state.phase === 'waiting' || state.phase === 'hashing') && (
        <div class="hl-file-progress">
          <progress max={Math.max(row.size, 1)} value={state.phase === 'hashing' ? state.bytesDone : 0} aria-label={t('filesProgressLabel', row.name)} />
          <span class="hl-muted">{state.phase === 'waiting' ? t('filesWaiting') : t('filesHashing')}</span>
          <button type="button" data-file-cancel onClick={() => onCancel(row.id)}>{t('filesCancel')}</button>
        </div>
      )}
      {state.phase === 'cancelled' && <p class="hl-muted" role="status">{t('filesCancelled')}</p>}
      {state.phase === 'failed' && <p class="hl-error" role="status">{t(FAILURE_TEXT[state.cause])}</p>}
      {state.phase === 'hashed' && (
        <dl class="hl-facts">
          {HASH_TYPES.map((type) => (
            <div key={type}><dt>{HASH_TYPE_LABEL[type]}</dt><dd class="hl-mono" data-file-hash={type}>{state.hashes[type]}</dd></div>
          ))}
          {(() => {
            const looked = states[state.hashes[LOOKED_UP]]
            const threat = looked?.state === 'verdict' ? looked.verdict.threatName : undefined
            return threat ? <div><dt>{t('filesThreatName')}</dt><dd>{threat}</dd></div> : null
          })()}
        </dl>
      )}
    </li>
  )
}
