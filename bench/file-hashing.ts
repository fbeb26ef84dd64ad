/**
 * Benchmark 9: files on this computer (issue 16). MD5, SHA-1 and SHA-256 of a 256 MB file on the Check files page (a
 * real Chromium, the file given to "Files"), against coreutils' md5sum, sha1sum and sha256sum run one after the other
 * on the same file, in alternating pairs so both meet the same load; and the peak resident memory of the renderer
 * doing the hashing (the extension's process: its page and the page's dedicated workers) over its idle level.
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, openSync, closeSync, writeSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Page } from '@playwright/test'
import { CHECK_FILES_PATH } from '../src/shared/check-files-page.ts'
import { startSimulator } from '../test/simulator/spectra-simulator.ts'
import { launchExtension, sleep, type ExtensionBrowser } from './lib/browser.ts'
import type { BenchContext } from './lib/context.ts'
import { figuresOf, median, round, type Figure } from './lib/report.ts'

const run = promisify(execFile)
const MB = 1024 * 1024
const TOOLS = ['md5sum', 'sha1sum', 'sha256sum'] as const

interface Pair {
  toolsMs: Record<(typeof TOOLS)[number], number>
  toolsSumMs: number
  extensionMs: number
  /** Peak resident memory of the extension's renderer while hashing, over its level just before. */
  peakOverIdleMb: number
  idleMb: number
  hashesAgree: boolean
}

/** Random bytes in 16 MB writes: the file is never whole in this process's memory either. */
function writeRandomFile(file: string, bytes: number): void {
  const fd = openSync(file, 'w')
  try {
    for (let done = 0; done < bytes; done += 16 * MB) writeSync(fd, randomBytes(Math.min(16 * MB, bytes - done)))
  } finally {
    closeSync(fd)
  }
}

async function timeTools(file: string): Promise<{ ms: Pair['toolsMs']; hashes: Record<string, string> }> {
  const ms = {} as Pair['toolsMs']
  const hashes: Record<string, string> = {}
  for (const tool of TOOLS) {
    const started = performance.now()
    const { stdout } = await run(tool, [file])
    ms[tool] = performance.now() - started
    hashes[tool] = stdout.split(' ')[0]!
  }
  return { ms, hashes }
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith(`${field}:`))
  if (!line) throw new Error(`/proc/${pid}/status has no ${field}`)
  return Number.parseInt(line.split(/\s+/)[1]!, 10)
}

/**
 * The extension's renderer: of this browser's processes (SystemInfo.getProcessInfo, so no other Chromium on the machine
 * is taken), the renderer whose command line says `--extension-process`. The Check files page and its workers run there.
 */
async function extensionRendererPid(browser: ExtensionBrowser): Promise<number> {
  const session = await browser.context.browser()!.newBrowserCDPSession()
  const { processInfo } = await session.send('SystemInfo.getProcessInfo') as { processInfo: Array<{ type: string; id: number }> }
  await session.detach()
  const candidates = processInfo.filter((info) => info.type === 'renderer').map((info) => info.id)
    // Chromium rewrites its renderers' argv as one space-separated string.
    .filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/).includes('--extension-process'))
  if (candidates.length !== 1) throw new Error(`expected one extension renderer, found ${candidates.length} in ${JSON.stringify(processInfo)}`)
  return candidates[0]!
}

async function hashInExtension(page: Page, file: string, pid: number): Promise<{ ms: number; hashes: Record<string, string>; peakOverIdleMb: number; idleMb: number }> {
  await page.reload()
  await page.locator('[data-files]').waitFor()
  await sleep(1000)
  const idleKb = statusKb(pid, 'VmRSS')
  // "5" resets the peak (VmHWM) to the current size: the peak read afterwards is this hashing's.
  writeFileSync(`/proc/${pid}/clear_refs`, '5')
  const chooser = page.waitForEvent('filechooser')
  await page.locator('[data-files]').click()
  const picker = await chooser
  const started = performance.now()
  await picker.setFiles(file)
  await page.locator('[data-file-row][data-phase="hashed"]').waitFor({ timeout: 600_000 })
  const ms = performance.now() - started
  const peakKb = statusKb(pid, 'VmHWM')
  const hashes: Record<string, string> = {}
  for (const type of ['md5', 'sha1', 'sha256']) hashes[type] = (await page.locator(`[data-file-hash="${type}"]`).textContent()) ?? ''
  return { ms, hashes, peakOverIdleMb: (peakKb - idleKb) / 1024, idleMb: idleKb / 1024 }
}

export async function runFileHashing(context: BenchContext): Promise<Figure[]> {
  const sizeMb = context.isSmoke ? 8 : 256
  const runs = context.isSmoke ? 1 : 3
  const folder = mkdtempSync(path.join(tmpdir(), 'hashlens-bench-files-'))
  const file = path.join(folder, 'sample.bin')
  const simulator = await startSimulator()
  let browser: ExtensionBrowser | null = null
  try {
    writeRandomFile(file, sizeMb * MB)
    browser = await launchExtension(simulator.url)
    const page = await browser.context.newPage()
    await page.goto(`chrome-extension://${browser.extensionId}/${CHECK_FILES_PATH}`)
    for (const other of browser.context.pages()) if (other !== page) await other.close()
    const pid = await extensionRendererPid(browser)
    const pairs: Pair[] = []
    for (let index = 0; index < runs; index++) {
      const tools = await timeTools(file)
      const extension = await hashInExtension(page, file, pid)
      const toolsSumMs = TOOLS.reduce((sum, tool) => sum + tools.ms[tool], 0)
      const hashesAgree = extension.hashes.md5 === tools.hashes.md5sum && extension.hashes.sha1 === tools.hashes.sha1sum && extension.hashes.sha256 === tools.hashes.sha256sum
      pairs.push({ toolsMs: tools.ms, toolsSumMs, extensionMs: extension.ms, peakOverIdleMb: extension.peakOverIdleMb, idleMb: extension.idleMb, hashesAgree })
      context.log(`  files: ${sizeMb} MB in ${Math.round(extension.ms)} ms against ${Math.round(toolsSumMs)} ms for the three tools; peak +${extension.peakOverIdleMb.toFixed(1)} MB`)
    }
    const ratios = pairs.map((pair) => pair.extensionMs / pair.toolsSumMs)
    const span = (values: number[], digits = 0): string => `${round(Math.min(...values), digits)}–${round(Math.max(...values), digits)}`
    return figuresOf('10 Files', [
      {
        id: 'files.hash-vs-coreutils',
        label: `MD5+SHA-1+SHA-256 of ${sizeMb} MB in the extension vs md5sum+sha1sum+sha256sum (${span(pairs.map((p) => p.extensionMs))} vs ${span(pairs.map((p) => p.toolsSumMs))} ms; ratios ${span(ratios, 2)})`,
        value: round(median(ratios), 2), unit: '×', target: { comparison: '<=', value: 2 },
        detail: { pairs },
      },
      {
        id: 'files.peak-memory-over-idle-mb',
        label: `peak resident memory of the hashing renderer over idle (VmHWM − VmRSS; runs ${span(pairs.map((p) => p.peakOverIdleMb), 1)} MB, idle ${span(pairs.map((p) => p.idleMb))} MB)`,
        value: round(Math.max(...pairs.map((pair) => pair.peakOverIdleMb)), 1), unit: 'MB', target: { comparison: '<=', value: 64 },
      },
      {
        id: 'files.hashes-agree',
        label: 'the three hashes equal the tools\'', value: pairs.every((pair) => pair.hashesAgree) ? 1 : 0, unit: '',
        display: pairs.every((pair) => pair.hashesAgree) ? 'yes' : 'no', target: { comparison: '==', value: 1 }, targetDisplay: 'yes',
      },
    ], context.isSmoke)
  } finally {
    await browser?.close()
    await simulator.close()
    rmSync(folder, { recursive: true, force: true })
  }
}
