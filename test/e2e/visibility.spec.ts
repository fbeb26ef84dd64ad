/** Issue 11, point 4: text that is not rendered is neither marked nor looked up until it is shown; idleness is per frame. */
import { test, expect, makeHash } from './fixtures.ts'
import { markedCount } from '../support/marks.ts'

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
  expect(simulator.lookedUpHashes()).toEqual([shown])

  // A tab panel shown by its attribute, a block shown by its style: found, marked and looked up.
  await page.evaluate(() => {
    document.getElementById('panel')!.hidden = false
    document.getElementById('none')!.style.display = 'block'
  })
  await expect.poll(() => markedCount(page, 'malicious')).toBe(3)
  expect(simulator.lookedUpHashes().sort()).toEqual([shown, hidden.displayNone, hidden.hiddenAttribute].sort())
  await page.evaluate(() => {
    document.getElementById('invisible')!.style.visibility = 'visible'
    document.getElementById('cv')!.style.contentVisibility = 'visible'
  })
  await expect.poll(() => markedCount(page, 'malicious')).toBe(5)
  expect(simulator.lookedUpHashes().sort()).toEqual([shown, ...Object.values(hidden)].sort())
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
  expect(simulator.lookedUpHashes()).toEqual([summaryHash])
  await page.locator('summary').click()
  await expect.poll(() => markedCount(page, 'malicious')).toBe(1)
  expect(simulator.lookedUpHashes().sort()).toEqual([summaryHash, inside].sort())
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
  expect(simulator.lookedUpHashes()).toEqual([inPage])
})

test('hashes clipped to an empty box (visually hidden, collapsed) are not looked up until the page makes room for them', async ({ context, configure, pages, simulator }) => {
  await configure()
  const shown = makeHash(1430, 40, '0')
  // A 0-height box that lets its content overflow hides nothing.
  const overflowing = makeHash(1431, 40, '0')
  const clipped = {
    srOnly: makeHash(1432, 40, '0'),
    clipPath: makeHash(1433, 40, '0'),
    collapsed: makeHash(1434, 40, '0'),
    zeroSizeAncestor: makeHash(1435, 40, '0'),
  }
  const page = await context.newPage()
  await page.goto(pages.serve('clipped.html', `<!doctype html><head><style>
    .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0 }
    .clip-path-hidden { position: absolute; clip-path: inset(50%) }
    #collapsed { max-height: 0; overflow: hidden }
    #zero { width: 0; height: 0; overflow: hidden }
  </style></head><body>
    <p>${shown}</p>
    <div style="height: 0"><p>${overflowing}</p></div>
    <p>Status <span id="sr" class="sr-only">${clipped.srOnly}</span></p>
    <div id="cp" class="clip-path-hidden"><p>${clipped.clipPath}</p></div>
    <div id="collapsed"><p>${clipped.collapsed}</p></div>
    <div id="zero"><div style="width: 600px"><p>${clipped.zeroSizeAncestor}</p></div></div>
  </body>`))
  await expect.poll(() => markedCount(page, 'malicious')).toBe(2)
  await page.waitForTimeout(1000)
  expect(simulator.lookedUpHashes().sort()).toEqual([shown, overflowing].sort())
  expect(await markedCount(page, 'malicious')).toBe(2)

  // Resized by a stylesheet rule alone: no attribute or node of the page changes.
  await page.evaluate(() => {
    const sheet = document.styleSheets[0]!
    sheet.insertRule('#collapsed { max-height: none }', sheet.cssRules.length)
  })
  await expect.poll(() => markedCount(page, 'malicious')).toBe(3)
  expect(simulator.lookedUpHashes()).toContain(clipped.collapsed)
  await page.evaluate(() => {
    document.getElementById('sr')!.classList.remove('sr-only')
    document.getElementById('cp')!.classList.remove('clip-path-hidden')
    document.getElementById('zero')!.style.cssText = 'width: auto; height: auto'
  })
  await expect.poll(() => markedCount(page, 'malicious')).toBe(6)
  expect(simulator.lookedUpHashes().sort()).toEqual([shown, overflowing, ...Object.values(clipped)].sort())
})

test('marks of text the page hides go away, and come back when it is shown again without a second lookup', async ({ context, configure, pages, simulator }) => {
  await configure()
  const always = makeHash(1440, 40, '0')
  const inTab = makeHash(1441, 40, '0')
  const inDetails = makeHash(1442, 40, '0')
  const inPanel = makeHash(1443, 40, '0')
  const inBox = makeHash(1444, 40, '0')
  const page = await context.newPage()
  await page.goto(pages.serve('hiding.html', `<!doctype html><head><style>
    .inactive { display: none }
    .shut { max-height: 0; overflow: hidden }
  </style></head><body>
    <p>${always}</p>
    <div id="tab"><p>${inTab}</p></div>
    <details open><summary>Indicators</summary><p>${inDetails}</p></details>
    <section id="panel"><p>${inPanel}</p></section>
    <div id="box"><p>${inBox}</p></div>
  </body>`))
  await expect.poll(() => markedCount(page, 'malicious')).toBe(5)
  expect(simulator.lookedUpHashes().sort()).toEqual([always, inTab, inDetails, inPanel, inBox].sort())

  const hideSteps = [
    () => document.getElementById('tab')!.classList.add('inactive'),
    () => { document.querySelector('details')!.open = false },
    () => { document.getElementById('panel')!.hidden = true },
    () => document.getElementById('box')!.classList.add('shut'),
  ]
  for (const [index, step] of hideSteps.entries()) {
    await page.evaluate(step)
    await expect.poll(() => markedCount(page, 'malicious')).toBe(4 - index)
  }

  await page.evaluate(() => {
    document.getElementById('tab')!.classList.remove('inactive')
    document.querySelector('details')!.open = true
    document.getElementById('panel')!.hidden = false
    document.getElementById('box')!.classList.remove('shut')
  })
  await expect.poll(() => markedCount(page, 'malicious')).toBe(5)
  await page.waitForTimeout(1000)
  // Each hash was looked up once: the marks came back from the states the page's script kept.
  expect(simulator.lookedUpHashes()).toHaveLength(5)
  expect(await markedCount(page, 'malicious')).toBe(5)
})
