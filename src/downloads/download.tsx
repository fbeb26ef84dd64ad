/** The download details page (issue 16): a notification's "Show details" opens it at `?id=<download id>` (download-view.tsx). */
import { render } from 'preact'
import { ExtensionHeader } from '../ui/extension-header.tsx'
import { useStatusReport } from '../ui/status-report.ts'
import { StatusLine } from '../ui/status-line.tsx'
import { t } from '../shared/i18n.ts'
import { DownloadPage, downloadIdOf } from './download-view.tsx'
import '../ui/common.css'
import '../ui/views.css'
import './download.css'

function Download() {
  const [status] = useStatusReport()
  return (
    <main>
      <ExtensionHeader />
      {status && <StatusLine report={status} showOptionsLink offerQuotaCheck />}
      <DownloadPage id={downloadIdOf(location.search)} />
    </main>
  )
}

document.title = t('downloadPageTitle')
document.documentElement.lang = t('languageTag')
render(<Download />, document.getElementById('app')!)
