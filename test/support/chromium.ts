/** Where Chromium is, and how HashLens's tests and demo start it with the built extension. */
import { chromium, type BrowserContext } from '@playwright/test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const DIST = path.join(REPO_ROOT, 'dist')
/** The download checks' e2e build (HASHLENS_DOWNLOADS_REQUIRED=1): their optional permissions made required. */
export const DOWNLOADS_DIST = path.join(REPO_ROOT, 'dist-downloads')

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
}

/** For tests, demo and benchmarks alike; without the networking flags Chromium keeps dialling Google's hosts. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export interface LaunchOptions {
  headless?: boolean
  userDataDir?: string
  /** The unpacked extension to load; null for a browser without HashLens (benchmark baselines). */
  dist?: string | null
  /** Playwright turns the back/forward cache off by default; the tests of restored pages need it. */
  backForwardCache?: boolean
}

/** A persistent context on a fresh profile (unless one is given), with or without the extension. */
export async function launchChromium(options: LaunchOptions = {}): Promise<BrowserContext> {
  const userDataDir = options.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'hashlens-profile-'))
  const dist = options.dist === undefined ? DIST : options.dist
  const extensionArgs = dist === null ? [] : [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`]
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    viewport: { width: 1280, height: 900 },
    args: [...extensionArgs, ...CHROMIUM_ARGS],
    ignoreDefaultArgs: options.backForwardCache ? ['--disable-back-forward-cache'] : undefined,
  })
}

/** A fresh profile with the built extension loaded (dist/ unless told otherwise). */
export async function launchWithExtension(options: Omit<LaunchOptions, 'dist'> & { dist?: string } = {}): Promise<BrowserContext> {
  return launchChromium({ ...options, dist: options.dist ?? DIST })
}

export async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker')
  return new URL(worker.url()).host
}
