/**
 * Test builds only (`__HASHLENS_TEST_BUILD__`, set by vite.config.ts when HASHLENS_TEST_BUILD=1):
 * the card's closed shadow root keeps it from page scripts and WebDriver BiDi alike, and Firefox has no accessibility
 * tree over BiDi, so its tests ask the content script what the card shows. A production bundle carries none of this,
 * the card's reader included (test/unit/test-build.test.ts), since any page could ask the same.
 */

export const CARD_TEST_REQUEST = 'hashlens-test:read-card'
export const CARD_TEST_ANSWER = 'hashlens-test:card'

/** What the card shows, as the user sees it, and where its buttons are (viewport coordinates), for a real click on one. */
interface CardSnapshot {
  label: string
  text: string
  buttons: Array<{ text: string; x: number; y: number; width: number; height: number }>
}

/** The texts an element shows, generated content (`data-text`, see hover-card.ts) included, one per line in document order. */
export function shownTextOf(root: Element): string {
  const texts: string[] = []
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT)
  for (let node: Node | null = root; node; node = walker.nextNode()) {
    const text = node.nodeType === Node.TEXT_NODE ? node.textContent : (node as HTMLElement).dataset.text
    if (text) texts.push(text)
  }
  return texts.join('\n')
}

export function snapshotOf(card: HTMLElement | null): CardSnapshot | null {
  if (card === null) return null
  const buttons = [...card.querySelectorAll('button')].filter((button) => !button.hidden).map((button) => {
    const { x, y, width, height } = button.getBoundingClientRect()
    return { text: shownTextOf(button), x, y, width, height }
  })
  return { label: card.getAttribute('aria-label') ?? '', text: shownTextOf(card), buttons }
}

/** Answers each request event on the window with the shown card's snapshot as JSON (null while no card is shown). */
export function openCardTestChannel(shownCard: () => HTMLElement | null, signal: AbortSignal): void {
  window.addEventListener(CARD_TEST_REQUEST, () => {
    window.dispatchEvent(new CustomEvent(CARD_TEST_ANSWER, { detail: JSON.stringify(snapshotOf(shownCard())) }))
  }, { signal })
}
