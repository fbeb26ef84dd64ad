// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { isGitObjectUrl, isInGitObjectLink } from './git-links.ts'

const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
const BASE = 'https://github.com/owner/repo'

afterEach(() => document.body.replaceChildren())

describe('isGitObjectUrl', () => {
  it.each([
    `https://github.com/owner/repo/commit/${SHA1}`,
    `https://github.com/owner/repo/tree/${SHA1}`,
    `https://github.com/owner/repo/blob/${SHA1}/src/main.c`,
    `https://gitlab.example.com/group/project/-/commit/${SHA1}`,
    `https://gitlab.example.com/group/project/-/tree/${SHA1}`,
    `https://bitbucket.org/workspace/repo/commits/${SHA1}`,
    `https://git.example.org/cgit/project.git/commit/?id=${SHA1}`,
    `https://git.example.org/?p=project.git;a=commit;h=${SHA1}`,
    `/owner/repo/commit/${SHA1}`,
  ])('recognises %s', (url) => {
    expect(isGitObjectUrl(url, BASE)).toBe(true)
    expect(isGitObjectUrl(url, BASE, SHA1)).toBe(true)
  })

  it.each([
    `https://www.virustotal.com/gui/file/${SHA1}`,
    `https://github.com/owner/blob-tools/issues/1`,
    `https://example.com/search?q=/commit/${SHA1}`,
    `https://example.com/#/tree/${SHA1}`,
    `https://github.com/owner/repo/tree/main`,
    `https://example.com/download.php?id=${SHA1}`,
    'http://[bad',
  ])('leaves %s alone', (url) => {
    expect(isGitObjectUrl(url, BASE)).toBe(false)
    expect(isGitObjectUrl(url, BASE, SHA1)).toBe(false)
  })

  it('takes only the id in the ref position: a sample named by its hash in a repository is a sample', () => {
    expect(isGitObjectUrl(`https://github.com/owner/samples/blob/master/${SHA256}.exe`, BASE)).toBe(false)
    expect(isGitObjectUrl(`https://github.com/owner/samples/blob/master/${SHA256}.exe`, BASE, SHA256)).toBe(false)
    expect(isGitObjectUrl(`https://github.com/owner/samples/tree/main/${SHA256}`, BASE, SHA256)).toBe(false)
    // The commit in the ref position is a git object; the file name after it is not.
    expect(isGitObjectUrl(`https://github.com/owner/samples/blob/${SHA1}/${SHA256}.exe`, BASE, SHA1)).toBe(true)
    expect(isGitObjectUrl(`https://github.com/owner/samples/blob/${SHA1}/${SHA256}.exe`, BASE, SHA256)).toBe(false)
  })

  it('counts an abbreviated id in the URL for the full hash it starts', () => {
    expect(isGitObjectUrl(`https://github.com/owner/repo/commit/${SHA1.slice(0, 7)}`, BASE, SHA1)).toBe(true)
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
    expect(isInGitObjectLink(linked(`/owner/repo/commit/${SHA1}`, SHA1), SHA1)).toBe(true)
  })

  it('skips a hash inside a tree link with other text', () => {
    expect(isInGitObjectLink(linked(`${BASE}/tree/${SHA1}`, `Browse ${SHA1}`))).toBe(true)
  })

  it('keeps a sample file in a repository listing, linked by branch or by commit', () => {
    expect(isInGitObjectLink(linked(`${BASE}/blob/master/${SHA256}.exe`, `${SHA256}.exe`))).toBe(false)
    expect(isInGitObjectLink(linked(`${BASE}/blob/master/${SHA256}.exe`, `${SHA256}.exe`), SHA256)).toBe(false)
    expect(isInGitObjectLink(linked(`${BASE}/blob/${SHA1}/${SHA256}.exe`, `${SHA256}.exe`))).toBe(false)
    expect(isInGitObjectLink(linked(`${BASE}/blob/${SHA1}/${SHA256}.exe`, `${SHA256}.exe`), SHA256)).toBe(false)
  })

  it('keeps hashes in other links and outside links', () => {
    expect(isInGitObjectLink(linked('https://example.com/report', SHA1))).toBe(false)
    expect(isInGitObjectLink(linked(`https://example.com/get?id=${SHA1}`, SHA1), SHA1)).toBe(false)
    const text = document.createTextNode(SHA1)
    document.body.append(text)
    expect(isInGitObjectLink(text)).toBe(false)
  })
})
