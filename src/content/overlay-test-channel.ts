/**
 * Test builds only (`HASHLENS_TEST_CHANNEL=1`, see vite.config.ts): Firefox's WebDriver BiDi cannot see into a closed
 * shadow root, so the Firefox suite asks the content script what the overlay draws. Shipped builds compile it out
 * (test/unit/firefox-build.test.ts checks the bundle).
 */
import type { OverlayBox } from './mark-overlay.ts'

export const TEST_READ_EVENT = 'hashlens-test-read-marks'
export const TEST_REPLY_EVENT = 'hashlens-test-marks'

/** Dispatch is synchronous: the page's listener has the reply (JSON, which crosses Firefox's Xray wrappers) before its dispatchEvent returns. */
export function answerTestReads(document: Document, boxes: () => readonly OverlayBox[], signal: AbortSignal): void {
  document.addEventListener(TEST_READ_EVENT, () => {
    document.dispatchEvent(new CustomEvent(TEST_REPLY_EVENT, { detail: JSON.stringify(boxes()) }))
  }, { signal })
}
