/**
 * Test builds only (`__HASHLENS_TEST_BUILD__`, set by vite.config.ts when HASHLENS_TEST_BUILD=1):
 * the card's closed shadow root keeps it from page scripts and WebDriver BiDi alike, and Firefox has no accessibility
 * tree over BiDi, so its tests ask the content script what the card shows. A production bundle carries none of this
 * (test/unit/test-build.test.ts), since any page could ask the same.
 */
import type { CardSnapshot } from './hover-card.ts'

export const CARD_TEST_REQUEST = 'hashlens-test:read-card'
export const CARD_TEST_ANSWER = 'hashlens-test:card'

/** Answers each request event on the window with the card's snapshot as JSON (null while no card is shown). */
export function openCardTestChannel(readCard: () => CardSnapshot | null, signal: AbortSignal): void {
  window.addEventListener(CARD_TEST_REQUEST, () => {
    window.dispatchEvent(new CustomEvent(CARD_TEST_ANSWER, { detail: JSON.stringify(readCard()) }))
  }, { signal })
}
