import { describe, expect, it } from 'vitest'
import { budgetSiteOf, documentSiteOf, documentSitesOf, registrableDomainOf } from './site.ts'
import { HOSTLESS_SITE } from './verdict.ts'

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

describe('documentSiteOf', () => {
  it('an http(s) document: its URL\'s host, whatever origin it claims (a sandboxed page\'s is opaque)', () => {
    expect(documentSiteOf({ url: 'https://a.example.com:8443/x', origin: 'https://a.example.com:8443' })).toBe('a.example.com')
    expect(documentSiteOf({ url: 'http://127.0.0.1:8080/', origin: 'null' })).toBe('127.0.0.1')
  })

  it('a blob: or filesystem: document: the origin inside its URL, with or without the sender\'s', () => {
    expect(documentSiteOf({ url: 'blob:https://a.example.com/0b1c-22' })).toBe('a.example.com')
    expect(documentSiteOf({ url: 'blob:http://127.0.0.1:5000/0b1c', origin: 'http://127.0.0.1:5000' })).toBe('127.0.0.1')
    expect(documentSiteOf({ url: 'filesystem:https://a.example.com/temporary/x.html' })).toBe('a.example.com')
    // Made by an opaque origin: as opaque as its maker.
    expect(documentSiteOf({ url: 'blob:null/0b1c', origin: 'null' })).toBe(HOSTLESS_SITE)
  })

  it('about:blank, about:srcdoc, data:: the sender\'s origin when it is http(s)', () => {
    expect(documentSiteOf({ url: 'about:blank', origin: 'https://opener.example.org' })).toBe('opener.example.org')
    expect(documentSiteOf({ url: 'about:srcdoc', origin: 'http://localhost:3000' })).toBe('localhost')
  })

  it('an opaque, foreign or missing origin: the host-less documents\' budget, never no site', () => {
    expect(documentSiteOf({ url: 'data:text/html,<p>x', origin: 'null' })).toBe(HOSTLESS_SITE)
    expect(documentSiteOf({ url: 'about:blank' })).toBe(HOSTLESS_SITE) // a browser that gives no origin
    expect(documentSiteOf({ url: 'file:///tmp/report.html', origin: 'file://' })).toBe(HOSTLESS_SITE)
    expect(documentSiteOf({ url: 'about:blank', origin: 'chrome-extension://abc' })).toBe(HOSTLESS_SITE)
    expect(documentSiteOf({})).toBe(HOSTLESS_SITE)
    expect(documentSiteOf({ url: 'not a url', origin: 'not an origin' })).toBe(HOSTLESS_SITE)
  })
})

describe('documentSitesOf', () => {
  it('a top frame is its own top document; a sub-frame\'s top is the tab\'s URL, read the same way', () => {
    expect(documentSitesOf({ frameId: 0, url: 'about:blank', origin: 'https://opener.example' }, 'about:blank'))
      .toEqual({ frame: 'opener.example', top: 'opener.example' })
    expect(documentSitesOf({ frameId: 3, url: 'data:text/html,x', origin: 'null' }, 'blob:https://top.example/1'))
      .toEqual({ frame: HOSTLESS_SITE, top: 'top.example' })
    expect(documentSitesOf({ frameId: 3, url: 'https://f.example/' }, 'about:blank')).toEqual({ frame: 'f.example', top: HOSTLESS_SITE })
  })
})

describe('budgetSiteOf', () => {
  it('a host\'s registrable domain; the host-less documents\' budget stays itself', () => {
    expect(budgetSiteOf('a1b2.fixtures.test')).toBe('fixtures.test')
    expect(budgetSiteOf('127.0.0.1')).toBe('127.0.0.1')
    expect(budgetSiteOf(HOSTLESS_SITE)).toBe(HOSTLESS_SITE)
  })
})
