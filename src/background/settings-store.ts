/** Settings in storage.local, read back through the schema so a bad value takes its default. */
import browser from 'webextension-polyfill'
import { parseSettings, type Settings } from '../shared/settings.ts'

const KEY = 'settings'

export async function loadSettings(): Promise<Settings> {
  return parseSettings((await browser.storage.local.get(KEY))[KEY])
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [KEY]: parseSettings(settings) })
}
