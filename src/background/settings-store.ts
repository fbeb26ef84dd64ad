/** `loadStoredSettings` is the user's own, read afresh as the base of every Save; `loadSettings` has the policy laid over. */
import browser from 'webextension-polyfill'
import { changedSettings, parseSettings, type Settings } from '../shared/settings.ts'
import { migrateSettings, SETTINGS_VERSION } from '../shared/settings-migrations.ts'
import { applySettingsPolicy, loadManagedPolicy, POLICY_COPY_KEY } from './managed-policy.ts'
import { LazyValue, touchesLocalOrPolicy, type StorageChanges } from './lazy-value.ts'

export const SETTINGS_KEY = 'settings'
/** The form the stored settings are in (settings-migrations.ts). */
export const SETTINGS_VERSION_KEY = 'settingsVersion'

export async function loadStoredSettings(): Promise<Settings> {
  return parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY])
}

const applied = new LazyValue(async () => {
  const [stored, policy] = await Promise.all([loadStoredSettings(), loadManagedPolicy()])
  return applySettingsPolicy(stored, policy)
})

/** One object shared by every caller: never change it. */
export function loadSettings(): Promise<Settings> {
  return applied.get()
}

let lastWrite: Promise<unknown> = Promise.resolve()

/** One write at a time, so a Save made while a migration runs is not overwritten by it. */
function inTurn(write: () => Promise<void>): Promise<void> {
  const done = lastWrite.then(write)
  lastWrite = done.catch(() => undefined)
  return done
}

export async function saveSettings(settings: Settings): Promise<void> {
  await inTurn(() => browser.storage.local.set({
    [SETTINGS_KEY]: changedSettings(parseSettings(settings)),
    [SETTINGS_VERSION_KEY]: SETTINGS_VERSION,
  }))
  // storage.onChanged says so too, but later: whoever asks next in this worker must see it now.
  applied.invalidate()
}

export async function migrateStoredSettings(): Promise<void> {
  await inTurn(async () => {
    const stored = await browser.storage.local.get([SETTINGS_KEY, SETTINGS_VERSION_KEY])
    const migrated = migrateSettings(stored[SETTINGS_KEY], stored[SETTINGS_VERSION_KEY])
    if (!migrated) return
    await browser.storage.local.set(migrated.settings === undefined
      ? { [SETTINGS_VERSION_KEY]: migrated.version }
      : { [SETTINGS_KEY]: migrated.settings, [SETTINGS_VERSION_KEY]: migrated.version })
  })
  applied.invalidate()
}

export function forgetSettings(): void {
  applied.invalidate()
}

export function forgetSettingsOnChange(changes: StorageChanges, area: string): void {
  if (touchesLocalOrPolicy(changes, area, [SETTINGS_KEY, POLICY_COPY_KEY])) applied.invalidate()
}
