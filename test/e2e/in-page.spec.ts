import { test, expect, makeHash } from './fixtures.ts'
import type { Page } from '@playwright/test'
import { TONE_COLORS } from '../../src/shared/tone-palette.ts'
import { markCounts, pageMarkup, toneColors } from '../support/marks.ts'
import { cardElementStyle, cardText, readCard } from '../support/card.ts'

// Verdicts from the simulator follow the last hex digit: 0-3 malicious, 4-5 suspicious,
// 6-9 known, a-b unknown, c-f not found.
const report = {
  tableMd5: makeHash(101, 32, '0'),
  tableSha1: makeHash(102, 40, '7'),
  tableSha256: makeHash(103, 64, '4'),
  pre1: makeHash(104, 64, 'a'),
  pre2: makeHash(105, 40, 'c'),
  listItem: makeHash(106, 32, '2'),
  link: makeHash(107, 64, '8'),
  shadow: makeHash(108, 40, '1'),
  iframe: makeHash(109, 64, '3'),
  delayed: makeHash(110, 32, '5'),
  wbrSplit: makeHash(111, 64, '0'),
  spanSplit: makeHash(112, 40, '6'),
}

const traps = {
  sha512: makeHash(201, 64, '0') + makeHash(202, 64, '0'),
  attribute: makeHash(203, 40, '0'),
  script: makeHash(204, 40, '1'),
  style: makeHash(205, 32, '2'),
  comment: makeHash(206, 64, '3'),
  ethereum: makeHash(207, 40, '0'),
  textarea: makeHash(208, 40, '2'),
  noscript: makeHash(209, 32, '3'),
}

function threatReportHtml(iframeUrl: string): string {
  const split = (hash: string, parts: number, joiner: (a: string) => string) => {
    const size = Math.ceil(hash.length / parts)
    return Array.from({ length: parts }, (_, i) => joiner(hash.slice(i * size, (i + 1) * size))).join('')
  }
  return `<!doctype html><html><head><title>Report</title>
<style>.x { content: "${traps.style}"; }</style>
<script>window.__traps = "${traps.script}"; window.__pwned = false;</script>
</head><body>
<h1>Campaign report</h1>
<table><tr><th>File</th><th>Hash</th></tr>
<tr><td>a.exe</td><td>${report.tableMd5.toUpperCase()}</td></tr>
<tr><td>b.dll</td><td><code>${report.tableSha1}</code></td></tr>
<tr><td>c.ps1</td><td data-sha1="${traps.attribute}">sha256:${report.tableSha256}</td></tr>
</table>
<pre>${report.pre1}  sample.bin
${report.pre2}  note.txt</pre>
<ul><li>md5=${report.listItem};</li><li><a href="/file/${report.link}/">${report.link}</a></li></ul>
<p>Long hash split for wrapping: ${split(report.wbrSplit, 4, (p) => `${p}<wbr>`)} (four parts)</p>
<p>Highlighted code: <code>${split(report.spanSplit, 3, (p) => `<span class="tok">${p}</span>`)}</code></p>
<div id="shadow-host"></div>
<iframe id="frame" src="${iframeUrl}" width="600" height="80"></iframe>
<div id="later"></div>
<h2>Not hashes</h2>
<p>SHA-512: ${traps.sha512}</p>
<p>Wallet 0x${traps.ethereum}</p>
<!-- ${traps.comment} -->
<noscript>${traps.noscript}</noscript>
<textarea>${traps.textarea}</textarea>
<script>
  document.getElementById('shadow-host').attachShadow({ mode: 'open' }).innerHTML = '<p>In a shadow root: ${report.shadow}</p>'
  setTimeout(() => { const p = document.createElement('p'); p.textContent = 'Added later: ${report.delayed}'; document.getElementById('later').append(p) }, 2000)
</script>
</body></html>`
}

/** The tab id of a page, from the worker's view. */
async function tabIdOf(page: Page, serviceWorker: import('@playwright/test').Worker): Promise<number> {
  return serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1, page.url())
}

test('every real hash on a threat report is looked up and marked, no trap is, and the page is unchanged', async ({ context, configure, pages, simulator }) => {
  await configure()
  const iframeUrl = pages.serve('frame.html', `<!doctype html><p>Frame: ${report.iframe}</p>`)
  const page = await context.newPage()
  await page.goto(pages.serve('report.html', threatReportHtml(iframeUrl)))
  const before = await pageMarkup(page)

  await expect.poll(async () => simulator.lookedUpHashes().map((hash) => hash.toLowerCase()).sort(), { timeout: 15_000 })
    .toEqual(Object.values(report).map((h) => h.toLowerCase()).sort())
  // In the main document: malicious tableMd5, listItem, wbrSplit (and the open shadow root's; the
  // iframe's hashes are drawn by its own document's overlay).
  await expect.poll(async () => (await markCounts(page)).malicious).toBeGreaterThanOrEqual(3)
  await expect.poll(async () => (await markCounts(page)).pending ?? 0).toBe(0)
  const sizes = await markCounts(page)
  expect(sizes.known).toBeGreaterThanOrEqual(3)
  expect(sizes.suspicious).toBeGreaterThanOrEqual(2)
  expect(sizes.unknown).toBe(1)
  expect(sizes['not-found']).toBe(1)
  const frame = page.frame({ url: iframeUrl })!
  await expect.poll(async () => (await markCounts(frame)).malicious).toBe(1)

  const asked = simulator.lookedUpHashes().map((hash) => hash.toLowerCase()).join(' ')
  for (const [name, trap] of Object.entries(traps)) expect(asked, name).not.toContain(trap.slice(0, 32))

  // The DOM is byte-for-byte what the page itself made: its own 2-second addition, nothing of ours.
  const expected = before.replace('<div id="later"></div>', `<div id="later"><p>Added later: ${report.delayed}</p></div>`)
  expect(await pageMarkup(page)).toBe(expected)
  expect(await page.evaluate(() => (window as unknown as { __pwned: boolean }).__pwned)).toBe(false)
})

test.describe('hover card', () => {
  const malicious = makeHash(301, 40, '0')
  const known = makeHash(302, 40, '7')
  const hostileName = '<img src=x onerror="window.__pwned=true">Win32.Evil'
  test.use({ simulatorOptions: { records: { [malicious]: { threat_name: hostileName } } } })

  test('hovering a malicious and a known hash shows cards naming their classification; markup in a threat name stays text', async ({ context, configure, pages }) => {
    await configure()
    const page = await context.newPage()
    await page.goto(pages.serve('hover.html', `<!doctype html><body style="font: 16px monospace; padding: 40px">
      <script>window.__pwned = false</script>
      <p id="m">${malicious}</p><p style="margin-top: 420px" id="k">${known}</p></body>`))
    await expect.poll(async () => markCounts(page)).toMatchObject({ malicious: 1, known: 1 })

    const m = (await page.locator('#m').boundingBox())!
    await page.mouse.move(m.x + 30, m.y + m.height / 2)
    await expect.poll(() => cardText(page)).toContain('Malicious')
    // The markup is one text, not an image: the accessibility tree has it verbatim.
    expect((await readCard(page))!.text.split('\n')).toContain(hostileName)
    expect(await page.evaluate(() => (window as unknown as { __pwned: boolean }).__pwned)).toBe(false)

    const k = (await page.locator('#k').boundingBox())!
    await page.mouse.move(k.x + 30, k.y + k.height / 2)
    await expect.poll(() => cardText(page)).toContain('Known')
    expect(await cardText(page)).not.toContain('Malicious')
    await page.keyboard.press('Escape')
    await expect.poll(() => readCard(page)).toBeNull()
  })
})

test('400 hashes in view go out in the minimum number of requests, and another tab with the page sends nothing', async ({ context, configure, pages, simulator }) => {
  await configure()
  const sha1 = Array.from({ length: 250 }, (_, i) => makeHash(1000 + i, 40, '0123456789abcdef'[i % 16]!))
  const md5 = Array.from({ length: 120 }, (_, i) => makeHash(2000 + i, 32, '0123456789abcdef'[i % 16]!))
  const sha256 = Array.from({ length: 30 }, (_, i) => makeHash(3000 + i, 64, '0123456789abcdef'[i % 16]!))
  const all = [...sha1, ...md5, ...sha256]
  // Repeats on the page are looked up once.
  const body = [...all, ...sha1.slice(0, 20)].map((h) => `<div>${h}</div>`).join('')
  const url = pages.serve('many.html', `<!doctype html><body style="font: 4px monospace; columns: 6">${body}</body>`)
  const page = await context.newPage()
  await page.goto(url)
  await expect.poll(() => simulator.lookedUpHashes().length, { timeout: 20_000 }).toBe(400)
  const requests = simulator.lookupRequests()
  expect(requests).toHaveLength(Math.ceil(250 / 100) + Math.ceil(120 / 100) + Math.ceil(30 / 100))
  for (const request of requests) {
    expect(request.hashes.length).toBeLessThanOrEqual(100)
    expect(new Set(request.hashes.map((h) => h.length)).size).toBe(1)
  }
  await expect.poll(async () => (await markCounts(page)).pending ?? 0).toBe(0)

  const second = await context.newPage()
  await second.goto(url)
  await expect.poll(async () => (await markCounts(second)).malicious ?? 0).toBeGreaterThan(0)
  await expect.poll(async () => (await markCounts(second)).pending ?? 0).toBe(0)
  expect(simulator.lookupRequests()).toHaveLength(requests.length)
})

test('the popup lists the tab\'s hashes with badges and counts, and the toolbar badge counts the malicious ones', async ({ context, configure, pages, openExtensionPage, serviceWorker }) => {
  await configure()
  const hashes = [makeHash(401, 40, '0'), makeHash(402, 40, '1'), makeHash(403, 32, '4'), makeHash(404, 64, '7'), makeHash(405, 64, 'c')]
  const page = await context.newPage()
  await page.goto(pages.serve('popup-list.html', `<!doctype html><ul>${hashes.map((h) => `<li>${h}</li>`).join('')}</ul>`))
  await expect.poll(async () => (await markCounts(page)).malicious ?? 0).toBe(2)
  const tabId = await tabIdOf(page, serviceWorker)
  await expect.poll(() => serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('2')

  // The same page in a second tab is answered from the cache alone, and its badge counts the
  // same; a reload starts the count afresh and comes back to it.
  const second = await context.newPage()
  await second.goto(page.url())
  await expect.poll(async () => (await markCounts(second)).malicious ?? 0).toBe(2)
  const secondTabId = await tabIdOf(second, serviceWorker)
  await expect.poll(() => serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), secondTabId)).toBe('2')
  await second.reload()
  await expect.poll(async () => (await markCounts(second)).malicious ?? 0).toBe(2)
  await expect.poll(() => serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), secondTabId)).toBe('2')
  await second.close()

  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
  const table = popup.getByRole('table', { name: 'Hashes on this page' })
  await expect(table.locator('tr')).toHaveCount(5)
  await expect(table.locator(`tr[data-hash="${hashes[0]}"] .hl-badge`)).toHaveText('Malicious')
  await expect(table.locator(`tr[data-hash="${hashes[2]}"] .hl-badge`)).toHaveText('Suspicious')
  await expect(table.locator(`tr[data-hash="${hashes[3]}"] .hl-badge`)).toHaveText('Known')
  await expect(table.locator(`tr[data-hash="${hashes[4]}"] .hl-badge`)).toHaveText('Not found')
  await expect(popup.getByRole('button', { name: 'Malicious 2' })).toBeVisible()
  await popup.getByRole('button', { name: 'Malicious 2' }).click()
  await expect(table.locator('tr')).toHaveCount(2)
})

test('the marks, the card, the popup and the toolbar badge draw each verdict in the palette\'s colour', async ({ context, configure, pages, openExtensionPage, serviceWorker }) => {
  await configure()
  const hashes = { malicious: makeHash(451, 40, '0'), suspicious: makeHash(452, 40, '4'), known: makeHash(453, 40, '7') }
  const page = await context.newPage()
  await page.goto(pages.serve('palette.html', `<!doctype html><body style="font: 16px monospace; padding: 40px">${
    Object.entries(hashes).map(([tone, hash]) => `<p id="${tone}" style="margin-bottom: 260px">${hash}</p>`).join('')}</body>`))
  await expect.poll(async () => markCounts(page)).toMatchObject({ malicious: 1, suspicious: 1, known: 1 })
  const channels = (hex: string) => [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16))
  const rgb = (hex: string) => `rgb(${channels(hex).join(', ')})`

  for (const tone of ['malicious', 'suspicious', 'known'] as const) {
    expect((await toneColors(page, tone)).lineColor, tone).toBe(rgb(TONE_COLORS[tone]))
  }
  const box = (await page.locator('#malicious').boundingBox())!
  await page.mouse.move(box.x + 30, box.y + box.height / 2)
  await expect.poll(async () => (await cardText(page)).split('\n')[0]).toBe('Malicious')
  expect(await cardElementStyle(page, 'badge', 'background-color')).toBe(rgb(TONE_COLORS.malicious))

  const tabId = await tabIdOf(page, serviceWorker)
  await expect.poll(() => serviceWorker.evaluate((id) => chrome.action.getBadgeBackgroundColor({ tabId: id }), tabId))
    .toEqual([...channels(TONE_COLORS.malicious), 255])
  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
  const table = popup.getByRole('table', { name: 'Hashes on this page' })
  for (const tone of ['malicious', 'suspicious', 'known'] as const) {
    await expect(table.locator(`tr[data-hash="${hashes[tone]}"] .hl-badge`), tone).toHaveCSS('background-color', rgb(TONE_COLORS[tone]))
  }
})

test('automatic lookups stop at the per-page cap, and the popup looks up the rest on request', async ({ context, configure, pages, openExtensionPage, serviceWorker, simulator }) => {
  await configure()
  await serviceWorker.evaluate(async () => {
    await chrome.storage.local.set({ settings: { perPageCap: 3 } })
  })
  const hashes = Array.from({ length: 7 }, (_, i) => makeHash(500 + i, 40, '7'))
  const page = await context.newPage()
  await page.goto(pages.serve('capped.html', `<!doctype html><ol>${hashes.map((h) => `<li>${h}</li>`).join('')}</ol>`))
  await expect.poll(() => simulator.lookedUpHashes().length).toBe(3)
  await page.waitForTimeout(500)
  expect(simulator.lookedUpHashes()).toHaveLength(3)

  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${await tabIdOf(page, serviceWorker)}`)
  await popup.getByRole('button', { name: 'Look up the remaining 4' }).click()
  await expect.poll(() => simulator.lookedUpHashes().length).toBe(7)
  await expect.poll(async () => (await markCounts(page)).known).toBe(7)
})
