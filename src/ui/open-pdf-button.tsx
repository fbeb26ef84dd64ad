/**
 * "Open this PDF in HashLens" on a tab that shows a PDF (issue 15): the browser's own viewer keeps HashLens out, so the
 * document's hashes are found only in HashLens's viewer, which the worker opens in that tab.
 */
import { useEffect, useState } from 'preact/hooks'
import browser from 'webextension-polyfill'
import { t } from '../shared/i18n.ts'
import { askWorker } from './ask-worker.ts'

export function OpenPdfButton({ tabId }: { tabId: number }) {
  const [isPdf, setIsPdf] = useState(false)
  useEffect(() => {
    let isShown = true
    const ask = () => void askWorker({ type: 'get-tab-pdf', tabId }).then((answer) => { if (isShown) setIsPdf(answer) }, () => undefined)
    ask()
    // The panel stays open while its tab navigates: to a PDF, or from one into the viewer.
    const onUpdated = (updatedTabId: number, change: { status?: string }): void => {
      if (updatedTabId === tabId && change.status === 'complete') ask()
    }
    browser.tabs.onUpdated.addListener(onUpdated)
    return () => {
      isShown = false
      browser.tabs.onUpdated.removeListener(onUpdated)
    }
  }, [tabId])
  if (!isPdf) return null
  return (
    <div>
      <button type="button" class="hl-primary" onClick={() => {
        setIsPdf(false)
        void askWorker({ type: 'open-tab-pdf', tabId })
      }}>{t('openPdfInViewer')}</button>
    </div>
  )
}
