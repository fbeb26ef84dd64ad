/** A hostile page must not spend more than its cap, and in-page navigations must not strand a page's verdicts. */
import type { Page, Worker } from '@playwright/test'
import { test, expect, makeHash } from './fixtures.ts'
import { markedCount } from '../support/marks.ts'
import type { Simulator } from '../simulator/spectra-simulator.ts'
import { cardText, clickCardButton, readCard } from '../support/card.ts'

const CAP = 1000

function hashesLookedUp(simulator: Simulator): string[] {
  return simulator.lookedUpHashes().map((hash) => hash.toLowerCase())
}

/** In the page: `count` fresh random SHA-1s ('a1' first, so no noise filter drops them). */
const FRESH_HASHES_SCRIPT = `
  function freshHashes(count) {
    return Array.from({ length: count }, () => 'a1' + Array.from(crypto.getRandomValues(new Uint8Array(19)), (b) => b.toString(16).padStart(2, '0')).join(''))
  }
  function show(container, hashes, separator = '\\n') {
    const block = document.createElement('pre')
    block.textContent = hashes.join(separator)
    container.append(block)
    return block
  }
  // A page cannot see HashLens's marks: it gives each batch time to be looked up instead.
  function pause(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms))
  }
`

const SITE_BUDGET = 2000
const DRAIN_MS = 40_000
const NAVIGATIONS = ['replaceState', 'pushState', 'fragment', 'iframe', 'reload'] as const

/** What the drain page keeps in sessionStorage across its reloads. */
interface DrainState {
  startedAt: number
  /** Each navigation the page made, and when (page clock). */
  rounds: { kind: (typeof NAVIGATIONS)[number]; at: number }[]
  /** The hashes each document showed first, one list per document loaded. */
  firstBatches: string[][]
  isDone?: boolean
}

test('a page looping "1,000 fresh hashes, then pushState / replaceState / fragment / iframe navigation / reload" for 40 s spends at most its site\'s budget', async ({ context, configure, pages, simulator }) => {
  test.setTimeout(DRAIN_MS + 60_000)
  await configure()
  pages.serve('frame.html', `<!doctype html><body><script>${FRESH_HASHES_SCRIPT}
    if (location.search) {
      const hashes = freshHashes(50)
      sessionStorage.setItem('frameHashes', JSON.stringify([...JSON.parse(sessionStorage.getItem('frameHashes') ?? '[]'), ...hashes]))
      show(document.body, hashes)
    }</script></body>`)
  const page = await context.newPage()
  // The view's hashes wrap in small type: all 1,000 within a screen of the viewport, where marks are drawn (and read).
  await page.goto(pages.serve('drain.html', `<!doctype html><body style="font: 12px monospace">
    <style>#view pre { font-size: 6px; white-space: pre-wrap }</style>
    <iframe id="frame" src="frame.html" style="width: 300px; height: 100px"></iframe>
    <div id="view"></div>
    <script>${FRESH_HASHES_SCRIPT}
      const kinds = ${JSON.stringify(NAVIGATIONS)}
      const navigate = {
        replaceState: () => history.replaceState(null, '', location.pathname),
        pushState: (n) => history.pushState(null, '', '/drain.html?round=' + n),
        fragment: (n) => { location.hash = 'round-' + n },
        iframe: (n) => { document.getElementById('frame').src = 'frame.html?round=' + n },
        reload: () => location.reload(),
      }
      const load = () => JSON.parse(sessionStorage.getItem('drain') ?? 'null')
      const save = (state) => sessionStorage.setItem('drain', JSON.stringify(state))
      ;(async () => {
        const state = load() ?? { startedAt: Date.now(), rounds: [], firstBatches: [] }
        const view = document.getElementById('view')
        let isFirstOfDocument = true
        for (;;) {
          const hashes = freshHashes(${CAP})
          if (isFirstOfDocument) state.firstBatches.push(hashes)
          isFirstOfDocument = false
          view.replaceChildren()
          show(view, hashes, ' ')
          await pause(1500)
          if (Date.now() - state.startedAt >= ${DRAIN_MS}) break
          const kind = kinds[state.rounds.length % kinds.length]
          state.rounds.push({ kind, at: Date.now() })
          save(state)
          navigate[kind](state.rounds.length)
          if (kind === 'reload') return
        }
        state.isDone = true
        save(state)
      })()
    </script></body>`))
  const drainState = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('drain') ?? 'null') as unknown).catch(() => null) as Promise<DrainState | null>
  const frameHashes = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('frameHashes') ?? '[]') as string[])
  await expect.poll(async () => (await drainState())?.isDone, { timeout: DRAIN_MS + 30_000, intervals: [1000] }).toBe(true)
  const { rounds, firstBatches } = (await drainState())!
  console.log(`quota drain: ${rounds.length} rounds in ${DRAIN_MS / 1000} s, ${firstBatches.length} documents loaded`)
  test.info().annotations.push({ type: 'rounds', description: String(rounds.length) })

  // The last view's hashes end "Not looked up", none left "Looking up".
  await expect.poll(() => markedCount(page, 'idle'), { timeout: 15_000 }).toBeGreaterThanOrEqual(CAP)
  await expect.poll(() => markedCount(page, 'pending'), { timeout: 15_000 }).toBe(0)
  const requests = simulator.lookupRequests()
  const lookedUp = hashesLookedUp(simulator)
  expect(lookedUp.length).toBeLessThanOrEqual(SITE_BUDGET)
  // The cap went to what the page showed first, automatically.
  expect(new Set(lookedUp.slice(0, CAP))).toEqual(new Set(firstBatches[0]))
  // The first reload's new document had a cap of its own (shared with its frame, which the reload put back on its last
  // URL), and the site's budget ended it.
  expect(lookedUp).toHaveLength(SITE_BUDGET)
  const shownAfterFirstReload = new Set([...firstBatches[1]!, ...await frameHashes()])
  expect(lookedUp.slice(CAP).filter((hash) => !shownAfterFirstReload.has(hash))).toEqual([])

  // Once the budget was spent nothing more was sent, while the page went on through every kind of navigation.
  let sent = 0
  const spentAt = requests.find((request) => (sent += request.hashes.length) >= SITE_BUDGET)!.at
  expect(requests.filter((request) => request.at > spentAt)).toEqual([])
  expect(new Set(rounds.filter((round) => round.at > spentAt).map((round) => round.kind))).toEqual(new Set(NAVIGATIONS))
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
