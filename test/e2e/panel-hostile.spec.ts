/**
 * Issue 14 with issue 12's attacker: the side panel pinned to a tab (`?tab=`) whose page is hostile. The page navigates
 * in place, floods the DOM, forges events and messages, and watches its own DOM while a row reveals a hash; the panel
 * follows, stays responsive and bounded, and changes only for what the user does. The page's own script is the attacker;
 * what HashLens draws is read through the DevTools protocol (test/support/marks.ts), the panel as the user reads it.
 */
import type { Page, Worker } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { test, expect, makeHash } from './fixtures.ts'
import { markCounts, markedCount } from '../support/marks.ts'
import { LIST_PAGE_SIZE, MAX_HASHES_PER_TAB } from '../../src/shared/tab-list.ts'

async function tabIdOf(page: Page, serviceWorker: Worker): Promise<number> {
  return serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1, page.url())
}

const TABLE = { name: 'Hashes on this page' }

/** Each row's hash with its badge's text, and the filter buttons' texts: what the panel tells the user. */
function panelView(panel: Page): Promise<{ rows: string[]; counts: string[] }> {
  return panel.evaluate(() => ({
    rows: [...document.querySelectorAll<HTMLElement>('tr[data-hash]')].map((row) => `${row.dataset.hash} ${row.querySelector('.hl-badge')?.textContent ?? ''}`),
    counts: [...document.querySelectorAll('[role="group"] button')].map((button) => button.textContent ?? ''),
  }))
}

test('the page navigates in place (pushState and a new body): the panel lists the new hashes with their verdicts and counts', async ({ context, configure, pages, openExtensionPage, serviceWorker }) => {
  await configure()
  const first = [makeHash(7301, 40, '0'), makeHash(7302, 40, '7')]
  const next = [makeHash(7303, 64, '1'), makeHash(7304, 32, '4'), makeHash(7305, 40, '2')]
  const page = await context.newPage()
  await page.goto(pages.serve('hostile-spa.html', `<!doctype html><body style="font: 14px monospace">${first.map((hash) => `<p>${hash}</p>`).join('')}</body>`))
  await expect.poll(() => markCounts(page)).toEqual({ malicious: 1, known: 1 })
  const panel = await openExtensionPage('src/panel/panel.html', `?tab=${await tabIdOf(page, serviceWorker)}`)
  const table = panel.getByRole('table', TABLE)
  await expect(table.locator('tr[data-hash]')).toHaveCount(2)

  // A single-page app's "navigation": a new address in the same document, and its body replaced with other hashes.
  await page.evaluate((hashes) => {
    history.pushState({}, '', '?report=2')
    const paragraphs = hashes.map((hash) => Object.assign(document.createElement('p'), { textContent: hash }))
    document.body.replaceChildren(...paragraphs)
  }, next)
  await expect.poll(() => markCounts(page)).toEqual({ malicious: 2, suspicious: 1 })
  for (const [hash, badge] of [[next[0], 'Malicious'], [next[1], 'Suspicious'], [next[2], 'Malicious']] as const) {
    await expect(table.locator(`tr[data-hash="${hash}"] .hl-badge`)).toHaveText(badge)
  }
  // The list is the document's (issue 14: per document, as the Firefox run checks too): the hashes it showed before
  // the pushState stay listed, while their marks went with their text.
  await expect(table.locator('tr[data-hash]')).toHaveCount(5)
  await expect(panel.getByRole('button', { name: 'Malicious 3' })).toBeVisible()
  await expect(panel.getByRole('button', { name: 'Suspicious 1' })).toBeVisible()
  await expect(panel.getByRole('button', { name: 'All 5' })).toBeVisible()
  expect(await markedCount(page)).toBe(3)

  // A new document in the tab, by the page's own script: the panel starts afresh with its hashes only.
  const fresh = makeHash(7306, 40, '8')
  await page.evaluate((url) => { location.href = url }, pages.serve('hostile-spa-next.html', `<!doctype html><p>${fresh}</p>`))
  await expect(table.locator('tr[data-hash]')).toHaveCount(1)
  await expect(table.locator(`tr[data-hash="${fresh}"] .hl-badge`)).toHaveText('Known')
})

/** A hash no test has used: random after the 'a1' that keeps the noise filters off, its verdict from its last digit. */
function freshHash(lastDigit: string): string {
  return `a1${randomBytes(19).toString('hex').slice(0, 37)}${lastDigit}`
}

/** Runs in the panel: clicks the filter button, then returns the ms until every row shows that filter's badge. */
function timeFilter(panel: Page, classification: string, badge: string): Promise<number> {
  return panel.evaluate(async ({ wanted, text }) => {
    const button = document.querySelector<HTMLButtonElement>(`button[data-classification="${wanted}"]`)!
    const started = performance.now()
    button.click()
    for (;;) {
      await new Promise(requestAnimationFrame)
      const badges = [...document.querySelectorAll('tr[data-hash] .hl-badge')].map((element) => element.textContent)
      if (button.getAttribute('aria-pressed') === 'true' && badges.length > 0 && badges.every((shown) => shown === text)) return performance.now() - started
      if (performance.now() - started > 20_000) return Number.POSITIVE_INFINITY
    }
  }, { wanted: classification, text: badge })
}

/** Presses "All" in the panel again, and waits for it to list more than one verdict. */
async function showAll(panel: Page): Promise<void> {
  await panel.getByRole('button', { name: /^All \d+/ }).click()
  await expect(panel.locator('tr[data-hash] .hl-badge', { hasText: 'Known' }).first()).toBeVisible()
}

/** Clicks the row of `hash` in the panel and returns the ms until the page has scrolled to it. */
async function timeReveal(panel: Page, page: Page, hash: string): Promise<number> {
  await page.evaluate(() => scrollTo(0, 0))
  const started = Date.now()
  await panel.getByRole('table', TABLE).getByRole('button', { name: hash }).click()
  await expect.poll(() => page.evaluate(() => scrollY), { timeout: 20_000, intervals: [20] }).toBeGreaterThan(2000)
  return Date.now() - started
}

/** Opens a page of `count` fresh hashes on 127.0.0.1 and returns the ms until each shows its verdict (read as no page can). */
async function timeToVerdicts(page: Page, url: string, count: number): Promise<number> {
  const started = Date.now()
  await page.goto(url)
  await expect.poll(async () => markedCount(page, 'malicious', 'known'), { timeout: 60_000, intervals: [50] }).toBe(count)
  return Date.now() - started
}

test('a page flooding its DOM with 2,000 fresh hashes every 250 ms: the pinned panel still answers, lists a bounded page, and another tab\'s lookups go on', async ({ context, configure, pages, openExtensionPage, serviceWorker }) => {
  test.setTimeout(360_000)
  await configure()
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { perSiteDailyBudget: 100_000, totalDailyBudget: 100_000 } }))
  const far = makeHash(7401, 40, '0')
  const near = makeHash(7402, 40, '7')
  // The flood replaces a short box's content, so the page's layout holds still and the far hash stays 3,000 px down.
  const flood = await context.newPage()
  await flood.goto(pages.serve('hostile-flood.html', `<!doctype html><body style="font: 12px monospace; margin: 0">
    <p>${near}</p><div id="flood" style="height: 120px; overflow: hidden"></div><div style="height: 3000px"></div><p>${far}</p>
    <div style="height: 1000px"></div><script>
    window.added = 0
    window.startFlood = (ms) => {
      const end = Date.now() + ms
      const timer = setInterval(() => {
        if (Date.now() > end) { clearInterval(timer); window.done = true; return }
        const block = document.createElement('pre')
        block.textContent = Array.from({ length: 2000 }, () => 'a1' + Array.from(crypto.getRandomValues(new Uint8Array(19)), (b) => b.toString(16).padStart(2, '0')).join('')).join('\\n')
        document.getElementById('flood').replaceChildren(block)
        window.added += 2000
      }, 250)
    }
  </script></body>`).replace('127.0.0.1', 'localhost'))
  await expect.poll(() => markedCount(flood)).toBe(2)
  const panel = await openExtensionPage('src/panel/panel.html', `?tab=${await tabIdOf(flood, serviceWorker)}`)
  const table = panel.getByRole('table', TABLE)
  await expect(table.locator(`tr[data-hash="${far}"] .hl-badge`)).toHaveText('Malicious')

  // Before the flood: how fast the panel answers here, and another tab's time to verdicts alone.
  const filterAlone = await timeFilter(panel, 'MALICIOUS', 'Malicious')
  await showAll(panel)
  const revealAlone = await timeReveal(panel, flood, far)
  const INNOCENT = 100
  const innocentPage = (name: string) => pages.serve(name, `<!doctype html><pre style="font: 12px monospace">${
    Array.from({ length: INNOCENT }, (_, i) => freshHash(i % 2 === 0 ? '0' : '7')).join('\n')}</pre>`)
  const innocent = await context.newPage()
  const verdictsAlone = await timeToVerdicts(innocent, innocentPage('hostile-innocent-alone.html'), INNOCENT)

  // The panel's own main thread while the flood goes on: every long task it runs.
  await panel.evaluate(() => {
    const tasks: number[] = []
    Object.assign(window, { longTasks: tasks })
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) tasks.push(entry.duration) }).observe({ type: 'longtask' })
  })
  await flood.evaluate(() => (window as unknown as { startFlood(ms: number): void }).startFlood(200_000))
  // Well into the flood: thousands of its hashes listed, and more coming each second.
  const listed = async () => Number((await panel.getByRole('button', { name: /^All \d+/ }).textContent())?.replace(/\D/g, '') ?? 0)
  await expect.poll(listed, { timeout: 60_000 }).toBeGreaterThan(6000)

  const filterFlooded = await timeFilter(panel, 'MALICIOUS', 'Malicious')
  await showAll(panel)
  const revealFlooded = await timeReveal(panel, flood, far)
  const verdictsFlooded = await timeToVerdicts(innocent, innocentPage('hostile-innocent-flooded.html'), INNOCENT)
  // A flooding document is rescanned at most every 2 seconds (FLOOD_PACE_MS), each rescan adding what the page shows
  // then (2,000 here): past the tab's bound the panel counts, and lists one page of rows, the rest a page at a time.
  await expect(panel.getByRole('button', { name: `All ${MAX_HASHES_PER_TAB}` })).toBeVisible({ timeout: 120_000 })
  await expect(panel.locator('[data-unlisted]')).toContainText(`a tab lists at most ${MAX_HASHES_PER_TAB} hashes`)
  await expect(table.locator('tr[data-hash]')).toHaveCount(LIST_PAGE_SIZE)
  expect(await flood.evaluate(() => (window as unknown as { done?: boolean }).done ?? false)).toBe(false)
  const longTasks = await panel.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks)
  console.log(`panel beside a flood: filter answers in ${Math.round(filterAlone)} ms alone, ${Math.round(filterFlooded)} ms flooded; ` +
    `a row reveals its hash in ${revealAlone} ms alone, ${revealFlooded} ms flooded; another tab's ${INNOCENT} verdicts in ` +
    `${verdictsAlone} ms alone, ${verdictsFlooded} ms flooded; the panel's long tasks meanwhile: ${longTasks.length}, ` +
    `longest ${Math.round(Math.max(0, ...longTasks))} ms`)

  // Bounds, from runs on this two-core machine with other test runs beside it (load 11-12): the filter answered in
  // 20 ms alone and 1.5-2.0 s beside the flood, a row's reveal in 0.06 s and 1.9-2.3 s, another tab's 100 verdicts in
  // 0.4-0.6 s and 0.4 s (before the cache read a small store whole: 3.7-3.9 s, 5.2-7.9 s and 4.3-8.6 s, each report
  // of the tab's 20,000 hashes costing the worker 1.2-2.4 s of reads one per hash). Both of the panel's answers go
  // through the worker, which takes in 8,000 hashes a second here; 10 s is still an answer to a click, where issue
  // 12's flooded popup showed no row in 60 s.
  expect(filterFlooded).toBeLessThan(10_000)
  expect(revealFlooded).toBeLessThan(10_000)
  // Coarse (flood.spec.ts measures it finely, in medians): the other tab's lookups end, not left behind the flood's.
  expect(verdictsFlooded).toBeLessThan(20_000)
})

/** Names a page might guess for HashLens's elements, to define them first (issue 12: a pre-defined card host broke the card). */
const GUESSED_ELEMENT_NAMES = ['hashlens-card', 'hashlens-overlay', 'hashlens-mark', 'hashlens-host', 'hashlens-root', 'hashlens-panel',
  'hash-lens', 'hl-card', 'hl-overlay', 'hl-mark', 'hl-host', 'x-hashlens']

test('a page that pre-defines likely element names and forges clicks, keys and messages changes nothing in the panel and sends no lookup past its budget', async ({ context, configure, pages, openExtensionPage, serviceWorker, simulator }) => {
  await configure()
  // A per-page budget of 4 for 6 hashes: two stay "Not looked up", and only the user may ask for them.
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { perPageCap: 4 } }))
  const onPage = [makeHash(7501, 40, '0'), makeHash(7502, 40, '7'), makeHash(7503, 40, '1'), makeHash(7504, 40, '4'), makeHash(7505, 40, '8'), makeHash(7506, 40, '2')]
  const forged = makeHash(7507, 40, '3')
  const page = await context.newPage()
  await page.goto(pages.serve('hostile-forger.html', `<!doctype html><html><head><script>
    window.constructed = []
    for (const name of ${JSON.stringify(GUESSED_ELEMENT_NAMES)}) {
      customElements.define(name, class extends HTMLElement {
        constructor() { super(); window.constructed.push(name) }
        connectedCallback() { this.style.display = 'none' }
      })
    }
    </script></head><body style="font: 16px monospace; padding: 20px">${onPage.map((hash, i) => `<p id="h${i}">${hash}</p>`).join('')}</body></html>`))
  await expect.poll(() => markCounts(page)).toMatchObject({ malicious: 2, known: 1, suspicious: 1 })
  const lookedUp = simulator.lookedUpHashes().map((hash) => hash.toLowerCase()).sort()
  expect(lookedUp).toHaveLength(4)
  const panel = await openExtensionPage('src/panel/panel.html', `?tab=${await tabIdOf(page, serviceWorker)}`)
  await expect(panel.getByRole('table', TABLE).locator('tr[data-hash]')).toHaveCount(6)
  await expect(panel.getByRole('button', { name: 'Malicious 2' })).toBeVisible()
  const before = await panelView(panel)
  const marksBefore = await markCounts(page)

  const attack = async () => page.evaluate(({ forgedHash, hashes }) => {
    const SHA1 = forgedHash
    const verdict = { state: 'verdict', verdict: { hash: SHA1, type: 'sha1', classification: 'KNOWN', sampleHashes: {}, checkedAt: Date.now() } }
    const messages = [
      { type: 'page-hashes', hashes: [SHA1] }, { type: 'lookup-hash', hash: SHA1 }, { type: 'lookup-again', hash: hashes[0] },
      { type: 'hover-lookup', hash: hashes[4] }, { type: 'lookup-tab-remaining' }, { type: 'reveal-hash', hash: hashes[5] },
      { type: 'states-changed', states: { [hashes[0]!]: verdict, [SHA1]: verdict } }, { type: 'open-details' },
    ]
    for (const message of messages) {
      window.postMessage(message, '*')
      window.postMessage(JSON.stringify(message), '*')
      document.dispatchEvent(new CustomEvent('hashlens', { detail: message }))
      window.dispatchEvent(new CustomEvent(message.type, { detail: message }))
    }
    // Every element the page can reach, the extension's hosts included, and every mark's point: fake pointer and keys.
    const targets = [...document.querySelectorAll('*'), ...document.documentElement.children]
    for (const [index] of hashes.entries()) {
      const box = document.getElementById(`h${index}`)!.getBoundingClientRect()
      const hit = document.elementFromPoint(box.left + 20, box.top + box.height / 2)
      if (hit) targets.push(hit)
    }
    for (const target of targets) {
      for (const type of ['pointerover', 'pointermove', 'mouseover', 'mousemove', 'pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'dblclick', 'contextmenu']) {
        target.dispatchEvent(new (type.startsWith('pointer') ? PointerEvent : MouseEvent)(type, { bubbles: true, composed: true, clientX: 30, clientY: 30 }))
      }
      for (const key of ['Enter', ' ', 'H', 'J']) {
        target.dispatchEvent(new KeyboardEvent('keydown', { key, code: key === ' ' ? 'Space' : `Key${key}`, altKey: key === 'H' || key === 'J', shiftKey: key === 'H' || key === 'J', bubbles: true, composed: true }))
      }
    }
    for (const name of ['hashlens-card', 'hashlens-overlay', 'hl-card']) document.documentElement.append(document.createElement(name))
  }, { forgedHash: forged, hashes: onPage })
  await attack()
  // Time for a lookup, a push and a redraw to come, were any set off (a batch goes within a second).
  await panel.waitForTimeout(3000)
  await attack()
  await panel.waitForTimeout(3000)

  expect(await panelView(panel)).toEqual(before)
  expect(await markCounts(page)).toEqual(marksBefore)
  expect(simulator.lookedUpHashes().map((hash) => hash.toLowerCase()).sort()).toEqual(lookedUp)
  expect(lookedUp).not.toContain(forged)
  expect(onPage).toEqual(expect.arrayContaining(lookedUp))
  // HashLens made none of the page's elements: its own are plain elements no page can define first.
  expect(await page.evaluate(() => (window as unknown as { constructed: string[] }).constructed.filter((name) => !['hashlens-card', 'hashlens-overlay', 'hl-card'].includes(name)))).toEqual([])
  // And only the user's click looks up the two left: one lookup each.
  await panel.getByRole('button', { name: 'Look up the remaining 2' }).click()
  await expect.poll(() => simulator.lookedUpHashes().length).toBe(6)
})

test('a row click reveals a hash (in the document and in an open shadow root) with no mutation the page\'s own observer sees', async ({ context, configure, pages, openExtensionPage, serviceWorker }) => {
  await configure()
  const far = makeHash(7601, 40, '0')
  const shadowed = makeHash(7602, 40, '7')
  const page = await context.newPage()
  await page.goto(pages.serve('hostile-watcher.html', `<!doctype html><body style="font: 16px monospace; margin: 0">
    <div style="height: 3000px">top</div><p id="far">${far}</p><div style="height: 3000px"></div><div id="host"></div><div style="height: 2000px"></div>
    <script>
    const root = document.getElementById('host').attachShadow({ mode: 'open' })
    root.innerHTML = '<p id="s">${shadowed}</p>'
    window.mutations = []
    window.watch = () => {
      const record = (list) => { for (const m of list) window.mutations.push(m.type + ' ' + (m.target.nodeName || '') + ' ' + (m.attributeName || '')) }
      const options = { subtree: true, childList: true, attributes: true, attributeOldValue: true, characterData: true, characterDataOldValue: true }
      new MutationObserver(record).observe(document, options)
      new MutationObserver(record).observe(root, options)
    }
    </script></body>`))
  // Both far from the viewport, where no mark is drawn yet: their verdicts show in the panel.
  const panel = await openExtensionPage('src/panel/panel.html', `?tab=${await tabIdOf(page, serviceWorker)}`)
  const table = panel.getByRole('table', TABLE)
  await expect(table.locator(`tr[data-hash="${far}"] .hl-badge`)).toHaveText('Malicious')
  await expect(table.locator(`tr[data-hash="${shadowed}"] .hl-badge`)).toHaveText('Known')

  const markup = () => page.evaluate(() => document.documentElement.outerHTML + document.getElementById('host')!.shadowRoot!.innerHTML)
  const before = await markup()
  await page.evaluate(() => (window as unknown as { watch(): void }).watch())
  await table.getByRole('button', { name: far }).click()
  await expect.poll(() => page.evaluate(() => {
    const rect = document.getElementById('far')!.getBoundingClientRect()
    return rect.top >= 0 && rect.bottom <= innerHeight
  })).toBe(true)
  await expect.poll(() => markCounts(page)).toMatchObject({ malicious: 1 })
  await table.getByRole('button', { name: shadowed }).click()
  await expect.poll(() => page.evaluate(() => {
    const rect = document.getElementById('host')!.shadowRoot!.getElementById('s')!.getBoundingClientRect()
    return rect.top >= 0 && rect.bottom <= innerHeight
  })).toBe(true)
  expect(await page.evaluate(() => scrollY)).toBeGreaterThan(5000)
  // The pulse (2.5 s) starts and ends meanwhile; the overlay redraws for the scrolls.
  await page.waitForTimeout(3500)
  expect(await page.evaluate(() => (window as unknown as { mutations: string[] }).mutations)).toEqual([])
  expect(await markup()).toBe(before)
})
