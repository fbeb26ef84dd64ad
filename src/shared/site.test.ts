import { describe, expect, it } from 'vitest'
import { registrableDomainOf } from './site.ts'

describe('registrableDomainOf', () => {
  it('is the registrable domain, public-suffix aware', () => {
    expect(registrableDomainOf('https://a1b2.fixtures.test/x')).toBe('fixtures.test')
    expect(registrableDomainOf('https://x.y.example.co.uk/')).toBe('example.co.uk')
    // A private suffix (github.io) separates its users' sites.
    expect(registrableDomainOf('https://alice.github.io/')).toBe('alice.github.io')
    expect(registrableDomainOf('https://x.alice.blogspot.com/')).toBe('alice.blogspot.com')
    expect(registrableDomainOf('https://bucket.s3.amazonaws.com/')).toBe('bucket.s3.amazonaws.com')
  })

  it('an internationalised name counts as its punycode form, under an internationalised suffix too', () => {
    expect(registrableDomainOf('https://www.例え.jp/')).toBe('xn--r8jz45g.jp')
    expect(registrableDomainOf('https://a.b.公司.cn/')).toBe('b.xn--55qx5d.cn') // 公司.cn is a public suffix
    expect(registrableDomainOf('https://München.example.de/')).toBe('example.de')
  })

  it('a trailing dot gives a host no budget of its own', () => {
    expect(registrableDomainOf('https://a.example.com./')).toBe('example.com')
  })

  it('an address or a single-label host stands for itself; pages off the web have none', () => {
    expect(registrableDomainOf('http://127.0.0.1:8080/a')).toBe('127.0.0.1')
    expect(registrableDomainOf('http://192.168.0.1/')).toBe('192.168.0.1')
    expect(registrableDomainOf('http://[::1]:8080/')).toBe('[::1]')
    expect(registrableDomainOf('http://localhost/')).toBe('localhost')
    expect(registrableDomainOf('about:blank')).toBe('')
    expect(registrableDomainOf(undefined)).toBe('')
  })
})
