/**
 * `npm run zip`. web-ext packs both stores' archives (manifest at the root, no dotfiles) and is a dev dependency
 * already. Tests, which must leave dist/ and artifacts/ alone, pass --artifacts-dir and --build-dir.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const TARGETS = [
  { name: 'chromium', mode: 'production', dir: 'dist' },
  { name: 'firefox', mode: 'firefox', dir: 'dist-firefox' },
] as const

export function archiveName(target: string, version: string): string {
  return `hashlens-${target}-${version}.zip`
}

function npx(args: string[]): void {
  execFileSync('npx', args, { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] })
}

function main(): void {
  const { values } = parseArgs({
    options: { 'artifacts-dir': { type: 'string' }, 'build-dir': { type: 'string' } },
  })
  const artifactsDir = path.resolve(REPO_ROOT, values['artifacts-dir'] ?? 'artifacts')
  const buildRoot = path.resolve(REPO_ROOT, values['build-dir'] ?? '.')
  const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }

  for (const target of TARGETS) {
    const outDir = path.join(buildRoot, target.dir)
    npx(['vite', 'build', '--mode', target.mode, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'])
    npx(['web-ext', 'build', '--source-dir', outDir, '--artifacts-dir', artifactsDir,
      '--filename', archiveName(target.name, version), '--overwrite-dest', '--no-config-discovery'])
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main()
