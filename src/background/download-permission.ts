/**
 * A policy can turn download checks on (issue 16), but only the user can grant the optional permissions they need, and
 * only from a click. So HashLens asks each user once: the first time it sees the policy on without them, it opens the
 * options page at its Downloads section, where the "Allow" button asks the browser (options/permission-setting.tsx).
 */
import browser from 'webextension-polyfill'
import { DOWNLOAD_PERMISSIONS } from '../shared/download-checks.ts'
import type { ManagedPolicy } from './managed-policy.ts'

/** In storage.local: once per profile, so neither a restart nor a policy refresh asks again. */
const DOWNLOAD_PERMISSION_ASKED_KEY = 'downloadPermissionAsked'

/** Where the page opens: the fieldset of the Downloads section (options.tsx names each by its section). */
const OPTIONS_SECTION = '#downloads'

export interface AskOnceEnvironment {
  hasPermissions(): Promise<boolean>
  wasAsked(): Promise<boolean>
  noteAsked(): Promise<void>
  openOptions(): Promise<void>
}

const browserEnvironment: AskOnceEnvironment = {
  hasPermissions: () => browser.permissions.contains({ permissions: [...DOWNLOAD_PERMISSIONS] }),
  wasAsked: async () => (await browser.storage.local.get(DOWNLOAD_PERMISSION_ASKED_KEY))[DOWNLOAD_PERMISSION_ASKED_KEY] === true,
  noteAsked: () => browser.storage.local.set({ [DOWNLOAD_PERMISSION_ASKED_KEY]: true }),
  // A tab of its own, not openOptionsPage: that focuses an options tab already open (the install's), drawn before the policy came.
  openOptions: async () => {
    const page = browser.runtime.getManifest().options_ui?.page
    if (page) await browser.tabs.create({ url: browser.runtime.getURL(page) + OPTIONS_SECTION })
  },
}

/** One ask at a time: the start's policy read and a policy change can answer together. */
let asking: Promise<void> = Promise.resolve()

/** After each policy read: opens the options page once, if the policy turns checks on and the permissions are missing. */
export function askForDownloadPermissionOnce(policy: ManagedPolicy, env: AskOnceEnvironment = browserEnvironment): Promise<void> {
  asking = asking.then(async () => {
    if (policy.checkDownloads !== true) return
    if (await env.hasPermissions() || await env.wasAsked()) return
    // Noted first: a tab that fails to open is not retried on every start.
    await env.noteAsked()
    await env.openOptions()
  }).catch(() => undefined)
  return asking
}
