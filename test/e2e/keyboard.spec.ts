/**
 * The selection shortcut, and the popup and options page by keyboard. Playwright's key presses go to the page, not
 * the browser's shortcuts, so the binding is read (commands.getAll) and the command fired in the worker, as Alt+Shift+H would.
 */
import type { Page } from '@playwright/test'
import { test, expect, makeHash } from './fixtures.ts'
import { markedCount } from '../support/marks.ts'
import { cardText, readCard } from '../support/card.ts'

test('Alt+Shift+H is bound to "lookup-selection"', async ({ serviceWorker }) => {
  const commands = await serviceWorker.evaluate(() => chrome.commands.getAll())
  expect(commands).toContainEqual({ name: 'lookup-selection', shortcut: 'Alt+Shift+H', description: 'Look up the selected text with HashLens' })
})

test('the shortcut looks up the hashes in the selected text, and only those', async ({ context, configure, pages, simulator, serviceWorker, openExtensionPage }) => {
  await configure()
  // Lookups off: only the shortcut may send anything.
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { lookupMode: 'off' } }))
  const selected = makeHash(1500, 64, '0')
  const other = makeHash(1501, 40, '7')
  const page = await context.newPage()
  const url = pages.serve('shortcut.html', `<!doctype html><body><p id="s">Dropper sha256 ${selected}</p><p>${other}</p></body>`)
  await page.goto(url)
  await page.evaluate(() => {
    const range = document.createRange()
    range.selectNodeContents(document.getElementById('s')!)
    getSelection()!.removeAllRanges()
    getSelection()!.addRange(range)
  })
  expect(simulator.lookupRequests()).toHaveLength(0)

  const tabId = await serviceWorker.evaluate(async (pageUrl) => {
    const [tab] = await chrome.tabs.query({ url: pageUrl })
    const onCommand = chrome.commands.onCommand as unknown as { dispatch(command: string, tab: chrome.tabs.Tab | undefined): void }
    onCommand.dispatch('lookup-selection', tab)
    return tab!.id!
  }, url)
  await expect.poll(() => simulator.lookedUpHashes().map((hash) => hash.toLowerCase())).toEqual([selected])
  // The popup lists the looked-up hash with the tab's, with its verdict.
  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
  await expect(popup.getByRole('table', { name: 'Hashes on this page' }).locator(`tr[data-hash="${selected}"] .hl-badge`)).toHaveText('Malicious')
})

test('the shortcut with nothing selected sends nothing', async ({ context, configure, pages, simulator, serviceWorker }) => {
  await configure()
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { lookupMode: 'off' } }))
  const page = await context.newPage()
  const url = pages.serve('nothing-selected.html', `<!doctype html><p>${makeHash(1502, 64, '0')}</p>`)
  await page.goto(url)
  await serviceWorker.evaluate(async (pageUrl) => {
    const [tab] = await chrome.tabs.query({ url: pageUrl })
    const onCommand = chrome.commands.onCommand as unknown as { dispatch(command: string, tab: chrome.tabs.Tab | undefined): void }
    onCommand.dispatch('lookup-selection', tab)
  }, url)
  await page.waitForTimeout(1000)
  expect(simulator.lookupRequests()).toHaveLength(0)
})

test('the hover card is usable by keyboard: Tab reaches its buttons, Enter presses one, Escape closes it', async ({ context, configure, pages, serviceWorker, simulator }) => {
  await configure()
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { lookupMode: 'off' } }))
  const hash = makeHash(1610, 40, '0')
  const page = await context.newPage()
  await page.goto(pages.serve('keyboard-card.html', `<!doctype html><body style="font: 16px monospace; padding: 40px"><p id="h">${hash}</p></body>`))
  await expect.poll(() => markedCount(page)).toBeGreaterThan(0)
  const box = (await page.locator('#h').boundingBox())!
  await page.mouse.move(box.x + 30, box.y + box.height / 2)
  await expect.poll(async () => (await readCard(page))?.buttons).toEqual(['Look up', 'Copy', 'Details'])

  // The page has no control of its own: the card's come first in the tab order.
  await page.keyboard.press('Tab')
  await expect.poll(async () => (await readCard(page))?.focused).toBe('Look up')
  await page.keyboard.press('Tab')
  await expect.poll(async () => (await readCard(page))?.focused).toBe('Copy')
  await page.keyboard.press('Tab')
  await expect.poll(async () => (await readCard(page))?.focused).toBe('Details')
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Enter')
  await expect.poll(() => cardText(page)).toContain('Malicious')
  expect(simulator.lookedUpHashes().map((hash) => hash.toLowerCase())).toEqual([hash])
  await page.keyboard.press('Escape')
  await expect.poll(() => readCard(page)).toBeNull()
})

/** Presses Tab `count` times; for each stop, the control's name and whether a focus ring shows. */
async function tabStops(page: Page, count: number): Promise<{ name: string; ring: boolean }[]> {
  const stops: { name: string; ring: boolean }[] = []
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab')
    stops.push(await page.evaluate(() => {
      const element = document.activeElement as HTMLElement
      const labelled = (element as HTMLInputElement).labels?.[0]
      const name = (element.getAttribute('aria-label') ?? labelled?.textContent ?? element.textContent ?? '').replace(/\s+/g, ' ').trim()
      const style = getComputedStyle(element)
      return { name, ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 }
    }))
  }
  return stops
}

test('the popup is usable by keyboard: every control in reading order, each with a focus ring', async ({ context, configure, pages, serviceWorker, openExtensionPage }) => {
  await configure()
  const page = await context.newPage()
  const onPage = [makeHash(1600, 64, '0'), makeHash(1601, 64, '7'), makeHash(1602, 40, 'c')]
  const url = pages.serve('keyboard-popup.html', `<!doctype html><p>${onPage.join(' ')}</p>`)
  await page.goto(url)
  const tabId = await serviceWorker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]!.id!, url)
  // The popup lists what the worker knows of the tab when it opens: wait for the page's report
  // (the toolbar badge is set once its verdicts are in).
  await expect.poll(() => serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).not.toBe('')
  const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
  const table = popup.getByRole('table', { name: 'Hashes on this page' })
  await expect(table.locator('.hl-badge', { hasText: 'Not found' })).toHaveCount(1)

  const stops = await tabStops(popup, 25)
  expect(stops.map((stop) => stop.name)).toEqual([
    'Options', 'HashLens active on 127.0.0.1', 'All 3', 'Malicious 1', 'Known 1', 'Not found 1', 'Search', 'Sort',
    'Copy all', 'Export CSV', 'Export JSON', 'Export STIX', 'Include page address', 'Select all shown',
    ...onPage.flatMap((hash) => [`Select ${hash}`, hash, 'Details']), 'Hashes', 'Look up',
  ])
  expect(stops.filter((stop) => !stop.ring)).toEqual([])

  // The filter buttons work from the keyboard.
  await popup.getByRole('button', { name: 'Malicious 1' }).focus()
  await popup.keyboard.press('Enter')
  await expect(popup.getByRole('button', { name: 'Malicious 1' })).toHaveAttribute('aria-pressed', 'true')
  await expect(table.locator('tr')).toHaveCount(1)
  await popup.keyboard.press('Shift+Tab')
  await popup.keyboard.press('Space')
  await expect(table.locator('tr')).toHaveCount(3)
})

test.describe('a PE sample', () => {
  const sample = makeHash(1620, 40, '0')
  test.use({ simulatorOptions: { sampleTypes: { [sample]: 'PE32 executable (GUI) Intel 80386, for MS Windows' } } })

  test('the popup\'s detail view by keyboard: Enter on "Details" focuses Back, Tab reaches each "More", Escape and Back return to the row', async ({ context, configure, pages, serviceWorker, openExtensionPage, simulator }) => {
    await configure()
    const page = await context.newPage()
    const url = pages.serve('keyboard-details.html', `<!doctype html><p>${sample}</p>`)
    await page.goto(url)
    const tabId = await serviceWorker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]!.id!, url)
    await expect.poll(() => serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).not.toBe('')
    const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
    const rowDetails = popup.getByRole('table', { name: 'Hashes on this page' }).getByRole('button', { name: 'Details' })
    await expect(popup.locator('.hl-badge', { hasText: 'Malicious' })).toHaveCount(1)

    // The walk of the list reaches the row's "Details"; Enter opens the view with the focus on Back.
    const toDetails = await tabStops(popup, 15)
    expect(toDetails.slice(-3).map((stop) => stop.name)).toEqual([`Select ${sample}`, sample, 'Details'])
    await expect(rowDetails).toBeFocused()
    await popup.keyboard.press('Enter')
    const back = popup.getByRole('button', { name: 'Back to the list' })
    await expect(back).toBeFocused()
    // Back shows at once, the rest when the worker's report is in.
    await expect(popup.getByRole('button', { name: 'Multi-AV history — costs 1 lookup' })).toBeVisible()
    expect(await tabStops(popup, 1)).toEqual([{ name: 'Multi-AV history — costs 1 lookup', ring: true }])
    await popup.keyboard.press('Enter')
    await expect(popup.getByRole('table', { name: 'Detections by engine' })).toBeVisible()
    expect(simulator.detailRequests('xref')).toHaveLength(1)
    // The pressed button gave way to its answer: the walk goes on from there, to RHA1's "More", and back to Back.
    expect(await tabStops(popup, 1)).toEqual([{ name: 'Functionally similar files (RHA1) — costs 1 lookup', ring: true }])
    await popup.keyboard.press('Shift+Tab')
    await expect(back).toBeFocused()

    // Escape returns to the list, on the row's "Details"; Enter opens the view again, and Enter on Back returns too.
    await popup.keyboard.press('Escape')
    await expect(popup.getByRole('region', { name: 'Details' })).toHaveCount(0)
    await expect(rowDetails).toBeFocused()
    await popup.keyboard.press('Enter')
    await expect(back).toBeFocused()
    await expect(popup.getByRole('table', { name: 'Detections by engine' })).toBeVisible()
    await popup.keyboard.press('Enter')
    await expect(rowDetails).toBeFocused()
    expect(simulator.detailRequests('xref')).toHaveLength(1)
  })
})

test('the side panel is usable by keyboard: every control in reading order, each with a focus ring', async ({ context, configure, pages, serviceWorker, openExtensionPage }) => {
  await configure()
  const page = await context.newPage()
  const onPage = [makeHash(1630, 64, '0'), makeHash(1631, 64, '7')]
  const url = pages.serve('keyboard-panel.html', `<!doctype html><p>${onPage.join(' ')}</p>`)
  await page.goto(url)
  const tabId = await serviceWorker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]!.id!, url)
  await expect.poll(() => serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).not.toBe('')
  const panel = await openExtensionPage('src/panel/panel.html', `?tab=${tabId}`)
  const table = panel.getByRole('table', { name: 'Hashes on this page' })
  await expect(table.locator('.hl-badge', { hasText: 'Known' })).toHaveCount(1)
  const stops = await tabStops(panel, 19)
  expect(stops.map((stop) => stop.name)).toEqual([
    'Options', 'HashLens active on 127.0.0.1', 'All 2', 'Malicious 1', 'Known 1', 'Search', 'Sort', 'Copy all', 'Export CSV', 'Export JSON',
    'Export STIX', 'Include page address', 'Select all shown', ...onPage.flatMap((hash) => [`Select ${hash}`, hash, 'Details']),
  ])
  expect(stops.filter((stop) => !stop.ring)).toEqual([])

  // A row ticked by Space: the copy button says so, and "Clear selection" joins the walk after "Select all shown".
  await panel.getByRole('checkbox', { name: `Select ${onPage[1]}` }).focus()
  await panel.keyboard.press('Space')
  await expect(panel.getByRole('button', { name: 'Copy 1 selected' })).toBeVisible()
  await panel.getByRole('button', { name: 'Select all shown' }).focus()
  await panel.keyboard.press('Tab')
  await expect(panel.getByRole('button', { name: 'Clear selection' })).toBeFocused()
  await panel.keyboard.press('Enter')
  await expect(panel.getByRole('button', { name: 'Copy all' })).toBeVisible()

  // Sort by keyboard: the select takes arrow keys; the malicious row comes first.
  await panel.getByLabel('Sort').focus()
  await panel.keyboard.press('ArrowDown')
  await expect.poll(() => table.locator('tr[data-hash]').first().getAttribute('data-hash')).toBe(onPage[0])
  await expect(panel.getByLabel('Sort')).toHaveValue('verdict')

  await panel.getByRole('button', { name: 'Known 1' }).focus()
  await panel.keyboard.press('Enter')
  await expect(table.locator('tr')).toHaveCount(1)
})

test('the options page is usable by keyboard: every control in reading order, each with a focus ring', async ({ openExtensionPage }) => {
  const options = await openExtensionPage('src/options/options.html')
  await expect(options.getByLabel('Username')).toBeVisible()
  const stops = await tabStops(options, 35)
  expect(stops.map((stop) => stop.name)).toEqual([
    'Username', 'Password', 'API host', 'Automatic: look up hashes on every page',
    'Automatic lookups per page', 'Automatic lookups per site per day', 'Automatic lookups per day in total',
    'Trusted sites (no per-site budget)', 'Request timeout (seconds)', 'Sites where HashLens stays idle', 'Add a pivot',
    'Runs of digits only or letters only', 'Runs of mixed upper and lower case',
    'Web-asset fingerprints (main.<hex>.js, .css, .map, fonts)', 'Git commit and object ids in links to code hosts',
    'Dependency checksums (Cargo.lock, pinned requirements, other lockfiles)',
    'Checksums of published downloads (SHA256SUMS files, release pages)', 'Commit, tree and parent ids (git log, code hosts)',
    'Container image digests (image@sha256:…, Digest: lines)', 'Blockchain transaction ids, block hashes and merkle roots',
    'Keys, tokens, certificate fingerprints and other identifiers', 'Byte strings (YARA hex strings, shellcode, dumps)',
    'Web-asset fingerprints in file names and asset manifests',
    'Open PDFs in HashLens',
    'Check downloads', 'Malicious and suspicious downloads, and those that could not be checked', 'Largest download checked (MB)',
    'Skip documents', 'Sites whose downloads are not checked',
    'Keep verdicts (days)', 'Keep unknown and not found (days)', 'Most verdicts kept',
    'Clear cache', 'Save', 'Test connection',
  ])
  expect(stops.filter((stop) => !stop.ring)).toEqual([])

  // The lookup mode is one stop; arrow keys choose within it.
  await options.getByRole('radio', { name: /^Automatic/ }).focus()
  await options.keyboard.press('ArrowDown')
  await expect(options.getByRole('radio', { name: /^On hover only/ })).toBeChecked()
  await expect(options.getByRole('radio', { name: /^On hover only/ })).toBeFocused()
})
