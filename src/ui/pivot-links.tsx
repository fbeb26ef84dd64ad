/** The detail view's pivots (issue 14, item 4): the worker fills each template for the hash; names shown as text. */
import { useEffect, useState } from 'preact/hooks'
import type { PivotLink } from '../shared/pivots.ts'
import { t } from '../shared/i18n.ts'
import { askWorker } from './ask-worker.ts'

export function PivotLinks({ hash }: { hash: string }) {
  const [links, setLinks] = useState<PivotLink[]>([])
  useEffect(() => {
    let isCurrent = true
    void askWorker({ type: 'get-pivot-links', hash }).then((answer) => { if (isCurrent) setLinks(answer) }, () => undefined)
    return () => { isCurrent = false }
  }, [hash])
  // None configured: nothing to say, and no hash leaves the browser.
  if (links.length === 0) return null
  return (
    <nav class="hl-pivot-links" aria-labelledby="details-pivots-heading">
      <h3 id="details-pivots-heading">{t('detailsPivotsHeading')}</h3>
      <ul>
        {links.map((link, index) => (
          // No opener, no referrer: the tool learns nothing of the extension's page, as from the card.
          <li key={index}><a href={link.url} target="_blank" rel="noopener noreferrer">{t('pivotOpenIn', link.name)}</a></li>
        ))}
      </ul>
    </nav>
  )
}
