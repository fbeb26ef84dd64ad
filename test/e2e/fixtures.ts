/** Each test: a fresh profile with the built extension, and a fresh simulator reached over real HTTP. */
import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test'
import { startSimulator, DEMO_PASSWORD, DEMO_USERNAME, type Simulator, type SimulatorOptions } from '../simulator/spectra-simulator.ts'
import { DIST, extensionIdOf, launchWithExtension } from '../support/chromium.ts'
import { startFixtureServer, type FixtureServer } from './fixture-server.ts'

export interface Fixtures {
  simulatorOptions: SimulatorOptions
  backForwardCache: boolean
  /** The unpacked extension the context loads: dist/ unless a spec needs another build (DOWNLOADS_DIST). */
  extensionDist: string
  simulator: Simulator
  context: BrowserContext
  extensionId: string
  serviceWorker: Worker
  pages: FixtureServer
  /**
   * Another origin, for the tools pivots open: context.route does not reach a tab the worker makes with tabs.create
   * (its navigation starts before Playwright attaches), so those pages are served for real.
   */
  tools: FixtureServer
  /** Opens an extension page (path as in dist/manifest.json, e.g. 'src/popup/popup.html'). */
  openExtensionPage: (pagePath: string, query?: string) => Promise<Page>
  /** Stores credentials for the simulator in the worker, as Save in Options would. */
  configure: (credentials?: { username?: string; password?: string }) => Promise<void>
}

export const test = base.extend<Fixtures>({
  simulatorOptions: [{}, { option: true }],
  backForwardCache: [false, { option: true }],
  extensionDist: [DIST, { option: true }],
  simulator: async ({ simulatorOptions }, use) => {
    const simulator = await startSimulator(simulatorOptions)
    await use(simulator)
    await simulator.close()
  },
  pages: async ({}, use) => {
    const server = await startFixtureServer()
    await use(server)
    await server.close()
  },
  tools: async ({}, use) => {
    const server = await startFixtureServer()
    await use(server)
    await server.close()
  },
  context: async ({ backForwardCache, extensionDist }, use) => {
    const context = await launchWithExtension({ backForwardCache, dist: extensionDist })
    // The install opens Options by itself; a test page opened before that tab exists can be navigated to it.
    await expect.poll(() => context.pages().some((page) => page.url().endsWith('/src/options/options.html')), { timeout: 15_000 }).toBe(true)
    await use(context)
    await context.close()
  },
  extensionId: async ({ context }, use) => {
    await use(await extensionIdOf(context))
  },
  serviceWorker: async ({ context, extensionId }, use) => {
    const worker = context.serviceWorkers().find((w) => w.url().includes(extensionId)) ?? await context.waitForEvent('serviceworker')
    await use(worker)
  },
  openExtensionPage: async ({ context, extensionId }, use) => {
    await use(async (pagePath, query = '') => {
      const page = await context.newPage()
      await page.goto(`chrome-extension://${extensionId}/${pagePath}${query}`)
      return page
    })
  },
  configure: async ({ serviceWorker, simulator }, use) => {
    await use(async (credentials = {}) => {
      await serviceWorker.evaluate(async (stored) => {
        await chrome.storage.local.set({ credentials: stored })
      }, { username: credentials.username ?? DEMO_USERNAME, password: credentials.password ?? DEMO_PASSWORD, apiHost: simulator.url })
    })
  },
})

export { expect }
export const HASH_CHARS = '0123456789abcdef'

/**
 * A valid hash of the given length whose simulated verdict is chosen by its last digit
 * (see simulatedStatusOf): 0-3 MALICIOUS, 4-5 SUSPICIOUS, 6-9 KNOWN, a-b UNKNOWN, c-f not found.
 */
export function makeHash(seed: number, length: 32 | 40 | 64, lastDigit: string): string {
  let body = ''
  // 32-bit integer arithmetic: in doubles the products pass 2^53 and lose their low bits, and seeds past ~100,000
  // then gave a few dozen distinct hashes in all.
  let x = (Math.imul(seed, 2654435761) + 12345) >>> 0
  while (body.length < length - 1) {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff
    // The high bits: an LCG's low bits repeat with a short period.
    body += HASH_CHARS[(x >>> 16) % 16]
  }
  // Mixed digits and letters, so the noise filters never drop a test hash.
  body = `a1${body.slice(2)}`
  return body + lastDigit
}

/** Stops the extension's worker as Chrome does when it idles (DevTools' ServiceWorker.stopAllWorkers). */
export async function stopServiceWorkers(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page)
  await cdp.send('ServiceWorker.enable')
  await cdp.send('ServiceWorker.stopAllWorkers')
  await cdp.detach()
}
