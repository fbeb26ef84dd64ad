/** The size bench reads both a registered content script and, for `--compare-dist`, a build that declared it in its manifest. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { contentScriptFiles } from '../../bench/bundle-size.ts'
import { CONTENT_SCRIPT_FILE } from '../../src/background/content-script-files.ts'

const dists: string[] = []

function distWith(files: Record<string, string>): string {
  const dist = mkdtempSync(path.join(tmpdir(), 'hashlens-size-'))
  dists.push(dist)
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dist, file)), { recursive: true })
    writeFileSync(path.join(dist, file), text)
  }
  return dist
}

afterEach(() => {
  for (const dist of dists.splice(0)) rmSync(dist, { recursive: true, force: true })
})

describe('contentScriptFiles', () => {
  it('starts from the registered file and follows its imports', () => {
    const dist = distWith({
      'manifest.json': '{}',
      [CONTENT_SCRIPT_FILE]: 'import { a } from "./shared.js"',
      'content/shared.js': 'export const a = 1',
    })
    expect(contentScriptFiles(dist)).toEqual([CONTENT_SCRIPT_FILE, 'content/shared.js'])
  })

  it('reads an older build from its manifest: the loader, what it loads at runtime, and the CSS', () => {
    const dist = distWith({
      'manifest.json': JSON.stringify({ content_scripts: [{ js: ['assets/loader.js'], css: ['src/highlights.css'] }] }),
      'assets/loader.js': '(async () => { await import(chrome.runtime.getURL("assets/content.js")) })()',
      'assets/content.js': 'import "./i18n.js"',
      'assets/i18n.js': '',
      'src/highlights.css': '::highlight(x) {}',
    })
    expect(contentScriptFiles(dist)).toEqual(['assets/loader.js', 'src/highlights.css', 'assets/content.js', 'assets/i18n.js'])
  })

  it('says which build has no content script at all', () => {
    const dist = distWith({ 'manifest.json': '{}' })
    expect(() => contentScriptFiles(dist)).toThrow(/neither/)
  })
})
