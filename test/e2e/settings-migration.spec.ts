/** Only what the user changed is stored (shared/settings-migrations.ts): an install records the form, an update rewrites. */
import { test, expect } from './fixtures.ts'

test('a new install stores no settings, only the form they will be stored in', async ({ serviceWorker }) => {
  await expect.poll(() => serviceWorker.evaluate(async () => chrome.storage.local.get(['settings', 'settingsVersion'])))
    .toEqual({ settingsVersion: 1 })
})

test('an update keeps of the whole object an older version stored only what the user changed', async ({ context, extensionId, serviceWorker, openExtensionPage }) => {
  await expect.poll(() => serviceWorker.evaluate(async () => (await chrome.storage.local.get('settingsVersion')).settingsVersion)).toBe(1)
  await serviceWorker.evaluate(async () => {
    await chrome.storage.local.remove('settingsVersion')
    await chrome.storage.local.set({
      settings: {
        timeoutSeconds: 45, verdictTtlDays: 7, unknownTtlDays: 1, cacheMaxEntries: 100000, lookupMode: 'automatic', perPageCap: 1000,
        idleSites: ['mail.example.com'], analyzeUrlTemplate: '',
        noiseFilters: { skipSingleClassRuns: true, skipMixedCase: false, skipAssetFingerprints: true, skipGitObjectLinks: true },
      },
    })
  })
  // Reloading an unpacked extension is an update: runtime.onInstalled runs with reason "update".
  const restarted = context.waitForEvent('serviceworker', (worker) => worker.url().includes(extensionId))
  await serviceWorker.evaluate(() => chrome.runtime.reload())
  const worker = await restarted
  await expect.poll(() => worker.evaluate(async () => chrome.storage.local.get(['settings', 'settingsVersion']))).toEqual({
    settings: { timeoutSeconds: 45, idleSites: ['mail.example.com'], noiseFilters: { skipMixedCase: false } },
    settingsVersion: 1,
  })
  const options = await openExtensionPage('src/options/options.html')
  await expect(options.getByLabel('Request timeout (seconds)')).toHaveValue('45')
  await expect(options.getByLabel('Automatic lookups per page')).toHaveValue('1000')
  await expect(options.getByLabel('Sites where HashLens stays idle')).toHaveValue('mail.example.com')
  await expect(options.getByRole('checkbox', { name: 'Runs of mixed upper and lower case' })).not.toBeChecked()
})
