/**
 * Where Firefox is, and how the Firefox tests start it with the built add-on (dist-firefox/).
 * Playwright's Firefox needs Mozilla's patched build, which cannot be downloaded here, so the
 * stock Firefox is driven over WebDriver BiDi with puppeteer-core.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { GECKO_ID } from '../../scripts/browser-manifest.ts'
import { REPO_ROOT } from './chromium.ts'

export const DIST_FIREFOX = path.join(REPO_ROOT, 'dist-firefox')

/** Resolves to this machine, but a page served from it is no secure context (see the profile's prefs). */
export const PLAIN_HTTP_HOST = 'plain-http.test'

export function firefoxPath(): string {
  return process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr'
}

interface BuiltManifest {
  action: { default_popup: string }
  options_ui: { page: string }
  sidebar_action: { default_panel: string }
}

export interface FirefoxWithExtension {
  readonly browser: Browser
  /** The add-on's moz-extension:// origin, without a trailing slash. */
  readonly origin: string
  /** The popup, options and side panel (sidebar) pages, as dist-firefox/manifest.json names them. */
  readonly popupPath: string
  readonly optionsPath: string
  readonly panelPath: string
  /** A new tab showing one of the add-on's pages (path as in the manifest, query with its `?`). */
  openExtensionPage(pagePath: string, query?: string): Promise<Page>
  /** A new tab showing a web page, once it has loaded. */
  openPage(url: string): Promise<Page>
  close(): Promise<void>
}

/** How long a start or a navigation may take on a loaded two-core machine. */
const LAUNCH_TIMEOUT_MS = 60_000
const NAVIGATION_TIMEOUT_MS = 20_000
const PROTOCOL_TIMEOUT_MS = 30_000

/** A first navigation in a fresh Firefox sometimes fails once (toolchain.md); a second has not. */
async function withOneRetry(navigate: () => Promise<unknown>): Promise<void> {
  try {
    await navigate()
  } catch {
    await navigate()
  }
}

/** The raw BiDi connection (not in puppeteer's public types; puppeteer-core is pinned exactly). */
interface BidiInternals {
  connection: { send(method: string, params: object): Promise<unknown> }
}

export async function launchFirefoxWithExtension(dist = DIST_FIREFOX): Promise<FirefoxWithExtension> {
  const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as BuiltManifest
  const profile = mkdtempSync(path.join(tmpdir(), 'hashlens-firefox-profile-'))
  // The moz-extension:// host is random per profile unless the profile says which one to use.
  const uuid = randomUUID()
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    timeout: LAUNCH_TIMEOUT_MS,
    // Bounds every command, the raw navigate to extension pages included.
    protocolTimeout: PROTOCOL_TIMEOUT_MS,
    userDataDir: profile,
    // WebDriver BiDi refuses to navigate to moz-extension:// pages without it.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'xpinstall.signatures.required': false,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      // A host name for this machine that is no secure context (127.0.0.1 and localhost are): plain http:// sites.
      'network.dns.localDomains': PLAIN_HTTP_HOST,
      // Optional permissions asked for from a user's click are granted without the prompt no test can answer (Options' "Check downloads").
      'extensions.webextOptionalPermissionPrompts': false,
    },
  })
  try {
    const id = await browser.installExtension(dist)
    if (id !== GECKO_ID) throw new Error(`Firefox installed the add-on as ${id}, not ${GECKO_ID}`)
  } catch (error) {
    await browser.close()
    rmSync(profile, { recursive: true, force: true })
    throw error
  }
  const origin = `moz-extension://${uuid}`

  /**
   * Puppeteer sees no navigation events from a tab that moves into the add-on's process, so
   * its goto() would time out on a page that loaded; BiDi's own navigate waits for the load.
   */
  async function navigateExtensionTab(page: Page, url: string): Promise<void> {
    const context = (page.mainFrame() as unknown as { _id: string })._id
    await (browser as unknown as BidiInternals).connection.send('browsingContext.navigate', { context, url, wait: 'complete' })
  }

  return {
    browser,
    origin,
    popupPath: manifest.action.default_popup,
    optionsPath: manifest.options_ui.page,
    panelPath: manifest.sidebar_action.default_panel,
    async openExtensionPage(pagePath, query = '') {
      const page = await browser.newPage()
      await withOneRetry(() => navigateExtensionTab(page, `${origin}/${pagePath}${query}`))
      return page
    },
    async openPage(url) {
      const page = await browser.newPage()
      await withOneRetry(() => page.goto(url, { waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS }))
      return page
    },
    async close() {
      await browser.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
