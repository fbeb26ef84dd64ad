/** Issue 11: an iframe of a new page that reports before its top document does keeps its hashes and verdicts. */
import type { Worker } from '@playwright/test'
import { expect, makeHash, test } from './fixtures.ts'
import { markedCount } from '../support/marks.ts'


/** The page's tab: without host permission for its site the worker cannot read its URL, but it is the active tab. */
async function activeTabId(serviceWorker: Worker): Promise<number> {
  return serviceWorker.evaluate(async () => (await chrome.tabs.query({ active: true }))[0]?.id ?? -1)
}

test('an iframe served at once while its top document waits for a script keeps its hashes after the tab starts afresh', async ({ context, configure, simulator, serviceWorker, openExtensionPage }) => {
  await configure()
  const previous = makeHash(6000, 40, '8')
  const inFrame = [makeHash(6001, 40, '1'), makeHash(6002, 40, '2'), makeHash(6003, 40, '7')]
  let isScriptServed = false
  // A host without host permission: the worker tells live frames apart all the same (scripting.executeScript could not).
  await context.route('http://app.fixtures.test/**', async (route) => {
    const path = new URL(route.request().url()).pathname
    if (path === '/first') {
      await route.fulfill({ contentType: 'text/html', body: `<!doctype html><p>${previous}</p>` })
    } else if (path === '/second') {
      // The parser waits for slow.js: the top document's content script (document_idle) runs after the frame's.
      await route.fulfill({ contentType: 'text/html', body: `<!doctype html><p>No hashes up here.</p>
        <iframe src="/frame" style="width: 600px; height: 200px"></iframe><script src="/slow.js"></script>` })
    } else if (path === '/frame') {
      await route.fulfill({ contentType: 'text/html', body: `<!doctype html><body style="font: 14px monospace">${inFrame.map((hash) => `<p>${hash}</p>`).join('')}</body>` })
    } else if (path === '/slow.js') {
      await new Promise((resolve) => setTimeout(resolve, 2500))
      isScriptServed = true
      await route.fulfill({ contentType: 'text/javascript', body: 'window.slowScriptRan = true' })
    } else {
      await route.fulfill({ status: 404 })
    }
  })
  const page = await context.newPage()
  await page.goto('http://app.fixtures.test/first')
  await expect.poll(() => markedCount(page, 'known')).toBe(1)

  // The frame's verdicts come back after the top document has spoken: only a push can bring them.
  simulator.inject({ kind: 'slow', ms: 4000, times: 1 })
  await page.goto('http://app.fixtures.test/second', { waitUntil: 'commit' })
  const frameOf = () => page.frames().find((f) => f.url().endsWith('/frame'))
  await expect.poll(() => frameOf() !== undefined).toBe(true)
  const frame = frameOf()!
  await expect.poll(() => markedCount(frame, 'pending'), { message: 'the frame reports while its top document still loads' }).toBe(inFrame.length)
  expect(isScriptServed).toBe(false)
  await page.waitForLoadState('load')

  await expect.poll(() => markedCount(frame, 'malicious'), { timeout: 15_000 }).toBe(2)
  await expect.poll(() => markedCount(frame, 'known')).toBe(1)
  expect(await markedCount(frame, 'pending')).toBe(0)

  const tabId = await activeTabId(serviceWorker)
  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
  const table = popup.getByRole('table', { name: 'Hashes on this page' })
  await expect(table.locator('tr[data-hash]')).toHaveCount(inFrame.length)
  await expect(table.locator(`tr[data-hash="${inFrame[0]}"] .hl-badge`)).toHaveText('Malicious')
  await expect(table.locator(`tr[data-hash="${inFrame[2]}"] .hl-badge`)).toHaveText('Known')
  // The page before is gone from the list.
  await expect(table.locator(`tr[data-hash="${previous}"]`)).toHaveCount(0)
})
