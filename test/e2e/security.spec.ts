import { test, expect, makeHash } from './fixtures.ts'
import { DEMO_PASSWORD } from '../simulator/spectra-simulator.ts'
import type { Page } from '@playwright/test'

/**
 * Runs an expression inside HashLens's content-script world on the page (the isolated world
 * Chromium names after the extension), through the DevTools protocol.
 */
async function evaluateInContentScript(page: Page, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page)
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = []
  cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context))
  await cdp.send('Runtime.enable')
  await expect.poll(() => contexts.some((c) => c.auxData?.type === 'isolated' && c.name === 'HashLens')).toBe(true)
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'HashLens')!
  const result = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true })
  return result.result.value
}

test('content scripts cannot read the credentials, and pages cannot reach the extension at all', async ({ context, configure, pages }) => {
  await configure()
  const page = await context.newPage()
  await page.goto(pages.serve('plain.html', '<!doctype html><title>plain</title><p>Nothing to see.</p>'))

  const fromContentScript = await evaluateInContentScript(page, `
    chrome.storage.local.get(null).then((all) => JSON.stringify(all), (error) => 'denied: ' + error.message)`)
  // storage.local is closed to content scripts (setAccessLevel in the worker): the call itself fails.
  expect(String(fromContentScript)).toMatch(/^denied/)
  expect(String(fromContentScript)).not.toContain(DEMO_PASSWORD)
  expect(String(fromContentScript)).not.toContain('credentials')

  // The page's own world has no extension API; no externally_connectable means no messaging either.
  const fromPage = await page.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage)
  expect(fromPage).toBe('undefined')
})

test('a content script cannot change settings, read options or clear the cache', async ({ context, configure, pages, serviceWorker }) => {
  await configure()
  const page = await context.newPage()
  await page.goto(pages.serve('plain2.html', '<!doctype html><title>plain</title><p>Nothing here.</p>'))
  const answers = await evaluateInContentScript(page, `
    Promise.all([
      chrome.runtime.sendMessage({ type: 'get-options' }),
      chrome.runtime.sendMessage({ type: 'save-credentials', username: 'u/evil/x', password: 'x', apiHost: 'https://evil.example' }),
      chrome.runtime.sendMessage({ type: 'clear-cache' }),
    ].map((p) => p.then((value) => value === undefined ? 'no answer' : JSON.stringify(value), (error) => 'error: ' + error.message)))`)
  // The worker does not answer a content script's privileged messages at all.
  expect(answers).toEqual(['no answer', 'no answer', 'no answer'])
  const stored = await serviceWorker.evaluate(async () => (await chrome.storage.local.get('credentials')).credentials as { apiHost: string })
  expect(stored.apiHost).not.toContain('evil')
})

test('nothing but the hashes and the credentials leaves the browser, and only to the configured host', async ({ context, configure, pages, simulator }) => {
  const outside: string[] = []
  const toService: string[] = []
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url())
    // The extension's own files (chrome-extension:) never leave the browser; the network does.
    const isNetwork = url.protocol === 'http:' || url.protocol === 'https:' || url.protocol.startsWith('ws')
    if (url.origin === simulator.url) toService.push(url.pathname)
    else if (isNetwork && url.origin !== pages.url) outside.push(url.href)
    await route.continue()
  })
  await configure()
  const hashes = [makeHash(1, 40, '0'), makeHash(2, 32, '7'), makeHash(3, 64, 'c')]
  const page = await context.newPage()
  await page.goto(pages.serve('leak.html', `<!doctype html><title>Secret project</title><p>${hashes.join(' ')}</p>`))
  await expect.poll(() => simulator.lookedUpHashes().length).toBe(3)
  await page.waitForTimeout(500)

  // The route sees the worker's own requests (the lookups prove it), so an empty list means something.
  expect(toService.some((path) => path.includes('malware_presence'))).toBe(true)
  expect(outside).toEqual([])
  for (const request of simulator.requests) {
    // The URL names the endpoint and at most the one hash; no page URL, title or text.
    expect(request.path).not.toContain('leak')
    expect(JSON.stringify(request.query)).not.toContain('Secret')
    expect(request.username).toBe('u/demo/analyst')
  }
})

test('a verdict pushed from a content script is ignored by the popup; the same push from the worker is shown', async ({ context, configure, pages, openExtensionPage, serviceWorker }) => {
  await configure()
  const hash = makeHash(1601, 40, '7')
  const page = await context.newPage()
  await page.goto(pages.serve('forged-push.html', `<!doctype html><title>forged</title><p>${hash}</p>`))
  const tabId = await serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1, page.url())
  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
  const badge = popup.getByRole('table', { name: 'Hashes on this page' }).locator(`tr[data-hash="${hash}"] .hl-badge`)
  await expect(badge).toHaveText('Known')
  // Proof that the forged push reaches the popup at all, so its absence below means it was refused.
  await popup.evaluate(() => {
    const seen: string[] = []
    ;(window as unknown as { seen: string[] }).seen = seen
    chrome.runtime.onMessage.addListener((message: { type?: string }) => { seen.push(String(message?.type)) })
  })

  const push = {
    type: 'states-changed',
    states: { [hash]: { state: 'verdict', verdict: { hash, type: 'sha1', classification: 'MALICIOUS', threatName: 'Forged.Verdict', sampleHashes: {}, checkedAt: Date.now() } } },
  }
  await evaluateInContentScript(page, `chrome.runtime.sendMessage(${JSON.stringify(push)}).then(() => 'sent', (error) => 'sent: ' + error.message)`)
  await expect.poll(() => popup.evaluate(() => (window as unknown as { seen: string[] }).seen)).toContain('states-changed')
  await popup.waitForTimeout(300)
  await expect(badge).toHaveText('Known')

  // The control: the same push from the worker itself is shown, so the check above can fail.
  await serviceWorker.evaluate((event) => chrome.runtime.sendMessage(event).catch(() => undefined), push)
  await expect(badge).toHaveText('Malicious')
})
