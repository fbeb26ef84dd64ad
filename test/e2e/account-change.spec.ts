import { test, expect, makeHash } from './fixtures.ts'

test('Save in Options with only the timeout changed keeps an exhausted-quota pause and sends nothing', async ({ openExtensionPage, configure, simulator, serviceWorker }) => {
  await configure()
  // The quota is spent, for every request from now on: 429s without the rate-limit body, and limits agrees.
  simulator.setQuotaExhausted(true)
  const popup = await openExtensionPage('src/popup/popup.html')
  const hashes = [makeHash(1, 40, '0'), makeHash(2, 40, '7')]
  await popup.getByLabel('Hashes').fill(hashes.join('\n'))
  await popup.getByRole('button', { name: 'Look up' }).click()
  await expect(popup.getByRole('status').first()).toContainText('Quota exhausted until')
  expect(simulator.lookupRequests()).toHaveLength(1)

  const options = await openExtensionPage('src/options/options.html')
  const status = options.locator('.hl-status')
  await expect(status).toHaveAttribute('data-status', 'quota-exhausted')
  // The account fields stay as loaded (the password field empty: "keep the stored one").
  await expect(options.getByLabel('Username')).not.toHaveValue('')
  await options.getByLabel('Request timeout (seconds)').fill('45')
  await options.getByRole('button', { name: 'Save' }).click()
  await expect(options.getByTestId('options-result')).toHaveText('Saved.')
  const settings = await serviceWorker.evaluate(async () => (await chrome.storage.local.get('settings')).settings as { timeoutSeconds: number })
  expect(settings.timeoutSeconds).toBe(45)

  await expect(status).toHaveAttribute('data-status', 'quota-exhausted')
  await expect(status.getByRole('status')).toContainText('Quota exhausted until')
  // The hashes still wait for the reset: a lifted pause would have sent them at once.
  await options.waitForTimeout(2000)
  await popup.bringToFront()
  await expect(popup.getByRole('status').first()).toContainText('Quota exhausted until')
  expect(simulator.lookupRequests()).toHaveLength(1)
})
