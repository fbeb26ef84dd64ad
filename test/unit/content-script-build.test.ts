/**
 * The Chromium build: the content script is one file the worker registers at run time, a classic
 * script with nothing to import, and nothing in the extension answers a page at a fixed URL (issue 12).
 * Built into a temporary folder so a run never disturbs dist/ or a concurrent e2e run.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SCRIPT_FILE } from '../../src/background/content-script-files.ts'
import { PDF_VIEWER_PATH } from '../../src/shared/pdf-viewer-files.ts'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
let outDir = ''

beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'hashlens-chrome-'))
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--logLevel', 'error'], { cwd: REPO_ROOT, stdio: 'pipe' })
}, 120_000)

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true })
})

interface WebAccessibleResource { resources: string[]; use_dynamic_url?: boolean }

/** Resources a page could fetch at chrome-extension://<id>/<path>, an address the same for every page and profile. */
function staticUrlResources(manifest: { web_accessible_resources?: WebAccessibleResource[] }): string[] {
  return (manifest.web_accessible_resources ?? []).filter((entry) => entry.use_dynamic_url !== true).flatMap((entry) => entry.resources)
}

describe('the Chromium build', () => {
  it('makes no resource web-accessible at a static URL, and only the PDF viewer at a dynamic one (for its redirect)', () => {
    const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8'))
    expect(staticUrlResources(manifest)).toEqual([])
    expect(manifest.web_accessible_resources).toEqual([{ resources: [PDF_VIEWER_PATH], matches: ['<all_urls>'], use_dynamic_url: true }])
  })

  it('declares no content script: the worker registers it, skipping idle sites', () => {
    const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8'))
    expect(manifest.content_scripts).toBeUndefined()
    // What the manifest entry's matches granted: the registered script runs only where the extension has host access.
    expect(manifest.host_permissions).toContain('<all_urls>')
    expect(manifest.permissions).toContain('scripting')
  })

  it('ships the content script as one classic script that imports nothing', () => {
    const script = readFileSync(path.join(outDir, CONTENT_SCRIPT_FILE), 'utf8')
    expect(script).not.toMatch(/\bimport\s*\(|^\s*import[\s{*]|\bexport\s*[{*]|chrome\.runtime\.getURL/m)
    // It is the real script: its wiring asks the worker for the page's settings.
    expect(script).toContain('get-page-settings')
  })
})
