/** Documents whose URL names no host (blob:, about:blank, data:) belong to the site that made them: an idle site's stay idle. */
import type { Worker } from '@playwright/test'
import { expect, makeHash, test } from './fixtures.ts'

async function makeIdle(serviceWorker: Worker, sites: string[]): Promise<void> {
  await serviceWorker.evaluate((idleSites) => chrome.storage.local.set({ settings: { idleSites } }), sites)
  await expect.poll(() => serviceWorker.evaluate(async (idleSites) => {
    const scripts = await chrome.scripting.getRegisteredContentScripts()
    return scripts.length > 0 && scripts.every((script) => idleSites.every((site) => script.excludeMatches?.includes(`*://${site}/*`)))
  }, sites)).toBe(true)
}

test('an idle site\'s blob: tab, about:blank popup and data: and blob: frames look up nothing', async ({ context, configure, pages, serviceWorker, simulator }) => {
  await configure()
  await makeIdle(serviceWorker, ['127.0.0.1'])
  const [inBlobTab, inPopup, inDataFrame, inBlobFrame, inSrcdoc, control] = [1, 2, 3, 4, 5, 6].map((seed) => makeHash(60_000 + seed, 64, '0'))
  const page = await context.newPage()
  await page.goto(pages.serve('idle-frames.html', `<!doctype html><body><p>idle</p>
    <iframe src="data:text/html,<p>${inDataFrame}</p>"></iframe>
    <iframe srcdoc="<p>${inSrcdoc}</p>"></iframe>
    <iframe id="b"></iframe>
    <script>document.getElementById('b').src = URL.createObjectURL(new Blob(['<p>${inBlobFrame}</p>'], { type: 'text/html' }))</script>
  </body>`))
  const popupOpened = context.waitForEvent('page')
  await page.evaluate((hash) => { window.open('about:blank', '_blank')!.document.body.innerHTML = `<p>${hash}</p>` }, inPopup)
  await popupOpened
  const blobTab = await context.newPage()
  await blobTab.goto(pages.serve('idle-blob.html', `<!doctype html><script>
    location.href = URL.createObjectURL(new Blob(['<p>${inBlobTab}</p>'], { type: 'text/html' }))
  </script>`))
  await blobTab.waitForURL(/^blob:/)
  // A page on another site, opened last: once its hash went out, the idle site's would have too.
  const other = await context.newPage()
  await other.goto(pages.serve('active.html', `<!doctype html><p>${control}</p>`).replace('127.0.0.1', 'localhost'))
  await expect.poll(() => simulator.lookedUpHashes()).toContain(control)
  await new Promise((resolve) => setTimeout(resolve, 1500))
  expect(simulator.lookedUpHashes()).toEqual([control])
})
