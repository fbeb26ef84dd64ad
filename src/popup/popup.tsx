/** The toolbar popup: the engine's state, the current tab's hashes, and manual lookup. */
import { render } from 'preact'
import { useCallback, useEffect, useState } from 'preact/hooks'
import browser from 'webextension-polyfill'
import type { HashStates } from '../shared/verdict.ts'
import { onWorkerEvent } from '../ui/ask-worker.ts'
import { ExtensionHeader } from '../ui/extension-header.tsx'
import { useStatusReport } from '../ui/status-report.ts'
import { StatusLine } from '../ui/status-line.tsx'
import { TabDetails } from '../ui/tab-details.tsx'
import { ManualLookup } from './manual-lookup.tsx'
import { CHECK_FILES_PATH } from '../shared/check-files-page.ts'
import { t } from '../shared/i18n.ts'
import '../ui/common.css'
import '../ui/views.css'
import './popup.css'

/** The tab the popup belongs to; `?tab=` lets tests and keyboard users open it for a given tab. */
async function currentTabId(): Promise<number | null> {
  const fromUrl = new URLSearchParams(location.search).get('tab')
  if (fromUrl) return Number(fromUrl)
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true })
  return tab?.id ?? null
}

function Popup() {
  const [status] = useStatusReport()
  const [states, setStates] = useState<HashStates>({})
  const [tabId, setTabId] = useState<number | null>(null)
  const mergeStates = useCallback((incoming: HashStates) => setStates((old) => ({ ...old, ...incoming })), [])

  useEffect(() => {
    void currentTabId().then(setTabId)
    return onWorkerEvent((event) => {
      if (event.type === 'states-changed') mergeStates(event.states)
    })
  }, [mergeStates])

  return (
    <main>
      <ExtensionHeader />
      {status && <StatusLine report={status} showOptionsLink offerQuotaCheck />}
      {/* The popup is small: a row's details take the list's place, and Back brings it back as it was. */}
      <TabDetails tabId={tabId} replacesList>
        <ManualLookup states={states} onStates={mergeStates} />
        {/* A page, not a picker here: a popup can close when a file dialog takes the focus, and the files with it. */}
        <button type="button" data-files title={t('filesButtonTitle')} onClick={() => {
          void browser.tabs.create({ url: browser.runtime.getURL(CHECK_FILES_PATH) }).then(() => window.close())
        }}>{t('filesButton')}</button>
      </TabDetails>
    </main>
  )
}

document.title = t('extensionName')
document.documentElement.lang = t('languageTag')
render(<Popup />, document.getElementById('app')!)
