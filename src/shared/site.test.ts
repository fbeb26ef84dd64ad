import { describe, expect, it } from 'vitest'
import { registrableDomainOf } from './site.ts'

describe('registrableDomainOf', () => {
  it('is the registrable domain, public-suffix aware', () => {
    expect(registrableDomainOf('https://a1b2.fixtures.test/x')).toBe('fixtures.test')
    expect(registrableDomainOf('https://x.y.example.co.uk/')).toBe('example.co.uk')
    // A private suffix (github.io) separates its users' sites.
    expect(registrableDomainOf('https://alice.github.io/')).toBe('alice.github.io')
  })

  it('an address or a single-label host stands for itself; pages off the web have none', () => {
    expect(registrableDomainOf('http://127.0.0.1:8080/a')).toBe('127.0.0.1')
    expect(registrableDomainOf('http://localhost/')).toBe('localhost')
    expect(registrableDomainOf('about:blank')).toBe('')
    expect(registrableDomainOf(undefined)).toBe('')
  })
})
