import { describe, expect, it, vi } from 'vitest'
import { describeStatus } from '../shared/status-text.ts'

// The component's module opens Options through the extension API; the function under test does not.
vi.mock('webextension-polyfill', () => ({ default: {} }))
const { splitCountdown } = await import('./status-line.tsx')

const NOW = Date.parse('2026-11-29T12:00:00Z')

describe('splitCountdown', () => {
  it('separates the countdown from the state', () => {
    const rateLimited = describeStatus({ kind: 'rate-limited', retryAt: NOW + 5000 }, NOW)
    expect(splitCountdown(rateLimited.headline, rateLimited.countdown)).toEqual({ before: 'Rate limited — retrying', countdown: ' in 5 seconds', after: '' })
    const busy = describeStatus({ kind: 'unavailable', retryAt: NOW + 1000 }, NOW)
    expect(splitCountdown(busy.headline, busy.countdown)).toEqual({ before: 'Service busy — retrying', countdown: ' in 1 second', after: '' })
  })

  it('finds the countdown wherever a translation puts it', () => {
    expect(splitCountdown('In 5 Sekunden erneuter Versuch', 'In 5 Sekunden')).toEqual({ before: '', countdown: 'In 5 Sekunden', after: ' erneuter Versuch' })
  })

  it('leaves a headline without a countdown whole', () => {
    expect(splitCountdown('Ready', '')).toEqual({ before: 'Ready', countdown: '', after: '' })
    const quota = describeStatus({ kind: 'quota-exhausted', resetsAt: Date.parse('2026-12-01T00:00:00Z'), period: 'daily' }, NOW)
    expect(splitCountdown(quota.headline, quota.countdown)).toEqual({ before: 'Quota exhausted until 2026-12-01 00:00 UTC', countdown: '', after: '' })
  })
})
