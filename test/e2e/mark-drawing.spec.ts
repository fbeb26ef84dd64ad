/**
 * Issue 12, point 1: the overlay's boxes stay where the text shows on pages that clip, scroll, animate and change.
 * Boxes are read through the DevTools protocol (test/support/marks.ts); where timing within a frame matters, the
 * test hands the overlay's closed root to its own page script, which reads the boxes synchronously.
 */
import type { Page } from '@playwright/test'
import { test, expect, makeHash } from './fixtures.ts'
import { drawnBoxes, exposeOverlayRoot, type DrawnBox } from '../support/marks.ts'

interface Box {
  left: number
  top: number
  width: number
  height: number
}

/** Where the page lays out the text of the element with this id (viewport coordinates). */
function textBox(page: Page, id: string): Promise<Box> {
  return page.evaluate((elementId) => {
    const range = document.createRange()
    range.selectNodeContents(document.getElementById(elementId)!)
    const { left, top, width, height } = range.getBoundingClientRect()
    return { left, top, width, height }
  }, id)
}

function boxesOf(page: Page, tone: string): Promise<DrawnBox[]> {
  return drawnBoxes(page).then((boxes) => boxes.filter((box) => box.tone === tone))
}

function rounded(box: Box | undefined): number[] | undefined {
  return box && [box.left, box.top, box.width, box.height].map((value) => Math.round(value))
}

interface Reading {
  box: number[] | null
  text: number[]
}

declare global {
  interface Window {
    /** Set by exposeOverlayRoot, in the test's page only. */
    __hashlensOverlay: ShadowRoot
    __readBoxAndText(tone: string, id: string): Reading
  }
}

/** Runs in the page: the box of the given tone and the text of the element, read in the same instant. */
const READ_IN_PAGE = `window.__readBoxAndText = (tone, id) => {
  const box = window.__hashlensOverlay.querySelector('[data-tone="' + tone + '"]')
  const range = document.createRange()
  range.selectNodeContents(document.getElementById(id))
  const text = range.getBoundingClientRect()
  if (!box) return { box: null, text: [text.left, text.top] }
  const drawn = box.getBoundingClientRect()
  return { box: [drawn.left, drawn.top], text: [text.left, text.top] }
}`

test('a box half scrolled out of its container, or cut by an overflow: hidden box, is drawn only where its text shows', async ({ context, configure, pages }) => {
  await configure()
  const inScroller = makeHash(7501, 40, '1')
  const inNarrow = makeHash(7502, 40, '8')
  const page = await context.newPage()
  await page.goto(pages.serve('clipped.html', `<!doctype html><body style="font: 14px/20px monospace; margin: 0">
    <div id="scroller" style="position: absolute; top: 100px; left: 20px; width: 500px; height: 100px; overflow: auto; border: 2px solid">
      <p style="margin: 60px 0 0"><span id="inner">${inScroller}</span></p><div style="height: 400px"></div></div>
    <div id="narrow" style="position: absolute; top: 300px; left: 20px; width: 120px; overflow: hidden; white-space: nowrap"><span id="cut">${inNarrow}</span></div>
    </body>`))
  await expect.poll(async () => rounded((await boxesOf(page, 'malicious'))[0]), { timeout: 15_000 }).toEqual(rounded(await textBox(page, 'inner')))
  // Half of its line scrolled above the container's padding box (top at 100 + 2).
  await page.evaluate(() => { document.getElementById('scroller')!.scrollTop = 70 })
  const text = await textBox(page, 'inner')
  expect(text.top).toBeLessThan(102)
  expect(text.top + text.height).toBeGreaterThan(106)
  await expect.poll(async () => rounded((await boxesOf(page, 'malicious'))[0]))
    .toEqual(rounded({ left: text.left, top: 102, width: text.width, height: text.top + text.height - 102 }))

  // 120 pixels of a 336-pixel hash show in the narrow box.
  const cut = await textBox(page, 'cut')
  expect(Math.round(cut.width)).toBeGreaterThan(300)
  await expect.poll(async () => rounded((await boxesOf(page, 'known'))[0])).toEqual([20, Math.round(cut.top), 120, Math.round(cut.height)])
})

test('hash text with pointer-events: none is drawn, and still not over a modal that covers it', async ({ context, configure, pages }) => {
  await configure()
  const ghost = makeHash(7511, 40, '1')
  const inLink = makeHash(7512, 40, '8')
  const covered = makeHash(7513, 40, '4')
  const page = await context.newPage()
  await page.goto(pages.serve('transparent.html', `<!doctype html><body style="font: 14px/20px monospace; margin: 20px">
    <p id="ghost" style="pointer-events: none">${ghost}</p>
    <a href="#x"><span id="in-link" style="pointer-events: none">${inLink}</span></a>
    <p id="covered" style="pointer-events: none; margin-top: 300px">${covered}</p>
    <div style="position: fixed; top: 280px; left: 0; right: 0; height: 200px; background: white">Sign in to continue</div></body>`))
  await expect.poll(async () => rounded((await boxesOf(page, 'malicious'))[0]), { timeout: 15_000 }).toEqual(rounded(await textBox(page, 'ghost')))
  await expect.poll(async () => rounded((await boxesOf(page, 'known'))[0])).toEqual(rounded(await textBox(page, 'in-link')))
  await page.waitForTimeout(500)
  expect(await boxesOf(page, 'suspicious')).toEqual([])
})

test('a mark moved by a CSS transition or animation is followed while it runs', async ({ context, configure, pages }) => {
  await configure()
  const sliding = makeHash(7531, 40, '1')
  const spinning = makeHash(7532, 40, '8')
  const page = await context.newPage()
  await page.goto(pages.serve('moving.html', `<!doctype html><head><style>
      @keyframes drop { from { transform: translateY(0) } to { transform: translateY(300px) } }
      .dropping { animation: drop 3s linear forwards }</style></head>
    <body style="font: 14px/20px monospace; margin: 20px">
    <p id="sliding" style="transition: transform 3s linear">${sliding}</p>
    <p id="spinning" style="margin-left: 400px">${spinning}</p></body>`))
  await expect.poll(async () => rounded((await boxesOf(page, 'malicious'))[0]), { timeout: 15_000 }).toEqual(rounded(await textBox(page, 'sliding')))
  await expect.poll(async () => rounded((await boxesOf(page, 'known'))[0])).toEqual(rounded(await textBox(page, 'spinning')))
  await exposeOverlayRoot(page)
  await page.evaluate(READ_IN_PAGE)
  await page.evaluate(() => {
    document.getElementById('sliding')!.style.transform = 'translateX(300px)'
    document.getElementById('spinning')!.classList.add('dropping')
  })
  await page.waitForTimeout(1200)
  // Halfway through both: the boxes are where the text is now (within a frame's move, 100 px/s), not where it started.
  const readings = await page.evaluate(() => new Promise<Reading[]>((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      const read = window.__readBoxAndText
      resolve([read('malicious', 'sliding'), read('known', 'spinning')])
    }
    channel.port2.postMessage(null)
  })))
  const [slide, spin] = readings
  expect(slide!.text[0]! - 20).toBeGreaterThan(60)
  expect(Math.abs(slide!.box![0]! - slide!.text[0]!)).toBeLessThan(8)
  expect(spin!.text[1]! - 40).toBeGreaterThan(60)
  expect(Math.abs(spin!.box![1]! - spin!.text[1]!)).toBeLessThan(8)
})

test('a modal that appears while the page keeps changing is not painted over in the next frames', async ({ context, configure, pages }) => {
  await configure()
  const hash = makeHash(7541, 40, '1')
  const page = await context.newPage()
  await page.goto(pages.serve('busy.html', `<!doctype html><body style="font: 14px/20px monospace; margin: 20px">
    <p id="target">${hash}</p><div id="log" style="height: 200px; overflow: hidden"></div>
    <script>setInterval(() => { const row = document.createElement('div'); row.textContent = 'tick ' + Date.now(); document.getElementById('log').prepend(row) }, 20)</script></body>`))
  await expect.poll(async () => (await boxesOf(page, 'malicious')).length, { timeout: 15_000 }).toBe(1)
  await exposeOverlayRoot(page)
  for (let trial = 0; trial < 4; trial++) {
    await page.waitForTimeout(70 * trial)
    const framesWithBox = await page.evaluate(() => new Promise<number>((resolve) => {
      const modal = document.createElement('div')
      modal.id = 'modal'
      modal.style.cssText = 'position: fixed; inset: 0; background: white'
      document.body.append(modal)
      const root = window.__hashlensOverlay
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(root.querySelectorAll('[data-tone="malicious"]').length)))
    }))
    expect(framesWithBox, `trial ${trial}`).toBe(0)
    await page.evaluate(() => document.getElementById('modal')!.remove())
    await expect.poll(async () => (await boxesOf(page, 'malicious')).length).toBe(1)
  }
})
