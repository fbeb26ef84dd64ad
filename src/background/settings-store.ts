/**
 * Settings in storage.local, read back through the schema so a bad value takes its default.
 * `loadSettings` is what applies (policy over the user's own); `loadStoredSettings` is the
 * user's own, the base for every change the user makes.
 */
import browser from 'webextension-polyfill'
import { parseSettings, type Settings } from '../shared/settings.ts'
import { applySettingsPolicy, loadManagedPolicy } from './managed-policy.ts'

const KEY = 'settings'

export async function loadStoredSettings(): Promise<Settings> {
  return parseSettings((await browser.storage.local.get(KEY))[KEY])
}

export async function loadSettings(): Promise<Settings> {
  const [stored, policy] = await Promise.all([loadStoredSettings(), loadManagedPolicy()])
  return applySettingsPolicy(stored, policy)
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [KEY]: parseSettings(settings) })
}
