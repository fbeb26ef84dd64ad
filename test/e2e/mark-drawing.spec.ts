/**
 * Issue 12, point 1: the overlay's boxes stay where the text shows on pages that clip, scroll, animate and change.
 * Boxes are read through the DevTools protocol (test/support/marks.ts); where timing within a frame matters, the
 * test hands the overlay's closed root to its own page script, which reads the boxes synchronously.
 */
import type { Page } from '@playwright/test'
import { test, expect, makeHash } from './fixtures.ts'
import { drawnBoxes, type DrawnBox } from '../support/marks.ts'

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
