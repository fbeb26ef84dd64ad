// The summary's "Failed tests" lines, read from real reports: each runner is run on one passing and one failing test.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { playwrightFailures, vitestFailures } from '../support/failed-tests.ts'

const root = path.resolve(import.meta.dirname, '../..')
// Inside the repository so the runners resolve; not under test-results/ or .cache/, which the runners clean or skip.
const fixtures = path.join(root, 'artifacts', 'failed-tests-fixture')
afterAll(() => rmSync(fixtures, { recursive: true, force: true }))

const TESTS = (runner: string) => `import { test, expect } from '${runner}'
test('passes', () => { expect(1).toBe(1) })
test('fails on purpose', () => { expect(2, 'two is not three').toBe(3) })
`

// Colours on, as in CI's log: the lines must come out without their codes.
function runIn(dir: string, args: string[]) {
  spawnSync('npx', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '1' } })
}

test('a failed Playwright test is named with its file, line and first error line; a passing one is not', () => {
  const dir = path.join(fixtures, 'playwright')
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'two.spec.ts'), TESTS('@playwright/test'))
  writeFileSync(path.join(dir, 'playwright.config.ts'), `export default { testDir: '.', reporter: [['json', { outputFile: 'report.json' }]] }`)
  runIn(dir, ['playwright', 'test'])
  const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))
  expect(playwrightFailures(report.suites)).toEqual(['e2e: two.spec.ts:3 › fails on purpose — Error: two is not three'])
}, 60_000)

test('a failed vitest test is named with its file path and first error line, without colour codes', () => {
  const dir = path.join(fixtures, 'vitest')
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'two.test.ts'), TESTS('vitest'))
  // Its own config: a vitest started from a test otherwise inherits the outer run's include list.
  writeFileSync(path.join(dir, 'vitest.config.mjs'), `export default { test: { include: ['two.test.ts'] } }`)
  const report = path.join(dir, 'report.json')
  runIn(dir, ['vitest', 'run', '--config', 'vitest.config.mjs', '--reporter=json', `--outputFile=${report}`])
  const failures = vitestFailures('unit', JSON.parse(readFileSync(report, 'utf8')), root)
  expect(failures).toEqual(['unit: artifacts/failed-tests-fixture/vitest/two.test.ts › fails on purpose — AssertionError: two is not three: expected 2 to be 3 // Object.is equality'])
}, 60_000)
