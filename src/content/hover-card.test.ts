// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { TONE_COLORS } from '../shared/tone-palette.ts'
import type { HashState, Verdict } from '../shared/verdict.ts'
import { analyzeUrlFor, formatDay, HoverCard, verdictFacts, type HoverCardOptions } from './hover-card.ts'

const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
const ANCHOR = { left: 10, top: 10, right: 200, bottom: 30 }

const MALICIOUS_VERDICT: Verdict = {
  hash: SHA256, type: 'sha256', classification: 'MALICIOUS', threatName: 'Win32.Trojan.Emotet',
  threatLevel: 5, scannerMatch: 44, scannerCount: 47, firstSeen: '2021-03-04T05:06:07Z',
  lastSeen: '2024-11-12T00:00:00Z', sampleHashes: {}, checkedAt: 0,
}
const MALICIOUS: HashState = { state: 'verdict', verdict: MALICIOUS_VERDICT }

function makeCard(overrides: Partial<HoverCardOptions> = {}) {
  const options: HoverCardOptions = {
    document,
    analyzeUrlTemplate: 'https://a1000.example.com/{hash}/',
    onLookUp: vi.fn(),
    onLookUpAgain: vi.fn(),
    onPointerInside: vi.fn(),
    ...overrides,
  }
  const card = new HoverCard(options)
  const root = () => card.host.shadowRoot!.querySelector<HTMLElement>('[role="dialog"]')!
  return { card, options, root }
}

function buttonNamed(root: HTMLElement, label: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find((button) => button.textContent === label)
}

afterEach(() => {
  for (const host of document.querySelectorAll('hashlens-card-host')) host.remove()
})

describe('HoverCard', () => {
  it('shows a verdict in an open shadow root on a host appended to <html>', () => {
    const { card, root } = makeCard()
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    expect(card.host.localName).toBe('hashlens-card-host')
    expect(card.host.parentNode).toBe(document.documentElement)
    expect(card.host.style.getPropertyValue('z-index')).toBe('2147483647')
    const text = root().textContent ?? ''
    expect(root().dataset.hashlensClassification).toBe('MALICIOUS')
    for (const expected of ['Malicious', 'SHA-256', SHA256, 'Win32.Trojan.Emotet', '5 of 5', '44 of 47 engines', '2021-03-04', '2024-11-12']) {
      expect(text).toContain(expected)
    }
    const link = root().querySelector('a')!
    expect(link.href).toBe(`https://a1000.example.com/${SHA256}/`)
    expect(link.target).toBe('_blank')
    expect(link.rel).toBe('noopener noreferrer')
  })

  it('renders service text as text, never as markup', () => {
    const { card, root } = makeCard()
    const hostile: HashState = { state: 'verdict', verdict: { ...MALICIOUS_VERDICT, threatName: '<img src=x onerror=alert(1)>' } }
    card.show(SHA256, 'sha256', hostile, ANCHOR)
    expect(root().querySelector('img')).toBeNull()
    expect(root().textContent).toContain('<img src=x onerror=alert(1)>')
  })

  it('shows pending, then fills in when the answer arrives', () => {
    const { card, root } = makeCard()
    card.show(SHA256, 'sha256', { state: 'pending' }, ANCHOR)
    expect(root().textContent).toContain('Looking up…')
    expect(root().dataset.hashlensClassification).toBeUndefined()
    card.update(MALICIOUS)
    expect(root().textContent).toContain('Malicious')
  })

  it('colours its badge in the palette\'s colour of the state\'s tone', () => {
    const { card, root } = makeCard()
    const badge = () => root().querySelector<HTMLElement>('.badge')!
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    expect(badge().dataset.tone).toBe('malicious')
    const rules = [...card.host.shadowRoot!.adoptedStyleSheets[0]!.cssRules].map((rule) => rule.cssText).join('\n')
    expect(rules).toMatch(new RegExp(`\\.badge\\[data-tone="?malicious"?\\] \\{[^}]*background: ${TONE_COLORS.malicious}`))
    card.update(undefined)
    expect(badge().dataset.tone).toBe('pending')
  })

  it('says "Looking up" in its badge and its text alike before the worker has answered', () => {
    const { card, root } = makeCard()
    card.show(SHA256, 'sha256', undefined, ANCHOR)
    expect(root().querySelector('.badge')?.textContent).toBe('Looking up')
    expect(root().textContent).toContain('Looking up…')
    expect(root().textContent).not.toContain('Not looked up')
  })

  it('offers Retry on errors and Look up on idle hashes, for trusted clicks only', () => {
    const { card, root, options } = makeCard()
    card.show(SHA256, 'sha256', { state: 'error', error: 'timeout' }, ANCHOR)
    expect(root().textContent).toContain('The service did not answer in time')
    buttonNamed(root(), 'Retry')!.click() // a page script clicking into the open shadow root
    expect(options.onLookUpAgain).not.toHaveBeenCalled()

    const trusted = makeCard({ isTrustedEvent: () => true })
    trusted.card.show(SHA256, 'sha256', { state: 'idle' }, ANCHOR)
    buttonNamed(trusted.root(), 'Look up')!.click()
    expect(trusted.options.onLookUp).toHaveBeenCalledWith(SHA256)
    trusted.card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    buttonNamed(trusted.root(), 'Look up again')!.click()
    expect(trusted.options.onLookUpAgain).toHaveBeenCalledWith(SHA256)
  })

  it('words an error with its detail as the popup and the exports do', () => {
    const { card, root } = makeCard()
    card.show(SHA256, 'sha256', { state: 'error', error: 'bad-answer', detail: { reason: 'unreadable-answer', text: 'The answer was not valid JSON (text/plain).' } }, ANCHOR)
    expect(root().textContent).toContain('The answer was not valid JSON (text/plain).')
  })

  it('copies the hash', async () => {
    const writeToClipboard = vi.fn(() => Promise.resolve())
    const { card, root } = makeCard({ isTrustedEvent: () => true, writeToClipboard })
    card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
    buttonNamed(root(), 'Copy')!.click()
    expect(writeToClipboard).toHaveBeenCalledWith(SHA256)
    await vi.waitFor(() => expect(buttonNamed(root(), 'Copied')).toBeDefined())
  })

  it('hides the Spectra Analyze link without a usable template', () => {
    for (const analyzeUrlTemplate of ['', 'javascript:alert("{hash}")', 'not a url']) {
      const { card, root } = makeCard({ analyzeUrlTemplate })
      card.show(SHA256, 'sha256', MALICIOUS, ANCHOR)
      expect(root().querySelector('a')).toBeNull()
    }
  })

  it('builds a prerendered card invisibly, and show() reveals that very content', () => {
    const { card, root } = makeCard()
    card.prerender(SHA256, 'sha256', MALICIOUS, ANCHOR)
    expect(card.host.isConnected).toBe(true)
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
    expect(root().textContent).toContain('Malicious')
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

  it('fills the analyze template only into http(s) URLs', () => {
    expect(analyzeUrlFor('https://a1000.example.com/{hash}', SHA256)).toBe(`https://a1000.example.com/${SHA256}`)
    expect(analyzeUrlFor('  ', SHA256)).toBeNull()
    expect(analyzeUrlFor('data:text/html,{hash}', SHA256)).toBeNull()
  })

  it('formats days and ignores what is not a date', () => {
    expect(formatDay('2023-01-02T23:59:59Z')).toBe('2023-01-02')
    expect(formatDay('yesterday')).toBeNull()
    expect(formatDay(undefined)).toBeNull()
  })
})
