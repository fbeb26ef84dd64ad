/**
 * The card's test channel (src/content/card-test-channel.ts) answers any page that asks: only test builds
 * (HASHLENS_TEST_BUILD=1) may carry it, or the reader of the card's text it answers with. Built into temporary folders so a run never disturbs dist/ or dist-firefox/.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { CARD_TEST_ANSWER, CARD_TEST_REQUEST } from '../../src/content/card-test-channel.ts'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const outDirs: string[] = []

/** Every file of a build of that mode, with or without the test flag, as text. */
function builtFiles(mode: string, isTestBuild: boolean): string[] {
  const outDir = mkdtempSync(path.join(tmpdir(), 'hashlens-build-'))
  outDirs.push(outDir)
  const env = { ...process.env, HASHLENS_TEST_BUILD: isTestBuild ? '1' : '' }
  execFileSync('npx', ['vite', 'build', '--mode', mode, '--outDir', outDir, '--logLevel', 'error'], { cwd: REPO_ROOT, stdio: 'pipe', env })
  return readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'latin1'))
}

function hasChannel(files: string[]): boolean {
  return files.some((text) => text.includes(CARD_TEST_REQUEST) || text.includes(CARD_TEST_ANSWER))
}

/** The tree walk of card-test-channel.ts's shownTextOf, as the minifier writes it: nothing else in HashLens walks elements. */
const CARD_READER = 'NodeFilter.SHOW_ELEMENT|NodeFilter.SHOW_TEXT'

function hasCardReader(files: string[]): boolean {
  return files.some((text) => text.includes(CARD_READER))
}

afterAll(() => {
  for (const outDir of outDirs) rmSync(outDir, { recursive: true, force: true })
})

describe('the card test channel', () => {
  it.each(['production', 'firefox'])('is not in a %s build, nor the card reader it answers with', (mode) => {
    const files = builtFiles(mode, false)
    expect(hasChannel(files)).toBe(false)
    expect(hasCardReader(files)).toBe(false)
  }, 120_000)

  it('is in the Firefox test build, with the card reader', () => {
    const files = builtFiles('firefox', true)
    expect(hasChannel(files)).toBe(true)
    expect(hasCardReader(files)).toBe(true)
  }, 120_000)
})
