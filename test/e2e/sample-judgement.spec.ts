/**
 * Issue 13: quota goes to file samples. A threat report's hashes are looked up; a lockfile's checksums are found,
 * marked "not looked up", and looked up only when the user asks (the card's Look up, the popup's "Look up the
 * skipped N"); a trusted site gets every hash looked up.
 */
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { test, expect, makeHash } from './fixtures.ts'
import { markedCount } from '../support/marks.ts'
import { clickCardButton, readCard } from '../support/card.ts'

/**
 * The first five packages of rust-lang/cargo's own Cargo.lock (corpus document cargo-cargo-lock, from
 * https://github.com/rust-lang/cargo/blob/af373f761aa4e42b093c2e453078fd73c8ce54dd/Cargo.lock, MIT OR Apache-2.0).
 */
const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../corpus/documents')
const LOCKFILE = readFileSync(path.join(CORPUS, 'cargo-cargo-lock.lock'), 'utf8').split('[[package]]').slice(0, 6).join('[[package]]')
const CHECKSUMS = [...LOCKFILE.matchAll(/checksum = "([0-9a-f]{64})"/g)].map((match) => match[1]!)
const SKIPPED_TEXT = 'Not looked up: looks like a dependency checksum'

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

const LOCKFILE_PAGE = `<!doctype html><title>Cargo.lock</title>
  <body style="font: 16px monospace; padding: 40px"><pre id="lock">${escapeHtml(LOCKFILE)}</pre></body>`

/** An IOC table of a threat report, with hashes whose simulated verdicts are malicious. */
const REPORT_HASHES = [makeHash(1310, 64, '0'), makeHash(1311, 64, '1'), makeHash(1312, 32, '2')]
const REPORT_PAGE = `<!doctype html><title>Campaign report: indicators of compromise</title>
  <body style="font: 16px sans-serif; padding: 40px"><h1>Indicators of compromise</h1>
  <table><tr><th>SHA256</th><th>Malware</th></tr>
  ${REPORT_HASHES.map((hash) => `<tr><td>${hash}</td><td>Loader</td></tr>`).join('')}</table></body>`

/** Rests the pointer on a hash's text, found in the page by a range (the test's own script, not HashLens's). */
async function hoverText(page: Page, text: string): Promise<void> {
  const box = await page.evaluate((wanted) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.nodeValue!.indexOf(wanted)
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + wanted.length)
      const rect = range.getBoundingClientRect()
      return { x: rect.left + 20, y: rect.top + rect.height / 2 }
    }
    return null
  }, text)
  if (box === null) throw new Error(`${text} is not on the page`)
  await page.mouse.move(box.x, box.y)
}

function lowered(hashes: string[]): string[] {
  return hashes.map((hash) => hash.toLowerCase()).sort()
}

test.beforeAll(() => {
  // The excerpt is what the test is about: five checksum lines of a real lockfile.
  expect(CHECKSUMS).toHaveLength(5)
})

test('a report\'s hashes are looked up; a lockfile\'s are marked "not looked up", the card\'s Look up and the popup\'s "Look up the skipped N" look them up', async ({ context, configure, pages, simulator, serviceWorker, openExtensionPage }) => {
  await configure()
  const report = await context.newPage()
  await report.goto(pages.serve('report.html', REPORT_PAGE))
  await expect.poll(() => markedCount(report, 'malicious')).toBe(3)
  expect(lowered(simulator.lookedUpHashes())).toEqual(lowered(REPORT_HASHES))
  const reportRequests = simulator.lookupRequests().length

  const page = await context.newPage()
  const url = pages.serve('Cargo.lock.html', LOCKFILE_PAGE)
  await page.goto(url)
  await expect.poll(() => markedCount(page, 'idle')).toBe(5)
  await page.waitForTimeout(500)
  expect(lowered(simulator.lookedUpHashes())).toEqual(lowered(REPORT_HASHES))

  // Hovering a skipped checksum shows why, and sends nothing until Look up is pressed.
  const [first, ...rest] = CHECKSUMS as [string, ...string[]]
  await hoverText(page, first)
  await expect.poll(async () => (await readCard(page))?.text ?? '').toContain(SKIPPED_TEXT)
  expect((await readCard(page))!.buttons).toContain('Look up')
  await page.waitForTimeout(500)
  expect(simulator.lookupRequests()).toHaveLength(reportRequests)
  await clickCardButton(page, 'Look up')
  await expect.poll(() => lowered(simulator.lookedUpHashes())).toEqual(lowered([...REPORT_HASHES, first]))
  // Marks under the card are not drawn while it is shown: counted once it is gone.
  await page.mouse.move(2, 2)
  await expect.poll(() => readCard(page)).toBeNull()
  await expect.poll(() => markedCount(page, 'idle')).toBe(4)

  // The popup lists each skipped one with its reason and looks up the rest.
  const tabId = await serviceWorker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id ?? -1, url)
  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
  const table = popup.getByRole('table', { name: 'Hashes on this page' })
  await expect(table.locator(`tr[data-hash="${rest[0]}"]`)).toContainText(SKIPPED_TEXT)
  await expect(table.getByText(SKIPPED_TEXT)).toHaveCount(4)
  // The export keeps the reason, so a skipped checksum is not taken for one that was never seen.
  const [csvDownload] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'Export CSV' }).click()])
  const csvLines = (await readFile((await csvDownload.path())!, 'utf8')).split('\r\n')
  expect(lowered(csvLines.filter((line) => line.endsWith(`,${SKIPPED_TEXT}`)).map((line) => line.split(',')[0]!))).toEqual(lowered(rest))
  await popup.getByRole('button', { name: 'Look up the skipped 4' }).click()
  await expect.poll(() => lowered(simulator.lookedUpHashes())).toEqual(lowered([...REPORT_HASHES, ...CHECKSUMS]))
  await expect.poll(() => markedCount(page, 'idle')).toBe(0)
  await expect(popup.getByRole('button', { name: /Look up the skipped/ })).toHaveCount(0)
})

test('in "on hover" mode, resting on a skipped checksum asks nothing; on a sample it looks that one up', async ({ context, configure, pages, simulator, serviceWorker }) => {
  await configure()
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { lookupMode: 'hover' } }))
  const sample = makeHash(1320, 64, '0')
  const page = await context.newPage()
  await page.goto(pages.serve('hover-lock.html', `<!doctype html><body style="font: 16px monospace; padding: 40px">
    <p>Dropper SHA-256: ${sample}</p><pre>${escapeHtml(LOCKFILE)}</pre></body>`))
  await expect.poll(() => markedCount(page, 'idle')).toBe(6)
  await hoverText(page, CHECKSUMS[1]!)
  await expect.poll(async () => (await readCard(page))?.text ?? '').toContain(SKIPPED_TEXT)
  await page.waitForTimeout(600)
  expect(simulator.lookupRequests()).toHaveLength(0)
  // The sample sits above the lockfile, clear of the card shown below the checksum.
  await hoverText(page, sample)
  await expect.poll(() => simulator.lookedUpHashes().map((hash) => hash.toLowerCase())).toEqual([sample])
})

test('a trusted site gets every hash of its lockfile looked up', async ({ context, configure, pages, simulator, serviceWorker }) => {
  await configure()
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { trustedSites: ['127.0.0.1'] } }))
  const page = await context.newPage()
  await page.goto(pages.serve('trusted-lock.html', LOCKFILE_PAGE))
  await expect.poll(() => lowered(simulator.lookedUpHashes())).toEqual(lowered(CHECKSUMS))
  expect(await markedCount(page, 'idle')).toBe(0)
})

test('a kind switched off in Options is looked up like any hash', async ({ context, configure, pages, simulator, serviceWorker, openExtensionPage }) => {
  await configure()
  const options = await openExtensionPage('src/options/options.html')
  const group = options.getByRole('group', { name: /^Not looked up automatically/ })
  await group.getByLabel('Dependency checksums (Cargo.lock, pinned requirements, other lockfiles)').uncheck()
  await options.getByRole('button', { name: 'Save' }).click()
  await expect(options.getByTestId('options-result')).toHaveText('Saved.')
  const stored = await serviceWorker.evaluate(async () => (await chrome.storage.local.get('settings')).settings)
  expect(stored).toEqual({ skipNotSamples: { 'dependency-checksum': false } })
  const page = await context.newPage()
  await page.goto(pages.serve('unticked-lock.html', LOCKFILE_PAGE))
  await expect.poll(() => lowered(simulator.lookedUpHashes())).toEqual(lowered(CHECKSUMS))
})

test('the page cannot press a skipped hash\'s Look up: synthetic clicks and keys over the card spend nothing, the user\'s click does', async ({ context, configure, pages, simulator }) => {
  await configure()
  const page = await context.newPage()
  await page.goto(pages.serve('Cargo-hostile.lock.html', LOCKFILE_PAGE))
  await expect.poll(() => markedCount(page, 'idle')).toBe(5)
  const [first] = CHECKSUMS as [string, ...string[]]
  await hoverText(page, first)
  await expect.poll(async () => (await readCard(page))?.buttons ?? []).toContain('Look up')

  // The page aims clicks, pointer presses and Enter/Space at every element it did not make, all over the card's area.
  const aimed = await page.evaluate(() => {
    const own = new Set([document.documentElement, document.head, document.body, ...document.querySelectorAll('body *')])
    const hosts = [...document.querySelectorAll('*')].filter((element) => !own.has(element))
    let events = 0
    for (let y = 0; y < innerHeight; y += 6) {
      for (let x = 0; x < innerWidth; x += 12) {
        const target = document.elementFromPoint(x, y)
        if (target === null || own.has(target)) continue
        const init = { bubbles: true, composed: true, clientX: x, clientY: y }
        for (const type of ['pointerdown', 'pointerup']) target.dispatchEvent(new PointerEvent(type, init))
        for (const type of ['mousedown', 'mouseup', 'click']) target.dispatchEvent(new MouseEvent(type, init))
        events += 1
      }
    }
    for (const host of hosts) {
      // An open root would hand the page the buttons themselves.
      for (const button of host.shadowRoot?.querySelectorAll('button') ?? []) button.click()
      ;(host as HTMLElement).click()
      for (const key of ['Enter', ' ']) host.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }))
    }
    return { hosts: hosts.length, events }
  })
  // It found HashLens's hosts and hit them: the attempt was made where a real click would land.
  expect(aimed.hosts).toBeGreaterThan(0)
  expect(aimed.events).toBeGreaterThan(0)
  await page.waitForTimeout(1000)
  expect(simulator.lookupRequests()).toEqual([])

  await clickCardButton(page, 'Look up')
  await expect.poll(() => lowered(simulator.lookedUpHashes())).toEqual(lowered([first]))
})
