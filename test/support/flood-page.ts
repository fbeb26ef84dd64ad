/** Issue 12's flood: a page adding 2,000 fresh SHA-1s every 250 ms, for the e2e test and the benchmark alike. */
import type { Page } from '@playwright/test'

/**
 * The shown block is replaced each time: the worker gets 2,000 new hashes, the page's own drawing stays small. The
 * page counts what it added in `window.added` and sets `window.done` after `durationMs`.
 */
export function floodPage(durationMs: number): string {
  return `<!doctype html><body style="font: 12px monospace"><script>
    const end = Date.now() + ${durationMs}
    window.added = 0
    const timer = setInterval(() => {
      if (Date.now() > end) { clearInterval(timer); window.done = true; return }
      const block = document.createElement('pre')
      block.textContent = Array.from({ length: 2000 }, () => 'a1' + Array.from(crypto.getRandomValues(new Uint8Array(19)), (b) => b.toString(16).padStart(2, '0')).join('')).join('\\n')
      document.body.replaceChildren(block)
      window.added += 2000
    }, 250)
  </script></body>`
}

/** How many hashes the flood page has added so far. */
export function addedBy(flood: Page): Promise<number> {
  return flood.evaluate(() => (window as unknown as { added: number }).added)
}
