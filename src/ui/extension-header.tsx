import browser from 'webextension-polyfill'
import { t } from '../shared/i18n.ts'

/** The name, and the way to Options: the top of the popup and of the side panel. */
export function ExtensionHeader() {
  return (
    <header>
      <img src="/icons/icon-32.png" width={20} height={20} alt="" />
      <h1>{t('extensionName')}</h1>
      <a href="#" onClick={(event) => { event.preventDefault(); void browser.runtime.openOptionsPage() }}>{t('popupOptionsLink')}</a>
    </header>
  )
}
