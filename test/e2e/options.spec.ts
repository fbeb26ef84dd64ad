import { test, expect } from './fixtures.ts'
import { DEMO_PASSWORD, DEMO_USERNAME } from '../simulator/spectra-simulator.ts'
import { saveAccountInOptions } from '../support/options-form.ts'

test.use({ simulatorOptions: { users: { [DEMO_USERNAME]: DEMO_PASSWORD, 'u/other/analyst': 'other-password' }, forbiddenUsers: ['u/other/analyst'] } })

test('the options page opens by itself on first install', async ({ context, extensionId }) => {
  await expect.poll(() => context.pages().map((p) => p.url()), { timeout: 10_000 })
    .toContain(`chrome-extension://${extensionId}/src/options/options.html`)
})

test('Test connection says plainly what came back: OK, wrong credentials, not entitled, unreachable', async ({ openExtensionPage, simulator }) => {
  const options = await openExtensionPage('src/options/options.html')
  const result = options.getByTestId('options-result')
  await options.getByLabel('API host').fill(simulator.url)

  await options.getByLabel('Username').fill(DEMO_USERNAME)
  await options.getByLabel('Password').fill(DEMO_PASSWORD)
  await options.getByRole('button', { name: 'Test connection' }).click()
  await expect(result).toContainText('OK')
  await expect(result).toContainText('lookups used today')

  await options.getByLabel('Password').fill('wrong-password')
  await options.getByRole('button', { name: 'Test connection' }).click()
  await expect(result).toContainText('Wrong credentials')

  await options.getByLabel('Username').fill('u/other/analyst')
  await options.getByLabel('Password').fill('other-password')
  await options.getByRole('button', { name: 'Test connection' }).click()
  await expect(result).toContainText('Not entitled')
  await expect(result).toContainText('u/company/username')

  await options.getByLabel('API host').fill('http://127.0.0.1:9')
  await options.getByRole('button', { name: 'Test connection' }).click()
  await expect(result).toContainText('Unreachable')

  // Test connection only reads the Customer Usage API: nothing is charged to File Reputation.
  expect(simulator.lookupRequests()).toHaveLength(0)
})

test('Save stores the credentials, never shows the password again, and keeps it when left empty', async ({ openExtensionPage, simulator, serviceWorker }) => {
  const options = await openExtensionPage('src/options/options.html')
  await saveAccountInOptions(options, simulator.url)
  await expect(options.getByTestId('options-result')).toHaveText('Saved.')
  await expect(options.getByLabel('Password')).toHaveValue('')
  expect(await options.content()).not.toContain(DEMO_PASSWORD)

  await options.reload()
  await expect(options.getByLabel('Username')).toHaveValue(DEMO_USERNAME)
  await expect(options.getByLabel('Password')).toHaveValue('')
  await expect(options.getByLabel('API host')).toHaveValue(simulator.url)
  expect(await options.content()).not.toContain(DEMO_PASSWORD)

  // An empty password keeps the stored one, so Test connection still works.
  await options.getByRole('button', { name: 'Test connection' }).click()
  await expect(options.getByTestId('options-result')).toContainText('OK')

  const stored = await serviceWorker.evaluate(async () => (await chrome.storage.local.get('credentials')).credentials)
  expect(stored).toEqual({ username: DEMO_USERNAME, password: DEMO_PASSWORD, apiHost: simulator.url })
})

test('changing the API host requires the password again', async ({ openExtensionPage, simulator, configure }) => {
  await configure()
  const options = await openExtensionPage('src/options/options.html')
  await expect(options.getByLabel('API host')).toHaveValue(simulator.url)
  await options.getByLabel('API host').fill('http://localhost:1')
  await options.getByRole('button', { name: 'Save' }).click()
  await expect(options.getByTestId('options-result')).toContainText('enter the password again')
})

test('an API host over plain http to another machine is refused', async ({ openExtensionPage }) => {
  const options = await openExtensionPage('src/options/options.html')
  await options.getByLabel('Username').fill(DEMO_USERNAME)
  await options.getByLabel('Password').fill(DEMO_PASSWORD)
  await options.getByLabel('API host').fill('http://example.com')
  await options.getByRole('button', { name: 'Save' }).click()
  await expect(options.getByTestId('options-result')).toContainText('https://')
})

test('an out-of-range setting is refused with the field named, and nothing is saved', async ({ openExtensionPage, serviceWorker }) => {
  const options = await openExtensionPage('src/options/options.html')
  await options.getByLabel('Automatic lookups per page').fill('0')
  await options.getByRole('button', { name: 'Save' }).click()
  await expect(options.getByTestId('options-result')).toHaveText('Not saved. Check: Automatic lookups per page (1 to 100,000).')
  const stored = await serviceWorker.evaluate(async () => (await chrome.storage.local.get('settings')).settings)
  expect(stored).toBeUndefined()
})
