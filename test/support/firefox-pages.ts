/**
 * What the Firefox tests do in pages through puppeteer, as a user would (typing, clicking,
 * hovering), and what they read back (HashLens's highlights, the card, the popup's rows).
 */
import type { ElementHandle, Page } from 'puppeteer-core'
import { CARD_TEST_ANSWER, CARD_TEST_REQUEST } from '../../src/content/card-test-channel.ts'
import { DEMO_PASSWORD, DEMO_USERNAME } from '../simulator/spectra-simulator.ts'
import type { FirefoxWithExtension } from './firefox.ts'

async function controlLabelled(page: Page, label: string): Promise<ElementHandle<HTMLInputElement>> {
  await page.waitForFunction((text) => [...document.querySelectorAll('label')].some((l) => l.textContent?.trim() === text), {}, label)
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

/** A real click; retried on a fresh handle, as Preact may replace the button while the page loads its data. */
export async function clickButton(page: Page, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const handle = await page.evaluateHandle((text) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) ?? null, name)
    const button = handle.asElement() as ElementHandle<HTMLButtonElement> | null
    if (!button) throw new Error(`No button "${name}"`)
    try {
      await button.evaluate((element) => element.scrollIntoView({ block: 'center' }))
      await button.click()
      return
    } catch (error) {
      if (attempt === 3) throw error
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
}

export function textOf(page: Page, selector: string): Promise<string | null> {
  return page.evaluate((query) => document.querySelector(query)?.textContent ?? null, selector)
}

/** Fills the options page's account fields with the simulator's and presses Save. */
export async function saveAccountInOptions(options: Page, apiHost: string): Promise<void> {
  await fillLabelled(options, 'Username', DEMO_USERNAME)
  await fillLabelled(options, 'Password', DEMO_PASSWORD)
  await fillLabelled(options, 'API host', apiHost)
  await clickButton(options, 'Save')
}

/**
 * The text each non-empty HashLens highlight of a document covers, by state
 * (hashlens-malicious → malicious), sorted. The registry is the document's, shared by the page
 * and the content script, so the page's own view of it is read; marks inside the document's
 * shadow roots are in it too.
 */
export function markedTexts(page: Page, frameUrl?: string): Promise<Record<string, string[]>> {
  const frame = frameUrl === undefined ? page.mainFrame() : page.frames().find((f) => f.url() === frameUrl)
  if (!frame) throw new Error(`No frame at ${frameUrl}`)
  return frame.evaluate(() => {
    const marked: Record<string, string[]> = {}
    for (const [name, highlight] of CSS.highlights as unknown as Map<string, Set<AbstractRange>>) {
      if (!name.startsWith('hashlens-') || highlight.size === 0) continue
      marked[name.slice('hashlens-'.length)] = [...highlight].map((range) => {
        const start = range.startContainer as Text
        const end = range.endContainer as Text
        return start === end ? start.data.slice(range.startOffset, range.endOffset) : start.data.slice(range.startOffset) + end.data.slice(0, range.endOffset)
      }).sort()
    }
    return marked
  })
}

/**
 * How the browser styles a highlight on an element's text (CSS Pseudo 4 allows reading
 * `::highlight()` styles with getComputedStyle): what decides whether a registered mark is seen.
 * `selector` may go into open shadow roots with puppeteer's `host >>> inner`.
 */
export async function highlightStyleOf(page: Page, selector: string, state: string): Promise<{ backgroundColor: string; textDecorationLine: string }> {
  return (await elementAt(page, selector)).evaluate((element, name) => {
    const style = getComputedStyle(element, `::highlight(hashlens-${name})`)
    return { backgroundColor: style.backgroundColor, textDecorationLine: style.textDecorationLine }
  }, state)
}

async function elementAt(page: Page, selector: string): Promise<ElementHandle<Element>> {
  const element = await page.$(selector)
  if (!element) throw new Error(`Nothing at ${selector}`)
  return element
}

/**
 * The hover card's text while it is shown, null while it is hidden. Its root is closed and Firefox gives no
 * accessibility tree over BiDi: the test build's channel asks the content script (src/content/card-test-channel.ts).
 */
export async function shownCardText(page: Page): Promise<string | null> {
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
  const snapshot = JSON.parse(answer) as { label: string; text: string } | null
  return snapshot === null ? null : snapshot.text
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

/** The popup's rows: each hash with the text of its badge. */
export function popupRows(popup: Page): Promise<Record<string, string>> {
  return popup.evaluate(() => {
    const rows: Record<string, string> = {}
    const table = document.querySelector('table[aria-label="Hashes on this page"]')
    for (const row of table?.querySelectorAll<HTMLElement>('tr[data-hash]') ?? []) {
      rows[row.dataset.hash!] = row.querySelector('.hl-badge')?.textContent ?? ''
    }
    return rows
  })
}
