/** Issue 11, point 4: text that is not rendered is neither marked nor looked up until it is shown; idleness is per frame. */
import { test, expect, makeHash } from './fixtures.ts'
import { markedCount } from '../support/marks.ts'

function lookedUp(simulator: { lookupRequests(): { hashes: string[] }[] }): string[] {
  return simulator.lookupRequests().flatMap((request) => request.hashes)
}

test('hashes in display: none, visibility: hidden, hidden, content-visibility: hidden are not looked up until shown', async ({ context, configure, pages, simulator }) => {
  await configure()
  const shown = makeHash(1400, 40, '0')
  const hidden = {
    displayNone: makeHash(1401, 40, '0'),
    visibilityHidden: makeHash(1402, 40, '0'),
    hiddenAttribute: makeHash(1403, 40, '0'),
    contentVisibility: makeHash(1404, 40, '0'),
  }
  const page = await context.newPage()
  await page.goto(pages.serve('hidden.html', `<!doctype html><body>
    <p>${shown}</p>
    <div id="none" style="display: none"><p>${hidden.displayNone}</p></div>
    <p id="invisible" style="visibility: hidden">${hidden.visibilityHidden}</p>
    <section id="panel" hidden><p>${hidden.hiddenAttribute}</p></section>
    <div id="cv" style="content-visibility: hidden"><p>${hidden.contentVisibility}</p></div>
  </body>`))
  await expect.poll(() => markedCount(page, 'malicious')).toBe(1)
  await page.waitForTimeout(1000)
  expect(lookedUp(simulator)).toEqual([shown])

  // A tab panel shown by its attribute, a block shown by its style: found, marked and looked up.
  await page.evaluate(() => {
    document.getElementById('panel')!.hidden = false
    document.getElementById('none')!.style.display = 'block'
  })
  await expect.poll(() => markedCount(page, 'malicious')).toBe(3)
  expect(lookedUp(simulator).sort()).toEqual([shown, hidden.displayNone, hidden.hiddenAttribute].sort())
  await page.evaluate(() => {
    document.getElementById('invisible')!.style.visibility = 'visible'
    document.getElementById('cv')!.style.contentVisibility = 'visible'
  })
  await expect.poll(() => markedCount(page, 'malicious')).toBe(5)
  expect(lookedUp(simulator).sort()).toEqual([shown, ...Object.values(hidden)].sort())
})

test('a closed <details> is found when opened', async ({ context, configure, pages, simulator }) => {
  await configure()
  const summaryHash = makeHash(1410, 64, '7')
  const inside = makeHash(1411, 64, '0')
  const page = await context.newPage()
  await page.goto(pages.serve('details.html', `<!doctype html><body>
    <details><summary>Indicators ${summaryHash}</summary><p>${inside}</p></details></body>`))
  await expect.poll(() => markedCount(page, 'known')).toBe(1)
  await page.waitForTimeout(1000)
  expect(lookedUp(simulator)).toEqual([summaryHash])
  await page.locator('summary').click()
  await expect.poll(() => markedCount(page, 'malicious')).toBe(1)
  expect(lookedUp(simulator).sort()).toEqual([summaryHash, inside].sort())
})

test('an idle site stays idle in an iframe of another page', async ({ context, configure, pages, simulator, serviceWorker }) => {
  await configure()
  // The same fixture server under another host name: another site.
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { idleSites: ['localhost'] } }))
  const inPage = makeHash(1420, 40, '0')
  const inFrame = makeHash(1421, 40, '0')
  const frameUrl = pages.serve('idle-frame.html', `<!doctype html><p>${inFrame}</p>`).replace('127.0.0.1', 'localhost')
  const page = await context.newPage()
  await page.goto(pages.serve('host-page.html', `<!doctype html><p>${inPage}</p><iframe src="${frameUrl}"></iframe>`))
  await expect.poll(() => markedCount(page, 'malicious')).toBe(1)
  const frame = page.frames().find((candidate) => candidate.url() === frameUrl)!
  await expect(frame.locator('p')).toHaveText(inFrame)
  await page.waitForTimeout(1500)
  expect(await markedCount(frame, 'malicious') + await markedCount(frame, 'pending') + await markedCount(frame, 'idle')).toBe(0)
  expect(lookedUp(simulator)).toEqual([inPage])
})
