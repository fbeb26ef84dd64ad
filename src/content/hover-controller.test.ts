// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { HashState } from '../shared/verdict.ts'
import { Highlighter } from './highlighter.ts'
import { shownTextOf } from './card-test-channel.ts'
import { HoverController, type CaretAt, type HoverControllerOptions } from './hover-controller.ts'
import { collectTextBlocks, spanOfMatch } from './text-blocks.ts'

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e'
/** Where the fake layout puts the hash: one line box. */
const HASH_BOX = { left: 100, top: 50, right: 340, bottom: 66, width: 240, height: 16, x: 100, y: 50 }

let span: HTMLElement
let highlighter: Highlighter

beforeEach(() => {
  span = document.createElement('span')
  span.textContent = MD5
  const paragraph = document.createElement('p')
  paragraph.append('md5: ', span)
  document.body.append(paragraph)
  highlighter = new Highlighter(null)
  const [block] = collectTextBlocks(paragraph)
  highlighter.replaceMarks([span.firstChild as Text], [{ hash: MD5, type: 'md5', span: spanOfMatch(block!, 5, 37), root: document }])
  // happy-dom has no layout: the range's client rects come from the fake box above.
  vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(() => [HASH_BOX] as unknown as DOMRectList)
})

afterEach(() => {
  document.body.replaceChildren()
  for (const host of cardHosts()) host.remove()
})

/** What HashLens added to the page: the card's host, a div under <html>. */
function cardHosts(): Element[] {
  return [...document.documentElement.children].filter((element) => element.localName === 'div')
}

/** The caret lands in the hash's text whenever the point is inside its box. */
const caretAt: CaretAt = (x, y) => {
  const isInside = x >= HASH_BOX.left && x <= HASH_BOX.right && y >= HASH_BOX.top && y <= HASH_BOX.bottom
  return isInside ? { node: span.firstChild!, offset: 3 } : { node: document.body, offset: 0 }
}

function startController(overrides: Partial<HoverControllerOptions> = {}) {
  const controller = new AbortController()
  const requestLookup = vi.fn()
  const hover = new HoverController({
    document,
    highlighter,
    settings: { lookupMode: 'hover', pivotNames: [] },
    signal: controller.signal,
    requestLookup,
    details: { open: vi.fn() },
    openPivot: vi.fn(),
    caretAt,
    showDelayMs: 10,
    hideGraceMs: 10,
    isTrustedEvent: () => true,
    cardShadowRootMode: 'open',
    ...overrides,
  })
  hover.start()
  return { hover, controller, requestLookup }
}

/** Revealed: not hidden, and not the invisible card prepared during the delay. */
function isShown(): boolean {
  const shown = card()
  return shown !== null && !shown.hidden && shown.style.visibility !== 'hidden'
}

function moveTo(target: EventTarget, x: number, y: number): void {
  target.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true, composed: true, pointerType: 'mouse' }))
}

function card(): HTMLElement | null {
  return cardHosts()[0]?.shadowRoot?.querySelector('[role="dialog"]') ?? null
}

describe('HoverController', () => {
  it('opens the card after resting on a hash, and asks for an idle hash in hover mode once', async () => {
    highlighter.applyStates({ [MD5]: { state: 'idle' } })
    const { requestLookup, controller } = startController()
    moveTo(span, 150, 58)
    await vi.waitFor(() => expect(isShown()).toBe(true))
    expect(shownTextOf(card()!)).toContain(MD5)
    expect(requestLookup).toHaveBeenCalledWith(MD5, 'hover-lookup')
    controller.abort()
    expect(cardHosts()).toEqual([])
  })

  it('asks nothing for a hash skipped as no file sample, in hover mode too, until its card\'s Look up is pressed', async () => {
    highlighter.applyStates({ [MD5]: { state: 'idle', skippedAs: 'dependency-checksum' } })
    const { requestLookup, controller } = startController()
    moveTo(span, 150, 58)
    await vi.waitFor(() => expect(isShown()).toBe(true))
    expect(shownTextOf(card()!)).toContain('Not looked up: looks like a dependency checksum')
    expect(requestLookup).not.toHaveBeenCalled()
    const lookUp = [...card()!.querySelectorAll('button')].find((button) => shownTextOf(button) === 'Look up')!
    lookUp.click()
    expect(requestLookup.mock.calls).toEqual([[MD5, 'lookup-hash']])
    controller.abort()
  })

  it('reveals the card in the animation frame in which the delay ends, not in the timer task before it', async () => {
    const frames: FrameRequestCallback[] = []
    vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementation((callback) => frames.push(callback))
    const runFrame = () => { for (const callback of frames.splice(0)) callback(performance.now()) }
    const { controller } = startController({ showDelayMs: 40 })
    moveTo(span, 150, 58)
    runFrame() // the pointer is evaluated: the delay starts
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(isShown()).toBe(false) // prepared during the delay, not revealed
    expect(frames).toHaveLength(1)
    runFrame()
    expect(isShown()).toBe(true)
    controller.abort()
  })

  it('shows nothing when the page scrolls while the card waits for its frame', async () => {
    const frames: FrameRequestCallback[] = []
    vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementation((callback) => frames.push(callback))
    vi.spyOn(globalThis, 'cancelAnimationFrame').mockImplementation((id) => { frames[id - 1] = () => undefined })
    const runFrame = () => { for (const callback of frames.splice(0)) callback(performance.now()) }
    const { controller } = startController({ showDelayMs: 40 })
    moveTo(span, 150, 58)
    runFrame()
    await new Promise((resolve) => setTimeout(resolve, 60))
    document.dispatchEvent(new Event('scroll'))
    runFrame()
    expect(isShown()).toBe(false)
    controller.abort()
  })

  it('updates the open card when the state changes', async () => {
    const { hover, controller } = startController()
    moveTo(span, 150, 58)
    await vi.waitFor(() => expect(shownTextOf(card()!)).toContain('Looking up…'))
    const known: HashState = { state: 'verdict', verdict: { hash: MD5, type: 'md5', classification: 'KNOWN', sampleHashes: {}, checkedAt: 0 } }
    hover.refresh(highlighter.applyStates({ [MD5]: known }))
    expect(shownTextOf(card()!.querySelector('.badge')!)).toBe('Known')
    controller.abort()
  })

  it('closes when the pointer leaves the hash, and on Escape; each time the marks it covered are drawn again', async () => {
    const coverChanged = vi.spyOn(highlighter, 'coverMayHaveChanged')
    const { controller } = startController()
    moveTo(span, 150, 58)
    await vi.waitFor(() => expect(card()?.hidden).toBe(false))
    expect(coverChanged).not.toHaveBeenCalled()
    moveTo(document.body, 500, 500)
    await vi.waitFor(() => expect(card()?.hidden).toBe(true))
    expect(coverChanged).toHaveBeenCalledTimes(1)

    moveTo(span, 150, 58)
    await vi.waitFor(() => expect(card()?.hidden).toBe(false))
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    expect(card()?.hidden).toBe(true)
    expect(coverChanged).toHaveBeenCalledTimes(2)
    controller.abort()
  })

  it('does not count the empty space after the hash on its line', async () => {
    const { controller } = startController({
      caretAt: () => ({ node: span.firstChild!, offset: 32 }), // the caret API snaps to the line's end
    })
    moveTo(span, 600, 58)
    await new Promise((resolve) => setTimeout(resolve, 40))
    expect(cardHosts()).toEqual([])
    controller.abort()
  })

  it('asks with lookup-hash from the Look up button when automatic lookups are off, and with lookup-again from Retry', async () => {
    highlighter.applyStates({ [MD5]: { state: 'idle' } })
    const { hover, controller, requestLookup } = startController({ settings: { lookupMode: 'off', pivotNames: [] } })
    moveTo(span, 150, 58)
    await vi.waitFor(() => expect(isShown()).toBe(true))
    expect(requestLookup).not.toHaveBeenCalled() // no automatic lookup in this mode
    const button = [...card()!.querySelectorAll('button')].find((candidate) => shownTextOf(candidate) === 'Look up')!
    button.click()
    expect(requestLookup).toHaveBeenCalledWith(MD5, 'lookup-hash')
    expect(requestLookup).not.toHaveBeenCalledWith(MD5, 'lookup-again') // a first lookup is no retry

    const failed = highlighter.applyStates({ [MD5]: { state: 'error', error: 'offline' } })
    hover.refresh(failed)
    const retry = [...card()!.querySelectorAll('button')].find((candidate) => shownTextOf(candidate) === 'Retry')!
    retry.click()
    expect(requestLookup).toHaveBeenLastCalledWith(MD5, 'lookup-again')
    controller.abort()
  })

  it('asks with lookup-hash from the Look up button in hover mode too', async () => {
    // The hover lookup was sent already (and, say, its answer is still to come): the button asks as a first lookup.
    highlighter.applyStates({ [MD5]: { state: 'idle' } })
    const { controller, requestLookup } = startController()
    moveTo(span, 150, 58)
    await vi.waitFor(() => expect(card()?.hidden).toBe(false))
    expect(requestLookup).toHaveBeenCalledWith(MD5, 'hover-lookup')
    const button = [...card()!.querySelectorAll('button')].find((candidate) => shownTextOf(candidate) === 'Look up')!
    button.click()
    expect(requestLookup).toHaveBeenLastCalledWith(MD5, 'lookup-hash')
    controller.abort()
  })

  it('stays open through a scroll event the page dispatches, and closes on a real one', async () => {
    let isTrusted = true
    const { controller } = startController({ isTrustedEvent: (event) => event.type !== 'scroll' || isTrusted })
    moveTo(span, 150, 58)
    await vi.waitFor(() => expect(isShown()).toBe(true))
    isTrusted = false
    document.dispatchEvent(new Event('scroll'))
    expect(isShown()).toBe(true)
    isTrusted = true
    document.dispatchEvent(new Event('scroll'))
    expect(isShown()).toBe(false)
    controller.abort()
  })

  it('ignores synthetic pointer events from the page', async () => {
    const { controller, requestLookup } = startController({ isTrustedEvent: undefined })
    moveTo(span, 150, 58)
    await new Promise((resolve) => setTimeout(resolve, 40))
    expect(cardHosts()).toEqual([])
    expect(requestLookup).not.toHaveBeenCalled()
    controller.abort()
  })
})
