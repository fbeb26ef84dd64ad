/** The failed tests of a run, one line each (title and first error line), read from the runners' JSON reports. */
import path from 'node:path'
import { stripVTControlCharacters } from 'node:util'

export interface VitestReport {
  testResults?: { name: string; assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[] }[]
}

export interface PlaywrightSuite {
  title: string
  suites?: PlaywrightSuite[]
  specs?: { title: string; ok: boolean; file: string; line: number; tests: { results: { error?: { message?: string } }[] }[] }[]
}

// Colour codes out, first line only, bounded: the summary must stay readable.
const firstLine = (message: string | undefined) =>
  stripVTControlCharacters(message ?? '').trim().split('\n')[0]!.slice(0, 200)

export function vitestFailures(suite: string, report: VitestReport, root: string): string[] {
  return (report.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? [])
      .filter((test) => test.status === 'failed')
      .map((test) => `${suite}: ${path.relative(root, file.name)} › ${test.fullName} — ${firstLine(test.failureMessages?.[0])}`))
}

export function playwrightFailures(suites: PlaywrightSuite[] = []): string[] {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).filter((spec) => !spec.ok).map((spec) => {
      const error = spec.tests.flatMap((test) => test.results).find((result) => result.error)?.error?.message
      return `e2e: ${spec.file}:${spec.line} › ${spec.title} — ${firstLine(error)}`
    }),
    ...playwrightFailures(suite.suites),
  ])
}
