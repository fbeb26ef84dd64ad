import { describe, it, expect } from 'vitest'
import {
  DEFAULT_NOISE_FILTERS,
  findHashes,
  gluesToHash,
  hasHexRun,
  NO_NOISE_FILTERS,
  type HashMatch,
  type NoiseFilters,
} from './hash-detector.ts'
import { hashTypeOfLength, normalizeHash } from './hash.ts'

// Digests of the empty input: real hashes with digits and letters, all lower case.
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e'
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

/** Deterministic PRNG (mulberry32) so random-looking tests are reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = state
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1)
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!
}

/** Random lower-case hex of the given length (may, rarely, be single-class). */
function randomHex(random: () => number, length: number): string {
  let hex = ''
  for (let index = 0; index < length; index++) hex += '0123456789abcdef'[Math.floor(random() * 16)]
  return hex
}

/** Hex of any length with both digits and letters, so no noise filter drops it. */
function mixedHex(length: number): string {
  return '0123456789abcdef'.repeat(Math.ceil(length / 16)).slice(0, length)
}

const hashesIn = (text: string, filters?: NoiseFilters): string[] => findHashes(text, filters).map((match) => match.hash)

describe('findHashes: what counts as a hash', () => {
  it('finds one MD5, SHA-1 and SHA-256 with type and offsets', () => {
    const text = `md5 ${MD5} sha1 ${SHA1} sha256 ${SHA256}`
    expect(findHashes(text)).toEqual<HashMatch[]>([
      { start: 4, end: 36, hash: MD5, type: 'md5' },
      { start: 42, end: 82, hash: SHA1, type: 'sha1' },
      { start: 90, end: 154, hash: SHA256, type: 'sha256' },
    ])
    for (const match of findHashes(text)) expect(text.slice(match.start, match.end)).toBe(match.hash)
  })

  it.each([
    ['md5=<h>', `md5=${MD5}`, MD5],
    ['sha256:<h>', `sha256:${SHA256}`, SHA256],
    ['(<h>),', `(${SHA1}),`, SHA1],
    ['"<h>";', `"${MD5}";`, MD5],
    ['/file/<h>/', `https://example.test/file/${SHA256}/`, SHA256],
    ['<h>.exe', `${SHA256}.exe`, SHA256],
    ['<h> then newline', `${MD5}\nnext line`, MD5],
  ])('counts %s', (_label, text, hash) => {
    expect(hashesIn(text)).toEqual([hash])
  })

  it.each([
    ['SHA-512 (128 hex digits)', `sha512 ${mixedHex(128)} end`],
    ['a 72-digit run', ` ${mixedHex(72)} `],
    ['a 39-digit run', ` ${mixedHex(39)} `],
    ['a letter on both sides: g<h>z', `g${MD5}z`],
    ['a letter before only', `g${MD5} `],
    ['a letter after only', ` ${MD5}z`],
    ['a leading underscore: _<h>', `_${SHA1}`],
    ['a trailing underscore: <h>_', `${SHA1}_`],
    ['a hash followed by one more hex digit', `${MD5}0`],
    ['a hash preceded by one more hex digit', `f${SHA256}`],
  ])('finds nothing in %s', (_label, text) => {
    expect(findHashes(text, NO_NOISE_FILTERS)).toEqual([])
  })

  it('matches every length from 31 to 65 only at 32, 40 and 64', () => {
    for (let length = 31; length <= 65; length++) {
      const run = mixedHex(length)
      const found = findHashes(`x ${run} y`, NO_NOISE_FILTERS)
      const expectedType = hashTypeOfLength(length)
      if (expectedType === null) {
        expect(found, `length ${length}`).toEqual([])
      } else {
        expect(found, `length ${length}`).toEqual([{ start: 2, end: 2 + length, hash: run, type: expectedType }])
      }
    }
  })

  it('accepts upper and lower case and reports lower case with the written offsets', () => {
    const text = `A: ${SHA256.toUpperCase()} B: ${SHA256}`
    const found = findHashes(text)
    expect(found.map((match) => match.hash)).toEqual([SHA256, SHA256])
    expect(found[0]).toMatchObject({ start: 3, end: 67 })
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe(SHA256.toUpperCase())
    // The result is exactly what the shared normal form says.
    expect(normalizeHash(text.slice(3, 67))).toEqual({ hash: found[0]!.hash, type: found[0]!.type })
  })

  it('finds a hash that is the whole text, at the start and at the end', () => {
    expect(findHashes(MD5)).toEqual([{ start: 0, end: 32, hash: MD5, type: 'md5' }])
    expect(findHashes(`${SHA1} is first`)).toEqual([{ start: 0, end: 40, hash: SHA1, type: 'sha1' }])
    const last = `last is ${SHA256}`
    expect(findHashes(last)).toEqual([{ start: 8, end: last.length, hash: SHA256, type: 'sha256' }])
  })

  it('finds two hashes separated by a single space', () => {
    expect(findHashes(`${MD5} ${SHA1}`)).toEqual([
      { start: 0, end: 32, hash: MD5, type: 'md5' },
      { start: 33, end: 73, hash: SHA1, type: 'sha1' },
    ])
  })

  it('finds nothing in empty or short text', () => {
    expect(findHashes('')).toEqual([])
    expect(findHashes('abc')).toEqual([])
    expect(findHashes(mixedHex(31))).toEqual([])
  })
})

describe('findHashes: separators', () => {
  const asciiSeparators = [' ', '\t', '\n', '\r\n', ',', ';', ':', '.', '!', '?', '(', ')', '[', ']', '{', '}', '<', '>',
    '"', "'", '`', '/', '\\', '|', '=', '+', '-', '*', '#', '@', '&', '%', '$', '~', '^']
  const unicodeSeparators = [
    '\u00a0', // no-break space
    '\u3000', // ideographic space
    '\u200b', // zero-width space (a line-break hint, often inside long tokens)
    '«', '»', '“', '”', '‘', '’', '–', '—', '…', '。', '、', '（', '）', '・', '🔒',
  ]

  it.each([...asciiSeparators, ...unicodeSeparators])('accepts %j on both sides', (separator) => {
    for (const hash of [MD5, SHA1, SHA256]) {
      const text = `${separator}${hash}${separator}`
      expect(findHashes(text)).toEqual([
        { start: separator.length, end: separator.length + hash.length, hash, type: hashTypeOfLength(hash.length) },
      ])
    }
  })

  it('accepts typographic pairs around a hash', () => {
    expect(hashesIn(`«${MD5}»`)).toEqual([MD5])
    expect(hashesIn(`“${SHA1}”`)).toEqual([SHA1])
    expect(hashesIn(`hash:\u00a0${SHA256}。`)).toEqual([SHA256])
  })
})

describe('findHashes: Unicode neighbours', () => {
  it.each([
    ['é (Latin letter)', 'é'],
    ['Ж (Cyrillic letter)', 'Ж'],
    ['٣ (Arabic-Indic digit)', '٣'],
    ['０ (full-width digit)', '０'],
    ['＿ (full-width low line, connector punctuation)', '＿'],
    ['𝐀 (astral letter, a surrogate pair)', '𝐀'],
  ])('a hash glued to %s is part of a word: nothing', (_label, neighbour) => {
    expect(findHashes(`${neighbour}${MD5}`)).toEqual([])
    expect(findHashes(`${MD5}${neighbour}`)).toEqual([])
    expect(findHashes(` ${SHA256}${neighbour} `)).toEqual([])
  })

  it('a combining mark on the last digit glues', () => {
    expect(findHashes(`${MD5}\u0301 `)).toEqual([])
  })

  it('an emoji (a surrogate pair, not a letter) separates', () => {
    expect(hashesIn(`🔒${MD5}🔒`)).toEqual([MD5])
  })

  // Decided: scripts written without spaces between words (and Hangul, whose particles
  // attach to foreign words) put hashes right against their letters; those still count.
  it.each([
    ['Chinese', `文件哈希${SHA256}已确认`],
    ['Japanese', `ハッシュ値${MD5}です`],
    ['Japanese prolonged sound mark', `データー${MD5}ー`],
    ['Korean particle', `해시 ${SHA1}를 확인`],
    ['Thai', `ค่าแฮช${MD5}ของไฟล์`],
  ])('a hash against %s text counts', (_label, text) => {
    expect(findHashes(text)).toHaveLength(1)
  })

  it('gluesToHash matches the rule', () => {
    for (const glue of ['é', 'Ж', '٣', '𝐀', '\u0301', '＿']) expect(gluesToHash(glue.codePointAt(0)!), glue).toBe(true)
    for (const loose of ['中', 'あ', 'ー', '한', 'ก', '«', '\u00a0', '。', '🔒', '\u200b']) {
      expect(gluesToHash(loose.codePointAt(0)!), loose).toBe(false)
    }
  })
})

describe('findHashes: the 0x prefix', () => {
  it('an Ethereum address (0x + 40 hex) is not a SHA-1', () => {
    expect(findHashes(`to 0x${SHA1} now`, NO_NOISE_FILTERS)).toEqual([])
    expect(findHashes(`to 0X${SHA1.toUpperCase()} now`, NO_NOISE_FILTERS)).toEqual([])
  })

  it('no length after 0x counts: the run touches the x', () => {
    expect(findHashes(`0x${MD5}`, NO_NOISE_FILTERS)).toEqual([])
    expect(findHashes(`0x${SHA256}`, NO_NOISE_FILTERS)).toEqual([])
  })

  it('the hash next to an address still counts, and a lone 0 is just a separate digit', () => {
    expect(hashesIn(`address 0x${SHA1}, sha1 ${SHA1}`)).toEqual([SHA1])
    expect(hashesIn(`0 ${SHA1}`)).toEqual([SHA1])
  })
})

describe('findHashes: noise filters', () => {
  const only = (filter: keyof NoiseFilters): NoiseFilters => ({ ...NO_NOISE_FILTERS, [filter]: true })
  const allBut = (filter: keyof NoiseFilters): NoiseFilters => ({ ...DEFAULT_NOISE_FILTERS, [filter]: false })

  it('the presets are all on and all off, and frozen', () => {
    expect(DEFAULT_NOISE_FILTERS).toEqual({ skipSingleClassRuns: true, skipMixedCase: true, skipAssetFingerprints: true })
    expect(NO_NOISE_FILTERS).toEqual({ skipSingleClassRuns: false, skipMixedCase: false, skipAssetFingerprints: false })
    expect(Object.isFrozen(DEFAULT_NOISE_FILTERS)).toBe(true)
    expect(Object.isFrozen(NO_NOISE_FILTERS)).toBe(true)
  })

  it('uses the default filters when none are given', () => {
    expect(findHashes(` ${'1'.repeat(32)} `)).toEqual([])
  })

  describe('skipSingleClassRuns', () => {
    it.each([
      ['digits only', '12345678901234567890123456789012'],
      ['letters only (aaaa…)', 'a'.repeat(32)],
      ['letters only, SHA-1 length', 'abcdef'.repeat(7).slice(0, 40)],
      ['upper-case letters only', 'DEADBEEF'.repeat(8)],
    ])('%s: skipped when on, found when off', (_label, run) => {
      const text = `id ${run} end`
      expect(findHashes(text, only('skipSingleClassRuns'))).toEqual([])
      expect(findHashes(text)).toEqual([])
      expect(hashesIn(text, allBut('skipSingleClassRuns'))).toEqual([run.toLowerCase()])
      expect(hashesIn(text, NO_NOISE_FILTERS)).toEqual([run.toLowerCase()])
    })
  })

  describe('skipMixedCase', () => {
    const mixed = 'D41d8Cd98f00B204e9800998eCf8427e'

    it('mixed case: skipped when on, found (lower-cased) when off', () => {
      expect(findHashes(` ${mixed} `, only('skipMixedCase'))).toEqual([])
      expect(findHashes(` ${mixed} `)).toEqual([])
      expect(hashesIn(` ${mixed} `, allBut('skipMixedCase'))).toEqual([MD5])
    })

    it('all upper or all lower case is not mixed', () => {
      expect(hashesIn(`${MD5.toUpperCase()} ${MD5}`, only('skipMixedCase'))).toEqual([MD5, MD5])
    })
  })

  describe('skipAssetFingerprints', () => {
    const fingerprint = mixedHex(32)
    it.each([
      ['main.<hex32>.js', `/static/js/main.${fingerprint}.js`],
      ['app-<hex>.css', `<link href="/assets/app-${SHA1}.css">`],
      ['main.<hex>.chunk.js', `main.${fingerprint}.chunk.js`],
      ['main.<hex>.js.map', `main.${fingerprint}.js.map`],
      ['font-<hex>.woff2', `url(font-${fingerprint}.woff2)`],
      ['logo.<hex>.SVG (any case)', `logo.${fingerprint}.SVG`],
      ['vendor.<hex>.mjs?v=2', `vendor.${SHA256}.mjs?v=2`],
    ])('%s: skipped when on, found when off', (_label, text) => {
      expect(findHashes(text, only('skipAssetFingerprints'))).toEqual([])
      expect(findHashes(text)).toEqual([])
      expect(findHashes(text, allBut('skipAssetFingerprints'))).toHaveLength(1)
    })

    it.each([
      ['<hash>.exe', `${SHA256}.exe`],
      ['sample.<hash>.dll', `sample.${SHA256}.dll`],
      ['app-<hash>.apk', `app-${SHA256}.apk`],
      ['report.<hash>.pdf', `report.${MD5}.pdf`],
      ['bare <hash>.js (a sample named by its hash)', `download ${SHA256}.js`],
      ['/samples/<hash>.js (not joined by . or -)', `/samples/${SHA256}.js`],
      ['x.<hash>.js.exe (the last extension decides)', `x.${SHA256}.js.exe`],
      ['.<hash>. ending a sentence', `see build.${MD5}. Then`],
      ['-<hash>.javascriptfile (a word, not an extension)', `a-${MD5}.javascriptfile`],
      ['.<hash> with nothing after', `name.${MD5}`],
    ])('%s: kept', (_label, text) => {
      expect(findHashes(text)).toHaveLength(1)
    })
  })
})

describe('findHashes: large inputs (linear time; results only, no timing)', () => {
  it('a 2 MB run of hex digits is one run of the wrong length: nothing', () => {
    expect(findHashes(mixedHex(2 * 1024 * 1024), NO_NOISE_FILTERS)).toEqual([])
  })

  it('a 2 MB run of hex digits broken by an occasional "_" stays empty', () => {
    const chunk = `${mixedHex(64)}_`
    expect(findHashes(chunk.repeat(32 * 1024), NO_NOISE_FILTERS)).toEqual([])
  })

  it('1 MB of prose with 500 hashes gives exactly those 500, in order', () => {
    const random = seededRandom(500)
    const prose = 'The deceased face of a bad decade faded; added cafe bead fee. '
    const expected: string[] = []
    let text = ''
    for (let index = 0; index < 500; index++) {
      text += prose.repeat(33) // ~2 KB between hashes
      const length = pick(random, [32, 40, 64])
      let hash = randomHex(random, length)
      while (!/[0-9]/.test(hash) || !/[a-f]/.test(hash)) hash = randomHex(random, length)
      expected.push(hash)
      text += pick(random, [`sha: ${hash}. `, `(${hash}) `, `${hash.toUpperCase()}\n`])
    }
    expect(text.length).toBeGreaterThan(1_000_000)
    expect(hashesIn(text)).toEqual(expected)
  })
})

describe('findHashes: equivalence with a reference regex on random text', () => {
  const REFERENCE = /(?<![0-9a-f])(?:[0-9a-f]{64}|[0-9a-f]{40}|[0-9a-f]{32})(?![0-9a-f])/gi

  const fromRegex = (regex: RegExp, text: string): HashMatch[] =>
    Array.from(text.matchAll(regex), (match) => ({
      start: match.index,
      end: match.index + match[0].length,
      hash: match[0].toLowerCase(),
      type: hashTypeOfLength(match[0].length)!,
    }))

  /** Random hex runs of lengths around 32/40/64 (and short ones) joined by random separators. */
  function randomText(seed: number, separators: readonly string[], pieces: number): string {
    const random = seededRandom(seed)
    const runLengths = [1, 2, 5, 16, 30, 31, 32, 33, 39, 40, 41, 63, 64, 65, 72, 128]
    let text = ''
    for (let index = 0; index < pieces; index++) {
      const run = randomHex(random, pick(random, runLengths))
      text += random() < 0.3 ? run.toUpperCase() : run
      const separatorCount = 1 + Math.floor(random() * 3)
      for (let count = 0; count < separatorCount; count++) text += pick(random, separators)
    }
    return text
  }

  // The reference knows only hex/non-hex boundaries (it accepts `g<hash>`, `é<hash>`), so the
  // separators here are neither letters, `_` nor non-ASCII: on such text the two rules coincide.
  it('agrees with the given reference where its rule applies', () => {
    const separators = [' ', ' ', '\n', '.', ',', ':', '-', '/', '(', ')', '"', '=', '#']
    for (const seed of [1, 2, 3]) {
      const text = randomText(seed, separators, 5000)
      const expected = fromRegex(REFERENCE, text)
      expect(expected.length).toBeGreaterThan(100)
      expect(findHashes(text, NO_NOISE_FILTERS)).toEqual(expected)
    }
  })

  // The full boundary rule as a Unicode-property regex: too slow for pages, but obviously right.
  it('agrees with an adapted Unicode reference on text full of tricky neighbours', () => {
    const noSpaceScripts = '\\p{scx=Han}\\p{scx=Hiragana}\\p{scx=Katakana}\\p{scx=Hangul}\\p{scx=Thai}\\p{scx=Lao}\\p{scx=Khmer}\\p{scx=Myanmar}'
    const glue = `[[\\p{L}\\p{M}\\p{N}\\p{Pc}]--[${noSpaceScripts}]]`
    // The `v` flag (set difference) is newer than the project's TS target, hence the constructor.
    const adapted = new RegExp(
      `(?<![0-9a-z_]|${glue})(?:[0-9a-f]{64}|[0-9a-f]{40}|[0-9a-f]{32})(?![0-9a-z_]|${glue})`,
      'giv',
    )
    const separators = [' ', ' ', '.', '-', '\n', 'g', 'x', 'X', '0x', 'z', '_', 'é', 'Ж', '٣', '\u0301', '𝐀',
      '🔒', '中', 'あ', 'ー', 'ก', '«', '\u00a0', '。', '\u200b', '＿']
    for (const seed of [11, 12, 13]) {
      const text = randomText(seed, separators, 5000)
      const expected = fromRegex(adapted, text)
      expect(expected.length).toBeGreaterThan(50)
      expect(findHashes(text, NO_NOISE_FILTERS)).toEqual(expected)
    }
  })
})

describe('hasHexRun: the content script\'s subtree pre-check', () => {
  it('answers exactly "is there a run of 32 or more hex digits", at any offset', () => {
    expect(hasHexRun('')).toBe(false)
    expect(hasHexRun(mixedHex(31))).toBe(false)
    expect(hasHexRun(mixedHex(32))).toBe(true)
    expect(hasHexRun(`x${mixedHex(31)}x${mixedHex(31)}`)).toBe(false)
    for (let offset = 0; offset < 70; offset++) {
      expect(hasHexRun(`${'z'.repeat(offset)}${MD5.toUpperCase()}`)).toBe(true)
      expect(hasHexRun(`${'z'.repeat(offset)}${mixedHex(31)}g`)).toBe(false)
    }
  })

  it('agrees with a regex on random text, and is true wherever findHashes finds anything', () => {
    const random = seededRandom(77)
    const runLengths = [1, 5, 16, 30, 31, 32, 33, 40, 64, 65]
    for (let round = 0; round < 300; round++) {
      let text = ''
      const pieces = 1 + Math.floor(random() * 6)
      for (let piece = 0; piece < pieces; piece++) text += randomHex(random, pick(random, runLengths)) + pick(random, [' ', 'g', '_', '.', 'é', '\n'])
      expect(hasHexRun(text), text).toBe(/[0-9a-f]{32}/i.test(text))
      if (findHashes(text, NO_NOISE_FILTERS).length > 0) expect(hasHexRun(text)).toBe(true)
    }
  })
})
