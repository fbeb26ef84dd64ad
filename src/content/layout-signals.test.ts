// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { followMotion, mayCoverMarks, MOTION_FOLLOW_LIMIT_MS } from './layout-signals.ts'

afterEach(() => {
  document.body.replaceChildren()
})

function animationEvent(type: string, name: string): Event {
  const event = new Event(type, { bubbles: true })
  Object.defineProperty(event, 'animationName', { value: name })
  return event
}

function transitionEvent(type: string, property: string): Event {
  const event = new Event(type, { bubbles: true })
  Object.defineProperty(event, 'propertyName', { value: property })
  return event
}

describe('followMotion', () => {
  it('asks for a redraw every frame while an animation or transition around a mark runs, and stops at their ends', () => {
    const frames: Array<() => void> = []
    let redraws = 0
    const around = document.createElement('div')
    const elsewhere = document.createElement('div')
    document.body.append(around, elsewhere)
    const lifetime = new AbortController()
    followMotion({ isAroundMark: (element) => element === around, onFrame: () => redraws++, requestFrame: (callback) => frames.push(callback), now: () => 0 }, lifetime.signal)(document)

    elsewhere.dispatchEvent(animationEvent('animationstart', 'spin'))
    expect(frames).toHaveLength(0)
    around.dispatchEvent(animationEvent('animationstart', 'drop'))
    around.dispatchEvent(transitionEvent('transitionrun', 'transform'))
    expect(frames).toHaveLength(1)
    frames.shift()!()
    frames.shift()!()
    expect(redraws).toBe(2)
    around.dispatchEvent(animationEvent('animationend', 'drop'))
    frames.shift()!()
    expect(redraws).toBe(3)
    around.dispatchEvent(transitionEvent('transitioncancel', 'transform'))
    frames.shift()!()
    expect(redraws).toBe(3)
    expect(frames).toHaveLength(0)
    lifetime.abort()
  })

  it('follows an animation that never ends for a bounded time only', () => {
    const frames: Array<() => void> = []
    let now = 0
    let redraws = 0
    const around = document.createElement('div')
    document.body.append(around)
    const lifetime = new AbortController()
    followMotion({ isAroundMark: () => true, onFrame: () => redraws++, requestFrame: (callback) => frames.push(callback), now: () => now }, lifetime.signal)(document)
    around.dispatchEvent(animationEvent('animationstart', 'pulse'))
    while (frames.length > 0 && now < 60_000) {
      now += 16
      frames.shift()!()
    }
    expect(frames).toHaveLength(0)
    expect(redraws).toBeLessThanOrEqual(Math.ceil(MOTION_FOLLOW_LIMIT_MS / 16))
    expect(redraws).toBeGreaterThan(MOTION_FOLLOW_LIMIT_MS / 16 - 2)
    lifetime.abort()
  })
})

describe('mayCoverMarks', () => {
  const styleOf = (element: Element) => getComputedStyle(element)

  function recordsOf(change: () => void): Promise<MutationRecord[]> {
    return new Promise((resolve) => {
      const observer = new MutationObserver((records) => {
        observer.disconnect()
        resolve(records)
      })
      observer.observe(document.body, { childList: true, subtree: true, attributes: true })
      change()
    })
  }

  it('tells an added or shown fixed box, and an added positioned layer, from rows a log adds', async () => {
    const rows = await recordsOf(() => {
      for (let index = 0; index < 5; index++) document.body.append(document.createElement('p'))
    })
    expect(mayCoverMarks(rows, styleOf)).toBe(false)

    const modal = await recordsOf(() => {
      const element = document.createElement('div')
      element.style.position = 'fixed'
      document.body.append(element)
    })
    expect(mayCoverMarks(modal, styleOf)).toBe(true)

    const layer = await recordsOf(() => {
      const element = document.createElement('div')
      element.style.cssText = 'position: absolute; z-index: 5'
      document.body.append(element)
    })
    expect(mayCoverMarks(layer, styleOf)).toBe(true)

    const hidden = document.createElement('div')
    hidden.style.cssText = 'position: fixed; display: none'
    document.body.append(hidden)
    const shown = await recordsOf(() => hidden.style.setProperty('display', 'block'))
    expect(mayCoverMarks(shown, styleOf)).toBe(true)
  })

  it('looks at a bounded number of elements per batch', async () => {
    const records = await recordsOf(() => {
      for (let index = 0; index < 100; index++) document.body.append(document.createElement('p'))
      const element = document.createElement('div')
      element.style.position = 'fixed'
      document.body.append(element)
    })
    let reads = 0
    expect(mayCoverMarks(records, (element) => {
      reads++
      return getComputedStyle(element)
    })).toBe(false)
    expect(reads).toBe(32)
  })
})
