/**
 * What the Firefox tests do in pages through puppeteer, as a user would (typing, clicking,
 * hovering), and what they read back (HashLens's marks, the card, the popup's rows).
 */
import type { ElementHandle, Page } from 'puppeteer-core'
import { CARD_TEST_ANSWER, CARD_TEST_REQUEST } from '../../src/content/card-test-channel.ts'
import { DEMO_PASSWORD, DEMO_USERNAME } from '../simulator/spectra-simulator.ts'
import type { FirefoxWithExtension } from './firefox.ts'
import { TEST_READ_EVENT, TEST_REPLY_EVENT, type TestBoxReading } from '../../src/content/overlay-test-channel.ts'

/**
 * Polls `predicate` in the page until it holds. Not puppeteer's waitForFunction: its polling builds the predicate with
 * Function(), which an extension page's CSP blocks in Firefox ESR 140.12 (a plain evaluate is not blocked).
 */
export async function waitUntil(page: Page, predicate: (...args: string[]) => boolean, args: string[], timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await page.evaluate(predicate, ...args).catch(() => false)) return true
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function controlLabelled(page: Page, label: string): Promise<ElementHandle<HTMLInputElement>> {
  if (!await waitUntil(page, (text: string) => [...document.querySelectorAll('label')].some((l) => l.textContent?.trim() === text), [label])) throw new Error(`No label "${label}" came`)
  const handle = await page.evaluateHandle((text) => {
    const found = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === text)
    return found?.control ?? null
  }, label)
  const control = handle.asElement()
  if (!control) throw new Error(`No control labelled "${label}"`)
  return control as ElementHandle<HTMLInputElement>
}

/** Replaces a field's value by typing, so the page sees the same input events as from a user. */
export async function fillLabelled(page: Page, label: string, value: string): Promise<void> {
  const control = await controlLabelled(page, label)
  await control.evaluate((input) => input.select())
  await control.type(value)
}

export async function valueLabelled(page: Page, label: string): Promise<string> {
  return (await controlLabelled(page, label)).evaluate((input) => input.value)
}

/**
 * A real click, with the checks Playwright makes before its own (puppeteer makes none): the button's box has held
 * still for a few frames (Options still loading its status, or Firefox scrolling a field just typed into back into
 * view, moves it) and the button is what lies under the point. A click that still lands elsewhere fails at once, as
 * what it hit (a label, a checkbox) may have changed the page.
 */
export async function clickButton(page: Page, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const handle = await page.evaluateHandle((text) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) ?? null, name)
    const button = handle.asElement() as ElementHandle<HTMLButtonElement> | null
    if (!button) throw new Error(`No button "${name}"`)
    // Null when the button never held still, or something covers it; the button may also have been replaced (throws).
    const point = await button.evaluate(async (element) => {
      element.scrollIntoView({ block: 'center' })
      let last = ''
      for (let frames = 0, stillFor = 0; stillFor < 3; frames++) {
        if (frames === 120) return null
        await new Promise(requestAnimationFrame)
        const box = element.getBoundingClientRect()
        const now = `${box.x},${box.y},${box.width},${box.height}`
        stillFor = now === last ? stillFor + 1 : 0
        last = now
      }
      const box = element.getBoundingClientRect()
      const x = box.x + box.width / 2
      const y = box.y + box.height / 2
      const hit = document.elementFromPoint(x, y)
      if (!hit || !element.contains(hit)) return null
      const clicked: { target: string | null } = { target: null }
      Object.assign(window, { hashlensTestClick: clicked })
      document.addEventListener('click', (event) => {
        const target = event.target as Element
        clicked.target = element.contains(target) ? 'the button' : `<${target.tagName.toLowerCase()}${target.id ? ` id="${target.id}"` : ''}>`
      }, { capture: true, once: true })
      return { x, y }
    }).catch(() => null)
    if (point) {
      await page.mouse.click(point.x, point.y)
      const target = await page.evaluate(() => (window as unknown as { hashlensTestClick: { target: string | null } }).hashlensTestClick.target)
      if (target === 'the button') return
      throw new Error(`The click on "${name}" reached ${target ?? 'nothing'}`)
    }
    if (attempt === 3) throw new Error(`Button "${name}" never held still and uncovered`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

export function textOf(page: Page, selector: string): Promise<string | null> {
  return page.evaluate((query) => document.querySelector(query)?.textContent ?? null, selector)
}

/**
 * Once Options has loaded (its form and, above it, the status line, which comes later and moves the form down),
 * fills the account fields with the simulator's and presses Save.
 */
export async function saveAccountInOptions(options: Page, apiHost: string): Promise<void> {
  if (!await waitUntil(options, () => document.querySelector('[data-status]') !== null, [])) throw new Error('Options never showed its status line')
  await fillLabelled(options, 'Username', DEMO_USERNAME)
  await fillLabelled(options, 'Password', DEMO_PASSWORD)
  await fillLabelled(options, 'API host', apiHost)
  await clickButton(options, 'Save')
}

/** What the overlay draws in a frame, over the test builds' channel (src/content/overlay-test-channel.ts). */
async function drawnReadings(page: Page, frameUrl?: string): Promise<TestBoxReading[]> {
  const frame = frameUrl === undefined ? page.mainFrame() : page.frames().find((f) => f.url() === frameUrl)
  if (!frame) throw new Error(`No frame at ${frameUrl}`)
  const reply = await frame.evaluate((readEvent, replyEvent) => {
    let answer: string | null = null
    const listener = (event: Event) => { answer = (event as CustomEvent<string>).detail }
    document.addEventListener(replyEvent, listener)
    document.dispatchEvent(new CustomEvent(readEvent))
    document.removeEventListener(replyEvent, listener)
    return answer as string | null
  }, TEST_READ_EVENT, TEST_REPLY_EVENT)
  if (reply === null) throw new Error('No answer from the overlay\'s test channel: build with HASHLENS_TEST_BUILD=1 (npm run test:firefox does)')
  return JSON.parse(reply) as TestBoxReading[]
}

/** The text of each mark the overlay draws in a frame, by tone, sorted (marks in the document's shadow roots are its overlay's too). */
export async function markedTexts(page: Page, frameUrl?: string): Promise<Record<string, string[]>> {
  const marks = new Map<number, TestBoxReading>()
  for (const reading of await drawnReadings(page, frameUrl)) marks.set(reading.mark, reading)
  const marked: Record<string, string[]> = {}
  for (const { tone, text } of marks.values()) (marked[tone] ??= []).push(text)
  for (const texts of Object.values(marked)) texts.sort()
  return marked
}

/**
 * How the box drawn in `tone` over an element is painted: what decides whether a mark is seen.
 * `selector` may go into open shadow roots with puppeteer's `host >>> inner`.
 */
export async function paintOver(page: Page, selector: string, tone: string): Promise<{ backgroundColor: string; lineStyle: string } | null> {
  const box = await (await elementAt(page, selector)).boundingBox()
  if (!box) throw new Error(`${selector} has no box`)
  const reading = (await drawnReadings(page)).find((candidate) => {
    const x = candidate.left + candidate.width / 2
    const y = candidate.top + candidate.height / 2
    return candidate.tone === tone && candidate.width > 0 && candidate.height > 0 && x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height
  })
  return reading ? { backgroundColor: reading.backgroundColor, lineStyle: reading.lineStyle } : null
}

async function elementAt(page: Page, selector: string): Promise<ElementHandle<Element>> {
  const element = await page.$(selector)
  if (!element) throw new Error(`Nothing at ${selector}`)
  return element
}

/**
 * The hover card while it is shown, null while it is hidden. Its root is closed and Firefox gives no accessibility tree
 * over BiDi: the test build's channel asks the content script (src/content/card-test-channel.ts).
 */
async function shownCard(page: Page): Promise<CardSnapshot | null> {
  const answer = await page.evaluate((request, answerName) => {
    let detail: unknown
    const listener = (event: Event): void => { detail = (event as CustomEvent<unknown>).detail }
    window.addEventListener(answerName, listener)
    window.dispatchEvent(new Event(request))
    window.removeEventListener(answerName, listener)
    return typeof detail === 'string' ? detail : undefined
  }, CARD_TEST_REQUEST, CARD_TEST_ANSWER)
  // No answer: the content script is not running yet, or dist-firefox/ is no test build (HASHLENS_TEST_BUILD=1).
  if (answer === undefined) throw new Error('The card test channel did not answer')
  const snapshot = JSON.parse(answer) as CardSnapshot | null
  return snapshot
}

interface CardSnapshot {
  label: string
  text: string
  buttons: Array<{ text: string; x: number; y: number; width: number; height: number }>
}

/** The hover card's text while it is shown, null while it is hidden. */
export async function shownCardText(page: Page): Promise<string | null> {
  return (await shownCard(page))?.text ?? null
}

/** A real click (the user's, trusted) in the middle of the shown card's button that reads `text`. */
export async function clickCardButton(page: Page, text: string): Promise<void> {
  const button = (await shownCard(page))?.buttons.find((candidate) => candidate.text === text)
  if (!button) throw new Error(`The shown card has no button "${text}"`)
  await page.mouse.click(button.x + button.width / 2, button.y + button.height / 2)
}

/** Moves the pointer to rest on an element's text, a little in from its start (`selector` as in highlightStyleOf). */
export async function hover(page: Page, selector: string): Promise<void> {
  const element = await elementAt(page, selector)
  await element.scrollIntoView()
  const box = await element.boundingBox()
  if (!box) throw new Error(`${selector} has no box`)
  await page.mouse.move(box.x + 30, box.y + box.height / 2)
}

/**
 * The browser's id for the tab showing `url`, asked from one of the add-on's own pages. Every
 * tab is listed and compared: Firefox's `tabs.query({ url })` finds no tab for a URL with a port
 * (the fixture server's), where Chromium's does.
 */
export async function tabIdOf(firefox: FirefoxWithExtension, url: string): Promise<number> {
  const extensionPage = await firefox.openExtensionPage(firefox.optionsPath)
  try {
    return await extensionPage.evaluate(async (pageUrl) => (await chrome.tabs.query({})).find((tab) => tab.url === pageUrl)?.id ?? -1, url)
  } finally {
    await extensionPage.close()
  }
}

/** The popup's or the panel's rows: each hash with the text of its badge. */
export function listedRows(popup: Page): Promise<Record<string, string>> {
  return popup.evaluate(() => {
    const rows: Record<string, string> = {}
    const table = document.querySelector('table[aria-label="Hashes on this page"]')
    for (const row of table?.querySelectorAll<HTMLElement>('tr[data-hash]') ?? []) {
      rows[row.dataset.hash!] = row.querySelector('.hl-badge')?.textContent ?? ''
    }
    return rows
  })
}
