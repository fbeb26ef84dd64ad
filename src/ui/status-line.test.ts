import { describe, expect, it, vi } from 'vitest'

// The component's module opens Options through the extension API; the function under test does not.
vi.mock('webextension-polyfill', () => ({ default: {} }))
const { splitCountdown } = await import('./status-line.tsx')

describe('splitCountdown', () => {
  it('separates a trailing countdown from the state', () => {
    expect(splitCountdown('Rate limited — retrying in 5 seconds')).toEqual({ steady: 'Rate limited — retrying', countdown: ' in 5 seconds' })
    expect(splitCountdown('Service busy — retrying in 1 second')).toEqual({ steady: 'Service busy — retrying', countdown: ' in 1 second' })
  })

  it('leaves a headline without a countdown whole', () => {
    expect(splitCountdown('Ready')).toEqual({ steady: 'Ready', countdown: '' })
    expect(splitCountdown('Quota exhausted until 2026-12-01 00:00 UTC')).toEqual({ steady: 'Quota exhausted until 2026-12-01 00:00 UTC', countdown: '' })
  })
})
