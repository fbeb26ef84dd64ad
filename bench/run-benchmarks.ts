/**
 * `npm run bench`; options in README "Performance". Exits non-zero only when a benchmark
 * crashes: a figure that falls short is a finding. Uses dist/ as it is (the smoke run follows
 * the e2e tests, which built it). `--compare-dist <dir>` runs each benchmark on that other build
 * too, right after dist/'s, so both meet the same machine load; its figures end in `.before`.
 */
import { existsSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { DIST, REPO_ROOT } from '../test/support/chromium.ts'
import { runBundleSize } from './bundle-size.ts'
import { runDetectorThroughput } from './detector-throughput.ts'
import { runFileHashing } from './file-hashing.ts'
import { runFloodCost } from './flood-cost.ts'
import { runHoverLatency } from './hover-latency.ts'
import type { BenchContext } from './lib/context.ts'
import { renderMarkdown, renderTable, type Figure } from './lib/report.ts'
import { runNetworkEfficiency } from './network-efficiency.ts'
import { runPageCost } from './page-cost.ts'
import { runPanelCost } from './panel-cost.ts'
import { runPdfViewer } from './pdf-viewer.ts'
import { runSampleJudgement } from './sample-judgement.ts'
import { runWorkerCache } from './worker-cache.ts'

const BENCHMARKS: ReadonlyArray<{ name: string; title: string; run: (context: BenchContext) => Promise<Figure[]> }> = [
  { name: 'detector', title: '1 Detector', run: runDetectorThroughput },
  { name: 'page-cost', title: '2 Page cost', run: runPageCost },
  { name: 'network', title: '3 Network', run: runNetworkEfficiency },
  { name: 'hover', title: '4 Hover', run: runHoverLatency },
  { name: 'size', title: '5 Size', run: runBundleSize },
  { name: 'worker', title: '6 Worker cache', run: runWorkerCache },
  { name: 'judgement', title: '7 Judgement', run: runSampleJudgement },
  { name: 'panel', title: '8 Side panel', run: runPanelCost },
  { name: 'pdf', title: '9 PDF', run: runPdfViewer },
  { name: 'files', title: '10 Files', run: runFileHashing },
  { name: 'flood', title: '11 Flood', run: runFloodCost },
]

function optionValue(name: string): string | null {
  const index = process.argv.indexOf(name)
  return index >= 0 ? process.argv[index + 1] ?? null : null
}

async function main(): Promise<number> {
  const isSmoke = process.argv.includes('--smoke')
  const only = optionValue('--only')?.split(',') ?? null
  if (!existsSync(path.join(DIST, 'manifest.json'))) {
    console.error('dist/ is missing: run `npx vite build` first (npm run bench does).')
    return 1
  }
  const startedAt = Date.now()
  const context: BenchContext = {
    isSmoke,
    log: (message) => console.error(`[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${message}`),
  }
  const compareDist = optionValue('--compare-dist')
  const builds = [{ dir: DIST, suffix: '', note: '' }, ...compareDist ? [{ dir: path.resolve(compareDist), suffix: '.before', note: ' [before]' }] : []]
  const figures: Figure[] = []
  const crashes: Array<{ benchmark: string; error: string }> = []
  for (const benchmark of BENCHMARKS) {
    if (only && !only.includes(benchmark.name)) continue
    for (const build of builds) {
      context.log(`${benchmark.title}${build.note}…`)
      process.env.BENCH_DIST = build.dir
      try {
        const measured = await benchmark.run(context)
        figures.push(...measured.map((figure) => ({ ...figure, id: figure.id + build.suffix, label: figure.label + build.note })))
      } catch (error) {
        const message = error instanceof Error ? error.stack ?? error.message : String(error)
        console.error(`${benchmark.title}${build.note} crashed:\n${message}`)
        crashes.push({ benchmark: benchmark.title + build.note, error: message })
        figures.push({ id: `${benchmark.name}.crashed${build.suffix}`, benchmark: benchmark.title, label: `crashed (see the log above)${build.note}`, value: null, unit: '', status: 'fall short' })
      }
    }
  }
  const seconds = Math.round((Date.now() - startedAt) / 1000)
  const mode = isSmoke ? 'smoke run: tiny inputs, targets not judged' : 'full run'
  console.log(`\nHashLens benchmarks (${mode}), ${seconds} s\n`)
  console.log(renderTable(figures))
  const short = figures.filter((figure) => figure.status === 'fall short').length
  if (!isSmoke) console.log(`\n${figures.filter((figure) => figure.status === 'pass').length} targets met, ${short} fall short`)
  // Smoke and partial runs leave the last full run's results.json alone unless told where to write.
  const jsonPath = optionValue('--json') ?? (only || isSmoke ? null : path.join(REPO_ROOT, 'bench', 'results.json'))
  if (jsonPath) {
    writeFileSync(jsonPath, JSON.stringify({
      date: new Date().toISOString(),
      seconds,
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      figures,
      markdown: renderMarkdown(figures),
      crashes,
    }, null, 2))
  }
  return crashes.length > 0 ? 1 : 0
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error)
  process.exit(1)
})
