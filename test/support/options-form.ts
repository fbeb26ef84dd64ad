/** Fills the options page's account fields and presses Save, as a user does. */
import type { Page } from '@playwright/test'
import { DEMO_PASSWORD, DEMO_USERNAME } from '../simulator/spectra-simulator.ts'

export async function saveAccountInOptions(options: Page, apiHost: string, account: { username?: string; password?: string } = {}): Promise<void> {
  await options.getByLabel('Username').fill(account.username ?? DEMO_USERNAME)
  await options.getByLabel('Password').fill(account.password ?? DEMO_PASSWORD)
  await options.getByLabel('API host').fill(apiHost)
  await options.getByRole('button', { name: 'Save' }).click()
  await options.getByText('Saved.').waitFor()
}
