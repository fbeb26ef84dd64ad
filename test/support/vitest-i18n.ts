/**
 * vitest setup: unit tests run outside a browser, so `chrome.i18n.getMessage` is provided here,
 * from the real English `public/_locales/en/messages.json`. Texts asserted in tests are then
 * the texts users read.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { getMessageFrom, type MessageFile } from './chrome-i18n.ts'

const english = JSON.parse(readFileSync(fileURLToPath(new URL('../../public/_locales/en/messages.json', import.meta.url)), 'utf8')) as MessageFile

const host = globalThis as { chrome?: Record<string, unknown> }
host.chrome = {
  ...host.chrome,
  i18n: {
    getMessage: (name: string, substitutions?: string | string[]) => getMessageFrom(english, name, substitutions),
    getUILanguage: () => 'en',
  },
}
