/**
 * Test builds only (`HASHLENS_TEST_BUILD=1`, see vite.config.ts): Firefox's WebDriver BiDi cannot see into a closed
 * shadow root, so the Firefox suite asks the content script what the overlay draws. Shipped builds compile it out
 * (test/unit/firefox-build.test.ts checks the bundle).
 */
import type { Mark } from './mark-index.ts'
import type { OverlayBox } from './mark-overlay.ts'

export const TEST_READ_EVENT = 'hashlens-test-read-marks'
export const TEST_REPLY_EVENT = 'hashlens-test-marks'

/** A drawn box as the Firefox suite reads it: where it is, how it is painted, and the text of its mark. */
export interface TestBoxReading {
  tone: string
  mark: number
  text: string
  left: number
  top: number
  width: number
  height: number
  backgroundColor: string
  lineStyle: string
  lineWidth: string
}

function textOf(mark: Mark): string {
  const { span } = mark
  return span.nodes.map((node) => {
    const start = node === span.startNode ? span.startOffset : 0
    return node.data.slice(start, node === span.endNode ? span.endOffset : undefined)
  }).join('')
}

export interface TestReadSource {
  boxes: readonly OverlayBox[]
  boxElements: readonly HTMLElement[]
  markOf(id: number): Mark | undefined
}

/** Dispatch is synchronous: the page's listener has the reply (JSON, which crosses Firefox's Xray wrappers) before its dispatchEvent returns. */
export function answerTestReads(document: Document, source: () => TestReadSource, signal: AbortSignal): void {
  document.addEventListener(TEST_READ_EVENT, () => {
    const { boxes, boxElements, markOf } = source()
    const readings: TestBoxReading[] = boxes.map((box, index) => {
      const element = boxElements[index]!
      const style = getComputedStyle(element)
      const rect = element.getBoundingClientRect()
      const mark = markOf(box.mark)
      return {
        tone: box.tone, mark: box.mark, text: mark ? textOf(mark) : '',
        left: rect.left, top: rect.top, width: rect.width, height: rect.height,
        backgroundColor: style.backgroundColor, lineStyle: style.borderBottomStyle, lineWidth: style.borderBottomWidth,
      }
    })
    document.dispatchEvent(new CustomEvent(TEST_REPLY_EVENT, { detail: JSON.stringify(readings) }))
  }, { signal })
}
