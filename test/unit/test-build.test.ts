/**
 * The card's test channel (src/content/card-test-channel.ts) answers any page that asks: only test builds
 * (HASHLENS_TEST_BUILD=1) may carry it. Built into temporary folders so a run never disturbs dist/ or dist-firefox/.
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

afterAll(() => {
  for (const outDir of outDirs) rmSync(outDir, { recursive: true, force: true })
})

describe('the card test channel', () => {
  it.each(['production', 'firefox'])('is not in a %s build', (mode) => {
    expect(hasChannel(builtFiles(mode, false))).toBe(false)
  }, 120_000)

  it('is in the Firefox test build', () => {
    expect(hasChannel(builtFiles('firefox', true))).toBe(true)
  }, 120_000)
})
