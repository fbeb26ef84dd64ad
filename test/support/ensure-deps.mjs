#!/usr/bin/env node
// Runs before `npm start` and `npm test` (plain Node: node_modules may not exist yet).
// Installs what is missing: the npm packages (npm ci), and a Chromium for Playwright, which
// cannot download its own browser here. Chromium comes from CHROMIUM_PATH, Debian's
// /usr/bin/chromium, or apt when we are root on Debian; otherwise we say how to get it.
import { existsSync } from 'node:fs'
import { execSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

function run(command) {
  console.log(`> ${command}`)
  execSync(command, { cwd: root, stdio: 'inherit' })
}

if (!existsSync(path.join(root, 'node_modules'))) run('npm ci')

const fromEnv = process.env.CHROMIUM_PATH
if (fromEnv) {
  if (!existsSync(fromEnv)) {
    console.error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.`)
    process.exit(1)
  }
} else if (!existsSync('/usr/bin/chromium')) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (isRoot && existsSync('/etc/debian_version')) {
    run('apt-get update -qq')
    run('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium')
  } else {
    console.error([
      'HashLens needs Chromium for its end-to-end tests and the demo, and none was found.',
      '  Debian/Ubuntu: sudo apt-get install chromium   (gives /usr/bin/chromium)',
      '  Elsewhere:     export CHROMIUM_PATH=/path/to/chromium-or-chrome',
    ].join('\n'))
    process.exit(1)
  }
}
