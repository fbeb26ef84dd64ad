/** Issue 11, point 5: a 429 without the rate-limit body is a quota stop only when `limits` agrees. */
import { test, expect, makeHash } from './fixtures.ts'
import type { Page } from '@playwright/test'

async function lookUp(popup: Page, hashes: string[]): Promise<void> {
  await popup.getByLabel('Hashes').fill(hashes.join('\n'))
  await popup.getByRole('button', { name: 'Look up' }).click()
}

function badge(popup: Page, hash: string) {
  return popup.getByRole('table', { name: 'Manual lookup results' }).locator(`tr[data-hash="${hash}"] .hl-badge`)
}

test('a 429 without the rate-limit body while limits says not exceeded is retried with backoff, with no pause', async ({ openExtensionPage, configure, simulator }) => {
  await configure()
  simulator.inject({ kind: 'quota-exhausted', times: 2 })
  const popup = await openExtensionPage('src/popup/popup.html')
  const hashes = [makeHash(1, 40, '0'), makeHash(2, 40, '7'), makeHash(3, 40, 'a')]
  await lookUp(popup, hashes)
  await expect(badge(popup, hashes[0]!)).toHaveText('Malicious', { timeout: 20_000 })
  await expect(badge(popup, hashes[1]!)).toHaveText('Known')
  await expect(badge(popup, hashes[2]!)).toHaveText('Unknown')
  await expect(popup.getByRole('status').first()).toContainText('Ready')

  const lookups = simulator.lookupRequests()
  expect(lookups.map((r) => r.status)).toEqual([429, 429, 200])
  // Each 429 was checked with limits before the retry, and the retries waited out a growing backoff.
  // (The popup's usage figure may ask limits too: only what follows the first lookup counts.)
  const asked = simulator.requests.filter((r) => r.endpoint === 'bulk' || r.endpoint === 'limits').map((r) => r.endpoint)
  expect(asked.slice(asked.indexOf('bulk'))).toEqual(['bulk', 'limits', 'bulk', 'limits', 'bulk'])
  const gaps = lookups.slice(1).map((r, i) => r.at - lookups[i]!.at)
  gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(1000 * 2 ** i / 2 - 50))
  const engineState = await popup.evaluate(async () => (await chrome.storage.local.get('engineState')).engineState as { quotaPause: unknown })
  expect(engineState.quotaPause).toBeNull()
})

test('with limits exceeded: paused until the reset; "Check again now" resumes once the quota is restored', async ({ openExtensionPage, configure, simulator }) => {
  await configure()
  simulator.setQuotaExhausted(true)
  const popup = await openExtensionPage('src/popup/popup.html')
  const hashes = [makeHash(1, 40, '0'), makeHash(2, 40, '7')]
  await lookUp(popup, hashes)
  const now = new Date()
  const reset = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)).toISOString()
  const status = popup.getByRole('status').first()
  await expect(status).toContainText(`Quota exhausted until ${reset.slice(0, 10)} 00:00 UTC`)
  expect(simulator.lookupRequests()).toHaveLength(1)

  // Still spent: the check asks limits, which says so, and nothing is sent.
  const checkAgain = popup.getByRole('button', { name: 'Check again now' })
  await checkAgain.click()
  await expect(checkAgain).toBeEnabled()
  await expect(status).toContainText('Quota exhausted until')
  expect(simulator.requests.filter((r) => r.endpoint === 'limits').length).toBeGreaterThanOrEqual(2)
  expect(simulator.lookupRequests()).toHaveLength(1)

  simulator.setQuotaExhausted(false)
  await checkAgain.click()
  await expect(badge(popup, hashes[0]!)).toHaveText('Malicious')
  await expect(badge(popup, hashes[1]!)).toHaveText('Known')
  await expect(status).toContainText('Ready')
  await expect(checkAgain).toHaveCount(0)
})
