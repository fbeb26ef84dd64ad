/** A hostile page must not spend more than its cap, and in-page navigations must not strand a page's verdicts. */
import type { Page, Worker } from '@playwright/test'
import { test, expect, makeHash } from './fixtures.ts'
import type { Simulator } from '../simulator/spectra-simulator.ts'
import { cardText, clickCardButton, readCard } from '../support/card.ts'

const CAP = 1000

/** Sums every HashLens mark of the given states (all states when none given). */
async function markedCount(page: Page, ...states: string[]): Promise<number> {
  return page.evaluate((names) => {
    let total = 0
    for (const [name, highlight] of CSS.highlights as unknown as Map<string, { size: number }>) {
      if (!name.startsWith('hashlens-')) continue
      if (names.length === 0 || names.includes(name.slice('hashlens-'.length))) total += highlight.size
    }
    return total
  }, states)
}

function hashesLookedUp(simulator: Simulator): string[] {
  return simulator.lookupRequests().flatMap((request) => request.hashes.map((hash) => hash.toLowerCase()))
}

/** In the page: `count` fresh random SHA-1s ('a1' first, so no noise filter drops them). */
const FRESH_HASHES_SCRIPT = `
  function freshHashes(count) {
    return Array.from({ length: count }, () => 'a1' + Array.from(crypto.getRandomValues(new Uint8Array(19)), (b) => b.toString(16).padStart(2, '0')).join(''))
  }
  function show(container, hashes) {
    const block = document.createElement('pre')
    block.textContent = hashes.join('\\n')
    container.append(block)
  }
  function marked() {
    let total = 0
    for (const [name, highlight] of CSS.highlights) if (name.startsWith('hashlens-')) total += highlight.size
    return total
  }
  async function untilMarked(count, ms) {
    const end = Date.now() + ms
    while (marked() < count && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50))
  }
`

// The page ran for 40 s; 12 s already gives about a dozen rounds of every navigation kind, each of which used
// to renew the cap, and keeps the suite short.
const DRAIN_MS = 12_000

test('a page looping "1,000 fresh hashes, then pushState / replaceState / fragment / iframe navigation" spends one cap', async ({ context, configure, pages, simulator }) => {
  test.setTimeout(60_000)
  await configure()
  pages.serve('frame.html', `<!doctype html><body><script>${FRESH_HASHES_SCRIPT}
    if (location.search) show(document.body, freshHashes(50))</script></body>`)
  const page = await context.newPage()
  await page.goto(pages.serve('drain.html', `<!doctype html><body style="font: 12px monospace">
    <iframe id="frame" src="frame.html" style="width: 300px; height: 100px"></iframe>
    <div id="view"></div>
    <script>${FRESH_HASHES_SCRIPT}
      window.firstBatch = freshHashes(${CAP})
      window.rounds = 0
      const navigations = [
        (n) => history.replaceState(null, '', location.pathname),
        (n) => history.pushState(null, '', '/drain.html?round=' + n),
        (n) => { location.hash = 'round-' + n },
        (n) => { document.getElementById('frame').src = 'frame.html?round=' + n },
      ]
      ;(async () => {
        const view = document.getElementById('view')
        show(view, window.firstBatch)
        await untilMarked(${CAP}, 5000)
        const end = Date.now() + ${DRAIN_MS}
        for (let n = 0; Date.now() < end; n++) {
          navigations[n % navigations.length](n)
          view.replaceChildren()
          show(view, freshHashes(${CAP}))
          await untilMarked(${CAP}, 1500)
          window.rounds = n + 1
        }
        window.done = true
      })()
    </script></body>`))
  await expect.poll(() => page.evaluate(() => (window as unknown as { done?: boolean }).done), { timeout: DRAIN_MS + 30_000 }).toBe(true)
  const rounds = await page.evaluate(() => (window as unknown as { rounds: number }).rounds)
  expect(rounds).toBeGreaterThanOrEqual(4) // every navigation kind came round at least once
  await page.waitForTimeout(1000)
  const firstBatch = await page.evaluate(() => (window as unknown as { firstBatch: string[] }).firstBatch)
  const lookedUp = hashesLookedUp(simulator)
  expect(lookedUp.length).toBeLessThanOrEqual(CAP)
  // The cap went to what the page showed first, automatically.
  expect(new Set(lookedUp)).toEqual(new Set(firstBatch))
})

test('a reload is a new document: it gets a fresh cap', async ({ context, configure, pages, simulator }) => {
  await configure()
  const page = await context.newPage()
  await page.goto(pages.serve('reload.html', `<!doctype html><body style="font: 12px monospace"><script>${FRESH_HASHES_SCRIPT}
    show(document.body, freshHashes(${CAP}))</script></body>`))
  await expect.poll(() => hashesLookedUp(simulator).length, { timeout: 20_000 }).toBe(CAP)
  await page.reload()
  await expect.poll(() => hashesLookedUp(simulator).length, { timeout: 20_000 }).toBe(2 * CAP)
  expect(new Set(hashesLookedUp(simulator)).size).toBe(2 * CAP)
})

test('a page reloading itself again and again spends no more than its site\'s daily budget', async ({ context, configure, pages, simulator }) => {
  test.setTimeout(90_000)
  await configure()
  const page = await context.newPage()
  await page.goto(pages.serve('reloads.html', `<!doctype html><body style="font: 12px monospace"><script>${FRESH_HASHES_SCRIPT}
    show(document.body, freshHashes(${CAP}))</script></body>`))
  const lookedUpAfterLoad: number[] = []
  for (let load = 1; load <= 4; load++) {
    // Each load's hashes end final: looked up while the budgets last, "Not looked up" after.
    await expect.poll(() => markedCount(page), { timeout: 20_000 }).toBe(CAP)
    await expect.poll(() => markedCount(page, 'pending'), { timeout: 20_000 }).toBe(0)
    lookedUpAfterLoad.push(hashesLookedUp(simulator).length)
    if (load < 4) await page.reload()
  }
  // The first load is looked up whole; a budget (the site's 2,000, or the total: half the simulator's daily
  // limit) stops the second, and later loads get nothing more.
  expect(lookedUpAfterLoad[0]).toBe(CAP)
  expect(lookedUpAfterLoad[1]).toBeGreaterThan(CAP)
  expect(lookedUpAfterLoad[1]).toBeLessThanOrEqual(2 * CAP)
  expect(lookedUpAfterLoad.slice(2)).toEqual([lookedUpAfterLoad[1], lookedUpAfterLoad[1]])
  expect(await markedCount(page, 'idle')).toBe(CAP)
})

test('a single-page app navigating while lookups are in flight: no hash of either view stays "Looking up"', async ({ context, configure, pages, simulator }) => {
  await configure()
  simulator.inject({ kind: 'slow', ms: 1500, times: 2 })
  const oldView = Array.from({ length: 30 }, (_, i) => makeHash(4100 + i, 40, String(i % 10)))
  const newView = Array.from({ length: 30 }, (_, i) => makeHash(4200 + i, 40, String(i % 10)))
  const page = await context.newPage()
  await page.goto(pages.serve('spa.html', `<!doctype html><body style="font: 12px monospace">
    <pre id="old">${oldView.join('\n')}</pre><div id="next"></div></body>`))
  await expect.poll(() => markedCount(page, 'pending')).toBe(oldView.length)
  // The app routes while the first lookups are still on their way.
  await page.evaluate((hashes) => {
    history.pushState(null, '', '/spa.html/next')
    const view = document.createElement('pre')
    view.textContent = hashes.join('\n')
    document.getElementById('next')!.append(view)
    history.replaceState(null, '', '/spa.html/next#top')
  }, newView)
  await expect.poll(() => markedCount(page), { timeout: 15_000 }).toBe(oldView.length + newView.length)
  await expect.poll(() => markedCount(page, 'pending'), { timeout: 15_000 }).toBe(0)
  expect(await markedCount(page, 'idle', 'error')).toBe(0)
})

test('after an anchor click the page keeps its hashes and the card\'s "Look up" works', async ({ context, configure, pages, simulator, serviceWorker }) => {
  await configure()
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { lookupMode: 'off' } }))
  const hash = makeHash(4300, 40, '1')
  const page = await context.newPage()
  await page.goto(pages.serve('toc.html', `<!doctype html><body style="font: 16px monospace; padding: 40px">
    <a id="toc" href="#details">Details</a><p id="a">${hash}</p><h2 id="details">Details</h2></body>`))
  await expect.poll(() => markedCount(page, 'idle')).toBe(1)
  await page.click('#toc')
  await expect(page).toHaveURL(/#details$/)
  await page.waitForTimeout(500)

  const box = (await page.locator('#a').boundingBox())!
  await page.mouse.move(box.x + 30, box.y + box.height / 2)
  await expect.poll(async () => (await readCard(page))?.buttons).toContain('Look up')
  await clickCardButton(page, 'Look up')
  await expect.poll(() => cardText(page)).toContain('Malicious')
  expect(hashesLookedUp(simulator)).toEqual([hash])
})

test('"on hover" mode: fresh hashes moved under a resting pointer get at most the cap', async ({ context, configure, pages, simulator, serviceWorker }) => {
  const cap = 5
  await configure()
  await serviceWorker.evaluate((perPageCap) => chrome.storage.local.set({ settings: { lookupMode: 'hover', perPageCap } }), cap)
  const page = await context.newPage()
  await page.goto(pages.serve('hover-drain.html', `<!doctype html><body style="font: 16px monospace; padding: 40px">
    <p id="bait">${makeHash(4400, 40, '7')}</p><script>${FRESH_HASHES_SCRIPT}
    window.swap = () => { document.getElementById('bait').textContent = freshHashes(1)[0] }</script></body>`))
  await expect.poll(() => markedCount(page, 'idle')).toBe(1)
  const box = (await page.locator('#bait').boundingBox())!
  await page.mouse.move(box.x + 30, box.y + box.height / 2)
  await expect.poll(() => hashesLookedUp(simulator).length).toBe(1)
  // Each round puts a fresh hash under the pointer (leaving and coming back, as a page moving the text would make the
  // browser report), which rests there long enough for a hover lookup.
  for (let round = 0; round < 3 * cap; round++) {
    await page.mouse.move(box.x + 30, box.y + box.height + 200)
    await page.evaluate(() => (window as unknown as { swap: () => void }).swap())
    await page.waitForTimeout(300)
    await page.mouse.move(box.x + 30 + (round % 2), box.y + box.height / 2)
    await page.waitForTimeout(600)
  }
  await page.waitForTimeout(1000)
  expect(hashesLookedUp(simulator)).toHaveLength(cap)
})

/** Fires the shortcut's command, or the context menu item, in the worker, as the browser would for the tab at `url`. */
async function lookUpSelection(serviceWorker: Worker, url: string, via: 'shortcut' | 'menu', selectionText = ''): Promise<number> {
  return serviceWorker.evaluate(async ({ pageUrl, via, selectionText }) => {
    const [tab] = await chrome.tabs.query({ url: pageUrl })
    if (via === 'shortcut') {
      const onCommand = chrome.commands.onCommand as unknown as { dispatch(command: string, tab: chrome.tabs.Tab | undefined): void }
      onCommand.dispatch('lookup-selection', tab)
    } else {
      const onClicked = chrome.contextMenus.onClicked as unknown as { dispatch(info: object, tab: chrome.tabs.Tab | undefined): void }
      onClicked.dispatch({ menuItemId: 'hashlens-lookup-selection', selectionText, frameId: 0, editable: false, pageUrl }, tab)
    }
    return tab!.id!
  }, { pageUrl: url, via, selectionText })
}

function selectContents(page: Page, id: string): Promise<void> {
  return page.evaluate((elementId) => {
    const range = document.createRange()
    range.selectNodeContents(document.getElementById(elementId)!)
    getSelection()!.removeAllRanges()
    getSelection()!.addRange(range)
  }, id)
}

for (const via of ['shortcut', 'menu'] as const) {
  test(`a ${via} lookup of one visible hash reads neither a hidden 2×2 frame's selection nor unrendered text`, async ({ context, configure, pages, simulator, serviceWorker }) => {
    await configure()
    await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { lookupMode: 'off' } }))
    const visible = makeHash(4500, 40, '0')
    const unrendered = makeHash(4501, 40, '7')
    pages.serve('hidden-selection.html', `<!doctype html><body><pre id="all"></pre><script>
      const all = document.getElementById('all')
      all.textContent = Array.from({ length: 5000 }, (_, i) => 'a1' + i.toString(16).padStart(38, '0')).join('\\n')
      const range = document.createRange()
      range.selectNodeContents(all)
      getSelection().addRange(range)
    </script></body>`)
    const page = await context.newPage()
    const url = pages.serve('visible-selection.html', `<!doctype html><body>
      <p id="s">Dropper <span>${visible}</span><span style="display: none">${unrendered}</span></p>
      <iframe src="hidden-selection.html" style="width: 2px; height: 2px; border: 0"></iframe></body>`)
    await page.goto(url)
    await expect.poll(() => page.frames()[1]?.evaluate(() => getSelection()?.toString().length ?? 0).catch(() => 0)).toBeGreaterThan(100_000)
    await selectContents(page, 's')
    await lookUpSelection(serviceWorker, url, via, await page.evaluate(() => getSelection()!.toString()))
    await expect.poll(() => hashesLookedUp(simulator)).toEqual([visible])
    await page.waitForTimeout(500)
    expect(hashesLookedUp(simulator)).toEqual([visible])
  })
}

test('a selection of 150 hashes is not looked up but offered in the popup with "Look up all 150"', async ({ context, configure, pages, simulator, serviceWorker, openExtensionPage }) => {
  await configure()
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { lookupMode: 'off' } }))
  const selected = Array.from({ length: 150 }, (_, i) => makeHash(4600 + i, 40, String(i % 10)))
  const page = await context.newPage()
  const url = pages.serve('large-selection.html', `<!doctype html><body style="font: 12px monospace"><pre id="s">${selected.join('\n')}</pre></body>`)
  await page.goto(url)
  await selectContents(page, 's')
  const tabId = await lookUpSelection(serviceWorker, url, 'shortcut')
  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
  const lookUpAll = popup.getByRole('button', { name: 'Look up all 150' })
  await expect(lookUpAll).toBeVisible()
  await expect(popup.getByRole('table', { name: 'Hashes of the selection' }).locator('tr[data-hash]')).toHaveCount(150)
  expect(simulator.lookupRequests()).toHaveLength(0)
  await lookUpAll.click()
  await expect.poll(() => new Set(hashesLookedUp(simulator))).toEqual(new Set(selected))
  await expect(lookUpAll).toBeHidden()
})
