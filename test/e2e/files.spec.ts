/** Files on this computer (issue 16): hashed in the browser, only a hash looked up, nothing of the content sent. */
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect } from './fixtures.ts'
import { simulatedStatusOf } from '../simulator/records.ts'
import { CHECK_FILES_PATH } from '../../src/shared/check-files-page.ts'

const MB = 1024 * 1024
const LABEL = { MALICIOUS: 'Malicious', SUSPICIOUS: 'Suspicious', KNOWN: 'Known', UNKNOWN: 'Unknown', NOT_FOUND: 'Not found' } as const

function nodeHashes(bytes: Uint8Array): { md5: string; sha1: string; sha256: string } {
  return {
    md5: createHash('md5').update(bytes).digest('hex'),
    sha1: createHash('sha1').update(bytes).digest('hex'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  }
}

let folder: string
test.beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'hashlens-files-'))
})
test.afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

async function writeTempFile(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(folder, name)
  await writeFile(file, bytes)
  return file
}

/** Gives the files to "Files" as a user would: the button opens the browser's file chooser. */
async function pickFiles(page: Page, files: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Files', exact: true }).click()
  await (await chooser).setFiles(files)
}

test('a 50 MB file: its three hashes equal Node\'s, one lookup of its SHA-256, and no request body holds its content', async ({ context, openExtensionPage, configure, simulator }) => {
  test.setTimeout(180_000)
  const bodies: Buffer[] = []
  const urls: string[] = []
  await context.route('**', async (route) => {
    const request = route.request()
    urls.push(request.url())
    const body = request.postDataBuffer()
    if (body) bodies.push(body)
    await route.continue()
  })
  await configure()
  const bytes = randomBytes(50 * MB)
  // Markers at the start, across the 4 MB slice edges, and at the end: a request that carried any part would show one.
  const markers = Array.from({ length: 6 }, () => randomBytes(16).toString('hex'))
  const offsets = [0, 4 * MB - 16, 8 * MB + 3, 25 * MB, 48 * MB - 7, 50 * MB - 32]
  markers.forEach((marker, index) => bytes.write(marker, offsets[index]!, 'latin1'))
  const expected = nodeHashes(bytes)
  const file = await writeTempFile('sample.bin', bytes)

  const page = await openExtensionPage(CHECK_FILES_PATH)
  await pickFiles(page, [file])
  const row = page.locator('[data-file-row]')
  await expect(row).toHaveCount(1)
  await expect(row.locator('.hl-file-name')).toHaveText('sample.bin')
  await expect(row).toHaveAttribute('data-phase', 'hashed', { timeout: 120_000 })
  await expect(row.locator('[data-file-hash="md5"]')).toHaveText(expected.md5)
  await expect(row.locator('[data-file-hash="sha1"]')).toHaveText(expected.sha1)
  await expect(row.locator('[data-file-hash="sha256"]')).toHaveText(expected.sha256)
  await expect(row.locator('.hl-badge')).toHaveText(LABEL[simulatedStatusOf(expected.sha256)])

  expect(simulator.lookupRequests()).toHaveLength(1)
  expect(simulator.lookedUpHashes().map((hash) => hash.toLowerCase())).toEqual([expected.sha256])
  // The route saw the worker's own lookup (one hash goes as a GET naming it), so its silence elsewhere means something.
  expect(urls.filter((url) => url.startsWith(simulator.url) && url.includes(expected.sha256))).toHaveLength(1)
  for (const url of urls) for (const marker of markers) expect(url).not.toContain(marker)
  for (const body of bodies) {
    const text = body.toString('latin1')
    for (const marker of markers) expect(text).not.toContain(marker)
    // Nor the content as any other encoding would carry it.
    for (const marker of markers) expect(text).not.toContain(Buffer.from(marker, 'latin1').toString('base64').slice(0, 20))
  }
  for (const request of simulator.requests) for (const marker of markers) expect(JSON.stringify(request)).not.toContain(marker)
})

test('several files at once: a row each with its own hashes and verdict, the empty file included, and an export', async ({ context, openExtensionPage, configure, simulator }) => {
  const sent: string[] = []
  await context.route('**', async (route) => {
    sent.push(route.request().url(), route.request().postDataBuffer()?.toString('latin1') ?? '')
    await route.continue()
  })
  await configure()
  const contents = [randomBytes(3 * MB + 5), randomBytes(1), new Uint8Array(0), randomBytes(9 * MB)]
  const names = ['a.exe', 'b;c.dll', 'empty.txt', '=cmd.bat']
  const files = await Promise.all(contents.map((bytes, index) => writeTempFile(names[index]!, bytes)))
  const page = await openExtensionPage(CHECK_FILES_PATH)
  await pickFiles(page, files)

  const rows = page.locator('[data-file-row]')
  await expect(rows).toHaveCount(4)
  for (const [index, bytes] of contents.entries()) {
    const row = rows.nth(index)
    const expected = nodeHashes(bytes)
    await expect(row.locator('.hl-file-name')).toHaveText(names[index]!)
    await expect(row).toHaveAttribute('data-phase', 'hashed', { timeout: 60_000 })
    await expect(row.locator('[data-file-hash="sha256"]')).toHaveText(expected.sha256)
    await expect(row.locator('[data-file-hash="md5"]')).toHaveText(expected.md5)
    await expect(row.locator('.hl-badge')).toHaveText(LABEL[simulatedStatusOf(expected.sha256)])
  }
  expect(simulator.lookedUpHashes().map((hash) => hash.toLowerCase()).sort()).toEqual(contents.map((bytes) => nodeHashes(bytes).sha256).sort())
  // Each file is looked up once hashed: the route saw those requests, which hold hashes and no byte of a file.
  expect(sent.some((text) => text.includes(nodeHashes(contents[0]!).sha256))).toBe(true)
  for (const bytes of contents.filter((content) => content.length >= 1000)) {
    const sample = Buffer.from(bytes.subarray(500, 516)).toString('latin1')
    for (const text of sent) expect(text).not.toContain(sample)
  }

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const csv = await readFile(await (await download).path(), 'utf8')
  const lines = csv.trimEnd().split('\r\n')
  expect(lines[0]!.startsWith('file_name,size,md5,sha1,sha256,classification')).toBe(true)
  expect(lines).toHaveLength(5)
  expect(lines[2]!.startsWith(`"b;c.dll",1,${nodeHashes(contents[1]!).md5}`)).toBe(true)
  expect(lines[4]!.startsWith(`'=cmd.bat,${9 * MB},`)).toBe(true)

  // STIX 2.1: a file object per file, with its name, size and the hashes Node computes.
  const stixDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export STIX' }).click()
  const bundle = JSON.parse(await readFile(await (await stixDownload).path(), 'utf8')) as { objects: Array<{ type: string; name?: string; size?: number; hashes?: Record<string, string> }> }
  const fileObjects = bundle.objects.filter((object) => object.type === 'file')
  expect(fileObjects.map((file) => file.name)).toEqual(names)
  expect(fileObjects.map((file) => file.hashes?.['SHA-256'])).toEqual(contents.map((bytes) => nodeHashes(bytes).sha256))
  expect(fileObjects[3]!.size).toBe(9 * MB)
})

test('Cancel stops hashing: the file gets no hashes and no lookup, and the next file goes on', async ({ openExtensionPage, configure, simulator }) => {
  test.setTimeout(120_000)
  await configure()
  const big = await writeTempFile('big.iso', randomBytes(200 * MB))
  const small = randomBytes(2 * MB)
  const next = await writeTempFile('next.bin', small)
  const page = await openExtensionPage(CHECK_FILES_PATH)
  await pickFiles(page, [big, next])
  const first = page.locator('[data-file-row]').first()
  await expect(first).toHaveAttribute('data-phase', 'hashing')
  // Some bytes done, far from all: the cancel lands mid-file.
  await expect.poll(() => first.locator('progress').evaluate((bar: HTMLProgressElement) => bar.value)).toBeGreaterThan(0)
  await first.getByRole('button', { name: 'Cancel' }).click()
  await expect(first).toHaveAttribute('data-phase', 'cancelled')
  await expect(first).toContainText('Cancelled')
  await expect(first.locator('[data-file-hash]')).toHaveCount(0)

  const second = page.locator('[data-file-row]').nth(1)
  await expect(second).toHaveAttribute('data-phase', 'hashed', { timeout: 60_000 })
  await expect(second.locator('[data-file-hash="sha256"]')).toHaveText(nodeHashes(small).sha256)
  await expect.poll(() => simulator.lookedUpHashes().length).toBe(1)
  expect(simulator.lookedUpHashes()[0]!.toLowerCase()).toBe(nodeHashes(small).sha256)
  // The cancelled file's workers are gone: no worker of the page is left hashing.
  await page.waitForTimeout(500)
  expect(page.workers()).toHaveLength(0)
})

test('the popup\'s Files opens the Check files page; the side panel has Files and a drop zone', async ({ context, openExtensionPage, extensionId, configure }) => {
  await configure()
  const popup = await openExtensionPage('src/popup/popup.html')
  const opened = context.waitForEvent('page')
  await popup.getByRole('button', { name: 'Files', exact: true }).click()
  const page = await opened
  await expect(page).toHaveURL(`chrome-extension://${extensionId}/${CHECK_FILES_PATH}`)
  await expect(page.getByRole('heading', { name: 'Files on this computer' })).toBeVisible()

  const panel = await openExtensionPage('src/panel/panel.html')
  await expect(panel.getByRole('button', { name: 'Files', exact: true })).toBeVisible()
  // A drop: the same files a user's drag would carry.
  const bytes = randomBytes(1000)
  const transfer = await panel.evaluateHandle((data) => {
    const dt = new DataTransfer()
    dt.items.add(new File([new Uint8Array(data)], 'dropped.bin'))
    return dt
  }, [...bytes])
  await panel.locator('[data-drop-zone]').dispatchEvent('drop', { dataTransfer: transfer })
  const row = panel.locator('[data-file-row]')
  await expect(row.locator('.hl-file-name')).toHaveText('dropped.bin')
  await expect(row.locator('[data-file-hash="sha1"]')).toHaveText(nodeHashes(bytes).sha1)
  // Dropped beside the zone: not opened by the browser in place of the panel, not added either.
  const openedInPlace = await panel.evaluate((dt) => {
    const drop = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true })
    document.querySelector('h2')!.dispatchEvent(drop)
    return !drop.defaultPrevented
  }, transfer)
  expect(openedInPlace).toBe(false)
  await expect(panel.locator('[data-file-row]')).toHaveCount(1)
})

test.describe('in a browser without WebAssembly', () => {
  test.use({ browserArgs: ['--js-flags=--jitless'] })

  test('a file row names the cause: the hashing code cannot run, not an unreadable file; nothing is looked up', async ({ openExtensionPage, configure, simulator }) => {
    await configure()
    const page = await openExtensionPage(CHECK_FILES_PATH)
    // V8 without its compilers has no WebAssembly, in extension pages and their workers alike (--no-expose-wasm keeps it).
    expect(await page.evaluate(() => typeof WebAssembly)).toBe('undefined')
    await pickFiles(page, [await writeTempFile('report.exe', randomBytes(1000))])
    const row = page.locator('[data-file-row]')
    await expect(row).toHaveAttribute('data-phase', 'failed')
    await expect(row).toContainText('does not let HashLens run its hashing code (WebAssembly is turned off or blocked)')
    await expect(row).not.toContainText('Could not read this file')
    expect(simulator.lookedUpHashes()).toEqual([])
  })
})
