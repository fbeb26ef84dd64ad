/** Through Chromium's real machine-policy path (test/support/chromium-policy.ts); a policy password never reaches a page. */
import { test as base, expect, makeHash } from './fixtures.ts'
import { DEMO_PASSWORD, DEMO_USERNAME } from '../simulator/spectra-simulator.ts'
import { extensionIdOf, launchWithExtension } from '../support/chromium.ts'
import { canWriteChromiumPolicy, installExtensionPolicy } from '../support/chromium-policy.ts'

const test = base.extend({
  // The policy names the simulator's port, so it is written once the simulator runs, before Chromium starts.
  context: async ({ simulator }, use) => {
    const policy = installExtensionPolicy({
      apiHost: simulator.url,
      username: DEMO_USERNAME,
      password: DEMO_PASSWORD,
      lookupMode: 'hover',
      perPageCap: 5,
      idleSites: ['intranet.example'],
      // The deployed key, and today's list: the Spectra Analyze pivot first, then the managed pivots, once.
      analyzeUrlTemplate: 'https://analyze.example/sample/{hash}',
      pivots: [
        { name: 'VirusTotal', urlTemplate: 'https://www.virustotal.com/gui/file/{hash}' },
        { name: 'Again', urlTemplate: 'https://analyze.example/sample/{hash}' },
        { name: 'Hostile', urlTemplate: 'javascript:alert("{hash}")' },
      ],
    })
    try {
      const context = await launchWithExtension({ dist: policy.dist })
      expect(await extensionIdOf(context), 'the policy must name the id Chromium gave the extension').toBe(policy.extensionId)
      // The options tab that opens on install may take over a blank tab opened meanwhile
      // (Chromium reuses a blank tab for it): let it open first.
      await expect.poll(() => context.pages().some((page) => page.url().endsWith('/src/options/options.html'))).toBe(true)
      // Chromium answers storage.managed seconds after it starts; until then the worker applies
      // its last copy, and a fresh profile has none. Wait for the worker to have the answer.
      const worker = context.serviceWorkers()[0]!
      await expect.poll(() => worker.evaluate(async () => ((await chrome.storage.local.get('managedPolicy')).managedPolicy as { username?: string } | undefined)?.username),
        { timeout: 20_000 }).toBe(DEMO_USERNAME)
      await use(context)
      await context.close()
    } finally {
      policy.remove()
    }
  },
})

test.skip(!canWriteChromiumPolicy(), 'Writing Chromium machine policy needs root (/etc/chromium/policies/managed)')

test('the options page shows policy values disabled, the username but never the password', async ({ openExtensionPage, simulator }) => {
  const options = await openExtensionPage('src/options/options.html')
  await expect(options.getByLabel('Username')).toHaveValue(DEMO_USERNAME)
  await expect(options.getByLabel('Username')).toBeDisabled()
  await expect(options.getByLabel('Password')).toHaveValue('')
  await expect(options.getByLabel('Password')).toBeDisabled()
  await expect(options.getByLabel('API host')).toHaveValue(simulator.url)
  await expect(options.getByLabel('API host')).toBeDisabled()
  await expect(options.getByLabel('Automatic lookups per page')).toHaveValue('5')
  await expect(options.getByLabel('Automatic lookups per page')).toBeDisabled()
  await expect(options.getByLabel('Sites where HashLens stays idle')).toHaveValue('intranet.example')
  await expect(options.getByLabel('Sites where HashLens stays idle')).toBeDisabled()
  await expect(options.getByLabel('Name of pivot 1')).toHaveValue('Spectra Analyze')
  await expect(options.getByLabel('URL template of pivot 1')).toHaveValue('https://analyze.example/sample/{hash}')
  await expect(options.getByLabel('Name of pivot 2')).toHaveValue('VirusTotal')
  await expect(options.getByLabel('Name of pivot 3')).toHaveCount(0)
  for (const field of ['Name of pivot 1', 'URL template of pivot 1', 'Name of pivot 2', 'URL template of pivot 2']) await expect(options.getByLabel(field)).toBeDisabled()
  await expect(options.getByRole('button', { name: 'Add a pivot' })).toHaveCount(0)
  // The policy's hostile entry is left out alone, and the page says so (its duplicate of the Spectra Analyze link is merged).
  await expect(options.getByTestId('pivot-policy-problems')).toHaveText('Pivot 3 left out: The URL template must start with https:// or http://.')
  await expect(options.getByRole('button', { name: /^Remove pivot/ })).toHaveCount(0)
  await expect(options.getByRole('radio', { name: /On hover only/ })).toBeChecked()
  for (const radio of await options.getByRole('radiogroup', { name: 'Lookup mode' }).getByRole('radio').all()) await expect(radio).toBeDisabled()
  // Settings the policy leaves alone stay the user's, radios too.
  for (const radio of await options.getByRole('radiogroup', { name: 'Notify for' }).getByRole('radio').all()) await expect(radio).toBeEnabled()
  await expect(options.getByText('Set by your organisation')).toHaveCount(7)
  // The note is the disabled field's description, so a screen reader says why it is locked.
  await expect(options.getByLabel('Username')).toHaveAccessibleDescription('Set by your organisation')
  // Fields without policy stay the user's.
  await expect(options.getByLabel('Request timeout (seconds)')).toBeEnabled()
  expect(await options.content()).not.toContain(DEMO_PASSWORD)

  // The worker uses the account from policy: ready without anything entered, and it connects.
  await expect(options.locator('[data-status]')).toHaveAttribute('data-status', 'ready')
  await options.getByRole('button', { name: 'Test connection' }).click()
  await expect(options.getByTestId('options-result')).toContainText(`OK — connected to ${simulator.url} as ${DEMO_USERNAME}`)
})

test('chrome://policy shows the username set by policy but masks the password (sensitiveValue)', async ({ context }) => {
  const page = await context.newPage()
  await page.goto('chrome://policy')
  // The page may render before the extension's policy has loaded, and does not always redraw.
  await expect(async () => {
    await page.getByRole('button', { name: 'Reload policies' }).click()
    await expect(page.getByText(DEMO_USERNAME).first()).toBeVisible({ timeout: 1000 })
  }).toPass()
  await expect(page.getByText(DEMO_PASSWORD)).toHaveCount(0)
})

test('Save keeps the user\'s own settings, and never stores values or the password from policy', async ({ openExtensionPage, serviceWorker }) => {
  const options = await openExtensionPage('src/options/options.html')
  await options.getByLabel('Request timeout (seconds)').fill('45')
  await options.getByRole('button', { name: 'Save' }).click()
  await expect(options.getByTestId('options-result')).toHaveText('Saved.')

  const stored = await serviceWorker.evaluate(async () => chrome.storage.local.get(['settings', 'credentials']))
  // Only what the user changed is stored: the user's own defaults stay implied, no policy value is written.
  expect(stored.settings).toEqual({ timeoutSeconds: 45 })
  expect(JSON.stringify(stored)).not.toContain(DEMO_PASSWORD)
})

test('the worker refuses changes to fields set by policy', async ({ openExtensionPage }) => {
  const options = await openExtensionPage('src/options/options.html')
  await expect(options.getByLabel('Username')).toBeDisabled()
  const answers = await options.evaluate(async () => {
    const report = await chrome.runtime.sendMessage({ type: 'get-options' })
    return {
      managed: report.managed,
      cap: await chrome.runtime.sendMessage({ type: 'save-settings', settings: { ...report.settings, perPageCap: 500 } }),
      idle: await chrome.runtime.sendMessage({ type: 'set-site-idle', site: 'example.org', idle: true }),
      pivots: await chrome.runtime.sendMessage({ type: 'save-settings', settings: { ...report.settings, pivots: [] } }),
      username: await chrome.runtime.sendMessage({ type: 'save-credentials', username: 'u/other/me', password: '', apiHost: report.apiHost }),
      password: await chrome.runtime.sendMessage({ type: 'save-credentials', username: report.username, password: 'guess', apiHost: report.apiHost }),
      host: await chrome.runtime.sendMessage({ type: 'test-connection', username: report.username, password: '', apiHost: 'https://evil.example' }),
    }
  })
  expect(answers.managed.sort()).toEqual(['apiHost', 'idleSites', 'lookupMode', 'password', 'perPageCap', 'pivots', 'username'])
  expect(answers.cap).toEqual({ ok: false, error: expect.stringContaining('automatic lookups per page is set by your organisation') })
  expect(answers.idle).toEqual({ ok: false, error: expect.stringContaining('set by your organisation') })
  expect(answers.pivots).toEqual({ ok: false, error: 'The pivots are set by your organisation and cannot be changed here.' })
  expect(answers.username).toEqual({ ok: false, error: expect.stringContaining('username is set by your organisation') })
  expect(answers.password).toEqual({ ok: false, error: expect.stringContaining('password is set by your organisation') })
  expect(answers.host).toMatchObject({ ok: false, problem: { kind: 'invalid-account', refusal: expect.stringContaining('API host is set by your organisation') } })
})

test('lookups use the account set by policy', async ({ openExtensionPage, simulator }) => {
  const hash = makeHash(41, 64, '0')
  const popup = await openExtensionPage('src/popup/popup.html')
  await popup.getByLabel('Hashes').fill(hash)
  await popup.getByRole('button', { name: 'Look up' }).click()
  await expect(popup.getByRole('table', { name: 'Manual lookup results' }).locator('.hl-badge')).toHaveText('Malicious')
  expect(simulator.lookupRequests().map((request) => request.username)).toEqual([DEMO_USERNAME])
})
