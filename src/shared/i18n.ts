/**
 * `chrome.i18n`, not the polyfill: synchronous in every browser (Firefox has `chrome.*`), so the content script needs
 * no polyfill. Placeholders: https://developer.chrome.com/docs/extensions/reference/api/i18n#placeholders
 */

// Type only: the key names are checked at compile time, and no bundle carries the JSON.
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json')

/** Each call of getMessage crosses into the browser (a fifth of a list row's build in bench 8): a fixed text is read once. */
const plainTexts = new Map<MessageKey, string>()

/** The message for `key` in the user's language (English when it lacks one). */
export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  if (substitutions.length > 0) return chrome.i18n.getMessage(key, substitutions.map(String))
  let text = plainTexts.get(key)
  if (text === undefined) {
    text = chrome.i18n.getMessage(key)
    plainTexts.set(key, text)
  }
  return text
}
