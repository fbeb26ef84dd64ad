/**
 * axe-core on the popup, the options page and the hover card, light and dark: no violation of any impact. The card's
 * root is closed, so axe runs on the card mounted in a test page; in a real page it is read through Chromium's
 * accessibility tree. Where axe cannot look (generated text's contrast) or has no rule (a live region ticking every
 * second), tests check directly.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { test, expect, makeHash } from './fixtures.ts'
import type { FixtureServer } from './fixture-server.ts'
import type { HashState, Verdict } from '../../src/shared/verdict.ts'
import { CARD_LABEL, cardText, readCard } from '../support/card.ts'
import { cardMountHtml, mountCard, MOUNTED_CARD_HOST } from '../support/card-mount.ts'
import { launchChromium } from '../support/chromium.ts'
import { CHECK_FILES_PATH } from '../../src/shared/check-files-page.ts'

const SCHEMES = ['light', 'dark'] as const

function describeViolations(results: Awaited<ReturnType<AxeBuilder['analyze']>>): string[] {
  return results.violations.map((violation) =>
    `${violation.id} (${violation.impact}): ${violation.help}\n` +
    violation.nodes.map((node) => `  ${node.target.join(' ')}: ${node.failureSummary?.replace(/\n/g, ' ')}`).join('\n'))
}

async function violationsOn(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page })
  if (include) builder.include(include)
  return describeViolations(await builder.analyze())
}

/** One hash per verdict; the simulator's verdict follows the last digit. */
const CARD_VERDICTS: [string, string][] = [
  [makeHash(1710, 64, '0'), 'Malicious'], [makeHash(1711, 64, '4'), 'Suspicious'], [makeHash(1712, 40, '7'), 'Known'],
  [makeHash(1713, 40, 'a'), 'Unknown'], [makeHash(1714, 32, 'c'), 'Not found'],
]

const SHA256 = makeHash(1715, 64, '0')
const verdict = (classification: Verdict['classification'], facts: Partial<Verdict> = {}): HashState =>
  ({ state: 'verdict', verdict: { hash: SHA256, type: 'sha256', classification, sampleHashes: {}, checkedAt: 0, ...facts } })
/** Every state the card can show, each with all the facts it lists. */
const CARD_STATES: [string, HashState][] = [
  ['Malicious', verdict('MALICIOUS', { threatName: 'Win32.Trojan.Emotet', threatLevel: 5, scannerMatch: 44, scannerCount: 47, firstSeen: '2021-03-04T05:06:07Z', lastSeen: '2024-11-12T00:00:00Z' })],
  ['Suspicious', verdict('SUSPICIOUS', { threatName: 'Script.Trojan.Heuristic', threatLevel: 2, scannerMatch: 3, scannerCount: 47 })],
  ['Known', verdict('KNOWN', { trustFactor: 1, scannerCount: 30, scannerMatch: 0, firstSeen: '2012-03-05T00:00:00Z' })],
  ['Unknown', verdict('UNKNOWN')],
  ['Not found', verdict('NOT_FOUND')],
  ['Looking up', { state: 'pending' }],
  ['Not looked up', { state: 'idle', stoppedBy: { budget: 'site', site: 'example.com', resetsAt: Date.UTC(2030, 0, 2) } }],
  ['Error', { state: 'error', error: 'timeout' }],
]

/** The card mounted with an open root in a test page, in a browser without HashLens (which would scan that root). */
async function withMountPage(pages: FixtureServer, scheme: 'light' | 'dark', use: (page: Page) => Promise<void>): Promise<void> {
  const browser = await launchChromium({ dist: null })
  try {
    const page = await browser.newPage()
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto(pages.serve(`card-mount-${scheme}.html`, await cardMountHtml()))
    await use(page)
  } finally {
    await browser.close()
  }
}

/** Text in the mounted card whose contrast with its background is below WCAG AA (its words are generated content). */
async function lowContrastTextInCard(page: Page): Promise<string[]> {
  return page.evaluate((hostSelector) => {
    const root = document.querySelector(hostSelector)!.shadowRoot!
    const parse = (color: string): number[] => (color.match(/[\d.]+/g) ?? []).map(Number)
    const luminance = ([r, g, b]: number[]) => {
      const channel = (c: number) => { const v = c / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4 }
      return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!)
    }
    const backgroundOf = (element: Element | null): number[] => {
      for (let at = element; at; at = at.parentElement) {
        const rgba = parse(getComputedStyle(at).backgroundColor)
        if ((rgba[3] ?? 1) > 0) return rgba
      }
      return [255, 255, 255]
    }
    const failures: string[] = []
    let checked = 0
    for (const element of root.querySelectorAll<HTMLElement>('*')) {
      const ownText = element.dataset.text ?? [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join('').trim()
      if (!ownText || !element.checkVisibility()) continue
      checked++
      const style = getComputedStyle(element)
      const [l1, l2] = [luminance(parse(style.color)), luminance(backgroundOf(element))].sort((a, b) => b - a)
      const ratio = (l1! + 0.05) / (l2! + 0.05)
      const size = parseFloat(style.fontSize)
      const isLarge = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700)
      if (ratio < (isLarge ? 3 : 4.5)) failures.push(`"${ownText.slice(0, 30)}" ${style.color} on ${getComputedStyle(element).backgroundColor} = ${ratio.toFixed(2)}:1`)
    }
    if (checked < 4) failures.push(`only ${checked} texts found in the card`)
    return failures
  }, MOUNTED_CARD_HOST)
}

for (const scheme of SCHEMES) {
  test.describe(`${scheme} colour scheme`, () => {
    test('the popup with a page\'s results and a manual lookup has no axe violations', async ({ context, configure, pages, serviceWorker, openExtensionPage }) => {
      await configure()
      const page = await context.newPage()
      const url = pages.serve('a11y-popup.html', `<!doctype html><p>${[
        makeHash(1700, 64, '0'), makeHash(1701, 64, '4'), makeHash(1702, 40, '7'), makeHash(1703, 40, 'a'), makeHash(1704, 32, 'c'),
      ].join(' ')}</p>`)
      await page.goto(url)
      const tabId = await serviceWorker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]!.id!, url)
      // The popup lists what the worker knows of the tab when it opens: wait for the page's report
      // (the toolbar badge is set once its verdicts are in).
      await expect.poll(() => serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).not.toBe('')
      const popup = await openExtensionPage('src/popup/popup.html', `?tab=${tabId}`)
      await popup.emulateMedia({ colorScheme: scheme })
      const table = popup.getByRole('table', { name: 'Hashes on this page' })
      await expect(table.locator('.hl-badge', { hasText: 'Not found' })).toHaveCount(1)
      await expect(table.locator('.hl-badge', { hasText: 'Unknown' })).toHaveCount(1)
      await popup.getByRole('textbox', { name: 'Hashes', exact: true }).fill(`${makeHash(1705, 64, '1')} ${makeHash(1706, 40, '5')} not-a-hash-${'a'.repeat(31)}`)
      await popup.getByRole('button', { name: 'Look up' }).click()
      await expect(popup.getByRole('table', { name: 'Manual lookup results' }).locator('.hl-badge', { hasText: 'Suspicious' })).toHaveCount(1)
      expect(await violationsOn(popup)).toEqual([])
    })

    test('the side panel with a page\'s results has no axe violations', async ({ context, configure, pages, serviceWorker, openExtensionPage }) => {
      await configure()
      const page = await context.newPage()
      const url = pages.serve('a11y-panel.html', `<!doctype html><p>${[makeHash(1710, 64, '0'), makeHash(1711, 40, '7'), makeHash(1712, 32, 'c')].join(' ')}</p>`)
      await page.goto(url)
      const tabId = await serviceWorker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]!.id!, url)
      const panel = await openExtensionPage('src/panel/panel.html', `?tab=${tabId}`)
      await panel.emulateMedia({ colorScheme: scheme })
      await expect(panel.getByRole('table', { name: 'Hashes on this page' }).locator('.hl-badge', { hasText: 'Not found' })).toHaveCount(1)
      // The list's search, sort, a ticked row with "Clear selection", and the usage meter are all checked.
      await expect(panel.getByRole('meter', { name: 'Lookups used' })).toBeVisible()
      await panel.getByRole('checkbox', { name: `Select ${makeHash(1711, 40, '7')}` }).check()
      await expect(panel.getByRole('button', { name: 'Clear selection' })).toBeVisible()
      expect(await violationsOn(panel)).toEqual([])
    })

    test('the Check files page with a hashed, a cancelled and a hashing file has no axe violations', async ({ openExtensionPage, configure }) => {
      await configure()
      const folder = await mkdtemp(path.join(tmpdir(), 'hashlens-a11y-'))
      try {
        const files = [['small.bin', 4096], ['cancelled.iso', 300 * 1024 * 1024], ['large.iso', 300 * 1024 * 1024]] as const
        for (const [name, size] of files) await writeFile(path.join(folder, name), Buffer.alloc(size, 7))
        const page = await openExtensionPage(CHECK_FILES_PATH)
        await page.emulateMedia({ colorScheme: scheme })
        const chooser = page.waitForEvent('filechooser')
        await page.getByRole('button', { name: 'Files', exact: true }).click()
        await (await chooser).setFiles(files.map(([name]) => path.join(folder, name)))
        const rows = page.locator('[data-file-row]')
        await expect(rows.nth(0).locator('.hl-badge')).not.toHaveText('Not looked up')
        await rows.nth(1).getByRole('button', { name: 'Cancel' }).click()
        await expect(rows.nth(2)).toHaveAttribute('data-phase', 'hashing')
        expect(await violationsOn(page)).toEqual([])
      } finally {
        await rm(folder, { recursive: true, force: true })
      }
    })

    test('the options page has no axe violations', async ({ openExtensionPage, configure }) => {
      await configure()
      const options = await openExtensionPage('src/options/options.html')
      await options.emulateMedia({ colorScheme: scheme })
      await expect(options.getByLabel('Username')).not.toHaveValue('')
      await options.getByRole('button', { name: 'Test connection' }).click()
      await expect(options.getByTestId('options-result')).toContainText('OK')
      expect(await violationsOn(options)).toEqual([])
    })

    test('the hover card has no axe violations, in every state', async ({ pages }) => {
      await withMountPage(pages, scheme, async (page) => {
        for (const [label, state] of CARD_STATES) {
          await mountCard(page, SHA256, 'sha256', state)
          expect(await violationsOn(page, MOUNTED_CARD_HOST), label).toEqual([])
        }
      })
    })

    // axe does not measure generated content, which holds the card's words (hover-card.ts), so this does: text colour
    // against the nearest opaque background in the card, WCAG AA (4.5:1; 3:1 for large text).
    test('the hover card\'s text meets WCAG AA contrast, in every state', async ({ pages }) => {
      await withMountPage(pages, scheme, async (page) => {
        const failures: string[] = []
        for (const [label, state] of CARD_STATES) {
          await mountCard(page, SHA256, 'sha256', state)
          failures.push(...(await lowContrastTextInCard(page)).map((failure) => `${label}: ${failure}`))
        }
        expect(failures).toEqual([])
      })
    })
  })
}

test('the card in a page is a labelled dialog in the accessibility tree, naming each verdict and its buttons', async ({ context, configure, pages }) => {
  await configure()
  const page = await context.newPage()
  await page.goto(pages.serve('a11y-card.html', `<!doctype html><html lang="en"><title>Report</title>
    <body style="font: 16px monospace; padding: 40px"><main>${
  CARD_VERDICTS.map(([hash], i) => `<p id="h${i}" style="margin-bottom: 260px">${hash}</p>`).join('')}</main></body></html>`))
  for (const [hash, label] of CARD_VERDICTS) {
    // Away from any hash first, so the previous card closes.
    await page.mouse.move(1, 1)
    await expect.poll(() => readCard(page)).toBeNull()
    const target = page.locator('p', { hasText: hash })
    await target.scrollIntoViewIfNeeded()
    const box = (await target.boundingBox())!
    await page.mouse.move(box.x + 30, box.y + box.height / 2)
    await expect.poll(() => cardText(page)).toContain(hash)
    const card = (await readCard(page))!
    expect(card.label).toBe(CARD_LABEL)
    expect(card.text.split('\n')[0], label).toBe(label)
    expect(card.buttons).toEqual(['Look up again', 'Copy', 'Details'])
  }
})

test('a retry countdown is shown but not announced every second', async ({ openExtensionPage, configure, simulator }) => {
  await configure()
  simulator.inject({ kind: 'rate-limit', times: 3 })
  const popup = await openExtensionPage('src/popup/popup.html')
  await popup.getByRole('textbox', { name: 'Hashes', exact: true }).fill(makeHash(1720, 40, '0'))
  await popup.getByRole('button', { name: 'Look up' }).click()
  const live = popup.getByRole('status').first()
  await expect(live).toContainText('Rate limited — retrying')
  // The seconds stay on screen, outside what assistive technology reads from the live region.
  await expect(live.locator('[aria-hidden="true"]')).toHaveText(/^ in \d+ seconds?$/)
  await expect(popup.locator('.hl-status-headline')).toHaveText(/^Rate limited — retrying in \d+ seconds?$/)
})
