import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const sendMessage = vi.fn(async (_message: unknown) => undefined)

vi.mock('webextension-polyfill', () => ({
  default: { runtime: { sendMessage: (message: unknown) => sendMessage(message) } },
}))

const { broadcastToExtensionPages, scheduleTabHashesChanged } = await import('./extension-page-notices.ts')

beforeEach(() => {
  vi.useFakeTimers()
  sendMessage.mockClear()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('extension page notices', () => {
  it('a burst of reports from one tab is one notice, 200 ms after the first; another tab gets its own', async () => {
    scheduleTabHashesChanged(1)
    await vi.advanceTimersByTimeAsync(150)
    scheduleTabHashesChanged(1)
    scheduleTabHashesChanged(2)
    await vi.advanceTimersByTimeAsync(49)
    expect(sendMessage).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(sendMessage.mock.calls).toEqual([[{ type: 'tab-hashes-changed', tabId: 1 }]])
    await vi.advanceTimersByTimeAsync(150)
    expect(sendMessage.mock.calls).toEqual([[{ type: 'tab-hashes-changed', tabId: 1 }], [{ type: 'tab-hashes-changed', tabId: 2 }]])
    // After a notice the next report is told again.
    scheduleTabHashesChanged(1)
    await vi.advanceTimersByTimeAsync(200)
    expect(sendMessage).toHaveBeenCalledTimes(3)
  })

  it('no open extension page is not an error', async () => {
    sendMessage.mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'))
    expect(() => broadcastToExtensionPages({ type: 'status-changed', status: { kind: 'ready' } })).not.toThrow()
    await vi.advanceTimersByTimeAsync(0)
  })
})
