import { test, expect, makeHash } from './fixtures.ts'
import { markedCount } from '../support/marks.ts'
import { readFile } from 'node:fs/promises'
import { cardText, clickCardButton, readCard } from '../support/card.ts'

test('"on hover only" looks up nothing until a hash is hovered, then only that hash', async ({ context, configure, pages, simulator, serviceWorker }) => {
  await configure()
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { lookupMode: 'hover' } }))
  const first = makeHash(1200, 40, '0')
  const second = makeHash(1201, 40, '7')
  const page = await context.newPage()
  await page.goto(pages.serve('hover-mode.html', `<!doctype html><body style="font: 16px monospace; padding: 40px">
    <p id="a">${first}</p><p style="margin-top: 400px">${second}</p></body>`))
  await expect.poll(() => markedCount(page, 'idle')).toBe(2)
  await page.waitForTimeout(500)
  expect(simulator.lookupRequests()).toHaveLength(0)

  const box = (await page.locator('#a').boundingBox())!
  await page.mouse.move(box.x + 30, box.y + box.height / 2)
  await expect.poll(() => cardText(page)).toContain('Malicious')
  expect(simulator.lookedUpHashes()).toEqual([first])
  expect(await markedCount(page, 'malicious')).toBe(1)
})

test('with lookups off, the card\'s "Look up" asks once, and "Look up again" asks the service again', async ({ context, configure, pages, simulator, serviceWorker }) => {
  await configure()
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { lookupMode: 'off' } }))
  const hash = makeHash(1250, 40, '2')
  const page = await context.newPage()
  await page.goto(pages.serve('off-mode.html', `<!doctype html><body style="font: 16px monospace; padding: 40px">
    <p id="a">${hash}</p></body>`))
  await expect.poll(() => markedCount(page, 'idle')).toBe(1)

  const box = (await page.locator('#a').boundingBox())!
  await page.mouse.move(box.x + 30, box.y + box.height / 2)
  await expect.poll(() => readCard(page)).not.toBeNull()
  await page.waitForTimeout(300)
  expect(simulator.lookupRequests()).toHaveLength(0) // resting on it asks nothing in this mode
  await clickCardButton(page, 'Look up')
  await expect.poll(() => cardText(page)).toContain('Malicious')
  expect(simulator.lookedUpHashes().map((hash) => hash.toLowerCase())).toEqual([hash])

  await clickCardButton(page, 'Look up again')
  await expect.poll(() => simulator.lookupRequests().length).toBe(2)
  await expect.poll(() => cardText(page)).toContain('Malicious')
})

test('an idle site gets no scan, no marks and no lookups; the popup switch turns it back on', async ({ context, configure, pages, simulator, serviceWorker, openExtensionPage }) => {
  await configure()
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { idleSites: ['127.0.0.1'] } }))
  const hash = makeHash(1300, 64, '0')
  const page = await context.newPage()
  const url = pages.serve('idle.html', `<!doctype html><p>${hash}</p>`)
  await page.goto(url)
  await page.waitForTimeout(1500)
  expect(simulator.lookupRequests()).toHaveLength(0)
  expect(await markedCount(page, 'malicious') + await markedCount(page, 'idle') + await markedCount(page, 'pending')).toBe(0)

  const tabId = await serviceWorker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id ?? -1, url)
  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
  await expect(popup.getByText('HashLens is idle on this site.')).toBeVisible()
  await popup.getByLabel('HashLens active on 127.0.0.1').check()
  await page.reload()
  await expect.poll(() => markedCount(page, 'malicious')).toBe(1)
})

const exported = makeHash(1400, 40, '0')
const formula = '=HYPERLINK("http://evil.example","Win32.Evil")'

test.describe('exports', () => {
test.use({ simulatorOptions: { records: { [exported]: { threat_name: formula } } } })

test('the popup exports the page\'s hashes as CSV with formula cells neutralised, and as JSON', async ({ context, configure, pages, serviceWorker, openExtensionPage }) => {
  await configure()
  const hash = exported
  const page = await context.newPage()
  const url = pages.serve('export.html', `<!doctype html><p>${hash}</p>`)
  await page.goto(url)
  await expect.poll(() => markedCount(page, 'malicious')).toBe(1)
  const tabId = await serviceWorker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id ?? -1, url)
  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
  await expect(popup.getByRole('table', { name: 'Hashes on this page' }).locator('.hl-badge')).toHaveText('Malicious')

  const [csvDownload] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'Export CSV' }).click()])
  const csv = await readFile((await csvDownload.path())!, 'utf8')
  expect(csv.split('\r\n')[0]).toBe('hash,type,classification,threat_name,threat_level,trust_factor,scanner_match,scanner_count,first_seen,last_seen,error,not_looked_up_reason')
  // The formula becomes text: prefixed with an apostrophe (and quoted for its commas and quotes).
  expect(csv).toContain(`${hash},sha1,Malicious,"'=HYPERLINK(""http://evil.example"",""Win32.Evil"")"`)

  const [jsonDownload] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'Export JSON' }).click()])
  const json = JSON.parse(await readFile((await jsonDownload.path())!, 'utf8')) as { hash: string; classification: string }[]
  expect(json).toEqual([expect.objectContaining({ hash, classification: 'Malicious' })])
})
})
