/**
 * A page that mounts the real hover card with an open shadow root (card-mount-page.ts), for the checks that need its
 * DOM: axe and contrast. The content script's card is closed to pages and to Playwright alike.
 */
import path from 'node:path'
import type { Page } from '@playwright/test'
import { build, type Rolldown } from 'vite'
import type { HashType } from '../../src/shared/hash.ts'
import type { HashState } from '../../src/shared/verdict.ts'
import { REPO_ROOT } from './chromium.ts'

let bundle: Promise<string> | null = null

/** The mount page's script, built once per test run. */
function mountScript(): Promise<string> {
  bundle ??= (async () => {
    const output = await build({
      configFile: false,
      logLevel: 'error',
      build: {
        write: false,
        minify: false,
        lib: { entry: path.join(REPO_ROOT, 'test/support/card-mount-page.ts'), formats: ['iife'], name: 'cardMount' },
      },
    }) as Rolldown.RolldownOutput[] | Rolldown.RolldownOutput
    const [first] = Array.isArray(output) ? output : [output]
    const chunk = first!.output.find((item) => item.type === 'chunk')
    if (!chunk) throw new Error('the card mount page built no script')
    return chunk.code
  })()
  return bundle
}

/** The HTML of a page with the card mount script; call mountCard on it next. */
export async function cardMountHtml(): Promise<string> {
  // Escaped so the bundle cannot end the script element early.
  const script = (await mountScript()).replace(/<\/script/gi, '<\\/script')
  return `<!doctype html><html lang="en"><title>Card</title><body><main><p>Report</p></main><script>${script}</script></body></html>`
}

/** Shows the card for `state` in a page loaded from cardMountHtml(). */
export async function mountCard(page: Page, hash: string, type: HashType, state: HashState): Promise<void> {
  await page.evaluate(([h, t, s]) => (globalThis as unknown as { mountCard: (...args: unknown[]) => void }).mountCard(h, t, s), [hash, type, state] as const)
}

/** The mounted card's host, as a selector for axe. */
export const MOUNTED_CARD_HOST = 'html > div'
