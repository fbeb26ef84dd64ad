/** Only what the user changed is stored (shared/settings-migrations.ts): an install records the form, an update rewrites. */
import { test, expect } from './fixtures.ts'

test('a new install stores no settings, only the form they will be stored in', async ({ serviceWorker }) => {
  await expect.poll(() => serviceWorker.evaluate(async () => chrome.storage.local.get(['settings', 'settingsVersion'])))
    .toEqual({ settingsVersion: 2 })
})

test('an update keeps of the whole object an older version stored only what the user changed', async ({ context, extensionId, serviceWorker, openExtensionPage }) => {
  await expect.poll(() => serviceWorker.evaluate(async () => (await chrome.storage.local.get('settingsVersion')).settingsVersion)).toBe(2)
  await serviceWorker.evaluate(async () => {
    await chrome.storage.local.remove('settingsVersion')
    await chrome.storage.local.set({
      settings: {
        timeoutSeconds: 45, verdictTtlDays: 7, unknownTtlDays: 1, cacheMaxEntries: 100000, lookupMode: 'automatic', perPageCap: 1000,
        idleSites: ['mail.example.com'], analyzeUrlTemplate: 'https://analyze.example/sample/{hash}',
        noiseFilters: { skipSingleClassRuns: true, skipMixedCase: false, skipAssetFingerprints: true, skipGitObjectLinks: true },
      },
    })
  })
  // Reloading an unpacked extension is an update: runtime.onInstalled runs with reason "update".
  const restarted = context.waitForEvent('serviceworker', (worker) => worker.url().includes(extensionId))
  await serviceWorker.evaluate(() => chrome.runtime.reload())
  const worker = await restarted
  await expect.poll(() => worker.evaluate(async () => chrome.storage.local.get(['settings', 'settingsVersion']))).toEqual({
    settings: {
      timeoutSeconds: 45, idleSites: ['mail.example.com'], noiseFilters: { skipMixedCase: false },
      // The deployed Spectra Analyze link, now the first pivot.
      pivots: [{ name: 'Spectra Analyze', urlTemplate: 'https://analyze.example/sample/{hash}' }],
    },
    settingsVersion: 2,
  })
  const options = await openExtensionPage('src/options/options.html')
  await expect(options.getByLabel('Request timeout (seconds)')).toHaveValue('45')
  await expect(options.getByLabel('Automatic lookups per page')).toHaveValue('1000')
  await expect(options.getByLabel('Sites where HashLens stays idle')).toHaveValue('mail.example.com')
  await expect(options.getByRole('checkbox', { name: 'Runs of mixed upper and lower case' })).not.toBeChecked()
  await expect(options.getByLabel('Name of pivot 1')).toHaveValue('Spectra Analyze')
  await expect(options.getByLabel('URL template of pivot 1')).toHaveValue('https://analyze.example/sample/{hash}')
})

test('an update from version 1 makes its Spectra Analyze link the first pivot', async ({ context, extensionId, serviceWorker }) => {
  await expect.poll(() => serviceWorker.evaluate(async () => (await chrome.storage.local.get('settingsVersion')).settingsVersion)).toBe(2)
  await serviceWorker.evaluate(() => chrome.storage.local.set({
    settings: { perPageCap: 50, analyzeUrlTemplate: 'https://a1000.example.com/{hash}/' }, settingsVersion: 1,
  }))
  const restarted = context.waitForEvent('serviceworker', (worker) => worker.url().includes(extensionId))
  await serviceWorker.evaluate(() => chrome.runtime.reload())
  const worker = await restarted
  await expect.poll(() => worker.evaluate(async () => chrome.storage.local.get(['settings', 'settingsVersion']))).toEqual({
    settings: { perPageCap: 50, pivots: [{ name: 'Spectra Analyze', urlTemplate: 'https://a1000.example.com/{hash}/' }] },
    settingsVersion: 2,
  })
})
