/**
 * Settings in storage.local, read back through the schema so a bad value takes its default.
 * `loadSettings` is what applies (policy over the user's own), kept in memory until storage
 * says it changed (`forgetSettingsOnChange`); `loadStoredSettings` is the user's own, read
 * afresh, the base for every change the user makes.
 */
import browser from 'webextension-polyfill'
import { parseSettings, type Settings } from '../shared/settings.ts'
import { applySettingsPolicy, loadManagedPolicy, POLICY_COPY_KEY } from './managed-policy.ts'
import { LazyValue, touchesLocalOrPolicy, type StorageChanges } from './lazy-value.ts'

export const SETTINGS_KEY = 'settings'

export async function loadStoredSettings(): Promise<Settings> {
  return parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY])
}

const applied = new LazyValue(async () => {
  const [stored, policy] = await Promise.all([loadStoredSettings(), loadManagedPolicy()])
  return applySettingsPolicy(stored, policy)
})

/** The settings in effect. Shared between callers: read it, never change it. */
export function loadSettings(): Promise<Settings> {
  return applied.get()
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: parseSettings(settings) })
  // storage.onChanged says so too, but later: whoever asks next in this worker must see it now.
  applied.invalidate()
}

/** Drops the kept settings; the next read loads them again. */
export function forgetSettings(): void {
  applied.invalidate()
}

/** storage.onChanged: the user's settings, the policy or its copy changed. */
export function forgetSettingsOnChange(changes: StorageChanges, area: string): void {
  if (touchesLocalOrPolicy(changes, area, [SETTINGS_KEY, POLICY_COPY_KEY])) applied.invalidate()
}
