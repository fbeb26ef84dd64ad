/** Every hash in pasted text is looked up; near-misses are listed with the reason, never sent. */
import { useState } from 'preact/hooks'
import { scanHashInput, type InvalidToken } from '../shared/hash-input.ts'
import type { HashStates } from '../shared/verdict.ts'
import { askWorker } from '../ui/ask-worker.ts'
import { HashTable } from '../ui/hash-table.tsx'
import { t } from '../shared/i18n.ts'

export function ManualLookup({ states, onStates }: { states: HashStates; onStates: (states: HashStates) => void }) {
  const [text, setText] = useState('')
  const [hashes, setHashes] = useState<string[]>([])
  const [invalid, setInvalid] = useState<InvalidToken[]>([])
  const [message, setMessage] = useState('')

  async function lookUp(event: Event): Promise<void> {
    event.preventDefault()
    const scanned = scanHashInput(text)
    const found = scanned.hashes.map((match) => match.hash)
    setHashes(found)
    setInvalid(scanned.invalid)
    setMessage(found.length === 0 ? t('popupManualNothingFound') : '')
    if (found.length > 0) onStates(await askWorker({ type: 'lookup', hashes: found }))
  }

  return (
    <section aria-labelledby="manual-heading">
      <h2 id="manual-heading">{t('popupManualHeading')}</h2>
      <form onSubmit={lookUp}>
        <label for="hashes-input">{t('popupManualInputLabel')}</label>
        <textarea id="hashes-input" rows={4} value={text} placeholder={t('popupManualPlaceholder')}
          onInput={(event) => setText(event.currentTarget.value)} />
        <button type="submit" class="hl-primary">{t('popupManualLookupButton')}</button>
      </form>
      {message && <p class="hl-muted" role="status">{message}</p>}
      <HashTable hashes={hashes} states={states} label={t('popupManualResultsLabel')} />
      {invalid.length > 0 && (
        <div class="hl-invalid" aria-label={t('popupManualInvalidLabel')}>
          <h3>{t('popupManualInvalidHeading')}</h3>
          <ul>
            {invalid.map((item) => (
              <li key={item.token}><span class="hl-mono">{item.token}</span> — {item.reason}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
