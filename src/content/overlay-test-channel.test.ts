// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { MD5, paragraphWithMarks } from './highlighter-test-support.ts'
import { createMark } from './mark-index.ts'
import { answerTestReads, TEST_READ_EVENT, TEST_REPLY_EVENT, type TestBoxReading } from './overlay-test-channel.ts'

describe('the overlay\'s test channel', () => {
  it('answers a read at once with each drawn box, its tone and its mark\'s text, until aborted', () => {
    const mark = createMark(paragraphWithMarks([`md5 ${MD5} seen`], [MD5]).marks[0]!)
    const element = document.createElement('div')
    element.style.cssText = 'background-color: rgb(1, 2, 3); border-bottom: 2px solid red'
    document.body.append(element)
    const lifetime = new AbortController()
    answerTestReads(document, () => ({
      boxes: [{ mark: 7, tone: 'malicious', left: 1, top: 2, width: 3, height: 4 }],
      boxElements: [element],
      markOf: (id) => (id === 7 ? mark : undefined),
    }), lifetime.signal)
    const read = (): TestBoxReading[] | null => {
      let reply: string | null = null
      const listener = (event: Event) => { reply = (event as CustomEvent<string>).detail }
      document.addEventListener(TEST_REPLY_EVENT, listener)
      document.dispatchEvent(new CustomEvent(TEST_READ_EVENT))
      document.removeEventListener(TEST_REPLY_EVENT, listener)
      return reply === null ? null : JSON.parse(reply) as TestBoxReading[]
    }
    expect(read()).toMatchObject([{ tone: 'malicious', mark: 7, text: MD5, backgroundColor: 'rgb(1, 2, 3)', lineStyle: 'solid', lineWidth: '2px' }])
    lifetime.abort()
    expect(read()).toBeNull()
  })
})
