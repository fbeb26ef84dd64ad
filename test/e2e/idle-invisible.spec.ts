/**
 * Issue 12, point 3: where HashLens is idle, a page's own scripts find nothing of it. The attacker is the fixture
 * page's main world; what it sees is compared with the same page in a browser without HashLens.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Frame, Page, Worker } from '@playwright/test'
import { test, expect, makeHash } from './fixtures.ts'
import { drawnBoxes, markCounts, markedCount } from '../support/marks.ts'
import { cardText } from '../support/card.ts'
import { DIST, launchChromium } from '../support/chromium.ts'
import { VERDICT_TONES } from '../../src/shared/verdict-tone.ts'

function filesUnder(directory: string, prefix = ''): string[] {
  return readdirSync(directory).sort().flatMap((name) => {
    const relative = prefix ? `${prefix}/${name}` : name
    return statSync(path.join(directory, name)).isDirectory() ? filesUnder(path.join(directory, name), relative) : [relative]
  })
}

/** Every highlight name HashLens has used or uses: the tones' names and whatever a shipped CSS file styles. */
function highlightNames(): string[] {
  const css = filesUnder(DIST).filter((file) => file.endsWith('.css')).map((file) => readFileSync(path.join(DIST, file), 'utf8')).join('\n')
  const shipped = [...css.matchAll(/::highlight\(\s*([\w-]+)\s*\)/g)].map((match) => match[1]!)
  return [...new Set([...VERDICT_TONES.map((tone) => `hashlens-${tone}`), ...shipped])]
}

/** What the built manifest makes web-accessible, and every other file the extension ships. */
function extensionPaths(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(DIST, 'manifest.json'), 'utf8')) as { web_accessible_resources?: { resources: string[] }[] }
  const accessible = (manifest.web_accessible_resources ?? []).flatMap((entry) => entry.resources)
  return [...new Set([...accessible, ...filesUnder(DIST)])]
}

/** Records, from the page's first script on, every change made to the document (the parser's own included). */
const WATCH_SCRIPT = `<script>
  window.__mutations = []
  new MutationObserver((records) => {
    for (const r of records) window.__mutations.push(r.type + ':' + (r.target.nodeName || '') + ':' + (r.attributeName || ''))
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
</script>`

function fixturePage(hashes: string[]): string {
  return `<!doctype html><html><head>${WATCH_SCRIPT}<style>p { font: 16px sans-serif }</style></head>
<body>${hashes.map((hash) => `<p>${hash}</p>`).join('')}<div id="host"></div>
<script>document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<p>${hashes[0]}</p>'</script></body></html>`
}

/** Everything a page's own script can enumerate, read in the page's main world: one entry per thing seen. */
function readAsPage(target: Page | Frame, names: string[]): Promise<Record<string, string>> {
  return target.evaluate((highlightNames) => {
    const seen: Record<string, string> = {}
    const readStyle = (label: string, style: CSSStyleDeclaration) => {
      for (const property of Array.from(style)) seen[`${label} ${property}`] = style.getPropertyValue(property)
    }
    const shadow = document.getElementById('host')!.shadowRoot!
    const targets = [document.documentElement, document.body, ...document.querySelectorAll('p'), shadow.querySelector('p')!]
    targets.forEach((element, index) => {
      readStyle(`element #${index}`, getComputedStyle(element))
      for (const name of highlightNames) readStyle(`::highlight(${name}) of #${index}`, getComputedStyle(element, `::highlight(${name})`))
    })
    seen['document.styleSheets'] = String(document.styleSheets.length)
    seen['document.adoptedStyleSheets'] = String(document.adoptedStyleSheets.length)
    seen['shadow root adoptedStyleSheets'] = String(shadow.adoptedStyleSheets.length)
    seen['CSS.highlights'] = [...(CSS.highlights as unknown as Map<string, unknown>).keys()].join(' ')
    seen['mutations'] = (window as unknown as { __mutations: string[] }).__mutations.join(' ')
    seen['html'] = document.documentElement.outerHTML
    return seen
  }, names)
}

/** What differs between two views, one line each, so a failure says what the page could tell. */
function differences(seen: Record<string, string>, without: Record<string, string>): string[] {
  const keys = [...new Set([...Object.keys(seen), ...Object.keys(without)])]
  return keys.filter((key) => seen[key] !== without[key]).map((key) => `${key}: ${seen[key] ?? '(none)'} instead of ${without[key] ?? '(none)'}`)
}

/** Which of the extension's files the page's script can fetch at their static URL. */
function fetchableAsPage(page: Page, extensionId: string, paths: string[]): Promise<string[]> {
  return page.evaluate(async ({ id, files }) => {
    const answered = await Promise.all(files.map((file) =>
      fetch(`chrome-extension://${id}/${file}`).then((response) => response.ok, () => false)))
    return files.filter((_, index) => answered[index])
  }, { id: extensionId, files: paths })
}

/** The same page (or its frame at `frameUrl`) in a browser without HashLens: what "nothing of HashLens" must equal. */
async function viewWithoutHashLens(url: string, names: string[], frameUrl?: string): Promise<Record<string, string>> {
  const context: BrowserContext = await launchChromium({ dist: null })
  try {
    const page = await context.newPage()
    await page.goto(url)
    await page.waitForTimeout(1500)
    return await readAsPage(frameUrl === undefined ? page : page.frames().find((frame) => frame.url() === frameUrl)!, names)
  } finally {
    await context.close()
  }
}

/** Settings reach the registration through storage.onChanged: wait until the registration skips exactly these sites. */
async function setIdleSites(serviceWorker: Worker, sites: string[]): Promise<void> {
  await serviceWorker.evaluate((idleSites) => chrome.storage.local.set({ settings: { idleSites } }), sites)
  await expect.poll(() => serviceWorker.evaluate(async (idleSites) => {
    const scripts = await chrome.scripting.getRegisteredContentScripts()
    const wanted = idleSites.map((site) => `*://${site}/*`).sort().join(' ')
    return scripts.length > 0 && scripts.every((script) => [...script.excludeMatches ?? []].sort().join(' ') === wanted)
  }, sites), { message: 'the registered content scripts skip exactly the idle sites' }).toBe(true)
}

/** Elements under <html> besides the page's head and body: HashLens's overlay and card hosts. */
function addedHosts(target: Page | Frame): Promise<number> {
  return target.evaluate(() => [...document.documentElement.children].filter((element) => element !== document.head && element !== document.body).length)
}

/** The page's view without its record of changes, which keeps what HashLens added and took away. */
function withoutMutations(seen: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(seen).filter(([key]) => key !== 'mutations'))
}

test('on an idle site the page finds no style, element, highlight or change of HashLens, and no file of it at a static URL', async ({ context, configure, extensionId, pages, serviceWorker, simulator }) => {
  await configure()
  await setIdleSites(serviceWorker, ['127.0.0.1'])
  const names = highlightNames()
  const url = pages.serve('idle-probe.html', fixturePage([makeHash(1500, 64, '0'), makeHash(1501, 40, '7')]))
  const page = await context.newPage()
  await page.goto(url)
  await page.waitForTimeout(1500)

  expect(differences(await readAsPage(page, names), await viewWithoutHashLens(url, names))).toEqual([])
  expect(await fetchableAsPage(page, extensionId, extensionPaths())).toEqual([])
  expect(simulator.lookupRequests()).toHaveLength(0)
})

test('an idle site\'s frame inside an active page gets nothing of HashLens either', async ({ context, configure, pages, serviceWorker }) => {
  await configure()
  // The same fixture server under another host name: another site.
  await setIdleSites(serviceWorker, ['localhost'])
  const names = highlightNames()
  const frameUrl = pages.serve('idle-frame-probe.html', fixturePage([makeHash(1510, 64, '0')])).replace('127.0.0.1', 'localhost')
  const page = await context.newPage()
  const url = pages.serve('active-host.html', `<!doctype html><p>${makeHash(1511, 64, '0')}</p><iframe src="${frameUrl}"></iframe>`)
  await page.goto(url)
  await expect.poll(() => markedCount(page)).toBeGreaterThan(0)
  const frame = page.frames().find((candidate) => candidate.url() === frameUrl)!
  await page.waitForTimeout(1500)

  expect(differences(await readAsPage(frame, names), await viewWithoutHashLens(url, names, frameUrl))).toEqual([])
})

test('on an active site marks appear as before, and still no file of HashLens answers at a static URL', async ({ context, configure, extensionId, pages }) => {
  await configure()
  const names = highlightNames()
  const url = pages.serve('active-probe.html', fixturePage([makeHash(1520, 64, '0'), makeHash(1521, 40, '7')]))
  const page = await context.newPage()
  await page.goto(url)
  await expect.poll(() => markedCount(page, 'malicious')).toBe(2)
  await expect.poll(() => markedCount(page, 'known')).toBe(1)
  // The probe of the idle tests tells HashLens apart where it is there to be seen.
  const told = differences(await readAsPage(page, names), await viewWithoutHashLens(url, names))
  // It sees the overlay's host (not what it draws: page-cannot-read.spec.ts).
  expect(told.filter((line) => line.startsWith('html:'))).not.toEqual([])
  expect(await fetchableAsPage(page, extensionId, extensionPaths())).toEqual([])
})

test('a frame of an active site inside an idle site\'s page gets nothing of HashLens and sends no lookup', async ({ context, configure, pages, serviceWorker, simulator }) => {
  await configure()
  await setIdleSites(serviceWorker, ['127.0.0.1'])
  const names = highlightNames()
  // The frame's own site is active, so the browser gives it the script: the worker decides by the tab's site.
  const frameUrl = pages.serve('active-frame-probe.html', fixturePage([makeHash(1530, 64, '0'), makeHash(1531, 40, '7')])).replace('127.0.0.1', 'localhost')
  const url = pages.serve('idle-host.html', `<!doctype html><p>${makeHash(1532, 64, '0')}</p><iframe src="${frameUrl}"></iframe>`)
  const page = await context.newPage()
  await page.goto(url)
  await expect.poll(() => page.frames().some((candidate) => candidate.url() === frameUrl)).toBe(true)
  const frame = page.frames().find((candidate) => candidate.url() === frameUrl)!
  await page.waitForTimeout(1500)

  expect(differences(await readAsPage(frame, names), await viewWithoutHashLens(url, names, frameUrl))).toEqual([])
  expect(simulator.lookupRequests()).toHaveLength(0)
})

test('a site leaving the idle list gets marks in its open tab and frames without a reload, and each toggle back and forth leaves one copy', async ({ context, configure, pages, serviceWorker, simulator }) => {
  await configure()
  await setIdleSites(serviceWorker, ['127.0.0.1'])
  const [malicious, known, inFrame] = [makeHash(1540, 64, '0'), makeHash(1541, 40, '7'), makeHash(1542, 64, '1')]
  // An active site's frame: its script ran, found the tab's site idle and stopped; the worker must start it again.
  const frameUrl = pages.serve('left-idle-frame.html', `<!doctype html><p style="font: 16px sans-serif">${inFrame}</p>`).replace('127.0.0.1', 'localhost')
  const url = pages.serve('left-idle.html', `<!doctype html><body style="font: 16px sans-serif"><p>${malicious}</p><p>${known}</p>
    <iframe src="${frameUrl}"></iframe></body>`)
  const page = await context.newPage()
  await page.goto(url)
  await expect.poll(() => page.frames().some((candidate) => candidate.url() === frameUrl)).toBe(true)
  const frame = page.frames().find((candidate) => candidate.url() === frameUrl)!
  await page.waitForTimeout(1500)
  expect(await addedHosts(page)).toBe(0)
  expect(await addedHosts(frame)).toBe(0)

  await setIdleSites(serviceWorker, [])
  await expect.poll(() => markCounts(page)).toEqual({ malicious: 1, known: 1 })
  await expect.poll(() => markCounts(frame)).toEqual({ malicious: 1 })

  for (let toggle = 0; toggle < 2; toggle++) {
    await setIdleSites(serviceWorker, ['127.0.0.1'])
    await expect.poll(() => addedHosts(page)).toBe(0)
    await expect.poll(() => addedHosts(frame)).toBe(0)
    await setIdleSites(serviceWorker, [])
    await expect.poll(() => markCounts(page)).toEqual({ malicious: 1, known: 1 })
    await expect.poll(() => markCounts(frame)).toEqual({ malicious: 1 })
  }
  await page.waitForTimeout(1000)
  // One line each: one box per hash, in one overlay per document.
  expect(await drawnBoxes(page)).toHaveLength(2)
  expect(await drawnBoxes(frame)).toHaveLength(1)
  expect([await addedHosts(page), await addedHosts(frame)]).toEqual([1, 1])
  expect(simulator.lookedUpHashes().sort()).toEqual([malicious, known, inFrame].sort())
})

test('the script injected again into frames that run it adds no second copy', async ({ context, configure, pages, serviceWorker, simulator }) => {
  await configure()
  const [malicious, known] = [makeHash(1550, 64, '0'), makeHash(1551, 40, '7')]
  const url = pages.serve('inject-twice.html', `<!doctype html><body style="font: 16px sans-serif"><p>${malicious}</p><p>${known}</p></body>`)
  const page = await context.newPage()
  await page.goto(url)
  await expect.poll(() => markCounts(page)).toEqual({ malicious: 1, known: 1 })

  // As the worker does when a site leaves the idle list (content-script-registration.ts), twice.
  for (let time = 0; time < 2; time++) {
    await serviceWorker.evaluate(async (pageUrl) => {
      const tab = (await chrome.tabs.query({})).find((candidate) => candidate.url === pageUrl)!
      await chrome.scripting.executeScript({ target: { tabId: tab.id!, allFrames: true }, files: ['content/content-script.js'] })
    }, url)
  }
  await page.waitForTimeout(1500)
  expect(await addedHosts(page)).toBe(1)
  expect(await drawnBoxes(page)).toHaveLength(2)
  expect(simulator.lookedUpHashes().sort()).toEqual([malicious, known].sort())
})

test('a site joining the idle list takes its marks, card, observers and listeners off its open tab at once', async ({ context, configure, pages, serviceWorker, simulator }) => {
  await configure()
  const names = highlightNames()
  const hashes = [makeHash(1560, 64, '0'), makeHash(1561, 40, '7')]
  const url = pages.serve('joins-idle.html', fixturePage(hashes))
  const page = await context.newPage()
  await page.goto(url)
  await expect.poll(() => markedCount(page, 'malicious')).toBe(2)
  const box = (await page.locator('body > p').first().boundingBox())!
  await page.mouse.move(box.x + 30, box.y + box.height / 2)
  await expect.poll(() => cardText(page)).toContain('Malicious')
  expect(await addedHosts(page)).toBe(2)

  await setIdleSites(serviceWorker, ['127.0.0.1'])
  await expect.poll(() => addedHosts(page)).toBe(0)
  expect(differences(withoutMutations(await readAsPage(page, names)), withoutMutations(await viewWithoutHashLens(url, names)))).toEqual([])

  // Nothing is left watching the page: a hash it adds now is neither marked nor looked up.
  const added = makeHash(1562, 64, '0')
  await page.evaluate((hash) => document.body.append(Object.assign(document.createElement('p'), { textContent: hash })), added)
  await page.mouse.move(box.x + 40, box.y + box.height / 2)
  await page.waitForTimeout(1500)
  expect(await addedHosts(page)).toBe(0)
  expect(simulator.lookedUpHashes()).not.toContain(added)
})
