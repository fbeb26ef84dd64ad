/**
 * Pivots (issue 14, item 4): set in Options with inline checks, one card button each, and links in the panel's detail
 * view. The worker fills and opens each URL: the page learns no template and names only the pivot's place.
 */
import type { Page, Worker } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { test, expect, makeHash } from './fixtures.ts'
import { markedCount } from '../support/marks.ts'
import { clickCardButton, readCard } from '../support/card.ts'

const HASH = makeHash(2401, 40, '0')

async function tabIdOf(page: Page, serviceWorker: Worker): Promise<number> {
  return serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1, page.url())
}

test('two pivots set in Options: the card shows both, the second opens its URL, and the detail view links both', async ({
  context, configure, pages, openExtensionPage, serviceWorker, tools,
}) => {
  await configure()
  tools.serve('sample', '<!doctype html><title>Analyze</title>')
  tools.serve('tool', '<!doctype html><title>Tool</title>')
  const ANALYZE = `${tools.url}/sample?h={hash}`
  const TOOLS = `${tools.url}/tool?type={type}&hash={hash}&from=hashlens`
  const toolsUrl = `${tools.url}/tool?type=sha1&hash=${HASH}&from=hashlens`

  // Options: none by default, two rows added, each checked as it is typed.
  const options = await openExtensionPage('src/options/options.html')
  await expect(options.getByText('No pivots.')).toBeVisible()
  await options.getByRole('button', { name: 'Add a pivot' }).click()
  await options.getByRole('button', { name: 'Add a pivot' }).click()
  await options.getByLabel('Name of pivot 1').fill('Spectra Analyze')
  await options.getByLabel('URL template of pivot 1').fill(ANALYZE)
  await options.getByLabel('Name of pivot 2').fill('Tools')
  await options.getByLabel('URL template of pivot 2').fill('javascript:alert("{hash}")')
  await expect(options.getByLabel('URL template of pivot 2')).toHaveAccessibleDescription('The URL template must start with https:// or http://.')
  await expect(options.getByLabel('URL template of pivot 2')).toHaveAttribute('aria-invalid', 'true')
  await expect(options.getByLabel('URL template of pivot 1')).not.toHaveAttribute('aria-invalid')
  // Rows, their buttons and a problem said under one, in light and dark.
  for (const colorScheme of ['light', 'dark'] as const) {
    await options.emulateMedia({ colorScheme })
    expect((await new AxeBuilder({ page: options }).analyze()).violations.map((violation) => violation.id), colorScheme).toEqual([])
  }
  await options.getByRole('button', { name: 'Save' }).click()
  await expect(options.getByTestId('options-result')).toHaveText('Not saved. Check: Pivots.')
  await options.getByLabel('URL template of pivot 2').fill('https://tools.example/search')
  await expect(options.getByLabel('URL template of pivot 2')).toHaveAccessibleDescription('The URL template must contain {hash}.')
  await options.getByLabel('URL template of pivot 2').fill(TOOLS)
  await expect(options.getByLabel('URL template of pivot 2')).not.toHaveAttribute('aria-invalid')
  // A third row left empty is left out, not refused.
  await options.getByRole('button', { name: 'Add a pivot' }).click()
  await options.getByRole('button', { name: 'Save' }).click()
  await expect(options.getByTestId('options-result')).toHaveText('Saved.')
  expect((await serviceWorker.evaluate(async () => chrome.storage.local.get('settings'))).settings).toEqual({
    pivots: [{ name: 'Spectra Analyze', urlTemplate: ANALYZE }, { name: 'Tools', urlTemplate: TOOLS }],
  })
  await expect(options.getByLabel('Name of pivot 3')).toHaveCount(0)

  // The card: one button per pivot, after its own three.
  const page = await context.newPage()
  await page.goto(pages.serve('pivots.html', `<!doctype html><body style="font: 16px monospace; padding: 40px"><p id="h">${HASH}</p></body>`))
  await expect.poll(() => markedCount(page)).toBe(1)
  const box = (await page.locator('#h').boundingBox())!
  await page.mouse.move(box.x + 30, box.y + box.height / 2)
  await expect.poll(async () => (await readCard(page))?.buttons).toEqual(['Look up again', 'Copy', 'Details', 'Open in Spectra Analyze', 'Open in Tools'])

  const opened = context.waitForEvent('page')
  await clickCardButton(page, 'Open in Tools')
  const toolPage = await opened
  await toolPage.waitForLoadState()
  expect(toolPage.url()).toBe(toolsUrl)
  expect(await toolPage.evaluate(() => [window.opener === null, document.referrer])).toEqual([true, ''])

  // The side panel's detail view for that hash: a link per pivot, filled by the worker.
  const panel = await openExtensionPage('src/panel/panel.html', `?tab=${await tabIdOf(page, serviceWorker)}&hash=${HASH}`)
  const pivots = panel.getByRole('navigation', { name: 'Pivots' })
  await expect(pivots.getByRole('link')).toHaveText(['Open in Spectra Analyze', 'Open in Tools'])
  await expect(pivots.getByRole('link', { name: 'Open in Spectra Analyze' })).toHaveAttribute('href', ANALYZE.replace('{hash}', HASH))
  await expect(pivots.getByRole('link', { name: 'Open in Tools' })).toHaveAttribute('rel', 'noopener noreferrer')
  expect((await new AxeBuilder({ page: panel }).analyze()).violations.map((violation) => violation.id)).toEqual([])
  const fromPanel = context.waitForEvent('page')
  await pivots.getByRole('link', { name: 'Open in Tools' }).click()
  expect((await fromPanel).url()).toBe(toolsUrl)
})

test('with no pivots, the card has no pivot button and the detail view no pivot section', async ({ context, configure, pages, openExtensionPage, serviceWorker }) => {
  await configure()
  const page = await context.newPage()
  await page.goto(pages.serve('no-pivots.html', `<!doctype html><body style="font: 16px monospace; padding: 40px"><p id="h">${HASH}</p></body>`))
  await expect.poll(() => markedCount(page)).toBe(1)
  const box = (await page.locator('#h').boundingBox())!
  await page.mouse.move(box.x + 30, box.y + box.height / 2)
  await expect.poll(async () => (await readCard(page))?.buttons).toEqual(['Look up again', 'Copy', 'Details'])
  const panel = await openExtensionPage('src/panel/panel.html', `?tab=${await tabIdOf(page, serviceWorker)}&hash=${HASH}`)
  await expect(panel.getByRole('region', { name: 'Details' })).toContainText('Threat name')
  await expect(panel.getByRole('navigation', { name: 'Pivots' })).toHaveCount(0)
})
