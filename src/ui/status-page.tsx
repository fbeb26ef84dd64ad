/** A tab of its own (Check files, a download's details): the header, the status line, then the page's content. */
import { render, type ComponentChildren } from 'preact'
import { ExtensionHeader } from './extension-header.tsx'
import { useStatusReport } from './status-report.ts'
import { StatusLine } from './status-line.tsx'
import { t, type MessageKey } from '../shared/i18n.ts'

function StatusPage({ children }: { children: ComponentChildren }) {
  const [status] = useStatusReport()
  return (
    <main>
      <ExtensionHeader />
      {status && <StatusLine report={status} showOptionsLink offerQuotaCheck />}
      {children}
    </main>
  )
}

export function renderStatusPage(title: MessageKey, content: ComponentChildren): void {
  document.title = t(title)
  document.documentElement.lang = t('languageTag')
  render(<StatusPage>{content}</StatusPage>, document.getElementById('app')!)
}
