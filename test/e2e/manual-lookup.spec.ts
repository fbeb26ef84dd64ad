import { test, expect, makeHash } from './fixtures.ts'

test('manual lookup of mixed MD5, SHA-1 and SHA-256 gives a verdict per row, Unknown and Not found included', async ({ openExtensionPage, configure, simulator }) => {
  await configure()
  const md5Malicious = makeHash(1, 32, '0')
  const sha1Suspicious = makeHash(2, 40, '4')
  const sha1Unknown = makeHash(3, 40, 'a')
  const sha256Known = makeHash(4, 64, '7')
  const sha256NotFound = makeHash(5, 64, 'c')
  const tooShort = makeHash(6, 32, '0').slice(0, 31)
  const notHex = `${makeHash(7, 40, '1').slice(0, 39)}g`

  const popup = await openExtensionPage('src/popup/popup.html')
  await popup.getByLabel('Hashes').fill(
    `Dropper md5=${md5Malicious.toUpperCase()}, loader sha1:${sha1Suspicious}\n` +
    `(${sha1Unknown}); "${sha256Known}"; /file/${sha256NotFound}/ broken ${tooShort} and ${notHex}`)
  await popup.getByRole('button', { name: 'Look up' }).click()

  const results = popup.getByRole('table', { name: 'Manual lookup results' })
  const expected: [string, string][] = [
    [md5Malicious, 'Malicious'], [sha1Suspicious, 'Suspicious'], [sha1Unknown, 'Unknown'],
    [sha256Known, 'Known'], [sha256NotFound, 'Not found'],
  ]
  for (const [hash, label] of expected) {
    await expect(results.locator(`tr[data-hash="${hash}"] .hl-badge`)).toHaveText(label)
  }
  await expect(results.locator(`tr[data-hash="${md5Malicious}"]`)).toContainText('MD5')
  await expect(results.locator(`tr[data-hash="${sha256Known}"]`)).toContainText('SHA-256')

  const invalid = popup.getByLabel('Not valid hashes')
  await expect(invalid).toContainText(tooShort)
  await expect(invalid).toContainText('31 hex digits')
  await expect(invalid).toContainText(notHex)

  const asked = simulator.lookedUpHashes().map((hash) => hash.toLowerCase())
  expect(asked.sort()).toEqual(expected.map(([hash]) => hash).sort())
  for (const request of simulator.requests) {
    expect(request.path).not.toContain(tooShort)
    expect(request.path).not.toContain(notHex)
  }
})

test('a repeat lookup is served from the cache with no request, also after reopening the popup', async ({ openExtensionPage, configure, simulator }) => {
  await configure()
  const hashes = [makeHash(11, 40, '0'), makeHash(12, 40, '7'), makeHash(13, 40, 'c')]
  const popup = await openExtensionPage('src/popup/popup.html')
  await popup.getByLabel('Hashes').fill(hashes.join('\n'))
  await popup.getByRole('button', { name: 'Look up' }).click()
  const results = popup.getByRole('table', { name: 'Manual lookup results' })
  await expect(results.locator(`tr[data-hash="${hashes[2]}"] .hl-badge`)).toHaveText('Not found')
  expect(simulator.lookupRequests()).toHaveLength(1)
  expect(simulator.lookupRequests()[0]!.endpoint).toBe('bulk')

  await popup.close()
  const again = await openExtensionPage('src/popup/popup.html')
  await again.getByLabel('Hashes').fill(hashes.join(' '))
  await again.getByRole('button', { name: 'Look up' }).click()
  const rows = again.getByRole('table', { name: 'Manual lookup results' })
  await expect(rows.locator(`tr[data-hash="${hashes[0]}"] .hl-badge`)).toHaveText('Malicious')
  await expect(rows.locator(`tr[data-hash="${hashes[2]}"] .hl-badge`)).toHaveText('Not found')
  expect(simulator.lookupRequests()).toHaveLength(1)
})

test('the popup says "Not configured" and links to Options before credentials are set', async ({ openExtensionPage, simulator }) => {
  const popup = await openExtensionPage('src/popup/popup.html')
  await expect(popup.getByRole('status').first()).toContainText('Not configured')
  await expect(popup.getByRole('link', { name: 'Open Options' })).toBeVisible()
  await popup.getByLabel('Hashes').fill(makeHash(1, 40, '0'))
  await popup.getByRole('button', { name: 'Look up' }).click()
  await expect(popup.locator('.hl-badge').first()).toHaveText('Error')
  expect(simulator.requests).toHaveLength(0)
})

test('the popup shows today\'s use against the limit, and it moves with HashLens\'s own lookups', async ({ openExtensionPage, configure }) => {
  await configure()
  const popup = await openExtensionPage('src/popup/popup.html')
  await expect(popup.getByTestId('quota-usage')).toHaveText('0 of 10,000 lookups today')
  await popup.getByLabel('Hashes').fill([makeHash(21, 40, '0'), makeHash(22, 40, '7'), makeHash(23, 40, 'c')].join(' '))
  await popup.getByRole('button', { name: 'Look up' }).click()
  // Two records come back (the not-found hash is left out and not charged).
  await expect(popup.getByTestId('quota-usage')).toHaveText('2 of 10,000 lookups today')
  const options = await openExtensionPage('src/options/options.html')
  await expect(options.getByTestId('quota-usage')).toHaveText('2 of 10,000 lookups today')
})
