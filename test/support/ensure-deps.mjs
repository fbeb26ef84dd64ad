#!/usr/bin/env node
// Runs before `npm start` and `npm test` (plain Node: node_modules may not exist yet).
// Installs what is missing: the npm packages (npm ci), a Chromium for Playwright and, with
// --with-firefox (`npm test`), a Firefox for the Firefox suite; neither browser can be
// downloaded by its test tool here. Each comes from its environment variable, Debian's
// package, or apt when we are root on Debian; otherwise we say how to get it.
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

const browsers = [
  { name: 'Chromium', envVar: 'CHROMIUM_PATH', debianPath: '/usr/bin/chromium', aptPackage: 'chromium', exampleEnvPath: '/path/to/chromium-or-chrome', usedFor: 'its end-to-end tests and the demo' },
]
if (process.argv.includes('--with-firefox')) {
  browsers.push({ name: 'Firefox', envVar: 'FIREFOX_PATH', debianPath: '/usr/bin/firefox-esr', aptPackage: 'firefox-esr', exampleEnvPath: '/path/to/firefox', usedFor: 'its Firefox tests' })
}

const missing = []
for (const browser of browsers) {
  const fromEnv = process.env[browser.envVar]
  if (fromEnv) {
    if (!existsSync(fromEnv)) {
      console.error(`${browser.envVar} is set to ${fromEnv}, but there is no file there.`)
      process.exit(1)
    }
  } else if (!existsSync(browser.debianPath)) {
    missing.push(browser)
  }
}

if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (isRoot && existsSync('/etc/debian_version')) {
    run('apt-get update -qq')
    run(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.map((b) => b.aptPackage).join(' ')}`)
  } else {
    console.error(missing.flatMap((browser) => [
      `HashLens needs ${browser.name} for ${browser.usedFor}, and none was found.`,
      `  Debian/Ubuntu: sudo apt-get install ${browser.aptPackage}   (gives ${browser.debianPath})`,
      `  Elsewhere:     export ${browser.envVar}=${browser.exampleEnvPath}`,
    ]).join('\n'))
    process.exit(1)
  }
}
