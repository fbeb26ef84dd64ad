/**
 * `npm test`: every suite in one run, each failure reported, and one closing line
 * `N passed, N failed` over all of them (the line CI reads). Type-check, lint and each build
 * count as one check each; unit and end-to-end suites (Chromium and Firefox) count their tests.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { REPO_ROOT } from './chromium.ts'
import { playwrightFailures, vitestFailures, type PlaywrightSuite, type VitestReport } from './failed-tests.ts'

interface SuiteResult { name: string; passed: number; failed: number; note?: string }

const results: SuiteResult[] = []
// Failed tests' titles and first error lines, repeated under the summary: CI keeps only the log's tail.
const failures: string[] = []
const resultsDir = path.join(REPO_ROOT, 'test-results')
mkdirSync(resultsDir, { recursive: true })

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`\n> ${command} ${args.join(' ')}`)
  const child = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit', env })
  return child.status === 0
}

function check(name: string, command: string, args: string[], env?: NodeJS.ProcessEnv): boolean {
  const ok = run(command, args, env)
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 })
  return ok
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

check('type-check', 'npx', ['tsc', '--noEmit'])
check('lint', 'npx', ['eslint', '.'])
// Unused files, exports and dependencies (knip.json names the entry points).
check('unused code', 'npx', ['knip', '--no-progress'])

const unitReport = path.join(resultsDir, 'unit.json')
rmSync(unitReport, { force: true })
const unitOk = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${unitReport}`])
const unit = readJson(unitReport) as ({ numPassedTests?: number; numFailedTests?: number } & VitestReport) | null
if (unit) failures.push(...vitestFailures('unit', unit, REPO_ROOT))
results.push(unit
  ? { name: 'unit', passed: unit.numPassedTests ?? 0, failed: (unit.numFailedTests ?? 0) + (unitOk || unit.numFailedTests ? 0 : 1) }
  : { name: 'unit', passed: 0, failed: 1, note: 'vitest wrote no report' })

const built = check('build', 'npx', ['vite', 'build'])
  // The download checks' spec loads dist-downloads: their optional permissions required, as no test can grant them.
  && check('build with download permissions', 'npx', ['vite', 'build'], { ...process.env, HASHLENS_DOWNLOADS_REQUIRED: '1' })

const e2eReport = path.join(resultsDir, 'e2e.json')
rmSync(e2eReport, { force: true })
if (built) {
  const e2eOk = run('npx', ['playwright', 'test'])
  const e2e = readJson(e2eReport) as { stats?: { expected: number; unexpected: number; flaky: number; skipped: number }; suites?: PlaywrightSuite[] } | null
  failures.push(...playwrightFailures(e2e?.suites))
  if (e2e?.stats) {
    const { expected, unexpected, flaky, skipped } = e2e.stats
    // A skipped test is a defect here (see the brief): it counts as failed.
    results.push({ name: 'e2e', passed: expected, failed: unexpected + flaky + skipped + (e2eOk || unexpected ? 0 : 1) })
  } else {
    results.push({ name: 'e2e', passed: 0, failed: 1, note: 'Playwright wrote no report' })
  }
} else {
  results.push({ name: 'e2e', passed: 0, failed: 1, note: 'not run: the build failed' })
}

// The Firefox suite runs dist-firefox/ in firefox-esr; its vitest config writes the JSON report.
const firefoxReport = path.join(resultsDir, 'firefox.json')
rmSync(firefoxReport, { force: true })
// A test build: the Firefox tests read the marks and the card through their test channels (WebDriver BiDi cannot see into closed shadow roots).
if (check('build for Firefox', 'npx', ['vite', 'build', '--mode', 'firefox'], { ...process.env, HASHLENS_TEST_BUILD: '1' })) {
  const firefoxOk = run('npx', ['vitest', 'run', '--config', 'vitest.firefox.config.ts'])
  const firefox = readJson(firefoxReport) as ({ numPassedTests?: number; numFailedTests?: number; numPendingTests?: number; numTodoTests?: number } & VitestReport) | null
  if (firefox) {
    failures.push(...vitestFailures('firefox e2e', firefox, REPO_ROOT))
    const failed = firefox.numFailedTests ?? 0
    // Skipped tests count as failed, as in the e2e suite; so does a failure outside any test (a hook).
    const skipped = (firefox.numPendingTests ?? 0) + (firefox.numTodoTests ?? 0)
    results.push({ name: 'firefox e2e', passed: firefox.numPassedTests ?? 0, failed: failed + skipped + (firefoxOk || failed || skipped ? 0 : 1) })
  } else {
    results.push({ name: 'firefox e2e', passed: 0, failed: 1, note: 'vitest wrote no report' })
  }
} else {
  results.push({ name: 'firefox e2e', passed: 0, failed: 1, note: 'not run: the Firefox build failed' })
}

const benchSmoke = path.join(REPO_ROOT, 'bench', 'run-benchmarks.ts')
if (existsSync(benchSmoke)) check('benchmark smoke run', 'npx', ['tsx', benchSmoke, '--smoke'])

if (failures.length > 0) console.log(`\nFailed tests:\n${failures.map((failure) => `  ${failure}`).join('\n')}`)
console.log('\nSummary:')
for (const r of results) console.log(`  ${r.name.padEnd(20)} ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ''}`)
const passed = results.reduce((sum, r) => sum + r.passed, 0)
const failed = results.reduce((sum, r) => sum + r.failed, 0)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
