// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { TONE_COLORS } from '../shared/tone-palette.ts'
import type { HashState, Verdict } from '../shared/verdict.ts'
import { shownTextOf, snapshotOf } from './card-test-channel.ts'
import { cardPosition, formatDay, HoverCard, verdictFacts, type HoverCardOptions } from './hover-card.ts'
import { collectTextBlocks } from './text-blocks.ts'

const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
const ANCHOR = { left: 10, top: 10, right: 200, bottom: 30 }

const MALICIOUS_VERDICT: Verdict = {
  hash: SHA256, type: 'sha256', classification: 'MALICIOUS', threatName: 'Win32.Trojan.Emotet',
  threatLevel: 5, scannerMatch: 44, scannerCount: 47, firstSeen: '2021-03-04T05:06:07Z',
  lastSeen: '2024-11-12T00:00:00Z', sampleHashes: {}, checkedAt: 0,
}
const MALICIOUS: HashState = { state: 'verdict', verdict: MALICIOUS_VERDICT }

const KNOWN: HashState = { state: 'verdict', verdict: { hash: SHA256, type: 'sha256', classification: 'KNOWN', trustFactor: 0, sampleHashes: {}, checkedAt: 0 } }

/** The one element the card adds to the page. */
function hostOf(): HTMLElement {
  const hosts = [...document.documentElement.children].filter((element) => element.localName === 'div')
  expect(hosts).toHaveLength(1)
  return hosts[0] as HTMLElement
}

/** With an open root, as only tests make it, so they can read what it shows. */
function makeCard(overrides: Partial<HoverCardOptions> = {}) {
  const options: HoverCardOptions = {
    document,
    pivotNames: ['Spectra Analyze'],
    onOpenPivot: vi.fn(),
    onLookUp: vi.fn(),
    onLookUpAgain: vi.fn(),
    details: { open: vi.fn() },
    onPointerInside: vi.fn(),
    shadowRootMode: 'open',
    ...overrides,
  }
  const card = new HoverCard(options)
  const root = () => hostOf().shadowRoot!.querySelector<HTMLElement>('[role="dialog"]')!
  return { card, options, root }
}

function buttonNamed(root: HTMLElement, label: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find((button) => shownTextOf(button) === label)
}

afterEach(() => {
  for (const host of document.documentElement.querySelectorAll(':scope > div')) host.remove()
})

describe('HoverCard', () => {
  it('lives in a closed shadow root on a plain div appended to <html>, styled inline with !important', () => {
    const { card } = makeCard({ shadowRootMode: undefined })
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    const host = hostOf()
    expect(host.localName).toBe('div')
    expect(host.shadowRoot).toBeNull()
    expect(host.style.getPropertyValue('z-index')).toBe('2147483647')
    expect(host.style.getPropertyPriority('z-index')).toBe('important')
    expect(host.style.getPropertyValue('pointer-events')).toBe('none')
    expect([...host.attributes].map((attribute) => attribute.name)).toEqual(['style'])
    expect(host.childNodes).toHaveLength(0)
  })

  it('shows a verdict as a labelled dialog', () => {
    const { card, root } = makeCard()
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    expect(root().getAttribute('aria-label')).toBe('HashLens verdict')
    const text = shownTextOf(root())
    for (const expected of ['Malicious', 'SHA-256', SHA256, 'Win32.Trojan.Emotet', '5 of 5', '44 of 47 engines', '2021-03-04', '2024-11-12']) {
      expect(text).toContain(expected)
    }
    expect(root().querySelector('a')).toBeNull()
    expect(buttonNamed(root(), 'Open in Spectra Analyze')).toBeDefined()
  })

  it('shows all its words, the hash too, as generated content: no text node for window.find() to match', () => {
    const { card, root } = makeCard()
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    const walker = document.createTreeWalker(root(), NodeFilter.SHOW_TEXT)
    const texts: string[] = []
    for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent ?? '')
    expect(texts).toEqual([])
    expect(root().querySelector<HTMLElement>('.hash')!.dataset.text).toBe(SHA256)
    const rules = [...hostOf().shadowRoot!.adoptedStyleSheets[0]!.cssRules].map((rule) => rule.cssText).join('\n')
    expect(rules).toMatch(/\[data-text\]::before \{\s*content: attr\(data-text\)/)
  })

  it('asks for a pivot by its place, for the hash it holds, on trusted clicks only', () => {
    const { card, root, options } = makeCard({ pivotNames: ['Spectra Analyze', 'VirusTotal'] })
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    buttonNamed(root(), 'Open in VirusTotal')!.click() // a page script's click
    expect(options.onOpenPivot).not.toHaveBeenCalled()

    const trusted = makeCard({ pivotNames: ['Spectra Analyze', 'VirusTotal'], isTrustedEvent: () => true })
    card.remove()
    trusted.card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    const button = buttonNamed(trusted.root(), 'Open in VirusTotal')!
    button.dataset.href = 'https://evil.example/' // whatever the DOM says, the card's own data decides
    trusted.root().querySelector('.hash')!.setAttribute('data-text', 'e'.repeat(64))
    button.click()
    expect(trusted.options.onOpenPivot).toHaveBeenCalledExactlyOnceWith(SHA256, 1)
  })

  it('draws pivot names as text, never markup, and holds no URL', () => {
    const name = '<img src=x onerror=alert(1)>'
    const { card, root } = makeCard({ pivotNames: [name] })
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    expect(buttonNamed(root(), `Open in ${name}`)).toBeDefined()
    expect(root().querySelector('img')).toBeNull()
    const attributes = [...root().querySelectorAll('*')].flatMap((element) => [...element.attributes].map((attribute) => attribute.value))
    expect(attributes.filter((value) => value.includes('https://'))).toEqual([])
  })

  it('has one size and one host style for every verdict and text: its box follows the hash and the viewport only', () => {
    const { card, root } = makeCard()
    const looks: string[] = []
    const longName: HashState = { state: 'verdict', verdict: { ...MALICIOUS_VERDICT, threatName: 'Win32.Trojan.'.repeat(40) } }
    for (const state of [MALICIOUS, KNOWN, longName, { state: 'pending' }, { state: 'idle' }, { state: 'error', error: 'timeout' }] satisfies HashState[]) {
      card.show(SHA256, 'sha256', state, ANCHOR)
      const style = root().style
      looks.push(`${hostOf().getAttribute('style')} | ${style.width} ${style.height} ${style.left} ${style.top}`)
      card.hide()
    }
    expect(new Set(looks).size).toBe(1)
    expect(looks[0]).toContain('| 320px 304px 10px 36px')
  })

  it('grows by a row per pivot, the settings alone deciding, never the state', () => {
    const heightWith = (pivotNames: string[]) => {
      const { card, root } = makeCard({ pivotNames })
      card.show(SHA256, 'sha256', KNOWN, ANCHOR)
      const height = root().style.height
      card.remove()
      return height
    }
    expect([[], ['A'], ['A', 'B'], ['A', 'B', 'C']].map(heightWith)).toEqual(['272px', '304px', '336px', '368px'])
  })

  it('replaces a host the page restyled, annotated or moved, at the next show', () => {
    const { card, root } = makeCard()
    const tamperings: Array<(host: HTMLElement) => void> = [
      (host) => host.style.setProperty('filter', 'hue-rotate(120deg)', 'important'),
      (host) => host.setAttribute('inert', ''),
      (host) => document.body.append(host),
      (host) => host.remove(),
    ]
    for (const tamper of tamperings) {
      card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
      card.hide()
      const before = hostOf()
      tamper(before)
      card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
      expect(hostOf()).not.toBe(before)
      expect(before.isConnected && before.parentNode === document.documentElement).toBe(false)
      expect(shownTextOf(root())).toContain('Malicious')
      card.hide()
      document.body.replaceChildren()
    }
  })

  it('replaces a host restyled while the card is open, and shows the same card again', async () => {
    const { card, root } = makeCard()
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    const before = hostOf()
    before.style.setProperty('display', 'none', 'important')
    await vi.waitFor(() => expect(hostOf()).not.toBe(before))
    expect(before.isConnected).toBe(false)
    expect(root().hidden).toBe(false)
    expect(shownTextOf(root())).toContain('Malicious')
    expect(card.isOpen).toBe(true)
  })

  it('gives up, closed, on a page that restyles every new host, rather than loop with it', async () => {
    const { card } = makeCard()
    let restyled = 0
    const fighter = new MutationObserver(() => {
      for (const host of document.documentElement.querySelectorAll<HTMLElement>(':scope > div')) {
        if (host.style.getPropertyValue('display') === 'none') continue
        restyled++
        host.style.setProperty('display', 'none')
      }
    })
    fighter.observe(document.documentElement, { childList: true })
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    hostOf().style.setProperty('display', 'none')
    await vi.waitFor(() => expect(card.isOpen).toBe(false))
    fighter.disconnect()
    expect(restyled).toBe(3)
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    expect(card.isOpen).toBe(true)
  })

  it('is never read by the page scanner: its root is closed', () => {
    const { card } = makeCard({ shadowRootMode: undefined })
    document.body.append('page text')
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    expect(collectTextBlocks(document.documentElement).map((block) => block.text)).toEqual(['page text'])
  })

  it('reads back what it shows for the test builds\' channel, and nothing while hidden', () => {
    const { card } = makeCard()
    card.prerender(SHA256, 'sha256', MALICIOUS, ANCHOR)
    expect(snapshotOf(card.shownCard)).toBeNull()
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    expect(snapshotOf(card.shownCard)).toMatchObject({ label: 'HashLens verdict', text: expect.stringContaining('Malicious') })
    card.hide()
    expect(snapshotOf(card.shownCard)).toBeNull()
  })

  it('renders service text as text, never as markup', () => {
    const { card, root } = makeCard()
    const hostile: HashState = { state: 'verdict', verdict: { ...MALICIOUS_VERDICT, threatName: '<img src=x onerror=alert(1)>' } }
    card.show(SHA256, 'sha256', hostile, ANCHOR)
    expect(root().querySelector('img')).toBeNull()
    expect(shownTextOf(root())).toContain('<img src=x onerror=alert(1)>')
  })

  it('shows pending, then fills in when the answer arrives', () => {
    const { card, root } = makeCard()
    card.show(SHA256, 'sha256', { state: 'pending' }, ANCHOR)
    expect(shownTextOf(root())).toContain('Looking up…')
    expect(shownTextOf(root())).not.toContain('Malicious')
    card.update(MALICIOUS)
    expect(shownTextOf(root())).toContain('Malicious')
  })

  it('colours its badge in the palette\'s colour of the state\'s tone', () => {
    const { card, root } = makeCard()
    const badge = () => root().querySelector<HTMLElement>('.badge')!
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    expect(badge().dataset.tone).toBe('malicious')
    const rules = [...hostOf().shadowRoot!.adoptedStyleSheets[0]!.cssRules].map((rule) => rule.cssText).join('\n')
    expect(rules).toMatch(new RegExp(`\\.badge\\[data-tone="?malicious"?\\] \\{[^}]*background: ${TONE_COLORS.malicious}`))
    card.update(undefined)
    expect(badge().dataset.tone).toBe('pending')
  })

  it('says "Looking up" in its badge and its text alike before the worker has answered', () => {
    const { card, root } = makeCard()
    card.show(SHA256, 'sha256', undefined, ANCHOR)
    expect(shownTextOf(root().querySelector('.badge')!)).toBe('Looking up')
    expect(shownTextOf(root())).toContain('Looking up…')
    expect(shownTextOf(root())).not.toContain('Not looked up')
  })

  it('offers Retry on errors and Look up on idle hashes, for trusted clicks only', () => {
    const { card, root, options } = makeCard()
    card.show(SHA256, 'sha256', { state: 'error', error: 'timeout' }, ANCHOR)
    expect(shownTextOf(root())).toContain('The service did not answer in time')
    buttonNamed(root(), 'Retry')!.click() // a script's click, not the user's
    expect(options.onLookUpAgain).not.toHaveBeenCalled()
    card.remove()

    const trusted = makeCard({ isTrustedEvent: () => true })
    trusted.card.show(SHA256, 'sha256', { state: 'idle' }, ANCHOR)
    buttonNamed(trusted.root(), 'Look up')!.click()
    expect(trusted.options.onLookUp).toHaveBeenCalledWith(SHA256)
    trusted.card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    buttonNamed(trusted.root(), 'Look up again')!.click()
    expect(trusted.options.onLookUpAgain).toHaveBeenCalledWith(SHA256)
  })

  it('"Details" opens the panel for the shown hash on the user\'s click only; where it cannot, it says how for a moment', () => {
    vi.useFakeTimers()
    try {
      let isTrusted = false
      const open = vi.fn()
      const { card, root } = makeCard({ details: { open }, isTrustedEvent: () => isTrusted })
      card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
      buttonNamed(root(), 'Details')!.click()
      expect(open).not.toHaveBeenCalled()
      isTrusted = true
      buttonNamed(root(), 'Details')!.click()
      expect(open).toHaveBeenCalledWith(SHA256)
      card.remove()

      const hint = vi.fn(() => 'Open the sidebar: Alt+Shift+J')
      const hinted = makeCard({ details: { hint }, isTrustedEvent: () => true })
      // Read when the card is built, not before: a page nobody hovers never needs the text.
      expect(hint).not.toHaveBeenCalled()
      hinted.card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
      buttonNamed(hinted.root(), 'Details')!.click()
      expect(buttonNamed(hinted.root(), 'Open the sidebar: Alt+Shift+J')).toBeDefined()
      vi.advanceTimersByTime(4000)
      expect(buttonNamed(hinted.root(), 'Details')).toBeDefined()
    } finally {
      vi.useRealTimers()
    }
  })

  it('has the same buttons in the same order in every state; Look up is aria-disabled and does nothing while looking up', () => {
    const { card, root, options } = makeCard({ isTrustedEvent: () => true })
    const rows: string[] = []
    for (const state of [undefined, { state: 'pending' }, { state: 'idle' }, { state: 'idle', skippedAs: 'commit-id' }, { state: 'error', error: 'timeout' }, MALICIOUS, KNOWN] satisfies Array<HashState | undefined>) {
      card.show(SHA256, 'sha256', state, ANCHOR)
      rows.push([...root().querySelectorAll('button')].map((button) => `${button.localName}.${button.className}:${button.tabIndex}:${button.hidden}`).join(' '))
      card.hide()
    }
    expect(new Set(rows).size).toBe(1)
    expect(rows[0]!.split(' ')).toHaveLength(4)

    card.show(SHA256, 'sha256', { state: 'pending' }, ANCHOR)
    const lookUp = buttonNamed(root(), 'Look up')!
    expect(lookUp.getAttribute('aria-disabled')).toBe('true')
    expect(lookUp.disabled).toBe(false) // still a Tab stop
    lookUp.click()
    expect(options.onLookUp).not.toHaveBeenCalled()
    expect(options.onLookUpAgain).not.toHaveBeenCalled()
    card.update({ state: 'idle' })
    expect(lookUp.hasAttribute('aria-disabled')).toBe(false)
  })

  it('keeps the buttons, and the focus on them, when the answer arrives', () => {
    const { card, root } = makeCard()
    card.show(SHA256, 'sha256', { state: 'pending' }, ANCHOR)
    const buttons = [...root().querySelectorAll('button')]
    buttons[1]!.focus()
    expect(hostOf().shadowRoot!.activeElement).toBe(buttons[1])
    card.update(MALICIOUS)
    expect([...root().querySelectorAll('button')]).toEqual(buttons)
    expect(hostOf().shadowRoot!.activeElement).toBe(buttons[1])
    expect(shownTextOf(buttons[0]!)).toBe('Look up again')
  })

  it('says why a skipped hash was not looked up, with its Look up button, which asks for it on a trusted click', () => {
    const { card, root, options } = makeCard({ isTrustedEvent: () => true })
    card.show(SHA256, 'sha256', { state: 'idle', skippedAs: 'dependency-checksum' }, ANCHOR)
    expect(shownTextOf(root())).toContain('Not looked up: looks like a dependency checksum')
    expect(shownTextOf(root())).not.toContain('Not looked up yet.')
    const lookUp = buttonNamed(root(), 'Look up')!
    expect(lookUp.hasAttribute('aria-disabled')).toBe(false)
    lookUp.click()
    expect(options.onLookUp).toHaveBeenCalledWith(SHA256)
    card.update({ state: 'idle', skippedAs: 'commit-id' })
    expect(shownTextOf(root())).toContain('Not looked up: looks like a commit id')
  })

  it('words an error with its detail as the popup and the exports do', () => {
    const { card, root } = makeCard()
    card.show(SHA256, 'sha256', { state: 'error', error: 'bad-answer', detail: { reason: 'unreadable-answer', text: 'The answer was not valid JSON (text/plain).' } }, ANCHOR)
    expect(shownTextOf(root())).toContain('The answer was not valid JSON (text/plain).')
  })

  it('copies the hash it holds, whatever the DOM says', async () => {
    const writeToClipboard = vi.fn(() => Promise.resolve())
    const { card, root } = makeCard({ isTrustedEvent: () => true, writeToClipboard })
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    root().querySelector('.hash')!.textContent = 'e'.repeat(64)
    buttonNamed(root(), 'Copy')!.click()
    expect(writeToClipboard).toHaveBeenCalledWith(SHA256)
    await vi.waitFor(() => expect(buttonNamed(root(), 'Copied')).toBeDefined())
  })

  it('offers no pivot button without pivots', () => {
    const { card, root } = makeCard({ pivotNames: [] })
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    expect(buttonNamed(root(), 'Open in Spectra Analyze')).toBeUndefined()
    expect(root().querySelector('.pivots')).toBeNull()
    expect([...root().querySelectorAll('button')].map(shownTextOf)).toEqual(['Look up again', 'Copy', 'Details'])
  })

  it('builds a prerendered card invisibly, and show() reveals that very content', () => {
    const { card, root } = makeCard()
    card.prerender(SHA256, 'sha256', MALICIOUS, ANCHOR)
    expect(hostOf().isConnected).toBe(true)
    expect(card.isOpen).toBe(false)
    expect(root().style.visibility).toBe('hidden')
    const badge = root().querySelector('.badge')
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    expect(card.isOpen).toBe(true)
    expect(root().style.visibility).toBe('')
    expect(root().querySelector('.badge')).toBe(badge)
    // Another state than the one prerendered: built afresh.
    card.hide()
    card.prerender(SHA256, 'sha256', { state: 'pending' }, ANCHOR)
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    expect(shownTextOf(root())).toContain('Malicious')
  })

  it('empties and hides on hide()', () => {
    const { card, root } = makeCard()
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    card.hide()
    expect(root().hidden).toBe(true)
    expect(root().childNodes).toHaveLength(0)
    expect(card.isOpen).toBe(false)
  })
})

describe('card content helpers', () => {
  it('lists the trust factor for known files and no threat level', () => {
    const facts = verdictFacts({
      hash: SHA256, type: 'sha256', classification: 'KNOWN', trustFactor: 0, threatLevel: 0, sampleHashes: {}, checkedAt: 0,
    })
    expect(facts.map(([label]) => label)).toEqual(['Trust factor'])
  })

  it('places the card below the hash when it fits, else above, always inside the viewport', () => {
    const size = { width: 320, height: 272 }
    const viewport = { width: 1280, height: 900 }
    expect(cardPosition({ left: 40, top: 100, right: 400, bottom: 120 }, size, viewport)).toEqual({ left: 40, top: 126 })
    expect(cardPosition({ left: 40, top: 800, right: 400, bottom: 820 }, size, viewport)).toEqual({ left: 40, top: 522 })
    expect(cardPosition({ left: 1200, top: 20, right: 1270, bottom: 40 }, size, viewport)).toEqual({ left: 952, top: 46 })
  })

  it('formats days and ignores what is not a date', () => {
    expect(formatDay('2023-01-02T23:59:59Z')).toBe('2023-01-02')
    expect(formatDay('yesterday')).toBeNull()
    expect(formatDay(undefined)).toBeNull()
  })
})
