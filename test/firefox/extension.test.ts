/**
 * HashLens in a real Firefox: dist-firefox/ installed as a temporary add-on in Debian's
 * firefox-esr, talking to the simulator of the service on 127.0.0.1 (the API host typed into
 * Options), pages served from 127.0.0.1. The user's path: sign in, see marks, hover, read the
 * popup. One Firefox for the file; each test opens its own tabs and hashes.
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, DEMO_USERNAME, type Simulator } from '../simulator/spectra-simulator.ts'
import { startFixtureServer, type FixtureServer } from '../e2e/fixture-server.ts'
import { makeHash } from '../e2e/fixtures.ts'
import { REPORT_HASHES, threatReport, writePdf } from '../support/pdf-fixture.ts'
import { launchFirefoxWithExtension, PLAIN_HTTP_HOST, type FirefoxWithExtension } from '../support/firefox.ts'
import {
  clickButton, clickCardButton, fillLabelled, hover, paintOver, markedTexts, listedRows, saveAccountInOptions, shownCardText, tabIdOf, textOf, valueLabelled,
  waitUntil,
} from '../support/firefox-pages.ts'

const POLL = { timeout: 20_000, interval: 100 }

let simulator: Simulator
let pages: FixtureServer
let firefox: FirefoxWithExtension

beforeAll(async () => {
  simulator = await startSimulator()
  pages = await startFixtureServer()
  firefox = await launchFirefoxWithExtension()
})

afterAll(async () => {
  await firefox?.close()
  await pages?.close()
  await simulator?.close()
})

/** Saves the simulator's account through Options and waits for the page to confirm it. */
async function signIn(): Promise<void> {
  const options = await firefox.openExtensionPage(firefox.optionsPath)
  await saveAccountInOptions(options, simulator.url)
  // expect.poll belongs to tests, not hooks.
  const saved = await waitUntil(options, () => document.querySelector('[data-testid="options-result"]')?.textContent === 'Saved.', [], POLL.timeout)
  if (!saved) throw new Error(`Options never said "Saved.": it said ${JSON.stringify(await textOf(options, '[data-testid="options-result"]'))}`)
  await options.close()
}

const lookedUp = () => simulator.lookupRequests().flatMap((request) => request.hashes.map((hash) => hash.toLowerCase())).sort()

it('signs in through the options page: Save stores the account and the engine becomes ready', async () => {
  const options = await firefox.openExtensionPage(firefox.optionsPath)
  await expect.poll(() => options.evaluate(() => document.querySelector('[data-status]')?.getAttribute('data-status')), POLL).toBe('not-configured')
  await saveAccountInOptions(options, simulator.url)
  await expect.poll(() => textOf(options, '[data-testid="options-result"]'), POLL).toBe('Saved.')
  await expect.poll(() => options.evaluate(() => document.querySelector('[data-status]')?.getAttribute('data-status')), POLL).toBe('ready')
  expect(await valueLabelled(options, 'Password')).toBe('')

  // What a reopened options page reads back from storage: the account, never the password.
  await options.close()
  const reopened = await firefox.openExtensionPage(firefox.optionsPath)
  await expect.poll(() => valueLabelled(reopened, 'Username'), POLL).toBe(DEMO_USERNAME)
  expect(await valueLabelled(reopened, 'API host')).toBe(simulator.url)
  expect(await valueLabelled(reopened, 'Password')).toBe('')
  // Firefox shows PDFs in its own viewer, which no extension can redirect from: the setting is not offered.
  expect(await reopened.evaluate(() => document.body.textContent)).toContain('Cache')
  expect(await reopened.evaluate(() => document.body.textContent)).not.toContain('Open PDFs in HashLens')
  await reopened.close()
})

it('Options\' "Check downloads" asks for its optional permissions within the click, and a Save with it off gives them back', async () => {
  // Firefox grants them at once here (extensions.webextOptionalPermissionPrompts off in the test profile), for a request
  // made while handling the user's input only: a request after an await would be refused and the box would stay off.
  const options = await firefox.openExtensionPage(firefox.optionsPath)
  const held = () => options.evaluate(() => chrome.permissions.contains({ permissions: ['downloads', 'notifications'] }))
  // The Downloads section's first box is "Check downloads".
  const isOn = () => options.evaluate(() => document.querySelector<HTMLInputElement>('fieldset#downloads input[type="checkbox"]')?.checked ?? false)
  const clickBox = async () => {
    const point = await options.evaluate(() => {
      const box = document.querySelector<HTMLInputElement>('fieldset#downloads input[type="checkbox"]')!
      box.scrollIntoView({ block: 'center' })
      const rect = box.getBoundingClientRect()
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 }
    })
    await options.mouse.click(point.x, point.y)
  }
  await expect.poll(() => options.evaluate(() => document.querySelector('fieldset#downloads') !== null), POLL).toBe(true)
  expect(await held()).toBe(false)

  await clickBox()
  await expect.poll(held, POLL).toBe(true)
  await expect.poll(isOn, POLL).toBe(true)
  expect(await textOf(options, '[data-permission-refused]')).toBeNull()
  await clickButton(options, 'Save')
  await expect.poll(() => textOf(options, '[data-testid="options-result"]'), POLL).toBe('Saved.')

  await clickBox()
  await expect.poll(isOn, POLL).toBe(false)
  await clickButton(options, 'Save')
  await expect.poll(held, POLL).toBe(false)
  await options.close()
})

describe('signed in', () => {
  beforeAll(signIn)

  it('marks every hash on a page by its verdict, in the document, an open shadow root and an iframe, and the marks are painted', async () => {
    // Verdicts follow the last hex digit (simulatedStatusOf): 0-3 malicious, 4-5 suspicious, 6-9 known, a-b unknown, c-f not found.
    const hashes = {
      malicious: makeHash(6001, 40, '0'),
      suspicious: makeHash(6002, 64, '4'),
      known: makeHash(6003, 32, '7'),
      unknown: makeHash(6004, 40, 'a'),
      notFound: makeHash(6005, 64, 'c'),
      inShadowRoot: makeHash(6006, 40, '1'),
      inFrame: makeHash(6007, 64, '8'),
    }
    simulator.reset()
    const frameUrl = pages.serve('ff-frame.html', `<!doctype html><p id="f">${hashes.inFrame}</p>`)
    const page = await firefox.openPage(pages.serve('ff-marks.html', `<!doctype html><body>
      <p id="malicious">${hashes.malicious}</p>
      <table><tr><td id="suspicious">sha256:${hashes.suspicious}</td></tr></table>
      <ul><li id="known">md5=${hashes.known};</li><li id="unknown">${hashes.unknown}</li></ul>
      <pre id="not-found">${hashes.notFound}  sample.bin</pre>
      <div id="host"></div>
      <iframe src="${frameUrl}" width="600" height="80"></iframe>
      <script>document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<p id="shadowed">${hashes.inShadowRoot}</p>'</script>
      </body>`))

    await expect.poll(lookedUp, POLL).toEqual(Object.values(hashes).sort())
    await expect.poll(() => markedTexts(page), POLL).toEqual({
      malicious: [hashes.malicious, hashes.inShadowRoot].sort(),
      suspicious: [hashes.suspicious],
      known: [hashes.known],
      unknown: [hashes.unknown],
      'not-found': [hashes.notFound],
    })
    await expect.poll(() => markedTexts(page, frameUrl), POLL).toEqual({ known: [hashes.inFrame] })

    // Drawn is not yet seen: every mark's text gets a box over it, lined in its state's style.
    for (const [selector, state, line] of [
      ['#malicious', 'malicious', 'solid'], ['#suspicious', 'suspicious', 'solid'], ['#known', 'known', 'solid'], ['#unknown', 'unknown', 'solid'],
      ['#not-found', 'not-found', 'dotted'], ['#host >>> #shadowed', 'malicious', 'solid'],
    ] as const) {
      expect((await paintOver(page, selector, state))?.lineStyle, selector).toBe(line)
    }
    expect((await paintOver(page, '#malicious', 'malicious'))?.backgroundColor).not.toBe('rgba(0, 0, 0, 0)')
    await page.close()
  })

  it('hovering a malicious, a known and a shadow root\'s suspicious hash shows a card naming each verdict; Escape closes it', async () => {
    const malicious = makeHash(6101, 40, '2')
    const known = makeHash(6102, 40, '6')
    const suspicious = makeHash(6103, 32, '5')
    const page = await firefox.openPage(pages.serve('ff-hover.html', `<!doctype html><body style="font: 16px monospace; padding: 40px">
      <p id="m">${malicious}</p><p style="margin-top: 420px" id="k">${known}</p><div id="host"></div>
      <script>document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<p id="s">${suspicious}</p>'</script></body>`))
    await expect.poll(() => markedTexts(page), POLL).toMatchObject({ malicious: [malicious], known: [known], suspicious: [suspicious] })

    await hover(page, '#m')
    await expect.poll(() => shownCardText(page), POLL).toContain('Malicious')
    expect(await shownCardText(page)).toContain(malicious)
    await hover(page, '#k')
    await expect.poll(() => shownCardText(page), POLL).toContain('Known')
    expect(await shownCardText(page)).not.toContain('Malicious')
    await hover(page, '#host >>> #s')
    await expect.poll(() => shownCardText(page), POLL).toContain('Suspicious')
    expect(await shownCardText(page)).toContain(suspicious)
    await page.keyboard.press('Escape')
    await expect.poll(() => shownCardText(page), POLL).toBeNull()
    await page.close()
  })

  it('per document, with ids the content script makes: in-page navigations keep the list and the marks, a new document starts afresh', async () => {
    const first = [makeHash(6301, 40, '0'), makeHash(6302, 40, '7')]
    const afterPush = [makeHash(6303, 64, '1'), makeHash(6304, 32, '6')]
    const inFrame = makeHash(6305, 40, '2')
    const nextPage = makeHash(6306, 40, '8')
    const frameUrl = pages.serve('ff-doc-frame.html', `<!doctype html><p>${inFrame}</p>`)
    const nextUrl = pages.serve('ff-doc-next.html', `<!doctype html><p>${nextPage}</p>`)
    const url = pages.serve('ff-doc.html', `<!doctype html><body><ul id="list">${first.map((hash) => `<li>${hash}</li>`).join('')}</ul>
      <iframe id="frame" src="about:blank" width="600" height="80"></iframe></body>`)
    const page = await firefox.openPage(url)
    await expect.poll(async () => (await markedTexts(page)).known ?? [], POLL).toEqual([first[1]])
    const tabId = await tabIdOf(firefox, url)

    // Same document: pushState, a fragment, new hashes, and its iframe navigating; none of it starts the tab afresh.
    await page.evaluate((hashes: string[], src: string) => {
      history.pushState({}, '', '?view=2')
      location.hash = 'next'
      for (const hash of hashes) document.getElementById('list')!.insertAdjacentHTML('beforeend', `<li>${hash}</li>`)
      ;(document.getElementById('frame') as HTMLIFrameElement).src = src
    }, afterPush, frameUrl)
    await expect.poll(() => markedTexts(page), POLL).toEqual({
      malicious: [first[0], afterPush[0]].sort(),
      known: [first[1], afterPush[1]].sort(),
    })
    await expect.poll(() => markedTexts(page, frameUrl), POLL).toEqual({ malicious: [inFrame] })
    const rowsOf = async () => {
      const popup = await firefox.openExtensionPage(firefox.popupPath, `?tab=${tabId}`)
      try {
        await expect.poll(async () => Object.keys(await listedRows(popup)).length, POLL).toBeGreaterThan(0)
        return await listedRows(popup)
      } finally {
        await popup.close()
      }
    }
    expect(Object.keys(await rowsOf()).sort()).toEqual([...first, ...afterPush, inFrame].sort())

    // A new top-level document: only its own hashes are listed.
    await page.evaluate((next: string) => { location.href = next }, nextUrl)
    await expect.poll(async () => (await markedTexts(page)).known ?? [], POLL).toEqual([nextPage])
    expect(Object.keys(await rowsOf())).toEqual([nextPage])
    expect(lookedUp().filter((hash) => [...first, ...afterPush, inFrame, nextPage].includes(hash))).toHaveLength(6)
    await page.close()
  })

  it('the popup opened for the tab lists its hashes with their verdicts and counts', async () => {
    const hashes = [makeHash(6201, 40, '0'), makeHash(6202, 40, '1'), makeHash(6203, 32, '4'), makeHash(6204, 64, '7'), makeHash(6205, 64, 'c')]
    const url = pages.serve('ff-popup.html', `<!doctype html><ul>${hashes.map((hash) => `<li>${hash}</li>`).join('')}</ul>`)
    const page = await firefox.openPage(url)
    await expect.poll(async () => (await markedTexts(page)).malicious?.length ?? 0, POLL).toBe(2)

    const tabId = await tabIdOf(firefox, url)
    const popup = await firefox.openExtensionPage(firefox.popupPath, `?tab=${tabId}`)
    await expect.poll(() => listedRows(popup), POLL).toEqual({
      [hashes[0]!]: 'Malicious',
      [hashes[1]!]: 'Malicious',
      [hashes[2]!]: 'Suspicious',
      [hashes[3]!]: 'Known',
      [hashes[4]!]: 'Not found',
    })
    expect(await textOf(popup, 'button[data-classification="MALICIOUS"]')).toBe('Malicious 2')
    // The toolbar button's badge counts the tab's malicious hashes.
    expect(await popup.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('2')
    await popup.close()
    await page.close()
  })

  it('a tab showing a PDF in Firefox\'s own viewer gets the popup\'s "Open this PDF in HashLens", which sends the tab to HashLens\'s', async () => {
    const url = pages.serve('ff-report.pdf', writePdf(threatReport()), { 'Content-Type': 'application/pdf' })
    const page = await firefox.openPage(url)
    const tabId = await tabIdOf(firefox, url)
    const popup = await firefox.openExtensionPage(firefox.popupPath, `?tab=${tabId}`)
    await expect.poll(() => popup.evaluate(() => [...document.querySelectorAll('button')].some((button) => button.textContent === 'Open this PDF in HashLens')), POLL).toBe(true)
    await clickButton(popup, 'Open this PDF in HashLens')
    // Puppeteer's page keeps the tab's first address: the browser says where the tab went.
    await expect.poll(() => popup.evaluate(async (id) => (await chrome.tabs.get(id)).url, tabId), POLL).toBe(`${firefox.origin}/src/pdf/viewer.html?file=${encodeURIComponent(url)}`)
    // There it reads every page and looks the report's hashes up (pdf.js's metadata never answering held it on page 1).
    const footnote = REPORT_HASHES.footnote
    await expect.poll(() => lookedUp().includes(footnote), POLL).toBe(true)
    await popup.close()
    await page.close()
  })

  it('the sidebar\'s page opened for the tab lists its hashes with badges and counts and follows the tab to a new document', async () => {
    const first = [makeHash(6701, 40, '0'), makeHash(6702, 64, '4'), makeHash(6703, 32, '7')]
    const next = [makeHash(6704, 40, '1'), makeHash(6705, 40, '2')]
    const nextUrl = pages.serve('ff-panel-next.html', `<!doctype html><ul>${next.map((hash) => `<li>${hash}</li>`).join('')}</ul>`)
    const url = pages.serve('ff-panel.html', `<!doctype html><ul>${first.map((hash) => `<li>${hash}</li>`).join('')}</ul>`)
    const page = await firefox.openPage(url)
    await expect.poll(async () => (await markedTexts(page)).known ?? [], POLL).toEqual([first[2]])
    const tabId = await tabIdOf(firefox, url)

    // The manifest's sidebar_action page, as Firefox shows it in the sidebar, here in a tab of its own.
    expect(firefox.panelPath).toBe('src/panel/panel.html')
    const panel = await firefox.openExtensionPage(firefox.panelPath, `?tab=${tabId}`)
    await expect.poll(() => listedRows(panel), POLL).toEqual({ [first[0]!]: 'Malicious', [first[1]!]: 'Suspicious', [first[2]!]: 'Known' })
    expect(await panel.evaluate(() => document.title)).toBe('HashLens — hashes on this tab')
    // The counts may follow the rows a moment later (a report's quick first answer has none).
    await expect.poll(() => textOf(panel, 'button[data-classification="MALICIOUS"]'), POLL).toBe('Malicious 1')
    expect(await textOf(panel, 'button[data-classification="KNOWN"]')).toBe('Known 1')

    // The tab opens another document: the open panel lists its hashes only, with their verdicts.
    await page.evaluate((href: string) => { location.href = href }, nextUrl)
    await expect.poll(() => listedRows(panel), POLL).toEqual({ [next[0]!]: 'Malicious', [next[1]!]: 'Malicious' })
    await expect.poll(() => textOf(panel, 'button[data-classification="MALICIOUS"]'), POLL).toBe('Malicious 2')
    expect(await textOf(panel, 'button[data-classification="KNOWN"]')).toBeNull()
    await panel.close()
    await page.close()
  })

  it('the card\'s "Details" in Firefox, clicked, says how to open the sidebar and opens nothing', async () => {
    const hash = makeHash(6801, 40, '0')
    const page = await firefox.openPage(pages.serve('ff-details.html', `<!doctype html><body style="font: 16px monospace; padding: 40px"><p id="m">${hash}</p></body>`))
    await expect.poll(() => markedTexts(page), POLL).toEqual({ malicious: [hash] })
    const tabsBefore = (await firefox.browser.pages()).length
    await hover(page, '#m')
    await expect.poll(() => shownCardText(page), POLL).toContain('Details')
    await clickCardButton(page, 'Details')
    await expect.poll(() => shownCardText(page), POLL).toContain('Open the sidebar: Alt+Shift+J')
    expect(await shownCardText(page)).not.toMatch(/^Details$/m)
    expect((await firefox.browser.pages()).length).toBe(tabsBefore)
    // For a moment only: then the button is "Details" again.
    await expect.poll(() => shownCardText(page), POLL).toMatch(/^Details$/m)
    await page.close()
  })

  it('a plain http:// page whose CSP forbids inline styles still gets painted marks and a card', async () => {
    // No secure context: crypto.randomUUID is missing there. `style-src 'none'`: Firefox's fallback <style> must still apply.
    const hash = makeHash(6601, 40, '3')
    const url = pages.serve('ff-plain.html', `<!doctype html><body style="font: 16px monospace; padding: 40px"><p id="m">${hash}</p></body>`,
      { 'Content-Security-Policy': "default-src 'none'; style-src 'none'" }).replace('127.0.0.1', PLAIN_HTTP_HOST)
    const page = await firefox.openPage(url)
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false)
    await expect.poll(() => markedTexts(page), POLL).toEqual({ malicious: [hash] })
    const paint = await paintOver(page, '#m', 'malicious')
    expect(paint?.lineStyle).toBe('solid')
    expect(paint?.backgroundColor).not.toBe('rgba(0, 0, 0, 0)')
    await hover(page, '#m')
    await expect.poll(() => shownCardText(page), POLL).toContain('Malicious')
    await page.close()
  })

  it('on a site made idle in Options the page gets neither the marks\' CSS nor the script', async () => {
    const options = await firefox.openExtensionPage(firefox.optionsPath)
    await fillLabelled(options, 'Sites where HashLens stays idle', 'localhost')
    await clickButton(options, 'Save')
    await expect.poll(() => textOf(options, '[data-testid="options-result"]'), POLL).toBe('Saved.')
    await options.close()
    simulator.reset()
    const hash = makeHash(6401, 40, '0')
    // The same fixture server under another host name: the idle site.
    const page = await firefox.openPage(pages.serve('ff-idle.html', `<!doctype html><p id="m">${hash}</p>`).replace('127.0.0.1', 'localhost'))
    await new Promise((resolve) => setTimeout(resolve, 1500))
    // What the page's own script sees: no highlight style and no element of HashLens.
    expect(await page.evaluate(() => ['html', '#m'].map((selector) => {
      const style = getComputedStyle(document.querySelector(selector)!, '::highlight(hashlens-malicious)')
      return [style.backgroundColor, style.textDecorationLine]
    }))).toEqual([['rgba(0, 0, 0, 0)', 'none'], ['rgba(0, 0, 0, 0)', 'none']])
    expect(await page.evaluate(() => document.documentElement.outerHTML.includes('<div'))).toBe(false)
    // No content script there to answer the test channel.
    await expect(markedTexts(page)).rejects.toThrow(/No answer/)
    expect(lookedUp()).toEqual([])
    await page.close()
  })
  it('an open tab follows the idle list without a reload: marked once its site leaves it, bare again once it joins', async () => {
    const setIdleSites = async (sites: string) => {
      const options = await firefox.openExtensionPage(firefox.optionsPath)
      await fillLabelled(options, 'Sites where HashLens stays idle', sites)
      await clickButton(options, 'Save')
      await expect.poll(() => textOf(options, '[data-testid="options-result"]'), POLL).toBe('Saved.')
      await options.close()
    }
    await setIdleSites('localhost')
    const hash = makeHash(6501, 40, '0')
    const page = await firefox.openPage(pages.serve('ff-left-idle.html', `<!doctype html><p id="m">${hash}</p>`).replace('127.0.0.1', 'localhost'))
    await new Promise((resolve) => setTimeout(resolve, 1500))
    await expect(markedTexts(page)).rejects.toThrow(/No answer/)

    // Typing cannot empty the field: another site replaces it.
    await setIdleSites('mail.example.com')
    await expect.poll(() => markedTexts(page).catch(() => ({})), POLL).toEqual({ malicious: [hash] })
    await setIdleSites('localhost')
    await expect.poll(() => page.evaluate(() => document.documentElement.outerHTML.includes('<div')), POLL).toBe(false)
    await expect(markedTexts(page)).rejects.toThrow(/No answer/)
    await page.close()
  })

  it('the Check files page hashes a dropped file in its workers (WebAssembly under the manifest\'s CSP) and looks up its SHA-256', async () => {
    const size = 5 * 1024 * 1024 + 3
    const bytes = Uint8Array.from({ length: size }, (_, index) => (index * 31 + (index >> 12)) & 255)
    const expected = { md5: createHash('md5').update(bytes).digest('hex'), sha256: createHash('sha256').update(bytes).digest('hex') }
    const page = await firefox.openExtensionPage('src/files/check-files.html')
    expect(await waitUntil(page, () => document.querySelector('[data-drop-zone]') !== null, [])).toBe(true)
    // A drop of the same bytes, made in the page: WebDriver BiDi's file input needs a file the browser may read.
    await page.evaluate((length: number) => {
      const data = Uint8Array.from({ length }, (_, index) => (index * 31 + (index >> 12)) & 255)
      const transfer = new DataTransfer()
      transfer.items.add(new File([data], 'sample.bin'))
      document.querySelector('[data-drop-zone]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    }, size)
    await expect.poll(() => textOf(page, '[data-file-hash="sha256"]'), POLL).toBe(expected.sha256)
    expect(await textOf(page, '[data-file-hash="md5"]')).toBe(expected.md5)
    await expect.poll(() => lookedUp().includes(expected.sha256), POLL).toBe(true)
    await page.close()
  })
})
