/** The stand-in for chrome.i18n.getMessage that unit tests use must substitute as Chrome does. */
import { describe, expect, it } from 'vitest'
import { getMessageFrom, type MessageFile } from '../support/chrome-i18n.ts'

const FILE: MessageFile = {
  plain: { message: 'Ready' },
  numbered: { message: 'Copied $1 of $2 hashes.' },
  named: { message: 'Look up the remaining $COUNT$', placeholders: { count: { content: '$1', example: '12' } } },
  mixedCase: { message: '$Host$ and $host$', placeholders: { HOST: { content: '$1' } } },
  fixedContent: { message: 'Made by $who$.', placeholders: { who: { content: 'ReversingLabs' } } },
  dollars: { message: 'Costs $$5, $$$ and $$1 and a lone $' },
  invalid: { message: 'a $x b' },
  missing: { message: 'first $1, third $3.' },
  undefinedName: { message: 'Hello $name$' },
}

describe('chrome.i18n.getMessage stand-in', () => {
  it('returns a message as written, and "" for an unknown name', () => {
    expect(getMessageFrom(FILE, 'plain')).toBe('Ready')
    expect(getMessageFrom(FILE, 'nope')).toBe('')
  })

  it('fills $1…$9 from the substitutions, a single string counting as one', () => {
    expect(getMessageFrom(FILE, 'numbered', ['3', '7'])).toBe('Copied 3 of 7 hashes.')
    expect(getMessageFrom(FILE, 'named', '12')).toBe('Look up the remaining 12')
  })

  it('replaces named placeholders by their content, names case-insensitive', () => {
    expect(getMessageFrom(FILE, 'named', ['40'])).toBe('Look up the remaining 40')
    expect(getMessageFrom(FILE, 'mixedCase', ['a.example'])).toBe('a.example and a.example')
    expect(getMessageFrom(FILE, 'fixedContent')).toBe('Made by ReversingLabs.')
  })

  it('treats $$ as a literal $ and drops $ before any other character', () => {
    expect(getMessageFrom(FILE, 'dollars', ['X'])).toBe('Costs $5, $$ and $1 and a lone ')
    expect(getMessageFrom(FILE, 'invalid')).toBe('a  b')
  })

  it('gives "" for a missing substitution', () => {
    expect(getMessageFrom(FILE, 'missing', ['one'])).toBe('first one, third .')
  })

  it('refuses a named placeholder that is not defined, as Chromium refuses to load it', () => {
    expect(() => getMessageFrom(FILE, 'undefinedName')).toThrow(/\$name\$ used but not defined/)
  })

  it('is what unit tests get from chrome.i18n.getMessage', () => {
    expect(chrome.i18n.getMessage('contextMenuLookup')).toBe('Look up with HashLens')
  })
})
