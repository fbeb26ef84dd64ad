/**
 * The Firefox build: `vite build --mode firefox` derives the Firefox manifest from manifest.json, ships
 * no page-level style and no test channel, and Mozilla's linter (the one addons.mozilla.org runs on
 * upload) finds no error in the result.
 * Built into a temporary folder so a run never disturbs dist-firefox/ or a concurrent e2e run.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIREFOX_MIN_VERSION, GECKO_ID } from '../../scripts/browser-manifest.ts'
import { CONTENT_SCRIPT_FILE } from '../../src/background/content-script-files.ts'
import { TEST_READ_EVENT, TEST_REPLY_EVENT } from '../../src/content/overlay-test-channel.ts'
import packageJson from '../../package.json' with { type: 'json' }

interface LintMessage { code: string; message: string; file?: string }
interface LintReport { summary: { errors: number; warnings: number; notices: number }; errors: LintMessage[]; warnings: LintMessage[] }

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
let outDir = ''
let testBuildDir = ''

function build(mode: string, dir: string, testChannel: '' | '1'): void {
  execFileSync('npx', ['vite', 'build', '--mode', mode, '--outDir', dir, '--logLevel', 'error'],
    { cwd: REPO_ROOT, stdio: 'pipe', env: { ...process.env, HASHLENS_TEST_BUILD: testChannel } })
}

/** Every script of a build, concatenated. */
function scriptsOf(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(path.join(dir, file), 'utf8')).join('\n')
}

beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'hashlens-firefox-'))
  build('firefox', outDir, '')
}, 120_000)

afterAll(() => {
  for (const dir of [outDir, testBuildDir]) if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('the Firefox build', () => {
  it('has a Firefox manifest derived from manifest.json', () => {
    const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8'))
    expect(manifest.version).toBe(packageJson.version)
    expect(manifest.background.scripts).toEqual(['service-worker-loader.js'])
    expect(manifest.background.service_worker).toBeUndefined()
    expect(manifest.browser_specific_settings.gecko).toMatchObject({ id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION })
    expect(manifest.minimum_chrome_version).toBeUndefined()
    // The content script is registered at run time and is one file: nothing for a page to fetch (issue 12).
    expect(manifest.web_accessible_resources).toBeUndefined()
    expect(manifest.content_scripts).toBeUndefined()
  })

  it('ships the content script where the registration names it', () => {
    expect(readFileSync(path.join(outDir, CONTENT_SCRIPT_FILE), 'utf8')).toContain('get-page-settings')
  })

  it('compiles the overlay\'s test channel into test builds only, for Firefox and Chromium alike', () => {
    testBuildDir = mkdtempSync(path.join(tmpdir(), 'hashlens-firefox-test-'))
    build('firefox', testBuildDir, '1')
    expect(scriptsOf(testBuildDir)).toContain(TEST_READ_EVENT)
    const shipped = { firefox: scriptsOf(outDir), chromium: '' }
    build('production', testBuildDir, '')
    shipped.chromium = scriptsOf(testBuildDir)
    for (const [browser, scripts] of Object.entries(shipped)) {
      expect(scripts.length, browser).toBeGreaterThan(10_000)
      for (const trace of [TEST_READ_EVENT, TEST_REPLY_EVENT, 'hashlens-test']) expect(scripts, browser).not.toContain(trace)
    }
  }, 120_000)

  it('passes web-ext lint with no errors', () => {
    let output: string
    try {
      output = execFileSync('npx', ['web-ext', 'lint', '--source-dir', outDir, '--output', 'json', '--no-config-discovery'],
        { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    } catch (error) {
      // web-ext exits non-zero when it finds errors; the report on stdout says which.
      output = String((error as { stdout?: string }).stdout ?? '')
    }
    const report = JSON.parse(output) as LintReport
    expect(report.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`)).toEqual([])
    expect(report.summary.errors).toBe(0)
    // The two warnings left come from bundled libraries (Preact's dangerouslySetInnerHTML path,
    // zod's `new Function` probe, which `jitless` turns off); nothing new may join them.
    const codes = report.warnings.map((w) => w.code).sort()
    expect(codes.filter((code) => code !== 'UNSAFE_VAR_ASSIGNMENT' && code !== 'DANGEROUS_EVAL')).toEqual([])
  }, 120_000)
})
