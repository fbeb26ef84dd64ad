/** `chrome.i18n` from the real English messages.json, so texts asserted in tests are those users read. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { getMessageFrom, type MessageFile } from './chrome-i18n.ts'

// Not `new URL(…, import.meta.url)`: under happy-dom the global URL is happy-dom's, which node:url refuses.
const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public/_locales/en/messages.json')
const english = JSON.parse(readFileSync(file, 'utf8')) as MessageFile

const host = globalThis as { chrome?: Record<string, unknown> }
host.chrome = {
  ...host.chrome,
  i18n: {
    getMessage: (name: string, substitutions?: string | string[]) => getMessageFrom(english, name, substitutions),
    getUILanguage: () => 'en',
  },
}
