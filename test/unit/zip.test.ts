/**
 * `npm run zip`: one store archive per browser, named with package.json's version, each with its
 * own manifest at the root. Runs the real script (two builds, two web-ext packs) into temporary
 * folders, so dist/, dist-firefox/ and artifacts/ are left alone.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import packageJson from '../../package.json' with { type: 'json' }
import { GECKO_ID } from '../../scripts/browser-manifest.ts'
import { archiveName } from '../../scripts/package-zips.ts'
import { readZipEntry, zipEntryNames } from '../support/zip-reader.ts'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
let workDir = ''

function archive(target: 'chromium' | 'firefox'): Buffer {
  return readFileSync(path.join(workDir, 'artifacts', archiveName(target, packageJson.version)))
}

function manifestIn(target: 'chromium' | 'firefox'): Record<string, unknown> & { background: Record<string, unknown> } {
  return JSON.parse(readZipEntry(archive(target), 'manifest.json').toString('utf8'))
}

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'hashlens-zip-'))
  execFileSync('npx', ['tsx', 'scripts/package-zips.ts', '--artifacts-dir', path.join(workDir, 'artifacts'), '--build-dir', workDir],
    { cwd: REPO_ROOT, stdio: 'pipe' })
}, 180_000)

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true })
})

describe('npm run zip', () => {
  it('names the archives hashlens-<browser>-<version>.zip', () => {
    expect(archiveName('firefox', '1.2.3')).toBe('hashlens-firefox-1.2.3.zip')
    expect(archive('chromium').length).toBeGreaterThan(0)
    expect(archive('firefox').length).toBeGreaterThan(0)
  })

  it('packs a Chromium manifest with package.json\'s version at the archive root', () => {
    const manifest = manifestIn('chromium')
    expect(manifest.version).toBe(packageJson.version)
    expect(manifest.background.service_worker).toBe('service-worker-loader.js')
    expect(manifest).not.toHaveProperty('browser_specific_settings')
  })

  it('packs a Firefox manifest with the version, the gecko id and background scripts', () => {
    const manifest = manifestIn('firefox')
    expect(manifest.version).toBe(packageJson.version)
    expect(manifest.browser_specific_settings).toMatchObject({ gecko: { id: GECKO_ID } })
    expect(manifest.background.scripts).toEqual(['service-worker-loader.js'])
  })

  it('packs every file the manifest names, and nothing hidden', () => {
    for (const target of ['chromium', 'firefox'] as const) {
      const names = zipEntryNames(archive(target))
      for (const file of ['service-worker-loader.js', 'src/popup/popup.html', 'src/options/options.html', 'icons/icon-128.png']) {
        expect(names, `${target}: ${file}`).toContain(file)
      }
      expect(names.filter((name) => name.split('/').some((part) => part.startsWith('.'))), target).toEqual([])
    }
  })
})
