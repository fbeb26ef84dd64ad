/**
 * `npm start`: the built extension in Chromium, pointed at the project's simulator of Spectra
 * Intelligence, on a demo threat report. Verdicts without real credentials. With a display it
 * stays open until Ctrl+C; without one it runs headless, saves screenshots and says where.
 */
import { createServer } from 'node:http'
import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { startSimulator, DEMO_PASSWORD, DEMO_USERNAME } from '../simulator/spectra-simulator.ts'
import { extensionIdOf, launchWithExtension, REPO_ROOT } from '../support/chromium.ts'
import { saveAccountInOptions } from '../support/options-form.ts'
import { markCounts } from '../support/marks.ts'
import { readCard } from '../support/card.ts'

const OUTPUT = path.join(REPO_ROOT, 'demo-output')
const headless = !process.env.DISPLAY || process.env.HEADLESS === '1'

const simulator = await startSimulator({ port: Number(process.env.SIMULATOR_PORT ?? 0) })
console.log(`Spectra simulator: ${simulator.url} (user ${DEMO_USERNAME}, password ${DEMO_PASSWORD})`)

const demoHtml = readFileSync(path.join(REPO_ROOT, 'test', 'demo', 'demo-page.html'))
const pageServer = createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(demoHtml)
})
await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve))
const address = pageServer.address()
const demoUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/threat-report.html`

const context = await launchWithExtension({ headless })
const extensionId = await extensionIdOf(context)
console.log(`Chromium ${headless ? '(headless)' : ''} with HashLens ${extensionId}`)

// Configure the extension the way a user does: the options page, Save.
const options = context.pages().find((p) => p.url().includes('options.html')) ?? await context.newPage()
await options.goto(`chrome-extension://${extensionId}/src/options/options.html`)
await saveAccountInOptions(options, simulator.url)

const page = await context.newPage()
await page.goto(demoUrl)
await page.bringToFront()
// Wait until the marks have settled: no hash left pending.
const settleBy = Date.now() + 15_000
for (;;) {
  const counts = await markCounts(page)
  if ((counts.malicious ?? 0) > 0 && (counts.pending ?? 0) === 0) break
  if (Date.now() > settleBy) {
    console.warn('Marks did not settle within 15 s; screenshots show what there is.')
    break
  }
  await page.waitForTimeout(200)
}

if (headless) {
  mkdirSync(OUTPUT, { recursive: true })
  const pageShot = path.join(OUTPUT, 'demo-page.png')
  await page.screenshot({ path: pageShot, fullPage: true })

  // Hover the first malicious hash in the IOC table to show its card.
  const cell = page.locator('table code').first()
  const box = await cell.boundingBox()
  let cardShot = ''
  if (box) {
    await page.mouse.move(box.x + 20, box.y + box.height / 2)
    // The card's root is closed: wait for it in the accessibility tree.
    for (let waited = 0; waited < 5000 && (await readCard(page)) === null; waited += 100) await page.waitForTimeout(100)
    cardShot = path.join(OUTPUT, 'demo-card.png')
    await page.screenshot({ path: cardShot })
  }

  const tabId = await (context.serviceWorkers()[0]!).evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url })
    return tab?.id ?? -1
  }, demoUrl)
  const popup = await context.newPage()
  await popup.setViewportSize({ width: 460, height: 600 })
  await popup.goto(`chrome-extension://${extensionId}/src/popup/popup.html?tab=${tabId}`)
  await popup.getByRole('table', { name: 'Hashes on this page' }).waitFor({ timeout: 5000 }).catch(() => undefined)
  const popupShot = path.join(OUTPUT, 'demo-popup.png')
  await popup.screenshot({ path: popupShot, fullPage: true })

  console.log('\nScreenshots:')
  for (const file of [pageShot, cardShot, popupShot].filter(Boolean)) console.log(`  ${file}`)
  console.log(`Lookups sent to the simulator: ${simulator.lookupRequests().length} request(s)`)
  await context.close()
  pageServer.closeAllConnections()
  pageServer.close()
  await simulator.close()
} else {
  console.log(`Demo page: ${demoUrl}\nPress Ctrl+C to stop.`)
  const stop = async () => {
    await context.close().catch(() => undefined)
    pageServer.closeAllConnections()
    pageServer.close()
    await simulator.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
  context.on('close', () => void stop())
}
