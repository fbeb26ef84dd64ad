/**
 * The Firefox build: `vite build --mode firefox` derives the Firefox manifest from manifest.json, ships
 * the highlight rules written from the palette, and Mozilla's linter (the one addons.mozilla.org runs on
 * upload) finds no error in the result.
 * Built into a temporary folder so a run never disturbs dist-firefox/ or a concurrent e2e run.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIREFOX_MIN_VERSION, GECKO_ID } from '../../scripts/browser-manifest.ts'
import { HIGHLIGHT_CSS } from '../../src/content/highlight-rules.ts'
import { CONTENT_SCRIPT_FILE, HIGHLIGHT_CSS_FILE } from '../../src/background/content-script-files.ts'
import packageJson from '../../package.json' with { type: 'json' }

interface LintMessage { code: string; message: string; file?: string }
interface LintReport { summary: { errors: number; warnings: number; notices: number }; errors: LintMessage[]; warnings: LintMessage[] }

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
let outDir = ''

beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'hashlens-firefox-'))
  execFileSync('npx', ['vite', 'build', '--mode', 'firefox', '--outDir', outDir, '--logLevel', 'error'], { cwd: REPO_ROOT, stdio: 'pipe' })
}, 120_000)

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true })
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

  it('ships the highlight rules written from the palette, and the content script, where the registration names them', () => {
    expect(readFileSync(path.join(outDir, HIGHLIGHT_CSS_FILE), 'utf8')).toBe(HIGHLIGHT_CSS)
    expect(readFileSync(path.join(outDir, CONTENT_SCRIPT_FILE), 'utf8')).toContain('get-page-settings')
  })

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
