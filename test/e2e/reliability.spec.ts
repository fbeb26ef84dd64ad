import { test, expect, makeHash, stopServiceWorkers } from './fixtures.ts'
import { markedCount } from '../support/marks.ts'
import type { Worker } from '@playwright/test'
import { cardText } from '../support/card.ts'

/** Waits until the worker has saved its queue (these hashes, waiting or in flight) to storage.session. */
async function queueSaved(serviceWorker: Worker, count: number): Promise<void> {
  await expect.poll(() => serviceWorker.evaluate(async () => {
    const queue = (await chrome.storage.session.get('lookupQueue')).lookupQueue as { waiting?: unknown[] } | undefined
    return queue?.waiting?.length ?? 0
  })).toBe(count)
}

function listPage(hashes: string[]): string {
  return `<!doctype html><ul>${hashes.map((h) => `<li>${h}</li>`).join('')}</ul>`
}

/** How many answered (non-429/503) requests asked for each hash. */
function answeredPerHash(requests: { hashes: string[]; status: number }[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const r of requests.filter((r) => r.status === 200 || r.status === 404)) {
    for (const hash of r.hashes) counts.set(hash.toLowerCase(), (counts.get(hash.toLowerCase()) ?? 0) + 1)
  }
  return counts
}

test('the worker stopped while lookups wait out a rate limit: every hash still gets its verdict, none is asked twice', async ({ context, configure, pages, simulator, serviceWorker }) => {
  test.setTimeout(90_000)
  await configure()
  simulator.inject({ kind: 'rate-limit', times: 1, retryAfterSeconds: 3 })
  const hashes = Array.from({ length: 6 }, (_, i) => makeHash(600 + i, 40, '0'))
  const page = await context.newPage()
  await page.goto(pages.serve('restart-1.html', listPage(hashes)))
  await expect.poll(() => simulator.lookupRequests().length).toBe(1)
  await queueSaved(serviceWorker, hashes.length)
  await stopServiceWorkers(context, page)

  // The wake alarm starts the worker again; marks on the open tab update.
  await expect.poll(() => markedCount(page, 'malicious'), { timeout: 60_000 }).toBe(6)
  const answered = answeredPerHash(simulator.lookupRequests())
  for (const hash of hashes) expect(answered.get(hash)).toBe(1)
})

test('the worker stopped with a batch in flight: the batch is sent again once and every hash gets its verdict', async ({ context, configure, pages, simulator, serviceWorker }) => {
  test.setTimeout(90_000)
  await configure()
  simulator.inject({ kind: 'slow', ms: 4000, times: 1 })
  const hashes = Array.from({ length: 5 }, (_, i) => makeHash(700 + i, 64, '7'))
  const page = await context.newPage()
  await page.goto(pages.serve('restart-2.html', listPage(hashes)))
  await expect.poll(() => simulator.lookupRequests().length).toBe(1)
  await queueSaved(serviceWorker, hashes.length)
  await stopServiceWorkers(context, page)

  await expect.poll(() => markedCount(page, 'known'), { timeout: 60_000 }).toBe(5)
  // The first answer died with the worker: exactly one more request, never a loop.
  const requests = simulator.lookupRequests()
  expect(requests).toHaveLength(2)
  expect(requests[1]!.hashes.sort()).toEqual([...hashes].sort())
})

test('a storm of 503s never turns into a burst: gaps grow, at most two requests at once, then errors that can be retried', async ({ context, configure, pages, simulator, openExtensionPage, serviceWorker }) => {
  test.setTimeout(90_000)
  await configure()
  simulator.inject({ kind: 'unavailable' })
  const sha1 = Array.from({ length: 150 }, (_, i) => makeHash(800 + i, 40, '1'))
  const md5 = Array.from({ length: 50 }, (_, i) => makeHash(900 + i, 32, '1'))
  const page = await context.newPage()
  await page.goto(pages.serve('storm.html', listPage([...sha1, ...md5])))
  await expect.poll(() => markedCount(page, 'error'), { timeout: 60_000 }).toBe(200)

  const requests = simulator.lookupRequests()
  // Two batches at a time (the cap) × 6 attempts, then everything shows an error: 12 requests.
  expect(requests).toHaveLength(12)
  // Rounds of two: each round asks every waiting hash again, once, in its two requests (batches may split anew).
  const roundOf = (i: number) => [...requests[i * 2]!.hashes, ...requests[i * 2 + 1]!.hashes].sort()
  for (let i = 0; i < 6; i++) expect(roundOf(i)).toEqual(roundOf(0))
  expect(new Set(roundOf(0)).size).toBe(roundOf(0).length)
  const rounds = Array.from({ length: 6 }, (_, i) => requests[i * 2]!.at)
  // Equal jitter: the n-th gap lies between half and all of 2^(n-1) seconds (plus a little latency).
  const shortestBackoff = (step: number) => step / 2 - 50
  const gaps = rounds.slice(1).map((at, i) => at - rounds[i]!)
  gaps.forEach((gap, i) => {
    const step = 1000 * 2 ** i
    const seen = `gap ${i + 1} of ${JSON.stringify(gaps)} ms`
    expect(gap, seen).toBeGreaterThanOrEqual(shortestBackoff(step))
    // A round waits for the answer to its later request, which a loaded machine can deliver seconds late (18.3 s
    // and more for the 16 s step in CI), so the bound allows twice the step: it catches a backoff that runs away
    // (two steps ahead reaches 4×), the one above a burst.
    expect(gap, seen).toBeLessThan(2 * step + 2500)
  })
  // "At once": no backoff, not even the shortest, between a round's two requests, however late a loaded machine
  // delivers the second (arrival times, not send times, are what the simulator sees).
  for (let i = 0; i < 6; i++) expect(requests[i * 2 + 1]!.at - rounds[i]!).toBeLessThan(shortestBackoff(1000))

  simulator.clearFaults()
  const tabId = await serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1, page.url())
  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
  await popup.getByRole('button', { name: 'Look up the remaining 200' }).click()
  await expect.poll(() => markedCount(page, 'malicious'), { timeout: 20_000 }).toBe(200)
})

test('a proxy\'s HTML page and truncated JSON give a clear error, keep the worker and the cache intact', async ({ configure, simulator, openExtensionPage }) => {
  await configure()
  const cached = makeHash(1001, 40, '0')
  const popup = await openExtensionPage('src/popup/popup.html')
  await popup.getByLabel('Hashes').fill(cached)
  await popup.getByRole('button', { name: 'Look up' }).click()
  await expect(popup.locator(`tr[data-hash="${cached}"] .hl-badge`)).toHaveText('Malicious')

  simulator.inject({ kind: 'html', times: 1 })
  simulator.inject({ kind: 'malformed-json', times: 1 })
  const broken = makeHash(1002, 40, '7')
  await popup.getByLabel('Hashes').fill(`${broken} ${cached}`)
  await popup.getByRole('button', { name: 'Look up' }).click()
  await expect(popup.locator(`tr[data-hash="${broken}"] .hl-badge`)).toHaveText('Error', { timeout: 15_000 })
  await expect(popup.locator(`tr[data-hash="${broken}"]`)).toContainText('not valid JSON')
  await expect(popup.locator(`tr[data-hash="${cached}"] .hl-badge`)).toHaveText('Malicious')

  // The worker still works: the next lookup goes through.
  const fresh = makeHash(1003, 32, '7')
  await popup.getByLabel('Hashes').fill(fresh)
  await popup.getByRole('button', { name: 'Look up' }).click()
  await expect(popup.locator(`tr[data-hash="${fresh}"] .hl-badge`)).toHaveText('Known')
})

test('a hostile page that forges and removes the card host, floods mutations and sets a strict CSP neither breaks HashLens nor reads from it', async ({ context, configure, pages }) => {
  await configure()
  const hash = makeHash(1100, 40, '0')
  const later = makeHash(1101, 40, '7')
  const html = `<!doctype html><body style="font: 16px monospace; padding: 40px">
    <hashlens-card-host id="forged">forged</hashlens-card-host>
    <p id="h">${hash}</p><div id="noise"></div><div id="later"></div>
    <script>
      // Remove the first element HashLens adds under <html> (its card host), and flood the DOM with mutations.
      window.__removed = 0
      new MutationObserver((records) => records.forEach((record) => record.addedNodes.forEach((el) => {
        if (el.localName !== 'body' && el.localName !== 'head' && window.__removed < 1) { window.__removed++; el.remove() }
      }))).observe(document.documentElement, { childList: true })
      let n = 0
      const flood = setInterval(() => {
        document.getElementById('noise').textContent = 'tick ' + n++
        if (n === 100) document.getElementById('later').textContent = 'late: ${later}'
        if (n > 300) clearInterval(flood)
      }, 5)
    </script></body>`
  const page = await context.newPage()
  await page.goto(pages.serve('hostile.html', html, { 'Content-Security-Policy': "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'" }))
  await expect.poll(() => markedCount(page, 'malicious')).toBe(1)
  await expect.poll(() => markedCount(page, 'known')).toBe(1)

  const box = (await page.locator('#h').boundingBox())!
  await page.mouse.move(box.x + 30, box.y + box.height / 2)
  await expect.poll(() => page.evaluate(() => (window as unknown as { __removed: number }).__removed)).toBe(1)
  // The page removed our host once; the next hover brings a new one and the card.
  await page.mouse.move(0, 0)
  await page.waitForTimeout(400)
  await page.mouse.move(box.x + 40, box.y + box.height / 2)
  await expect.poll(() => cardText(page)).toContain('Malicious')
  await expect(page.locator('#forged')).toHaveText('forged')
  // The page's world has no extension API to ask anything with.
  expect(await page.evaluate(() => typeof (globalThis as { chrome?: { runtime?: unknown } }).chrome?.runtime)).toBe('undefined')
})
