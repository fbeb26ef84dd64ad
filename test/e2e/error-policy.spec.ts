import { test, expect, makeHash } from './fixtures.ts'
import { saveAccountInOptions } from '../support/options-form.ts'
import type { Page } from '@playwright/test'

async function lookUp(popup: Page, hashes: string[]): Promise<void> {
  await popup.getByLabel('Hashes').fill(hashes.join('\n'))
  await popup.getByRole('button', { name: 'Look up' }).click()
}

function badge(popup: Page, hash: string) {
  return popup.getByRole('table', { name: 'Manual lookup results' }).locator(`tr[data-hash="${hash}"] .hl-badge`)
}

test('a 401 stops lookups after one request, and saving correct credentials resumes them', async ({ openExtensionPage, configure, simulator }) => {
  await configure({ password: 'not-the-password' })
  const popup = await openExtensionPage('src/popup/popup.html')
  const first = [makeHash(1, 40, '0'), makeHash(2, 40, '7')]
  await lookUp(popup, first)
  await expect(popup.getByRole('status').first()).toContainText('Wrong credentials')
  expect(simulator.lookupRequests()).toHaveLength(1)
  expect(simulator.lookupRequests()[0]!.status).toBe(401)

  // More lookups while stopped send nothing at all.
  const second = [makeHash(3, 32, '0')]
  await lookUp(popup, second)
  await expect(badge(popup, second[0]!)).toHaveText('Error')
  await popup.waitForTimeout(2000)
  expect(simulator.lookupRequests()).toHaveLength(1)

  await saveAccountInOptions(await openExtensionPage('src/options/options.html'), simulator.url)

  await popup.bringToFront()
  await expect(badge(popup, second[0]!)).toHaveText('Malicious')
  await lookUp(popup, first)
  await expect(badge(popup, first[0]!)).toHaveText('Malicious')
  await expect(badge(popup, first[1]!)).toHaveText('Known')
  await expect(popup.getByRole('status').first()).toContainText('Ready')
  // Every waiting hash went out once after the fix.
  const afterFix = simulator.lookupRequests().slice(1).flatMap((r) => r.hashes)
  expect(afterFix.sort()).toEqual([...first, ...second].sort())
})

test('a quota 429 stops all requests and the popup says when the quota resets', async ({ openExtensionPage, configure, simulator }) => {
  await configure()
  simulator.setQuotaExhausted(true)
  const popup = await openExtensionPage('src/popup/popup.html')
  await lookUp(popup, [makeHash(1, 40, '0'), makeHash(2, 40, '4')])
  const now = new Date()
  const reset = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)).toISOString()
  await expect(popup.getByRole('status').first()).toContainText(`Quota exhausted until ${reset.slice(0, 10)} 00:00 UTC`)
  expect(simulator.lookupRequests()).toHaveLength(1)

  await lookUp(popup, [makeHash(3, 64, '0')])
  await expect(badge(popup, makeHash(3, 64, '0'))).toHaveText('Error')
  await popup.waitForTimeout(2000)
  expect(simulator.lookupRequests()).toHaveLength(1)
})

test('rate-limit 429s are retried with growing gaps and every hash still gets its verdict', async ({ openExtensionPage, configure, simulator }) => {
  await configure()
  simulator.inject({ kind: 'rate-limit', times: 3 })
  const popup = await openExtensionPage('src/popup/popup.html')
  const hashes = [makeHash(1, 40, '0'), makeHash(2, 40, '7'), makeHash(3, 40, 'a')]
  await lookUp(popup, hashes)
  await expect(popup.getByRole('status').first()).toContainText('Rate limited')
  await expect(badge(popup, hashes[0]!)).toHaveText('Malicious', { timeout: 20_000 })
  await expect(badge(popup, hashes[1]!)).toHaveText('Known')
  await expect(badge(popup, hashes[2]!)).toHaveText('Unknown')

  const requests = simulator.lookupRequests()
  expect(requests.map((r) => r.status)).toEqual([429, 429, 429, 200])
  // Equal jitter: the n-th gap lies between half and all of 2^(n-1) seconds (plus a little latency).
  const gaps = requests.slice(1).map((r, i) => r.at - requests[i]!.at)
  gaps.forEach((gap, i) => {
    const step = 1000 * 2 ** i
    expect(gap).toBeGreaterThanOrEqual(step / 2 - 50)
    expect(gap).toBeLessThanOrEqual(step + 500)
  })
  expect(gaps[2]!).toBeGreaterThan(gaps[0]!)
})

test('a 403 stops lookups and names the entitlement', async ({ openExtensionPage, configure, simulator }) => {
  await configure()
  simulator.inject({ kind: 'forbidden' })
  const popup = await openExtensionPage('src/popup/popup.html')
  await lookUp(popup, [makeHash(1, 32, '0')])
  await expect(popup.getByRole('status').first()).toContainText('Not entitled')
  await expect(popup.getByRole('status').first()).toContainText('TCA-0101')
  await popup.waitForTimeout(1500)
  expect(simulator.lookupRequests()).toHaveLength(1)
})
