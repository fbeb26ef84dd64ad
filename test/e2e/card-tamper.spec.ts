/**
 * Issue 12, the card: the fixture page's own main-world script is the attacker. It hovers nothing itself (only the
 * user's pointer does), but reads and tampers with everything it can reach while the card shows a malicious and a
 * known verdict. The card is read back the way assistive technology reads it (test/support/card.ts).
 */
import type { Page } from '@playwright/test'
import { test, expect, makeHash } from './fixtures.ts'
import { markedCount } from '../support/marks.ts'
import { cardButtonBoxes, cardText, clickCardButton, readCard } from '../support/card.ts'

const malicious = makeHash(7001, 64, '0')
/** A threat name too long for the card: its text scrolls inside it. */
const longNamed = makeHash(7003, 64, '1')
const LONG_THREAT = Array.from({ length: 24 }, (_, i) => `Win32.Trojan.Variant${i}`).join(' ')
const known = makeHash(7002, 64, '7')
const THREAT = 'Win32.Trojan.Tamper'
/** What would tell the verdict: the badges' words, the facts' labels, the threat name. */
const VERDICT_WORDS = ['Malicious', 'Known', 'Suspicious', THREAT, 'Threat level', 'Trust factor', 'engines', 'Threat']

/** What the page reads and does, in its main world; it holds no verdict word itself, so finding one is finding the card's. */
const ATTACKER = `
window.__extraElements = () => [...document.documentElement.children].filter((el) => el !== document.head && el !== document.body)
window.__openRoots = () => {
  const roots = []
  const collect = (root) => { for (const el of root.querySelectorAll('*')) if (el.shadowRoot) { roots.push(el.shadowRoot); collect(el.shadowRoot) } }
  collect(document)
  return roots
}
window.__readAll = (words) => {
  const roots = window.__openRoots()
  const elements = [...document.querySelectorAll('*'), ...roots.flatMap((root) => [...root.querySelectorAll('*')])]
  const texts = [
    document.documentElement.getHTML({ serializableShadowRoots: true, shadowRoots: roots }),
    document.documentElement.outerHTML, document.documentElement.innerText, document.documentElement.textContent,
    ...roots.map((root) => root.innerHTML),
    ...elements.flatMap((el) => [...el.attributes].map((attribute) => attribute.value)),
    ...[...document.adoptedStyleSheets, ...roots.flatMap((root) => root.adoptedStyleSheets)].map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText).join('')),
  ]
  document.execCommand('selectAll')
  texts.push(String(getSelection()))
  const readable = words.filter((word) => texts.some((text) => text.includes(word)))
  const findable = words.filter((word) => { getSelection().removeAllRanges(); return window.find(word, true) })
  getSelection().removeAllRanges()
  const extra = window.__extraElements()
  const looks = extra.map((el) => {
    const style = getComputedStyle(el)
    return JSON.stringify(el.getBoundingClientRect()) + ' ' + el.getAttribute('style') + ' ' + [...style].map((p) => p + ':' + style.getPropertyValue(p)).join(';')
  })
  const hits = []
  for (let y = 0; y < innerHeight; y += 6) for (let x = 0; x < innerWidth; x += 6) if (extra.includes(document.elementFromPoint(x, y))) hits.push(x + ',' + y)
  return { readable, findable, looks, hits: hits.join(' '), extraCount: extra.length }
}
window.__findHits = (text) => {
  getSelection().removeAllRanges()
  const hits = []
  while (hits.length < 5 && window.find(text, false, false, false)) {
    const node = getSelection().anchorNode
    hits.push(node !== null && document.body.contains(node) ? 'page' : 'elsewhere:' + String(node && node.nodeName) + ':' + String(getSelection()))
  }
  getSelection().removeAllRanges()
  return hits
}
// Everything the page hears while the user tabs through: focus moves, keys, scrolls, and where the focus is.
window.__focusTrace = []
const describeNode = (node) => node === null ? 'null' : node === window ? 'window' : node.id ? '#' + node.id : String(node.nodeName)
for (const type of ['focusin', 'focusout', 'focus', 'blur', 'keydown', 'keyup', 'scroll', 'wheel', 'click']) {
  window.addEventListener(type, (event) => {
    window.__focusTrace.push([type, describeNode(event.target), describeNode(event.relatedTarget ?? null), event.key ?? '', describeNode(document.activeElement), scrollX + ',' + scrollY].join(' '))
  }, true)
}
window.__rewrite = (phish, forged) => {
  const tried = []
  for (const host of window.__extraElements()) {
    tried.push('shadowRoot:' + (host.shadowRoot === null ? 'none' : 'open'))
    try { host.attachShadow({ mode: 'open' }); tried.push('attachShadow:ok') } catch (error) { tried.push('attachShadow:' + error.name) }
    const root = host.shadowRoot
    if (root) {
      for (const badge of root.querySelectorAll('.badge')) badge.textContent = forged
      for (const link of root.querySelectorAll('a')) link.href = phish
    }
    const fake = document.createElement('div')
    fake.setAttribute('role', 'dialog')
    fake.setAttribute('aria-label', 'HashLens verdict')
    fake.textContent = forged
    host.replaceChildren(fake)
  }
  window.open = () => window
  return tried
}
window.__restyle = () => {
  for (const host of window.__extraElements()) {
    host.setAttribute('dir', 'rtl')
    host.style.setProperty('filter', 'hue-rotate(120deg)', 'important')
    host.style.setProperty('display', 'none', 'important')
  }
  const style = document.createElement('style')
  style.textContent = 'html > div { display: none !important; visibility: hidden !important; }'
  document.head.append(style)
}
`

function pageHtml(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><title>Report</title>${head}<script>${ATTACKER}</script></head>
    <body style="font: 16px monospace; padding: 40px">${body}</body></html>`
}

async function hoverAt(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = (await page.locator(selector).boundingBox())!
  const point = { x: box.x + 30, y: box.y + box.height / 2 }
  await page.mouse.move(point.x, point.y)
  return point
}

async function moveAway(page: Page): Promise<void> {
  await page.mouse.move(1, 1)
  await expect.poll(() => readCard(page)).toBeNull()
}

test.use({ simulatorOptions: { records: { [malicious]: { threat_name: THREAT }, [longNamed]: { threat_name: LONG_THREAT } } } })

test('after hovering a malicious and a known hash, the page reads no verdict text anywhere, and the card looks the same to it', async ({ context, configure, pages }) => {
  await configure()
  const page = await context.newPage()
  await page.goto(pages.serve('tamper-read.html', pageHtml(`<p id="slot">${malicious}</p><p id="other" style="margin-top: 500px">${known}</p>`)))
  await expect.poll(() => markedCount(page)).toBeGreaterThan(0)

  await hoverAt(page, '#slot')
  await expect.poll(() => cardText(page)).toContain(THREAT)
  const whileMalicious = await page.evaluate((words) => (window as unknown as { __readAll: (w: string[]) => Record<string, unknown> }).__readAll(words), VERDICT_WORDS)
  expect(whileMalicious.extraCount).toBe(2) // the marks' overlay host and the card's host are there
  expect(whileMalicious.hits).not.toBe('') // and takes hits where the card is
  expect(whileMalicious.readable).toEqual([])
  expect(whileMalicious.findable).toEqual([])

  // The known hash in the same place, so only the verdict differs.
  await moveAway(page)
  await page.evaluate((hash) => { document.getElementById('slot')!.textContent = hash }, known)
  await page.waitForTimeout(500)
  await hoverAt(page, '#slot')
  await expect.poll(() => cardText(page)).toContain('Trust factor')
  const whileKnown = await page.evaluate((words) => (window as unknown as { __readAll: (w: string[]) => Record<string, unknown> }).__readAll(words), VERDICT_WORDS)
  expect(whileKnown.readable).toEqual([])
  expect(whileKnown.findable).toEqual([])
  expect(whileKnown.looks).toEqual(whileMalicious.looks)
  expect(whileKnown.hits).toBe(whileMalicious.hits)
})

test('window.find() and the selection it makes find the hash in the page\'s own text only, card open or not', async ({ context, configure, pages }) => {
  await configure()
  const page = await context.newPage()
  await page.goto(pages.serve('tamper-find.html', pageHtml(`<p id="h">${malicious}</p>`)))
  await expect.poll(() => markedCount(page)).toBeGreaterThan(0)
  const findHits = (): Promise<string[]> => page.evaluate((hash) => (window as unknown as { __findHits: (text: string) => string[] }).__findHits(hash), malicious)
  expect(await findHits()).toEqual(['page'])

  await hoverAt(page, '#h')
  await expect.poll(() => cardText(page)).toContain(THREAT)
  // Assistive technology still reads the hash in the card.
  expect(await cardText(page)).toContain(malicious)
  expect(await findHits()).toEqual(['page'])
  expect(await readCard(page)).not.toBeNull()
})

test('tabbing through, scrolling and pointing at a pending card and a long verdict card tell the page nothing: the same stops, events, focus, scroll and button boxes', async ({ context, configure, pages, simulator }) => {
  await configure()
  simulator.inject({ kind: 'slow', ms: 10_000, times: 1 })
  const page = await context.newPage()
  await page.goto(pages.serve('tamper-focus.html', pageHtml(`<button id="start">Start</button><p id="h">${longNamed}</p><div style="height: 3000px"></div>`)))
  await expect.poll(() => markedCount(page)).toBeGreaterThan(0)
  const point = await hoverAt(page, '#h')
  await expect.poll(() => cardText(page)).toContain('Looking up')
  const traced = async (act: () => Promise<void>): Promise<string[]> => {
    await page.focus('#start')
    await page.evaluate(() => { (window as unknown as { __focusTrace: string[] }).__focusTrace = [] })
    await act()
    await page.waitForTimeout(300)
    return page.evaluate(() => (window as unknown as { __focusTrace: string[] }).__focusTrace)
  }
  // From the page's own control, on through the card and out of it, as far as a page could count.
  const tabThrough = () => traced(async () => {
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab')
  })
  // The wheel over the card, then the keys that scroll, from its first button: a long card scrolls inside, a short one
  // not at all, and neither may scroll the page or differ in what reaches it.
  const scrollCard = () => traced(async () => {
    await page.mouse.move(point.x + 20, point.y + 60, { steps: 4 })
    for (let i = 0; i < 3; i++) await page.mouse.wheel(0, 400)
    await page.keyboard.press('Tab')
    for (const key of ['ArrowDown', 'PageDown', 'End', 'Home', 'ArrowUp']) await page.keyboard.press(key)
    await page.mouse.move(point.x, point.y, { steps: 4 })
  })
  // The user's pointer goes where the buttons are: the page sees it move and click.
  const pendingButtons = await cardButtonBoxes(page)
  const whilePending = [await tabThrough(), await scrollCard()]
  expect(await cardText(page)).toContain('Looking up')
  await expect.poll(() => cardText(page), { timeout: 20_000 }).toContain('Variant23')
  expect(await cardButtonBoxes(page)).toEqual(pendingButtons)
  const whileVerdict = [await tabThrough(), await scrollCard()]
  expect(await cardButtonBoxes(page)).toEqual(pendingButtons)
  expect(whilePending[0]!.some((entry) => entry.startsWith('focusin DIV'))).toBe(true) // the Tab stops did reach the card
  expect(whilePending[1]!.some((entry) => entry.startsWith('wheel DIV'))).toBe(true) // and so did the wheel
  expect(whileVerdict).toEqual(whilePending)
  expect(whilePending.flat().filter((entry) => !entry.endsWith(' 0,0'))).toEqual([]) // the page never scrolled
  expect(await readCard(page)).not.toBeNull()
})

test('the page cannot change what the card shows: reaching in, restyling the host and replacing its children leave it saying Malicious', async ({ context, configure, pages }) => {
  await configure()
  const page = await context.newPage()
  await page.goto(pages.serve('tamper-write.html', pageHtml(`<p id="h">${malicious}</p>`)))
  await expect.poll(() => markedCount(page)).toBeGreaterThan(0)
  await hoverAt(page, '#h')
  await expect.poll(() => cardText(page)).toContain('Malicious')

  const tried = await page.evaluate(([phish, forged]) => (window as unknown as { __rewrite: (p: string, f: string) => string[] }).__rewrite(phish, forged), [`${pages.url}/phish`, 'Known'] as const)
  // One card, still saying Malicious.
  await expect.poll(async () => (await readCard(page))?.text.split('\n')[0]).toBe('Malicious')
  expect(await cardText(page)).not.toContain('Known')
  // Both hosts (the marks' overlay and the card) hold closed roots.
  expect(tried).toEqual(['shadowRoot:none', 'attachShadow:NotSupportedError', 'shadowRoot:none', 'attachShadow:NotSupportedError'])
  // Restyled, the host is replaced at once: the card is still shown, as it was.
  await page.evaluate(() => (window as unknown as { __restyle: () => void }).__restyle())
  await expect.poll(async () => (await readCard(page))?.text.split('\n')[0]).toBe('Malicious')

  // And the next show too.
  await moveAway(page)
  await hoverAt(page, '#h')
  await expect.poll(async () => (await readCard(page))?.text.split('\n')[0]).toBe('Malicious')
})

test('the page cannot redirect "Open in Spectra Analyze": a real click opens the configured URL, a synthetic one nothing', async ({ context, configure, pages, serviceWorker, tools }) => {
  await configure()
  tools.serve('sample', '<!doctype html><title>Analyze</title>')
  const ANALYZE = `${tools.url}/sample?hash={hash}`
  await serviceWorker.evaluate((template) => chrome.storage.local.set({ settings: { pivots: [{ name: 'Spectra Analyze', urlTemplate: template }] } }), ANALYZE)
  const page = await context.newPage()
  await page.goto(pages.serve('tamper-analyze.html', pageHtml(`<p id="h">${malicious}</p>`)))
  // From here on, anything asked of the page's own origin is the phishing page.
  const askedOfPageOrigin: string[] = []
  await context.route(`${pages.url}/**`, (route) => {
    askedOfPageOrigin.push(route.request().url())
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Phish</title>' })
  })
  await expect.poll(() => markedCount(page)).toBeGreaterThan(0)
  const point = await hoverAt(page, '#h')
  await expect.poll(async () => { const card = await readCard(page); return [...card?.buttons ?? [], card?.text].join('\n') }).toContain('Open in Spectra Analyze')
  await page.evaluate(([phish, forged]) => (window as unknown as { __rewrite: (p: string, f: string) => string[] }).__rewrite(phish, forged), [`${pages.url}/phish`, 'Known'] as const)

  // Synthetic clicks and keys, wherever the page can aim them, open nothing.
  const opened: Page[] = []
  context.on('page', (newPage) => opened.push(newPage))
  await page.evaluate(({ x, y }) => {
    for (const host of (window as unknown as { __extraElements: () => HTMLElement[] }).__extraElements()) {
      host.click()
      for (let dy = 0; dy < 320; dy += 4) {
        for (let dx = -40; dx < 320; dx += 8) {
          const target = document.elementFromPoint(x + dx, y + dy)
          if (target !== host) continue
          const init = { bubbles: true, composed: true, clientX: x + dx, clientY: y + dy }
          target.dispatchEvent(new PointerEvent('pointerdown', init))
          target.dispatchEvent(new MouseEvent('mousedown', init))
          target.dispatchEvent(new MouseEvent('mouseup', init))
          target.dispatchEvent(new MouseEvent('click', init))
        }
      }
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }))
    }
  }, point)
  await page.waitForTimeout(1500)
  expect(opened.map((newPage) => newPage.url())).toEqual([])

  // The user's click opens the configured page for this hash, with no opener and no referrer.
  const analyze = context.waitForEvent('page')
  await clickCardButton(page, 'Open in Spectra Analyze')
  const analyzePage = await analyze
  await analyzePage.waitForLoadState()
  expect(analyzePage.url()).toBe(ANALYZE.replace('{hash}', malicious))
  expect(await analyzePage.evaluate(() => [window.opener === null, document.referrer])).toEqual([true, ''])
  await page.waitForTimeout(500)
  expect(opened.map((newPage) => newPage.url())).toEqual([ANALYZE.replace('{hash}', malicious)])
  expect(askedOfPageOrigin).toEqual([])
})

test('a page that pre-defines custom elements and patches the DOM before the content script runs still gets its card', async ({ context, configure, pages }) => {
  await configure()
  const page = await context.newPage()
  const head = `<script>
    // Every name a card host could have had, defined first, each refusing a shadow root and throwing when built.
    for (const name of ['hashlens-card-host', 'hashlens-card', 'hashlens-host', 'hashlens-root']) {
      customElements.define(name, class extends HTMLElement { static disabledFeatures = ['shadow']; constructor() { super(); throw new Error('no card') } })
    }
    Element.prototype.attachShadow = () => { throw new Error('no shadow') }
    const createElement = Document.prototype.createElement
    Document.prototype.createElement = function (name, options) { return createElement.call(this, name === 'div' ? 'span' : name, options) }
  </script>`
  await page.goto(pages.serve('tamper-predefine.html', pageHtml(`<p id="h">${malicious}</p>`, head)))
  await expect.poll(() => markedCount(page)).toBeGreaterThan(0)
  await hoverAt(page, '#h')
  await expect.poll(() => cardText(page)).toContain('Malicious')
})

test('synthetic pointer events from the page neither show the card nor spend a hover lookup', async ({ context, configure, pages, serviceWorker, simulator }) => {
  await configure()
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { lookupMode: 'hover' } }))
  const page = await context.newPage()
  await page.goto(pages.serve('tamper-synthetic.html', pageHtml(`<p id="h">${malicious}</p>`)))
  await expect.poll(() => markedCount(page)).toBeGreaterThan(0)
  const box = (await page.locator('#h').boundingBox())!
  await page.evaluate(async ({ x, y }) => {
    const target = document.getElementById('h')!
    for (let i = 0; i < 20; i++) {
      target.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, composed: true, clientX: x, clientY: y, pointerType: 'mouse' }))
      target.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true, clientX: x, clientY: y, pointerType: 'mouse' }))
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }, { x: box.x + 30, y: box.y + box.height / 2 })
  await page.waitForTimeout(600)
  expect(await readCard(page)).toBeNull()
  expect(simulator.lookupRequests()).toEqual([])
  // The user's own pointer does both.
  await hoverAt(page, '#h')
  await expect.poll(() => cardText(page)).toContain('Malicious')
  expect(simulator.lookedUpHashes().map((hash) => hash.toLowerCase())).toEqual([malicious])
})
