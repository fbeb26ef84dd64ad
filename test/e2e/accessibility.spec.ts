/**
 * axe-core on the popup, the options page and the hover card, light and dark: no violation of any impact. Where axe
 * cannot look (contrast inside the card) or has no rule (a live region ticking every second), tests check directly.
 */
import AxeBuilder from '@axe-core/playwright'
import type { BrowserContext, Page } from '@playwright/test'
import { test, expect, makeHash } from './fixtures.ts'
import type { FixtureServer } from './fixture-server.ts'

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

/** One hash per card state; the simulator's verdict follows the last digit. */
const CARD_VERDICTS: [string, string][] = [
  [makeHash(1710, 64, '0'), 'Malicious'], [makeHash(1711, 64, '4'), 'Suspicious'], [makeHash(1712, 40, '7'), 'Known'],
  [makeHash(1713, 40, 'a'), 'Unknown'], [makeHash(1714, 32, 'c'), 'Not found'],
]


async function openCardPage(context: BrowserContext, configure: () => Promise<void>, pages: FixtureServer, scheme: 'light' | 'dark'): Promise<Page> {
  await configure()
  const page = await context.newPage()
  await page.emulateMedia({ colorScheme: scheme })
  await page.goto(pages.serve('a11y-card.html', `<!doctype html><html lang="en"><title>Report</title>
    <body style="font: 16px monospace; padding: 40px"><main>${
  CARD_VERDICTS.map(([hash], i) => `<p id="h${i}" style="margin-bottom: 260px">${hash}</p>`).join('')}</main></body></html>`))
  return page
}

async function hoverCard(page: Page, hash: string, label: string): Promise<void> {
  const card = page.locator('hashlens-card-host [role="dialog"]')
  // Away from any hash first, so the previous card closes.
  await page.mouse.move(1, 1)
  await expect(card).toBeHidden()
  const target = page.locator('p', { hasText: hash })
  await target.scrollIntoViewIfNeeded()
  const box = (await target.boundingBox())!
  await page.mouse.move(box.x + 30, box.y + box.height / 2)
  await expect(card).toContainText(hash)
  await expect(card).toContainText(label)
}

/** Text in the card whose contrast with its background is below WCAG AA. */
async function lowContrastTextInCard(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('hashlens-card-host')!.shadowRoot!
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
    for (const element of root.querySelectorAll('*')) {
      const ownText = [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join('').trim()
      if (!ownText || (element as HTMLElement).offsetParent === null && getComputedStyle(element).position !== 'fixed') continue
      const style = getComputedStyle(element)
      const [l1, l2] = [luminance(parse(style.color)), luminance(backgroundOf(element))].sort((a, b) => b - a)
      const ratio = (l1! + 0.05) / (l2! + 0.05)
      const size = parseFloat(style.fontSize)
      const isLarge = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700)
      if (ratio < (isLarge ? 3 : 4.5)) failures.push(`"${ownText.slice(0, 30)}" ${style.color} on ${getComputedStyle(element).backgroundColor} = ${ratio.toFixed(2)}:1`)
    }
    return failures
  })
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

    test('the options page has no axe violations', async ({ openExtensionPage, configure }) => {
      await configure()
      const options = await openExtensionPage('src/options/options.html')
      await options.emulateMedia({ colorScheme: scheme })
      await expect(options.getByLabel('Username')).not.toHaveValue('')
      await options.getByRole('button', { name: 'Test connection' }).click()
      await expect(options.getByTestId('options-result')).toContainText('OK')
      expect(await violationsOn(options)).toEqual([])
    })

    test('the hover card has no axe violations, for every verdict', async ({ context, configure, pages }) => {
      const page = await openCardPage(context, configure, pages, scheme)
      for (const [hash, label] of CARD_VERDICTS) {
        await hoverCard(page, hash, label)
        expect(await violationsOn(page, 'hashlens-card-host'), label).toEqual([])
      }
    })

    // axe reports the card's colour contrast as "cannot be determined" (the card sits in a
    // zero-size fixed host), so this measures it: text colour against the nearest opaque
    // background in the card, WCAG AA (4.5:1; 3:1 for large text).
    test('the hover card\'s text meets WCAG AA contrast, for every verdict', async ({ context, configure, pages }) => {
      const page = await openCardPage(context, configure, pages, scheme)
      const failures: string[] = []
      for (const [hash, label] of CARD_VERDICTS) {
        await hoverCard(page, hash, label)
        failures.push(...(await lowContrastTextInCard(page)).map((failure) => `${label}: ${failure}`))
      }
      expect(failures).toEqual([])
    })
  })
}

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
