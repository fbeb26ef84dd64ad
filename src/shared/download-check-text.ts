/** The words for a download check (issue 16), the same in its notification and on the details page. */
import { t } from './i18n.ts'
import type { DownloadCheck } from './download-checks.ts'

/** The sentence after "Could not check this download: …". */
export function describeNotChecked(notChecked: NonNullable<DownloadCheck['notChecked']>): string {
  switch (notChecked.reason) {
    case 'too-large': return t('downloadNotCheckedTooLarge', notChecked.detail ?? '')
    case 'no-url': return t('downloadNotCheckedNoUrl')
    case 'fetch-failed': return notChecked.detail ? t('downloadNotCheckedFetchStatus', notChecked.detail) : t('downloadNotCheckedFetchFailed')
    case 'changed': return t('downloadNotCheckedChanged')
    case 'interrupted': return t('downloadNotCheckedInterrupted')
  }
}

/** "Could not check this download: it is larger than 200 MB, …" */
export function notCheckedSentence(notChecked: NonNullable<DownloadCheck['notChecked']>): string {
  return t('downloadNotChecked', describeNotChecked(notChecked))
}
