/**
 * Benchmark 11: what HashLens adds to the machine beside issue 12's flood (2,000 fresh hashes every 250 ms), against
 * the same flood with HashLens idle on its site, in one browser. Read as CPU time of every Chromium process from
 * /proc, so the renderer, GPU, browser and extension processes all count; in the order idle, working, working, idle
 * per round, as a browser grows slower over a run and a fixed order would charge that to whichever came last.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { startFixtureServer } from '../test/e2e/fixture-server.ts'
import { addedBy, floodPage } from '../test/support/flood-page.ts'
import { startSimulator } from '../test/simulator/spectra-simulator.ts'
import { launchExtension, sleep, waitFor } from './lib/browser.ts'
import type { BenchContext } from './lib/context.ts'
import { figuresOf, median, round, type Figure } from './lib/report.ts'

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these. */
const CLOCK_TICKS_PER_SECOND = 100
/** Past the flooding tab's 20,000 listed hashes and its 1,000 lookups: the steady flood, not its start. */
const WARM_UP_HASHES = 30_000

type ProcessKind = 'renderer' | 'extension' | 'gpu' | 'browser' | 'other'

/** CPU ms so far of each kind of Chromium process; a process that ended meanwhile is simply not counted. */
function chromiumCpuMs(): Record<ProcessKind, number> {
  const totals: Record<ProcessKind, number> = { renderer: 0, extension: 0, gpu: 0, browser: 0, other: 0 }
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      if (!commandLine.includes('chromium')) continue
      const type = /--type=([a-z-]+)/.exec(commandLine)?.[1] ?? null
      const kind: ProcessKind = type === null ? 'browser' : type === 'gpu-process' ? 'gpu'
        : type === 'renderer' ? (commandLine.includes('--extension-process') ? 'extension' : 'renderer') : 'other'
      // Fields after the command name, which may hold spaces: utime and stime are the 14th and 15th of the line.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      totals[kind] += ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND
    } catch {
      // Gone between the listing and the read.
    }
  }
  return totals
}

interface CpuWindow {
  isHashLensIdle: boolean
  /** CPU ms per second of the window, all Chromium processes, and by kind. */
  cpuPerSecond: number
  byKind: Record<ProcessKind, number>
}

export async function runFloodCost(context: BenchContext): Promise<Figure[]> {
  const rounds = context.isSmoke ? 1 : 3
  const windowMs = context.isSmoke ? 1000 : 10_000
  const server = await startFixtureServer()
  const simulator = await startSimulator({ limit: { limit: 10_000_000, type: 'daily' } })
  const browser = await launchExtension(simulator.url)
  const windows: CpuWindow[] = []
  try {
    for (let roundIndex = 0; roundIndex < rounds; roundIndex++) {
      for (const isHashLensIdle of [true, false, false, true]) {
        const settings = { perSiteDailyBudget: 100_000, totalDailyBudget: 100_000, idleSites: isHashLensIdle ? ['localhost'] : [] }
        await browser.worker.evaluate((value) => chrome.storage.local.set({ settings: value }), settings)
        const flood = await browser.context.newPage()
        // Another site than the benchmark's other pages, so that idling it idles this page only.
        await flood.goto(server.serve(`flood-${windows.length}.html`, floodPage(120_000)).replace('127.0.0.1', 'localhost'))
        const warmUp = context.isSmoke ? 2000 : WARM_UP_HASHES
        await waitFor(async () => (await addedBy(flood) >= warmUp ? true : undefined), 30_000)
        // The page's lookups (its first 1,000 hashes) answered: what is left is the steady flood.
        await sleep(context.isSmoke ? 200 : 2000)
        const before = chromiumCpuMs()
        await sleep(windowMs)
        const after = chromiumCpuMs()
        await flood.close()
        const byKind = Object.fromEntries(Object.entries(after).map(([kind, ms]) => [kind, Math.round((ms - before[kind as ProcessKind]) / (windowMs / 1000))])) as Record<ProcessKind, number>
        const cpuPerSecond = Object.values(byKind).reduce((sum, ms) => sum + ms, 0)
        windows.push({ isHashLensIdle, cpuPerSecond, byKind })
        context.log(`  flood, HashLens ${isHashLensIdle ? 'idle' : 'working'}: ${Math.round(cpuPerSecond)} ms CPU/s ${JSON.stringify(byKind)}`)
        await sleep(500)
      }
    }
  } finally {
    await browser.close()
    await simulator.close()
    await server.close()
  }
  const idle = windows.filter((measured) => measured.isHashLensIdle)
  const working = windows.filter((measured) => !measured.isHashLensIdle)
  // Each round's two working windows against its two idle ones, so one slow moment of the machine stays in its round.
  const addedPerRound = Array.from({ length: rounds }, (_, roundIndex) => {
    const of = (list: readonly CpuWindow[]) => (list[2 * roundIndex]!.cpuPerSecond + list[2 * roundIndex + 1]!.cpuPerSecond) / 2
    return of(working) - of(idle)
  })
  const pageOwn = median(idle.map((measured) => measured.cpuPerSecond))
  const added = median(addedPerRound)
  return figuresOf('11 Flood', [
    {
      id: 'flood.page-own-cpu-percent',
      label: 'a page adding 2,000 fresh hashes every 250 ms, with HashLens idle there: its own CPU, % of one core',
      value: pageOwn === null ? null : round(pageOwn / 10, 1),
      unit: '%',
      detail: { idleWindows: idle },
    },
    {
      id: 'flood.hashlens-added-cpu-percent',
      label: 'CPU HashLens adds beside that page, all of Chromium\'s processes, % of one core',
      value: added === null ? null : round(added / 10, 1),
      unit: '%',
      detail: { perRound: addedPerRound.map((ms) => round(ms / 10, 1)), workingWindows: working },
    },
  ], context.isSmoke)
}
