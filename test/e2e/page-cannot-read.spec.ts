/**
 * Issue 12, point 1: the page's own main-world script as the attacker. Whatever it can enumerate (highlight registry,
 * computed ::highlight styles, adopted sheets, DOM and attributes, geometry and hit-testing of what HashLens adds)
 * is the same for a malicious hash and a known one; what it tampers with is put back by the next draw; and the
 * overlay neither paints over what covers a hash nor falls behind an inner scroller or a sticky header.
 * What the user sees is read through the DevTools protocol (test/support/marks.ts), which pierces the closed root.
 */
import type { Page } from '@playwright/test'
import { test, expect, makeHash } from './fixtures.ts'
import { drawnBoxes, markCounts, type DrawnBox } from '../support/marks.ts'

const MALICIOUS = Array.from({ length: 8 }, (_, index) => makeHash(7100 + index, 40, String(index % 4)))
const KNOWN = Array.from({ length: 8 }, (_, index) => makeHash(7200 + index, 40, String(6 + (index % 4))))

/** Interleaved so that order tells nothing; four of each kind in an open shadow root. */
function attackPage(): string {
  const all = MALICIOUS.flatMap((hash, index) => [hash, KNOWN[index]!])
  const inDocument = all.slice(0, 8).map((hash, index) => `<p id="h${index}">${hash}</p>`).join('')
  const inShadow = all.slice(8).map((hash, index) => `<p id="h${index + 8}">${hash}</p>`).join('')
  return `<!doctype html><html><head><title>attacker</title></head><body style="font: 14px monospace; margin: 20px">
    ${inDocument}<div id="host"></div>
    <script>document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '${inShadow}'</script></body></html>`
}

/** Everything the page can tell about one hash's element, with the hash itself taken out. */
interface HashView {
  covering: string[]
  highlightStyles: string
  ownStyle: string
  markup: string
  isOwnHit: boolean
}

interface PageView {
  registry: string[]
  documentSheets: number
  shadowSheets: number
  added: Array<{ tag: string; attributes: string[]; style: string; box: number[]; childCount: number; hasOpenRoot: boolean }>
  markup: string
  views: Record<string, HashView>
}

/** Runs in the page's main world, as the page's own script would. */
function readPage(page: Page, hashes: string[]): Promise<PageView> {
  return page.evaluate((hashList) => {
    const shadow = document.getElementById('host')!.shadowRoot!
    const elements = [...document.querySelectorAll('p'), ...shadow.querySelectorAll('p')]
    const names = [...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>).keys()]
    const guessed = ['malicious', 'suspicious', 'known', 'unknown', 'not-found', 'pending', 'error', 'idle', 'neutral', 'mark']
      .map((tone) => `hashlens-${tone}`)
    const views: Record<string, HashView> = {}
    for (const element of elements) {
      const hash = hashList.find((candidate) => element.textContent!.includes(candidate))!
      const text = element.firstChild as Text
      const covering = names.filter((name) => [...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>).get(name)!]
        .some((range) => range.startContainer === text || range.endContainer === text))
      const highlightStyles = [...new Set([...names, ...guessed])].map((name) => {
        const style = getComputedStyle(element, `::highlight(${name})`)
        return `${name}:${style.backgroundColor}/${style.color}/${style.textDecoration}`
      }).join(';')
      const own = getComputedStyle(element)
      const ownStyle = [...own].map((property) => `${property}:${own.getPropertyValue(property)}`).join(';')
      const range = document.createRange()
      range.selectNodeContents(text)
      const box = range.getBoundingClientRect()
      const root = element.getRootNode() as Document | ShadowRoot
      const hit = root.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
      views[hash] = {
        covering, highlightStyles, ownStyle,
        markup: element.outerHTML.replace(hash, 'HASH').replace(/id="h\d+"/, ''),
        isOwnHit: hit === element,
      }
    }
    const added = [...document.documentElement.children].filter((child) => child !== document.head && child !== document.body).map((child) => {
      const box = child.getBoundingClientRect()
      return {
        tag: child.localName,
        attributes: [...child.attributes].map((attribute) => attribute.name),
        style: child.getAttribute('style') ?? '',
        box: [box.left, box.top, box.width, box.height],
        childCount: child.childNodes.length,
        hasOpenRoot: child.shadowRoot !== null,
      }
    })
    const clone = document.documentElement.cloneNode(true) as HTMLElement
    for (const child of [...clone.children]) if (child.localName !== 'head' && child.localName !== 'body') child.remove()
    return {
      registry: names,
      documentSheets: document.adoptedStyleSheets.length,
      shadowSheets: shadow.adoptedStyleSheets.length,
      added,
      markup: clone.outerHTML,
      views,
    }
  }, hashes)
}

/** The tone and box of each mark, in document order of their boxes. */
function tonesAndBoxes(boxes: DrawnBox[]): string[] {
  return boxes.map((box) => `${box.tone} ${Math.round(box.left)},${Math.round(box.top)} ${Math.round(box.width)}x${Math.round(box.height)}`).sort()
}

test('after the verdicts for 8 malicious and 8 known hashes, nothing the page can read tells the two apart', async ({ context, configure, pages }) => {
  await configure()
  const page = await context.newPage()
  await page.goto(pages.serve('attacker.html', attackPage()))
  const before = await readPage(page, [...MALICIOUS, ...KNOWN])
  await expect.poll(() => markCounts(page), { timeout: 15_000 }).toEqual({ malicious: 8, known: 8 })
  const after = await readPage(page, [...MALICIOUS, ...KNOWN])

  // Per hash: one view for all sixteen, malicious or known, in the document or in the shadow root.
  const views = Object.values(after.views).map((view) => JSON.stringify(view))
  expect(views).toHaveLength(16)
  expect(new Set(views).size).toBe(1)
  const [view] = Object.values(after.views)
  expect(view!.isOwnHit).toBe(true)
  expect(view!.covering).toEqual([])

  // For the page as a whole: no highlight, no adopted sheet, and the page's own markup unchanged.
  expect(after.registry).toEqual([])
  expect([after.documentSheets, after.shadowSheets]).toEqual([0, 0])
  expect(after.markup).toBe(before.markup)
  // The one element added: a childless 0×0 box at the origin with no open root, whatever is drawn.
  expect(after.added).toHaveLength(1)
  expect(after.added[0]).toMatchObject({ tag: 'div', attributes: ['style'], box: [0, 0, 0, 0], childCount: 0, hasOpenRoot: false })
  expect(after.added[0]!.style).not.toMatch(/malicious|known|tone|hash/i)
  // While what the user sees does differ: the overlay draws each kind in its own tone.
  expect(new Set((await drawnBoxes(page)).map((box) => box.tone))).toEqual(new Set(['malicious', 'known']))
})

test('swapping or deleting highlights, and removing or restyling the overlay\'s host, does not change what the user sees after the next draw', async ({ context, configure, pages }) => {
  await configure()
  const page = await context.newPage()
  await page.goto(pages.serve('tamper.html', attackPage()))
  await expect.poll(() => markCounts(page), { timeout: 15_000 }).toEqual({ malicious: 8, known: 8 })
  const seen = tonesAndBoxes(await drawnBoxes(page))
  const hostStyle = await page.evaluate(() => document.documentElement.lastElementChild!.getAttribute('style'))

  // Highlights named like the old marks', covering the malicious hashes in green, and the registry cleared of them.
  await page.evaluate((malicious) => {
    const registry = CSS.highlights as unknown as Map<string, unknown>
    const forged = new Highlight()
    for (const element of document.querySelectorAll('p')) {
      if (malicious.some((hash) => element.textContent!.includes(hash))) forged.add(new StaticRange({ startContainer: element.firstChild!, startOffset: 0, endContainer: element.firstChild!, endOffset: 40 }))
    }
    registry.set('hashlens-known', forged)
    registry.delete('hashlens-malicious')
  }, MALICIOUS)
  await page.evaluate(() => window.scrollBy(0, 1))
  await page.evaluate(() => window.scrollBy(0, -1))
  await expect.poll(async () => tonesAndBoxes(await drawnBoxes(page))).toEqual(seen)

  // The host taken out, then hidden, then moved into the body.
  await page.evaluate(() => document.documentElement.lastElementChild!.remove())
  await expect.poll(async () => tonesAndBoxes(await drawnBoxes(page))).toEqual(seen)
  await page.evaluate(() => {
    const host = document.documentElement.lastElementChild as HTMLElement
    host.style.cssText = 'display: none !important'
    host.setAttribute('hidden', '')
  })
  await expect.poll(() => page.evaluate(() => document.documentElement.lastElementChild!.getAttribute('style'))).toBe(hostStyle)
  expect(await page.evaluate(() => document.documentElement.lastElementChild!.hasAttribute('hidden'))).toBe(false)
  await page.evaluate(() => document.body.append(document.documentElement.lastElementChild!))
  await expect.poll(() => page.evaluate(() => document.documentElement.lastElementChild!.localName)).toBe('div')
  await expect.poll(async () => tonesAndBoxes(await drawnBoxes(page))).toEqual(seen)
  // A page rule cannot hide it either: its inline !important styles win.
  await page.addStyleTag({ content: 'html > div { display: none !important; opacity: 0 !important; transform: translateX(-9999px) !important }' })
  await page.evaluate(() => window.scrollBy(0, 1))
  await page.evaluate(() => window.scrollBy(0, -1))
  await expect.poll(async () => tonesAndBoxes(await drawnBoxes(page))).toEqual(seen)
  const hostBox = await page.evaluate(() => {
    const style = getComputedStyle(document.documentElement.lastElementChild!)
    return [style.display, style.opacity, style.transform]
  })
  expect(hostBox).toEqual(['block', '1', 'none'])
})

test('the overlay host\'s scroll size is the viewport\'s, however far below it marks are drawn', async ({ context, configure, pages }) => {
  await configure()
  const below = MALICIOUS.slice(0, 4).map((hash) => `<p>${hash}</p>`).join('')
  const page = await context.newPage()
  await page.goto(pages.serve('far.html', `<!doctype html><html><body style="font: 14px monospace; margin: 20px">
    <p>${KNOWN[0]}</p><div style="height: 1500px"></div>${below}</body></html>`))
  await expect.poll(() => markCounts(page), { timeout: 15_000 }).toEqual({ malicious: 4, known: 1 })
  // Drawn ahead of a scroll: boxes well below the viewport, inside the host.
  const viewportHeight = await page.evaluate(() => innerHeight)
  expect((await drawnBoxes(page)).filter((box) => box.top > viewportHeight)).toHaveLength(4)
  const sizes = await page.evaluate(() => {
    const host = document.documentElement.lastElementChild!
    return { host: [host.scrollWidth, host.scrollHeight], viewport: [innerWidth, innerHeight] }
  })
  expect(sizes.host).toEqual(sizes.viewport)
})

/** Where the page lays out a hash's text (viewport coordinates). */
function textBox(page: Page, id: string): Promise<{ left: number; top: number; width: number; height: number }> {
  return page.evaluate((elementId) => {
    const range = document.createRange()
    range.selectNodeContents(document.getElementById(elementId)!.firstChild!)
    const { left, top, width, height } = range.getBoundingClientRect()
    return { left, top, width, height }
  }, id)
}

async function boxOf(page: Page, tone: string): Promise<DrawnBox | undefined> {
  return (await drawnBoxes(page)).find((box) => box.tone === tone)
}

function isOver(box: DrawnBox | undefined, text: { left: number; top: number; width: number; height: number }): boolean {
  return box !== undefined && Math.abs(box.left - text.left) <= 1 && Math.abs(box.top - text.top) <= 1 && Math.abs(box.width - text.width) <= 1
}

test('a mark under a fixed modal is not painted over it; the one beside it is', async ({ context, configure, pages }) => {
  await configure()
  const covered = makeHash(7301, 40, '0')
  const open = makeHash(7302, 40, '7')
  const page = await context.newPage()
  await page.goto(pages.serve('modal.html', `<!doctype html><body style="font: 14px monospace; margin: 20px">
    <p id="covered">${covered}</p><p id="open" style="margin-top: 400px">${open}</p>
    <div style="position: fixed; top: 0; left: 0; right: 0; height: 200px; background: white; z-index: 10">Sign in to continue</div></body>`))
  await expect.poll(async () => isOver(await boxOf(page, 'known'), await textBox(page, 'open')), { timeout: 15_000 }).toBe(true)
  await page.waitForTimeout(500)
  // Looked up and drawn as a mark, but its boxes stay off the modal.
  expect(await boxOf(page, 'malicious')).toBeUndefined()
})

test('marks follow an inner scroll container\'s scroll and a sticky header\'s', async ({ context, configure, pages }) => {
  await configure()
  const inScroller = makeHash(7401, 40, '1')
  const inHeader = makeHash(7402, 40, '8')
  const filler = Array.from({ length: 30 }, (_, index) => `<p>line ${index}</p>`).join('')
  const page = await context.newPage()
  await page.goto(pages.serve('scrolling.html', `<!doctype html><body style="font: 14px monospace; margin: 0">
    <header style="position: sticky; top: 0; background: #eee; z-index: 1"><span id="sticky">${inHeader}</span></header>
    <div id="scroller" style="height: 160px; overflow: auto; margin-top: 40px; border: 1px solid">
      <p style="margin-top: 60px" id="inner">${inScroller}</p>${filler}</div>
    <div style="height: 3000px"></div></body>`))
  await expect.poll(async () => isOver(await boxOf(page, 'malicious'), await textBox(page, 'inner')), { timeout: 15_000 }).toBe(true)
  await expect.poll(async () => isOver(await boxOf(page, 'known'), await textBox(page, 'sticky'))).toBe(true)

  await page.evaluate(() => { document.getElementById('scroller')!.scrollTop = 40 })
  await expect.poll(async () => isOver(await boxOf(page, 'malicious'), await textBox(page, 'inner'))).toBe(true)
  // Scrolled out of its container: not drawn over what lies around the container.
  await page.evaluate(() => { document.getElementById('scroller')!.scrollTop = 400 })
  await expect.poll(() => boxOf(page, 'malicious')).toBeUndefined()

  await page.evaluate(() => window.scrollTo(0, 600))
  await expect.poll(async () => isOver(await boxOf(page, 'known'), await textBox(page, 'sticky'))).toBe(true)
  expect((await textBox(page, 'sticky')).top).toBeLessThan(30)
})
