/**
 * Runs over every text node of every page, so it is one linear `charCodeAt` pass over a class
 * table: no regex in the loop, no allocation but the matches.
 *
 * A hash is a maximal hex run of 32, 40 or 64 digits that touches no word character (ASCII
 * letter, digit, `_`, or \p{L}\p{M}\p{N}\p{Pc}), so `é<hash>` and `0x<40 hex>` are not hashes.
 * Except: Han, Kana, Hangul, Thai, Lao, Khmer and Myanmar letters do not glue, as those scripts
 * write a hash right against their text (`文件哈希<hash>。`, `<hash>를`).
 */
import { hashTypeOfLength, type HashType } from './hash.ts'

export interface HashMatch {
  /** UTF-16 offsets: `text.slice(start, end)` is the hash as written. */
  start: number
  end: number
  /** Lower case, whatever the page wrote. */
  hash: string
  type: HashType
}

/** Runs of a hash's length that are almost never file hashes; checked on matches only. */
export interface NoiseFilters {
  /** Digits only or a–f only: random hex has both (all digits: (10/16)^32 ≈ 3·10⁻⁷); IDs and filler do not. */
  skipSingleClassRuns: boolean
  /** `aBc…`: tools print hashes in one case; mixed case is a base64-ish token. */
  skipMixedCase: boolean
  /**
   * Bundler fingerprints: joined by `.`/`-` to a name and followed by suffixes whose last is a
   * web-asset extension (`main.<hex>.chunk.js`, `app-<hex>.css`). A bare `<hex>.js` and
   * `x.<hex>.js.exe` stay: malware samples are named by their hash.
   */
  skipAssetFingerprints: boolean
}

export const DEFAULT_NOISE_FILTERS: Readonly<NoiseFilters> = Object.freeze({
  skipSingleClassRuns: true,
  skipMixedCase: true,
  skipAssetFingerprints: true,
})

/** Every run with a hash's length and boundaries; used for hand-typed input. */
export const NO_NOISE_FILTERS: Readonly<NoiseFilters> = Object.freeze({
  skipSingleClassRuns: false,
  skipMixedCase: false,
  skipAssetFingerprints: false,
})

// Character classes of ASCII code units, as bits so one lookup answers several questions.
const DECIMAL_DIGIT = 1
const HEX_LOWER_LETTER = 2 // a–f
const HEX_UPPER_LETTER = 4 // A–F
const OTHER_WORD_CHARACTER = 8 // g–z, G–Z, _
const HEX_DIGIT = DECIMAL_DIGIT | HEX_LOWER_LETTER | HEX_UPPER_LETTER
const HEX_LETTER = HEX_LOWER_LETTER | HEX_UPPER_LETTER

const ASCII_CLASS = buildAsciiClassTable()

function buildAsciiClassTable(): Uint8Array {
  const table = new Uint8Array(128)
  const mark = (from: string, to: string, bits: number): void => {
    for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code++) table[code] = bits
  }
  mark('0', '9', DECIMAL_DIGIT)
  mark('a', 'f', HEX_LOWER_LETTER)
  mark('A', 'F', HEX_UPPER_LETTER)
  mark('g', 'z', OTHER_WORD_CHARACTER)
  mark('G', 'Z', OTHER_WORD_CHARACTER)
  mark('_', '_', OTHER_WORD_CHARACTER)
  return table
}

/** The shortest hash (MD5); also the stride of the scan, see findHashes. */
const SHORTEST_HASH_LENGTH = 32

const DOT = 0x2e
const HYPHEN = 0x2d

/** Script_Extensions, not Script, so shared marks such as ー count as Japanese. */
const GLUING_CHARACTER =
  /^(?![\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}])[\p{L}\p{M}\p{N}\p{Pc}]$/u

const WEB_ASSET_EXTENSIONS: ReadonlySet<string> = new Set([
  'js', 'mjs', 'cjs', 'css', 'map',
  'woff', 'woff2', 'ttf', 'otf', 'eot',
  'svg', 'png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'ico',
  'wasm',
])
const MAX_EXTENSION_SEGMENTS = 3
const MAX_EXTENSION_SEGMENT_LENGTH = 10

function isHexCode(code: number): boolean {
  // The `< 128` test keeps the table read in bounds (out-of-bounds typed-array reads are slow in V8).
  return code < 128 && (ASCII_CLASS[code]! & HEX_DIGIT) !== 0
}

/**
 * Probes every 32nd code unit: a run of 32+ hex digits must contain a probe, so a non-hex probe
 * rules out 32 positions and a hex one is widened to its run. Linear even on 10 MB of hex, and
 * most prose is never read.
 */
export function findHashes(text: string, filters: Readonly<NoiseFilters> = DEFAULT_NOISE_FILTERS): HashMatch[] {
  const matches: HashMatch[] = []
  const textLength = text.length
  let probe = SHORTEST_HASH_LENGTH - 1

  while (probe < textLength) {
    if (!isHexCode(text.charCodeAt(probe))) {
      probe += SHORTEST_HASH_LENGTH
      continue
    }
    let start = probe
    while (start > 0 && isHexCode(text.charCodeAt(start - 1))) start--
    let end = probe + 1
    while (end < textLength && isHexCode(text.charCodeAt(end))) end++
    // A later run starts past `end`, so its first 32 positions include end + 32.
    probe = end + SHORTEST_HASH_LENGTH

    const type = hashTypeOfLength(end - start)
    if (type === null || touchesWordCharacter(text, start, end)) continue
    const written = text.slice(start, end)
    if (isNoise(text, written, start, end, filters)) continue
    matches.push({ start, end, hash: written.toLowerCase(), type })
  }
  return matches
}

/** The cheap test on a subtree's `textContent`: sound, as concatenation only lengthens runs. */
export function hasHexRun(text: string): boolean {
  const textLength = text.length
  let probe = SHORTEST_HASH_LENGTH - 1
  while (probe < textLength) {
    if (!isHexCode(text.charCodeAt(probe))) {
      probe += SHORTEST_HASH_LENGTH
      continue
    }
    let start = probe
    while (start > 0 && isHexCode(text.charCodeAt(start - 1))) start--
    let end = probe + 1
    while (end < textLength && end - start < SHORTEST_HASH_LENGTH && isHexCode(text.charCodeAt(end))) end++
    if (end - start >= SHORTEST_HASH_LENGTH) return true
    probe = end + SHORTEST_HASH_LENGTH
  }
  return false
}

/** The neighbours are non-hex; non-ASCII ones are read as whole code points (`𝐀` counts). */
function touchesWordCharacter(text: string, start: number, end: number): boolean {
  if (start > 0) {
    const before = text.charCodeAt(start - 1)
    if (before < 128) {
      if (ASCII_CLASS[before] !== 0) return true
    } else if (gluesToHash(codePointEndingAt(text, start - 1))) {
      return true
    }
  }
  if (end < text.length) {
    const after = text.charCodeAt(end)
    if (after < 128) {
      if (ASCII_CLASS[after] !== 0) return true
    } else if (gluesToHash(text.codePointAt(end)!)) {
      return true
    }
  }
  return false
}

/** The code point whose last code unit is at `index` (joins a surrogate pair read backwards). */
function codePointEndingAt(text: string, index: number): number {
  const unit = text.charCodeAt(index)
  const isLowSurrogate = unit >= 0xdc00 && unit <= 0xdfff
  if (isLowSurrogate && index > 0) {
    const previous = text.charCodeAt(index - 1)
    if (previous >= 0xd800 && previous <= 0xdbff) return text.codePointAt(index - 1)!
  }
  return unit
}

/** Exported so the manual input box can name the character that glued on. */
export function gluesToHash(codePoint: number): boolean {
  return GLUING_CHARACTER.test(String.fromCodePoint(codePoint))
}

function isNoise(text: string, written: string, start: number, end: number, filters: Readonly<NoiseFilters>): boolean {
  if (filters.skipSingleClassRuns || filters.skipMixedCase) {
    let classesSeen = 0
    for (let index = 0; index < written.length; index++) classesSeen |= ASCII_CLASS[written.charCodeAt(index)]!
    const hasDigit = (classesSeen & DECIMAL_DIGIT) !== 0
    const hasLetter = (classesSeen & HEX_LETTER) !== 0
    if (filters.skipSingleClassRuns && !(hasDigit && hasLetter)) return true
    if (filters.skipMixedCase && (classesSeen & HEX_LETTER) === HEX_LETTER) return true
  }
  return filters.skipAssetFingerprints && isWebAssetFingerprint(text, start, end)
}

/** The rule documented on NoiseFilters.skipAssetFingerprints. */
function isWebAssetFingerprint(text: string, start: number, end: number): boolean {
  if (start === 0) return false
  const before = text.charCodeAt(start - 1)
  if (before !== DOT && before !== HYPHEN) return false

  let lastSegment = ''
  let position = end
  for (let segments = 0; segments < MAX_EXTENSION_SEGMENTS && text.charCodeAt(position) === DOT; segments++) {
    let segmentEnd = position + 1
    while (segmentEnd < text.length && isAsciiLetterOrDigit(text.charCodeAt(segmentEnd))) segmentEnd++
    const segmentLength = segmentEnd - position - 1
    if (segmentLength === 0) break // a full stop ending a sentence, not an extension
    // A long part is a word, not an extension: the name goes on, so it is no web asset.
    if (segmentLength > MAX_EXTENSION_SEGMENT_LENGTH) return false
    lastSegment = text.slice(position + 1, segmentEnd)
    position = segmentEnd
  }
  return WEB_ASSET_EXTENSIONS.has(lastSegment.toLowerCase())
}

function isAsciiLetterOrDigit(code: number): boolean {
  return code < 128 && ASCII_CLASS[code]! !== 0 && code !== 0x5f /* _ */
}
