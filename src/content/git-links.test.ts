// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { isGitObjectUrl, isInGitObjectLink } from './git-links.ts'

const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
const BASE = 'https://github.com/owner/repo'

afterEach(() => document.body.replaceChildren())

describe('isGitObjectUrl', () => {
  it.each([
    `https://github.com/owner/repo/commit/${SHA1}`,
    `https://github.com/owner/repo/tree/${SHA1}`,
    `https://github.com/owner/repo/blob/${SHA1}/src/main.c`,
    `https://gitlab.example.com/group/project/-/commit/${SHA1}`,
    `https://bitbucket.org/workspace/repo/commits/${SHA1}`,
    `/owner/repo/commit/${SHA1}`,
  ])('recognises %s', (url) => {
    expect(isGitObjectUrl(url, BASE)).toBe(true)
  })

  it.each([
    `https://www.virustotal.com/gui/file/${SHA1}`,
    `https://github.com/owner/blob-tools/issues/1`,
    `https://example.com/search?q=/commit/${SHA1}`,
    `https://example.com/#/tree/${SHA1}`,
    'http://[bad',
  ])('leaves %s alone', (url) => {
    expect(isGitObjectUrl(url, BASE)).toBe(false)
  })
})

describe('isInGitObjectLink', () => {
  function linked(href: string, ...inner: string[]): Text {
    const link = document.createElement('a')
    link.setAttribute('href', href)
    const code = document.createElement('code')
    code.textContent = inner.join('')
    link.append(code)
    document.body.append(link)
    return code.firstChild as Text
  }

  it('skips a commit hash that is the text of a commit link (relative href)', () => {
    expect(isInGitObjectLink(linked(`/owner/repo/commit/${SHA1}`, SHA1))).toBe(true)
  })

  it('skips a hash inside a tree link with other text', () => {
    expect(isInGitObjectLink(linked(`${BASE}/tree/${SHA1}`, `Browse ${SHA1}`))).toBe(true)
  })

  it('keeps hashes in other links and outside links', () => {
    expect(isInGitObjectLink(linked('https://example.com/report', SHA1))).toBe(false)
    const text = document.createTextNode(SHA1)
    document.body.append(text)
    expect(isInGitObjectLink(text)).toBe(false)
  })
})
