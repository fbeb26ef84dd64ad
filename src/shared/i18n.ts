/**
 * Every text a user sees or hears comes from `public/_locales/<locale>/messages.json` through
 * here, so a translation is a file, not a code change. The browser picks the user's language
 * and falls back to English (`default_locale`).
 *
 * `chrome.i18n.getMessage` rather than the polyfill's `browser.i18n`: it is synchronous in
 * every browser (Firefox provides `chrome.*` too), so the worker, the extension's pages and the
 * content script call it alike, and the content script need not load the polyfill for it.
 * Substitutions use Chrome's placeholders (`$1`…`$9`, named `$count$`), documented at
 * https://developer.chrome.com/docs/extensions/reference/api/i18n#placeholders
 */

// Type only: the key names are checked at compile time, and no bundle carries the JSON.
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json')

/** The message for `key` in the user's language, its `$1`…`$9` filled from `substitutions`. */
export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  return chrome.i18n.getMessage(key, substitutions.map(String))
}
