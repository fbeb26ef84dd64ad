/**
 * What the user sees of download checks (issue 16): the details page, and Options' permission flow.
 *
 * The details page in the normal build reads checks the test seeds where the worker keeps them (storage.session,
 * `downloadChecks`, background/download-check-store.ts): no download is checked there, as the permissions are optional
 * and nothing in automation answers their prompt. Delete file needs a real download on disk: that test loads the
 * downloads-required build (dist-downloads), the only one where a download is checked.
 *
 * Chromium in automation, measured here: permissions.request made within a user gesture opens the browser's prompt,
 * which nothing answers (the promise stays pending: no grant, no refusal), and one made outside a gesture is rejected
 * ("This function must be called during a user gesture"). So a grant through the prompt is not testable; that a real
 * click asks (no refusal, the box waiting off) and that a refusal leaves the box off with its sentence are.
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Page, Worker } from '@playwright/test'
import { test, expect, makeHash } from './fixtures.ts'
import { DOWNLOADS_DIST, extensionIdOf, launchWithExtension } from '../support/chromium.ts'
import { canWriteChromiumPolicy, installExtensionPolicy } from '../support/chromium-policy.ts'
import { CHECK_FILES_PATH } from '../../src/shared/check-files-page.ts'
import { DOWNLOAD_DETAILS_PATH, type DownloadCheck } from '../../src/shared/download-checks.ts'

const OPTIONS_PATH = 'src/options/options.html'
/** Where the worker notes that it asked (background/download-permission.ts, which imports the polyfill: not loadable here). */
const DOWNLOAD_PERMISSION_ASKED_KEY = 'downloadPermissionAsked'
const MALICIOUS_SHA256 = makeHash(1601, 64, '0')

const CHECKED: DownloadCheck = {
  id: 41, fileName: 'setup<script>.exe', url: 'https://files.example/get?name=<b>setup</b>', bytes: 3_145_851, mime: 'application/x-msdownload',
  completedAt: Date.UTC(2026, 11, 4, 18, 30), step: 'done',
  hashes: { md5: makeHash(1602, 32, '0'), sha1: makeHash(1603, 40, '0'), sha256: MALICIOUS_SHA256 },
  state: { state: 'verdict', verdict: { hash: MALICIOUS_SHA256, type: 'sha256', classification: 'MALICIOUS', sampleHashes: {}, checkedAt: 0 } },
}
const NOT_CHECKED: DownloadCheck = {
  id: 42, fileName: 'report.pdf', url: 'blob:https://mail.example/6f1c', bytes: 52_000, mime: 'application/pdf',
  completedAt: Date.UTC(2026, 11, 4, 18, 45), step: 'not-checked', notChecked: { reason: 'no-url' },
}

/** As the worker's store keeps them: newest first. */
async function seedChecks(serviceWorker: Worker, checks: DownloadCheck[]): Promise<void> {
  await serviceWorker.evaluate((kept) => chrome.storage.session.set({ downloadChecks: kept }), checks)
}

async function violationsOn(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.help}\n` +
    violation.nodes.map((node) => `  ${node.target.join(' ')}: ${node.failureSummary?.replace(/\n/g, ' ')}`).join('\n'))
}

test.describe('the details page', () => {
  test('a download not checked: the reason\'s sentence, and "Check a file…" opening the Check files page', async ({ context, serviceWorker, openExtensionPage, extensionId }) => {
    await seedChecks(serviceWorker, [NOT_CHECKED, CHECKED])
    const page = await openExtensionPage(DOWNLOAD_DETAILS_PATH, `?id=${NOT_CHECKED.id}`)
    await expect(page.getByRole('heading', { name: 'report.pdf' })).toBeVisible()
    await expect(page.locator('[data-not-checked] .hl-error')).toHaveText(/^Could not check this download: .+/)
    await expect(page.locator('[data-download-hash]')).toHaveCount(0)
    await expect(page).toHaveTitle('HashLens — downloads')

    const opened = context.waitForEvent('page')
    await page.getByRole('button', { name: 'Check a file…' }).click()
    const checkFiles = await opened
    await expect(checkFiles).toHaveURL(`chrome-extension://${extensionId}/${CHECK_FILES_PATH}`)
    await expect(checkFiles.getByRole('button', { name: 'Files', exact: true })).toBeVisible()
    // The details stay where they were.
    await expect(page.locator('[data-not-checked]')).toBeVisible()
  })

  test('a checked download: name and address as text, the hashes, the verdict in the detail view; the list links each check', async ({ serviceWorker, openExtensionPage, configure }) => {
    await configure()
    await seedChecks(serviceWorker, [NOT_CHECKED, CHECKED])
    const page = await openExtensionPage(DOWNLOAD_DETAILS_PATH, `?id=${CHECKED.id}`)
    // The verdict in the detail view comes from the engine: looked up here as the worker's check would have.
    await page.evaluate((hash) => chrome.runtime.sendMessage({ type: 'lookup', hashes: [hash] }), MALICIOUS_SHA256)
    await expect(page.getByRole('heading', { name: CHECKED.fileName })).toBeVisible()
    await expect(page.locator('#app script, #app b')).toHaveCount(0)
    await expect(page.getByText(CHECKED.url)).toBeVisible()
    await expect(page.locator('[data-download-hash]')).toHaveText([CHECKED.hashes!.md5, CHECKED.hashes!.sha1, MALICIOUS_SHA256])
    await expect(page.locator(`[data-details-hash="${MALICIOUS_SHA256}"] .hl-badge`)).toHaveText('Malicious')
    await expect(page.getByRole('button', { name: 'Copy SHA-256' })).toBeVisible()

    await page.getByRole('link', { name: 'All recent downloads' }).click()
    await expect(page.getByRole('heading', { name: 'Recent downloads' })).toBeVisible()
    const rows = page.locator('[data-download-row]')
    await expect(rows.getByRole('link')).toHaveText(['report.pdf', CHECKED.fileName])
    await expect(rows.nth(0)).toContainText('Not checked')
    await rows.getByRole('link', { name: CHECKED.fileName }).click()
    await expect(page).toHaveURL(new RegExp(`\\?id=${CHECKED.id}$`))
    await expect(page.getByRole('heading', { name: CHECKED.fileName })).toBeVisible()
  })

  test('follows the worker live: a check hashing when the page opened shows its hashes once the worker says it changed', async ({ serviceWorker, openExtensionPage }) => {
    await seedChecks(serviceWorker, [{ ...CHECKED, step: 'hashing', bytesHashed: 1_000_000, hashes: undefined, state: undefined }])
    const page = await openExtensionPage(DOWNLOAD_DETAILS_PATH, `?id=${CHECKED.id}`)
    await expect(page.getByRole('progressbar')).toBeVisible()
    // The worker's push after it stored a change (download-checks.ts), sent from the worker itself.
    await seedChecks(serviceWorker, [CHECKED])
    await serviceWorker.evaluate((id) => chrome.runtime.sendMessage({ type: 'download-checks-changed', id }).catch(() => undefined), CHECKED.id)
    await expect(page.getByRole('progressbar')).toHaveCount(0)
    await expect(page.locator('[data-download-hash="sha256"]')).toHaveText(MALICIOUS_SHA256)
  })

  test('opened for a check no longer kept: says so, and lists the recent ones', async ({ serviceWorker, openExtensionPage }) => {
    await seedChecks(serviceWorker, [CHECKED])
    const page = await openExtensionPage(DOWNLOAD_DETAILS_PATH, '?id=7')
    await expect(page.locator('[data-download-not-kept]')).toBeVisible()
    await expect(page.locator('[data-download-row]')).toHaveCount(1)
  })

  for (const scheme of ['light', 'dark'] as const) {
    test(`has no axe violations (${scheme}): a verdict, the delete question, a download not checked, the list`, async ({ serviceWorker, openExtensionPage, configure }) => {
      await configure()
      await seedChecks(serviceWorker, [NOT_CHECKED, CHECKED])
      const page = await openExtensionPage(DOWNLOAD_DETAILS_PATH, `?id=${CHECKED.id}`)
      await page.emulateMedia({ colorScheme: scheme })
      await page.evaluate((hash) => chrome.runtime.sendMessage({ type: 'lookup', hashes: [hash] }), MALICIOUS_SHA256)
      await expect(page.locator(`[data-details-hash="${MALICIOUS_SHA256}"] .hl-badge`)).toHaveText('Malicious')
      await page.getByRole('button', { name: 'Delete file' }).click()
      await expect(page.getByRole('button', { name: 'Keep it' })).toBeFocused()
      expect(await violationsOn(page)).toEqual([])
      for (const query of [`?id=${NOT_CHECKED.id}`, '']) {
        await page.goto(page.url().replace(/\?.*$/, '') + query)
        await expect(page.locator(query ? '[data-not-checked]' : '[data-download-row]').first()).toBeVisible()
        expect(await violationsOn(page), query || 'the list').toEqual([])
      }
    })
  }
})

test.describe('Options: "Check downloads" and its permissions (optional in this build)', () => {
  const box = (page: Page) => page.getByRole('checkbox', { name: 'Check downloads' })

  test('a real click asks the browser: its prompt opens (nothing answers it here), and the box waits off, refusing nothing', async ({ openExtensionPage }) => {
    const page = await openExtensionPage(OPTIONS_PATH)
    await box(page).click()
    // Asked after an await, Chromium would have refused at once, and the page would say so.
    await page.waitForTimeout(1500)
    await expect(page.locator('[data-permission-refused]')).toHaveCount(0)
    await expect(box(page)).not.toBeChecked()
    expect(await page.evaluate(() => chrome.permissions.contains({ permissions: ['downloads', 'notifications'] }))).toBe(false)
  })

  test('refused (here: a click with no user gesture, which Chromium refuses), the box stays off and the page says why; Save keeps it off', async ({ openExtensionPage, serviceWorker }) => {
    const page = await openExtensionPage(OPTIONS_PATH)
    await expect(box(page)).toBeVisible()
    // Past the transient activation Playwright's evaluate grants (about 5 s in Chromium): a click no user made.
    await page.evaluate(() => new Promise<void>((resolve) => setTimeout(() => {
      // The Downloads section's first box is "Check downloads".
      document.querySelector<HTMLInputElement>('fieldset#downloads input[type="checkbox"]')!.click()
      resolve()
    }, 6000)))
    await expect(page.locator('[data-permission-refused]')).toHaveText(
      'Download checks stay off: HashLens was not allowed to read your downloads and show notifications.')
    await expect(box(page)).not.toBeChecked()
    await expect(box(page)).toHaveAccessibleDescription(/HashLens was not allowed/)
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByTestId('options-result')).toHaveText('Saved.')
    expect(await serviceWorker.evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { checkDownloads?: boolean } | undefined)?.checkDownloads)).toBeUndefined()
  })

  test('on without the permissions (removed in the browser\'s settings): the page says so beside Allow, which asks within its click', async ({ openExtensionPage, serviceWorker }) => {
    await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { checkDownloads: true } }))
    const page = await openExtensionPage(OPTIONS_PATH)
    await expect(box(page)).toBeChecked()
    const notice = page.locator('[data-permission-missing]')
    await expect(notice).toContainText('Download checks are on, but HashLens may not read your downloads or show notifications')
    await notice.getByRole('button', { name: 'Allow' }).click()
    await page.waitForTimeout(1500)
    // The prompt is open, unanswered: the notice stays, as the box does.
    await expect(notice).toBeVisible()
    await expect(box(page)).toBeChecked()
  })
})

test.describe('policy turns the checks on', () => {
  test.skip(!canWriteChromiumPolicy(), 'Writing Chromium machine policy needs root (/etc/chromium/policies/managed)')

  test('HashLens asks once: Options opens at Downloads with the organisation\'s sentence and Allow, and not again after the worker restarts', async () => {
    const policy = installExtensionPolicy({ checkDownloads: true })
    const context = await launchWithExtension({ dist: policy.dist })
    try {
      expect(await extensionIdOf(context)).toBe(policy.extensionId)
      const isAsking = (page: Page) => page.url().endsWith(`/${OPTIONS_PATH}#downloads`)
      // Chromium answers storage.managed seconds after it starts: the ask follows that answer.
      await expect.poll(() => context.pages().filter(isAsking).length, { timeout: 20_000 }).toBe(1)
      const asking = context.pages().find(isAsking)!
      const notice = asking.locator('[data-permission-missing]')
      await expect(notice).toHaveText(/^Your organisation turned on download checks\. Allow HashLens to read your downloads and show notifications\./)
      await expect(notice.getByRole('button', { name: 'Allow' })).toBeInViewport()
      await expect(asking.getByRole('checkbox', { name: 'Check downloads' })).toBeDisabled()
      await expect(asking.getByRole('checkbox', { name: 'Check downloads' })).toBeChecked()

      const worker = context.serviceWorkers()[0]!
      expect(await worker.evaluate((key) => chrome.storage.local.get(key), DOWNLOAD_PERMISSION_ASKED_KEY)).toEqual({ [DOWNLOAD_PERMISSION_ASKED_KEY]: true })
      // A new worker reads the policy again (service-worker.ts, at its start): it must not ask a second time.
      const cdp = await context.newCDPSession(asking)
      await cdp.send('ServiceWorker.enable')
      await cdp.send('ServiceWorker.stopAllWorkers')
      await asking.reload()
      await expect(asking.getByRole('checkbox', { name: 'Check downloads' })).toBeChecked()
      await asking.waitForTimeout(6000)
      expect(context.pages().filter(isAsking)).toHaveLength(1)
    } finally {
      await context.close()
      policy.remove()
    }
  })
})

test.describe('in the build where downloads are checked', () => {
  test.use({ extensionDist: DOWNLOADS_DIST })

  test('Delete file on the details page removes the downloaded file from disk', async ({ context, serviceWorker, configure, pages, openExtensionPage }) => {
    await configure()
    await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { checkDownloads: true } }))
    const fileUrl = pages.serve('tool.exe', randomBytes(150_000), { 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment; filename="tool.exe"' })
    const page = await context.newPage()
    await page.goto(pages.serve('tool.html', `<!doctype html><a id="get" href="${fileUrl}">Download</a>`))
    const started = page.waitForEvent('download')
    await page.click('#get')
    await (await started).path()
    const [item] = await serviceWorker.evaluate(() => chrome.downloads.search({}))
    expect(existsSync(item!.filename)).toBe(true)
    await expect.poll(async () => (await serviceWorker.evaluate(async () => (await chrome.storage.session.get('downloadChecks')).downloadChecks as DownloadCheck[] | undefined))?.[0]?.step,
      { timeout: 20_000 }).toBe('done')

    const details = await openExtensionPage(DOWNLOAD_DETAILS_PATH, `?id=${item!.id}`)
    await expect(details.locator('[data-download-hash="sha256"]')).toHaveText(/^[0-9a-f]{64}$/)
    await details.getByRole('button', { name: 'Delete file' }).click()
    await expect(details.locator('[data-download-confirm]')).toContainText('from your disk? This cannot be undone.')
    expect(existsSync(item!.filename)).toBe(true)
    await details.getByRole('button', { name: 'Delete', exact: true }).click()
    await expect(details.locator('[data-download-delete-result]')).toHaveText('The file was deleted from your disk.')
    expect(existsSync(item!.filename)).toBe(false)
    await expect(details.getByRole('button', { name: 'Delete file' })).toBeDisabled()
    await expect(details.getByRole('button', { name: 'Show in folder' })).toBeDisabled()
  })

  test('Options: with the permissions held, the box turns on at a click, no prompt', async ({ openExtensionPage }) => {
    const page = await openExtensionPage(OPTIONS_PATH)
    await page.getByRole('checkbox', { name: 'Check downloads' }).click()
    await expect(page.getByRole('checkbox', { name: 'Check downloads' })).toBeChecked()
    await expect(page.locator('[data-permission-refused], [data-permission-missing]')).toHaveCount(0)
  })
})
