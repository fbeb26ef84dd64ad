import { describe, expect, it, vi } from 'vitest'
import { t } from './i18n.ts'

describe('t', () => {
  it('asks the browser once for a fixed text, and each time for one with substitutions', () => {
    const getMessage = vi.spyOn(chrome.i18n, 'getMessage')
    expect([t('listDetails'), t('listDetails')]).toEqual(['Details', 'Details'])
    expect(getMessage.mock.calls.filter(([key]) => key === 'listDetails')).toHaveLength(1)
    expect([t('listSelectRow', 'a'.repeat(32)), t('listSelectRow', 'b'.repeat(32))]).toEqual([`Select ${'a'.repeat(32)}`, `Select ${'b'.repeat(32)}`])
    expect(getMessage.mock.calls.filter(([key]) => key === 'listSelectRow')).toHaveLength(2)
  })
})
