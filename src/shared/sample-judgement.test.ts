import { describe, expect, it } from 'vitest'
import { createSampleJudge, NOT_SAMPLE_KINDS, profilePage, type NotSampleKind, type PageContext } from './sample-judgement.ts'

const SHA256 = '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae'
const SHA1 = 'd3486ae9136e7856bc42212385ea797094475802'
const MD5 = '5d41402abc4b2a76b9719d911017c592'
const EVERY_KIND: ReadonlySet<NotSampleKind> = new Set(NOT_SAMPLE_KINDS)

const THREAT_REPORT: PageContext = {
  url: 'https://blog.example.com/2026/11/new-loader-campaign',
  title: 'New loader campaign drops ransomware',
  text: 'Indicators of compromise. The malware sample below is a loader dropping ransomware; block these IOCs. SHA256 hashes follow.',
}
const NEUTRAL_PAGE: PageContext = { url: 'https://forum.example.org/t/1234', title: 'Question about a file', text: 'Has anyone seen this file? Thanks.' }

function pageAt(url: string, text = '', title = ''): PageContext {
  return { url, title, text }
}

/** Judges the first occurrence of `hash` in `text`, the whole text being one block (a `pre`, a text document). */
function judgeIn(page: PageContext, text: string, hash: string, kinds: ReadonlySet<NotSampleKind> = EVERY_KIND): NotSampleKind | null {
  const start = text.indexOf(hash)
  if (start < 0) throw new Error(`${hash} is not in the text`)
  return createSampleJudge({ ...page, text: page.text || text }, kinds)(text, start, start + hash.length)
}

describe('the same hex as a sample and as something else', () => {
  it('is a sample in a report table and an IOC line, a checksum in a Cargo.lock line', () => {
    expect(judgeIn(THREAT_REPORT, `| ${SHA256} | dropper.exe | Win32/Loader |`, SHA256)).toBeNull()
    expect(judgeIn(THREAT_REPORT, `SHA256: ${SHA256}`, SHA256)).toBeNull()
    const lock = `[[package]]\nname = "anyhow"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "${SHA256}"\n`
    expect(judgeIn(pageAt('https://github.com/o/r/blob/main/Cargo.lock'), lock, SHA256)).toBe('dependency-checksum')
    // The line's syntax holds even on a page that says nothing of itself.
    expect(judgeIn(NEUTRAL_PAGE, `checksum = "${SHA256}"`, SHA256)).toBe('dependency-checksum')
  })

  it('is a sample in a hash list and a commit id in git log output', () => {
    expect(judgeIn(THREAT_REPORT, `SHA-1 hashes:\n${SHA1}\n${MD5}\n`, SHA1)).toBeNull()
    const log = `commit ${SHA1}\nAuthor: A <a@example.com>\nDate:   Mon Nov 2 10:00:00 2026 +0000\n\n    Fix the build\n`
    expect(judgeIn(NEUTRAL_PAGE, log, SHA1)).toBe('commit-id')
    expect(judgeIn(NEUTRAL_PAGE, `Merge: ${SHA1} 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b`, SHA1)).toBe('commit-id')
    expect(judgeIn(NEUTRAL_PAGE, `Merge: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b ${SHA1}`, SHA1)).toBe('commit-id')
    expect(judgeIn(NEUTRAL_PAGE, `:100644 100644 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b ${SHA1} M\tsrc/main.c`, SHA1)).toBe('commit-id')
    expect(judgeIn(THREAT_REPORT, `This reverts commit ${SHA1}.`, SHA1)).toBe('commit-id')
  })

  it('is a commit id in a git-ref position of a URL, a sample as a file name in a sample repository', () => {
    expect(judgeIn(THREAT_REPORT, `reference = "https://github.com/rapid7/metasploit-framework/commit/${SHA1}"`, SHA1)).toBe('commit-id')
    expect(judgeIn(THREAT_REPORT, `see https://github.com/o/r/blob/${SHA1}/docs/x.md`, SHA1)).toBe('commit-id')
    expect(judgeIn(THREAT_REPORT, `https://gitlab.example.com/g/p/-/commit/${SHA1}`, SHA1)).toBe('commit-id')
    expect(judgeIn(THREAT_REPORT, `https://git.example.org/cgit/p.git/commit/?id=${SHA1}`, SHA1)).toBe('commit-id')
    expect(judgeIn(NEUTRAL_PAGE, `https://raw.githubusercontent.com/o/r/${SHA1}/README.md`, SHA1)).toBe('commit-id')
    expect(judgeIn(THREAT_REPORT, `https://github.com/o/samples/blob/master/${SHA256}.exe`, SHA256)).toBeNull()
    expect(judgeIn(THREAT_REPORT, `https://bazaar.abuse.ch/sample/${SHA256}/`, SHA256)).toBeNull()
    expect(judgeIn(NEUTRAL_PAGE, `Download p-${SHA1}.tar.xz`, SHA1)).toBe('commit-id')
    expect(judgeIn(NEUTRAL_PAGE, `https://git.example.org/?p=p.git;a=commit;h=${SHA1}`, SHA1)).toBe('commit-id')
    expect(judgeIn(THREAT_REPORT, `hxxp://evil.example/download.php?id=${MD5}`, MD5)).toBeNull()
  })

  it('is a sample in a YARA meta, a byte string in a YARA hex string', () => {
    const rule = `rule Loader {\n  meta:\n    hash1 = "${SHA256}"\n  strings:\n    $a = { ${MD5} }\n    $b = { 8b45 ${SHA1}\n      ?? }\n  condition:\n    all of them\n}`
    const yara = pageAt('https://github.com/o/rules/blob/main/loader.yar', rule)
    expect(judgeIn(yara, rule, SHA256)).toBeNull()
    expect(judgeIn(yara, rule, MD5)).toBe('byte-string')
    expect(judgeIn(yara, rule, SHA1)).toBe('byte-string')
    expect(judgeIn(yara, `condition: pe.imphash() == "${MD5}"`, MD5)).toBe('key-or-identifier')
  })

  it('is a container digest after @sha256: and Digest:, on any page', () => {
    expect(judgeIn(THREAT_REPORT, `image: docker.io/library/nginx@sha256:${SHA256}`, SHA256)).toBe('container-digest')
    expect(judgeIn(NEUTRAL_PAGE, `Digest: sha256:${SHA256}`, SHA256)).toBe('container-digest')
  })

  it('is a blockchain id by its key anywhere, by the page for a bare "hash"', () => {
    expect(judgeIn(NEUTRAL_PAGE, `"txid": "${SHA256}",`, SHA256)).toBe('blockchain-id')
    expect(judgeIn(NEUTRAL_PAGE, `"merkleRoot": "${SHA256}",`, SHA256)).toBe('blockchain-id')
    expect(judgeIn(NEUTRAL_PAGE, `"witnessCommit": "${SHA256}",`, SHA256)).toBe('blockchain-id')
    const explorer = pageAt('https://www.blockchain.com/explorer/blocks/btc/800000')
    expect(judgeIn(explorer, `"hash": "${SHA256}",`, SHA256)).toBe('blockchain-id')
    expect(judgeIn(THREAT_REPORT, `"hash": "${SHA256}",`, SHA256)).toBeNull()
  })

  it('is key material or an identifier by its name, also on a threat report', () => {
    expect(judgeIn(NEUTRAL_PAGE, `"key": "${MD5}",`, MD5)).toBe('key-or-identifier')
    expect(judgeIn(NEUTRAL_PAGE, `"iv": "${MD5}",`, MD5)).toBe('key-or-identifier')
    expect(judgeIn(THREAT_REPORT, `RC4 key: ${MD5}`, MD5)).toBe('key-or-identifier')
    expect(judgeIn(THREAT_REPORT, `Thumbprint: ${SHA1}`, SHA1)).toBe('key-or-identifier')
    expect(judgeIn(THREAT_REPORT, `Serial number: ${MD5}`, MD5)).toBe('key-or-identifier')
    expect(judgeIn(THREAT_REPORT, `"imphash": "${MD5}",`, MD5)).toBe('key-or-identifier')
    expect(judgeIn(NEUTRAL_PAGE, `X-Request-Id: ${MD5}`, MD5)).toBe('key-or-identifier')
    expect(judgeIn(NEUTRAL_PAGE, `traceparent: 00-${MD5}-00f067aa0ba902b7-01`, MD5)).toBe('key-or-identifier')
    expect(judgeIn(NEUTRAL_PAGE, `uber-trace-id: ${MD5}:66185639357e4490:0:01`, MD5)).toBe('key-or-identifier')
    // The hash of a sample keeps its names: the algorithm, `md5_hash`, a file.
    expect(judgeIn(THREAT_REPORT, `"sha256_hash": "${SHA256}",`, SHA256)).toBeNull()
    expect(judgeIn(THREAT_REPORT, `File SHA-256: ${SHA256}`, SHA256)).toBeNull()
  })

  it('is an asset fingerprint joined to an asset name, a sample as a bare script name on a threat report', () => {
    expect(judgeIn(NEUTRAL_PAGE, `<script src="/assets/application-${MD5}.js"></script>`, MD5)).toBe('asset-fingerprint')
    expect(judgeIn(THREAT_REPORT, `<link href="/assets/global-${MD5}.css">`, MD5)).toBe('asset-fingerprint')
    expect(judgeIn(NEUTRAL_PAGE, `${MD5}.css`, MD5)).toBe('asset-fingerprint')
    expect(judgeIn(THREAT_REPORT, `${SHA256}.js`, SHA256)).toBeNull()
  })

  it('is a dependency checksum in pip, yarn, poetry and Gemfile pins', () => {
    expect(judgeIn(NEUTRAL_PAGE, `requests==2.32.0 \\\n    --hash=sha256:${SHA256}`, SHA256)).toBe('dependency-checksum')
    expect(judgeIn(NEUTRAL_PAGE, `  resolved "https://registry.yarnpkg.com/a/-/a-1.0.0.tgz#${SHA1}"`, SHA1)).toBe('dependency-checksum')
    expect(judgeIn(NEUTRAL_PAGE, `    {file = "a-1.0.tar.gz", hash = "sha256:${SHA256}"},`, SHA256)).toBe('dependency-checksum')
    expect(judgeIn(NEUTRAL_PAGE, `  rails (8.1.3) sha256=${SHA256}`, SHA256)).toBe('dependency-checksum')
  })

  it('is a release checksum in a SHA256SUMS file and a build script, a sample in the same shape on an IOC list', () => {
    const sums = `${SHA256}  app-1.0-x86_64.tar.gz\n${'e'.repeat(8)}${SHA256.slice(8)}  app-1.0-arm64.tar.gz\n`
    expect(judgeIn(pageAt('https://example.org/releases/1.0/SHA256SUMS'), sums, SHA256)).toBe('release-checksum')
    expect(judgeIn(pageAt('https://github.com/eset/malware-ioc/blob/master/x/samples.sha256'), sums, SHA256)).toBeNull()
    expect(judgeIn(NEUTRAL_PAGE, `ENV GOLANG_DOWNLOAD_SHA256 ${SHA256}`, SHA256)).toBe('release-checksum')
    expect(judgeIn(NEUTRAL_PAGE, `echo "${SHA256}  go.tgz" | sha256sum -c -`, SHA256)).toBe('release-checksum')
    expect(judgeIn(NEUTRAL_PAGE, `RUN curl -fsSL https://example.org/go.tgz | shasum -a 1 | grep -q ${SHA1}`, SHA1)).toBe('release-checksum')
    expect(judgeIn(THREAT_REPORT, `md5sum: ${MD5}`, MD5)).toBeNull()
  })
})

describe('headers and page kinds', () => {
  it('reads a table column by its header, also on a threat report', () => {
    const table = `| SHA-1 thumbprint | Subject |\n| --- | --- |\n| ${SHA1} | CN=Evil Ltd |\n`
    expect(judgeIn(THREAT_REPORT, table, SHA1)).toBe('key-or-identifier')
    const samples = `| SHA-256 | File name |\n| --- | --- |\n| ${SHA256} | a.exe |\n`
    expect(judgeIn(THREAT_REPORT, samples, SHA256)).toBeNull()
    // A type column names the value in the next cell.
    expect(judgeIn(THREAT_REPORT, `| Thumbprint | ${SHA1} |`, SHA1)).toBe('key-or-identifier')
    expect(judgeIn(THREAT_REPORT, `| loader.dll | ${SHA1} |`, SHA1)).toBeNull()
  })

  it('reads a list by the line above it', () => {
    const list = `Code-signing certificate SHA-1 thumbprints\n----\n${SHA1}\n9f86d081884c7d659a2feaa0c55ad015a3bf4f1b\n----\n`
    expect(judgeIn(THREAT_REPORT, list, '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b')).toBe('key-or-identifier')
    expect(judgeIn(THREAT_REPORT, `SHA-1 hashes of the loaders\n----\n${SHA1}\n----\n`, SHA1)).toBeNull()
    // A sample word in a header beats a certificate; a paragraph is no header.
    expect(judgeIn(THREAT_REPORT, `Samples signed with the stolen certificate:\n${SHA1}\n`, SHA1)).toBeNull()
    const paragraph = 'The actors signed the loader with a certificate stolen from a game studio, then dropped it on the hosts of the victims.'
    expect(judgeIn(THREAT_REPORT, `${paragraph}\n\n${SHA1}\n`, SHA1)).toBeNull()
    expect(judgeIn(NEUTRAL_PAGE, `SHA-1 hashes\n${SHA1}\n`, SHA1)).toBeNull()
  })

  it('reads a CSV column by the first line, however far above', () => {
    const rows = Array.from({ length: 200 }, (_, index) => `${index},${MD5},note`).join('\n')
    const judge = createSampleJudge(NEUTRAL_PAGE, EVERY_KIND)
    const certificates = `id,serial number,comment\n${rows}`
    const start = certificates.lastIndexOf(MD5)
    expect(judge(certificates, start, start + 32)).toBe('key-or-identifier')
    const samples = `id,md5,comment\n${rows}`
    expect(judge(samples, samples.lastIndexOf(MD5), samples.lastIndexOf(MD5) + 32)).toBeNull()
  })

  it('reads CRLF text as LF text', () => {
    const csv = `id,serial number\r\n1,${MD5}\r\n2,${SHA1}\r\n`
    expect(judgeIn(NEUTRAL_PAGE, csv, MD5)).toBe('key-or-identifier')
    expect(judgeIn(NEUTRAL_PAGE, `p-${SHA1}\r\nq`, SHA1)).toBeNull()
    expect(judgeIn(NEUTRAL_PAGE, `Version 1.2.${SHA1}\r\n`, SHA1)).toBe('commit-id')
  })

  it('judges a table cell, which has no line around it, by the page', () => {
    const cell = SHA256
    expect(judgeIn(pageAt('https://github.com/o/r/blob/main/Cargo.lock', '# This file is automatically @generated by Cargo.'), cell, SHA256)).toBe('dependency-checksum')
    expect(judgeIn(THREAT_REPORT, cell, SHA256)).toBeNull()
    expect(judgeIn(NEUTRAL_PAGE, cell, SHA256)).toBeNull()
  })

  it('tells threat reports from other pages', () => {
    expect(profilePage(THREAT_REPORT)).toMatchObject({ isThreat: true, defaultKind: null })
    expect(profilePage(pageAt('https://github.com/o/r/blob/main/yarn.lock')).defaultKind).toBe('dependency-checksum')
    expect(profilePage(pageAt('https://github.com/o/r/commits/main')).defaultKind).toBe('commit-id')
    expect(profilePage(pageAt('https://mempool.space/tx/abc')).defaultKind).toBe('blockchain-id')
    expect(profilePage(NEUTRAL_PAGE)).toMatchObject({ isThreat: false, defaultKind: null })
    const rule = 'rule Example {\n  meta:\n    author = "x"\n  strings:\n    $a = "abc"\n  condition:\n    $a\n}'
    expect(profilePage(pageAt('https://example.com/r.txt', rule)).isThreat).toBe(true)
    expect(profilePage(pageAt('https://github.com/o/r/blob/main/Dockerfile')).defaultKind).toBe('release-checksum')
  })

  it('does not skip on a threat report what only a weak word or the page would skip', () => {
    // A lockfile's words on a report about a supply-chain attack: the report's hashes stay samples.
    const report = pageAt('https://blog.example.com/npm-supply-chain', 'The malicious package dropped a backdoor; IOCs: the checksum of the trojanized tarball.')
    expect(judgeIn(report, `checksum: ${SHA256}`, SHA256)).toBeNull()
    expect(judgeIn(report, `block ${SHA256}`, SHA256)).toBeNull()
    expect(judgeIn(report, SHA256, SHA256)).toBeNull()
  })
})

describe('createSampleJudge', () => {
  it('judges only the kinds switched on', () => {
    const lock = `checksum = "${SHA256}"`
    expect(judgeIn(NEUTRAL_PAGE, lock, SHA256, new Set(['commit-id']))).toBeNull()
    expect(judgeIn(NEUTRAL_PAGE, lock, SHA256, new Set(['dependency-checksum']))).toBe('dependency-checksum')
    expect(judgeIn(NEUTRAL_PAGE, lock, SHA256, new Set())).toBeNull()
  })

  it('reads a bounded window: a hash deep in one long line costs no more than one in a short line', () => {
    const line = Array.from({ length: 20_000 }, (_, index) => `{"n":${index},"sha256_hash":"${SHA256}"}`).join(',')
    const judge = createSampleJudge({ ...THREAT_REPORT }, EVERY_KIND)
    const started = performance.now()
    let skipped = 0
    for (let start = line.indexOf(SHA256); start >= 0; start = line.indexOf(SHA256, start + 64)) if (judge(line, start, start + 64) !== null) skipped++
    expect(skipped).toBe(0)
    // 20,000 judgements of a 1.8 MB line: unbounded lookback would take seconds.
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('judges a long hash list in time linear in its length', () => {
    const list = `SHA-256 hashes\n${Array.from({ length: 50_000 }, (_, index) => `${SHA256.slice(0, 56)}${index.toString(16).padStart(8, '0')}`).join('\n')}`
    const judge = createSampleJudge(THREAT_REPORT, EVERY_KIND)
    const started = performance.now()
    let skipped = 0
    for (let start = list.indexOf('\n') + 1; start < list.length; start += 65) if (judge(list, start, start + 64) !== null) skipped++
    expect(skipped).toBe(0)
    expect(performance.now() - started).toBeLessThan(2000)
  })
})
