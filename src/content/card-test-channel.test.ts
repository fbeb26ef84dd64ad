// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { CARD_TEST_ANSWER, CARD_TEST_REQUEST, openCardTestChannel } from './card-test-channel.ts'


/** Asks as the Firefox tests do, from the page's side. */
function ask(): unknown {
  let detail: unknown
  const listener = (event: Event): void => { detail = (event as CustomEvent<unknown>).detail }
  window.addEventListener(CARD_TEST_ANSWER, listener)
  window.dispatchEvent(new Event(CARD_TEST_REQUEST))
  window.removeEventListener(CARD_TEST_ANSWER, listener)
  return detail
}

describe('the card test channel', () => {
  it('answers each request at once with the card as JSON, null while none is shown, and goes on abort', () => {
    let shown: HTMLElement | null = null
    const signal = new AbortController()
    openCardTestChannel(() => shown, signal.signal)
    expect(ask()).toBe('null')
    shown = document.createElement('div')
    shown.setAttribute('aria-label', 'HashLens verdict')
    const badge = document.createElement('span')
    badge.dataset.text = 'Malicious'
    const details = document.createElement('button')
    details.dataset.text = 'Details'
    const hidden = document.createElement('button')
    hidden.dataset.text = 'Open in Spectra Analyze'
    hidden.hidden = true
    shown.append(badge, details, hidden)
    expect(JSON.parse(ask() as string)).toEqual({
      label: 'HashLens verdict', text: 'Malicious\nDetails\nOpen in Spectra Analyze',
      buttons: [{ text: 'Details', x: 0, y: 0, width: 0, height: 0 }],
    })
    signal.abort()
    expect(ask()).toBeUndefined()
  })
})
