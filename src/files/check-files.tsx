/**
 * The Check files page (issue 16): files picked or dropped are hashed here and looked up. The popup opens it, as a popup
 * can close when a file dialog takes the focus (Firefox, some window managers), taking the files with it.
 */
import { render } from 'preact'
import { ExtensionHeader } from '../ui/extension-header.tsx'
import { FileCheck } from '../ui/file-check.tsx'
import { useStatusReport } from '../ui/status-report.ts'
import { StatusLine } from '../ui/status-line.tsx'
import { t } from '../shared/i18n.ts'
import '../ui/common.css'
import '../ui/views.css'
import './check-files.css'

function CheckFiles() {
  const [status] = useStatusReport()
  return (
    <main>
      <ExtensionHeader />
      {status && <StatusLine report={status} showOptionsLink offerQuotaCheck />}
      <FileCheck />
    </main>
  )
}

document.title = t('checkFilesTitle')
document.documentElement.lang = t('languageTag')
render(<CheckFiles />, document.getElementById('app')!)
