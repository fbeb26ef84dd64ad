/**
 * Benchmark 5: the content script (the registered file, and every chunk it would import)
 * gzipped file by file, as a browser reads them; and the whole extension zipped, as a store package is.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { deflateRawSync, gzipSync } from 'node:zlib'
import { CONTENT_SCRIPT_FILE } from '../src/background/content-script-files.ts'
import { benchDist } from './lib/browser.ts'
import type { BenchContext } from './lib/context.ts'
import { figuresOf, round, type Figure } from './lib/report.ts'

interface Manifest {
  background?: { service_worker?: string }
  content_scripts?: Array<{ js?: string[]; css?: string[] }>
}

const RUNTIME_URL_IMPORT = /chrome\.runtime\.getURL\(\s*["']([^"']+)["']\s*\)/g
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g
const DYNAMIC_IMPORT = /\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g

function manifestOf(dist: string): Manifest {
  return JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as Manifest
}

/**
 * Every file the content script loads (paths relative to dist/), from the registered file; a build from before the
 * registration (a `--compare-dist` reference) declares its files in the manifest instead.
 */
export function contentScriptFiles(dist: string): string[] {
  if (existsSync(path.join(dist, CONTENT_SCRIPT_FILE))) return filesLoadedFrom(dist, [CONTENT_SCRIPT_FILE])
  const declared = (manifestOf(dist).content_scripts ?? []).flatMap((entry) => [...(entry.js ?? []), ...(entry.css ?? [])])
  if (declared.length === 0) throw new Error(`${dist} has neither ${CONTENT_SCRIPT_FILE} nor content scripts in its manifest`)
  return filesLoadedFrom(dist, declared)
}

function filesLoadedFrom(dist: string, entries: string[]): string[] {
  const seen = new Set<string>()
  const queue = [...entries]
  while (queue.length > 0) {
    const file = path.posix.normalize(queue.shift()!)
    if (seen.has(file)) continue
    seen.add(file)
    const source = readFileSync(path.join(dist, file), 'utf8')
    for (const match of source.matchAll(RUNTIME_URL_IMPORT)) queue.push(match[1]!.replace(/^\//, ''))
    for (const pattern of [STATIC_IMPORT, DYNAMIC_IMPORT]) {
      for (const match of source.matchAll(pattern)) queue.push(path.posix.join(path.posix.dirname(file), match[1]!))
    }
  }
  return [...seen]
}

function filesUnder(directory: string, prefix = ''): string[] {
  const files: string[] = []
  for (const name of readdirSync(directory).sort()) {
    const full = path.join(directory, name)
    const relative = prefix ? `${prefix}/${name}` : name
    if (statSync(full).isDirectory()) files.push(...filesUnder(full, relative))
    else files.push(relative)
  }
  return files
}

/** The byte size of a zip of the directory (deflate level 9, no extra fields), built in memory. */
export function zippedSize(directory: string): number {
  let size = 0
  let centralDirectory = 0
  for (const file of filesUnder(directory)) {
    const data = readFileSync(path.join(directory, file))
    const deflated = deflateRawSync(data, { level: 9 })
    // Stored when deflate does not help (PNGs): what zip tools do.
    const body = Math.min(deflated.length, data.length)
    const nameLength = Buffer.byteLength(file)
    size += 30 + nameLength + body // local file header + name + data
    centralDirectory += 46 + nameLength // central directory entry + name
  }
  return size + centralDirectory + 22 // end of central directory
}

export async function runBundleSize(context: BenchContext): Promise<Figure[]> {
  const dist = benchDist()
  const files = contentScriptFiles(dist)
  let raw = 0
  let gzipped = 0
  const perFile: Record<string, { bytes: number; gzip: number }> = {}
  for (const file of files) {
    const data = readFileSync(path.join(dist, file))
    const gzip = gzipSync(data, { level: 9 }).length
    raw += data.length
    gzipped += gzip
    perFile[file] = { bytes: data.length, gzip }
  }
  const zip = zippedSize(dist)
  const worker = filesLoadedFrom(dist, [manifestOf(dist).background?.service_worker ?? ''])
  const workerRaw = worker.reduce((total, file) => total + statSync(path.join(dist, file)).size, 0)
  context.log(`size: content script = ${files.join(' + ')}`)
  return figuresOf('5 Size', [
    { id: 'size.content-script-gzip-kb', label: `content script, gzip (${files.length} files)`,
      value: round(gzipped / 1024, 1), unit: 'KB', target: { comparison: '<=', value: 25 }, detail: { perFile } },
    { id: 'size.content-script-raw-kb', label: 'content script, as shipped', value: round(raw / 1024, 1), unit: 'KB' },
    // Parsed at every worker start; tldts's suffix list is most of it.
    { id: 'size.worker-raw-kb', label: `worker, as shipped (${worker.length} files)`, value: round(workerRaw / 1024, 1), unit: 'KB', target: { comparison: '<=', value: 320 } },
    { id: 'size.extension-zip-kb', label: 'whole extension, zipped', value: round(zip / 1024, 1), unit: 'KB' },
  ], context.isSmoke)
}
