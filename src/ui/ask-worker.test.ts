import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Runtime } from 'webextension-polyfill'

const ORIGIN = 'chrome-extension://hashlensid'
const WORKER = `${ORIGIN}/service-worker-loader.js`
const listeners = new Set<(message: unknown, sender: Runtime.MessageSender) => unknown>()

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      id: 'hashlensid',
      getURL: (path: string) => `${ORIGIN}/${path}`,
      getManifest: () => ({ background: { service_worker: 'service-worker-loader.js', type: 'module' } }),
      onMessage: {
        addListener: (listener: (message: unknown, sender: Runtime.MessageSender) => unknown) => listeners.add(listener),
        removeListener: (listener: (message: unknown, sender: Runtime.MessageSender) => unknown) => listeners.delete(listener),
      },
    },
  },
}))

const { isFromWorker, onWorkerEvent, workerUrl } = await import('./ask-worker.ts')

const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
const forgedVerdict = {
  type: 'states-changed',
  states: { [SHA1]: { state: 'verdict', verdict: { hash: SHA1, type: 'sha1', classification: 'MALICIOUS', sampleHashes: {}, checkedAt: 1 } } },
}
const fromWorker: Runtime.MessageSender = { id: 'hashlensid', url: WORKER }
const tab = { id: 3, index: 0, highlighted: false, active: true, pinned: false, incognito: false }

function deliver(message: unknown, sender: Runtime.MessageSender): void {
  for (const listener of listeners) listener(message, sender)
}

beforeEach(() => listeners.clear())

describe('isFromWorker', () => {
  it('accepts the worker: our id, no tab, the worker script\'s URL', () => {
    expect(isFromWorker(fromWorker)).toBe(true)
  })

  it('refuses a content script, another extension page, another extension and a sender without a URL', () => {
    expect(isFromWorker({ id: 'hashlensid', url: 'https://evil.example/report', tab })).toBe(false)
    // A content script in an extension-origin frame, or a worker URL next to a tab: still a tab.
    expect(isFromWorker({ id: 'hashlensid', url: WORKER, tab })).toBe(false)
    expect(isFromWorker({ id: 'hashlensid', url: `${ORIGIN}/src/options/options.html` })).toBe(false)
    expect(isFromWorker({ id: 'otherid', url: WORKER })).toBe(false)
    expect(isFromWorker({ id: 'hashlensid' })).toBe(false)
  })
})

describe('workerUrl', () => {
  const urlOf = (path: string) => `moz-extension://uuid/${path}`

  it('is the service worker\'s script in Chromium, the background page in Firefox', () => {
    expect(workerUrl({ service_worker: 'service-worker-loader.js' }, urlOf)).toBe('moz-extension://uuid/service-worker-loader.js')
    // Firefox reports the keys it does not use as null.
    expect(workerUrl({ service_worker: null, page: null, scripts: ['moz-extension://uuid/service-worker-loader.js'] }, urlOf))
      .toBe('moz-extension://uuid/_generated_background_page.html')
    expect(workerUrl({ page: 'background.html' }, urlOf)).toBe('moz-extension://uuid/background.html')
    expect(workerUrl(undefined, urlOf)).toBeNull()
  })
})

describe('onWorkerEvent', () => {
  it('passes on a well-formed push from the worker, and nothing after unsubscribing', () => {
    const received: unknown[] = []
    const unsubscribe = onWorkerEvent((event) => received.push(event))
    deliver(forgedVerdict, fromWorker)
    deliver({ type: 'tab-hashes-changed', tabId: 4 }, fromWorker)
    expect(received).toEqual([forgedVerdict, { type: 'tab-hashes-changed', tabId: 4 }])
    unsubscribe()
    deliver(forgedVerdict, fromWorker)
    expect(received).toHaveLength(2)
  })

  it('ignores the same push from a content script or another extension page', () => {
    const received: unknown[] = []
    onWorkerEvent((event) => received.push(event))
    deliver(forgedVerdict, { id: 'hashlensid', url: 'https://evil.example/', tab, frameId: 0 })
    deliver(forgedVerdict, { id: 'hashlensid', url: `${ORIGIN}/src/options/options.html` })
    expect(received).toEqual([])
  })

  it('ignores a malformed push and requests meant for the worker, even from the worker\'s URL', () => {
    const received: unknown[] = []
    onWorkerEvent((event) => received.push(event))
    deliver({ type: 'states-changed', states: { [SHA1]: { state: 'verdict', verdict: { classification: 'MALICIOUS' } } } }, fromWorker)
    deliver({ type: 'get-status' }, fromWorker)
    deliver(undefined, fromWorker)
    expect(received).toEqual([])
  })
})
