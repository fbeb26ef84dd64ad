/**
 * Finds MD5, SHA-1 and SHA-256 hashes in arbitrary text.
 *
 * This runs in the content script over every text node of every page, so it is
 * written for speed and size: one linear pass with `charCodeAt`, a 128-entry class
 * table, no regular expression in the scanning loop and no allocation except for
 * the matches themselves. It must stay DOM-free and import nothing but `./hash.ts`.
 *
 * What counts as a hash
 * ---------------------
 * A maximal run of hex digits (either case) whose length is exactly 32 (MD5),
 * 40 (SHA-1) or 64 (SHA-256), and which does not touch a word character on either
 * side. A word character is an ASCII letter, digit or underscore, or any Unicode
 * letter (\p{L}), combining mark (\p{M}), number (\p{N}) or connector punctuation
 * (\p{Pc}): `é<hash>`, `Ж<hash>` or `<hash>٣` is part of a longer word, not a hash
 * on its own. Unicode punctuation, symbols, spaces and format characters (NBSP, « »,
 * “ ”, 。, emoji, zero-width space) separate like ASCII punctuation does.
 *
 * One exception, decided on purpose: letters of scripts written without spaces
 * between words (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) and Hangul
 * (whose particles attach to the word before, foreign words included) do NOT glue.
 * In `文件哈希<hash>。` or `<hash>를` the hash sits directly against native text
 * because that is how those languages are written, and it would be missed otherwise.
 *
 * The `0x` rule falls out of the letter rule: in `0x<40 hex>` (an Ethereum address)
 * the run after the `x` touches a letter, so it is never reported as a SHA-1; the
 * same holds for `0X` and for any length after the prefix.
 */
import { hashTypeOfLength, type HashType } from './hash.ts'

export interface HashMatch {
  /** Index of the first hex digit in the scanned text (UTF-16 code units). */
  start: number
  /** Index just past the last hex digit, so `text.slice(start, end)` is the hash as written. */
  end: number
  /** Lower case, whatever the page wrote. */
  hash: string
  type: HashType
}

/**
 * Heuristics that drop runs which have the right length but are almost never file
 * hashes. They are checked only on matches, so they cost nothing on ordinary text.
 */
export interface NoiseFilters {
  /**
   * Skip runs made of digits only or of letters a–f only. A random 128-bit value
   * written in hex has both with near certainty (all-digits: (10/16)^32 ≈ 3·10⁻⁷),
   * while long digit strings (IDs, phone lists) and `aaaa…`/`deadbeef…` filler are common.
   */
  skipSingleClassRuns: boolean
  /**
   * Skip runs that mix upper- and lower-case letters (`aBc…`). Tools print hashes in
   * one case; mixed case means base64-ish or random tokens that happen to be hex.
   */
  skipMixedCase: boolean
  /**
   * Skip bundler fingerprints in web-asset file names. The rule, exactly:
   * the character just before the run is `.` or `-` (the run is joined to a name,
   * as in `main.<hex>.js` or `app-<hex>.css`), AND directly after the run come
   * `.part` suffixes (ASCII letters/digits; up to three are read) of which the last
   * one read is a web-asset extension: js mjs cjs css map woff woff2 ttf otf eot svg
   * png jpg jpeg gif webp avif ico wasm (any case). So `main.<hex>.chunk.js` and
   * `main.<hex>.js.map` are skipped. A part longer than 10 characters is a word, not
   * an extension, and keeps the run; a `.` followed by no part (a full stop) ends
   * the suffixes.
   * Kept on purpose: a bare `<hex>.js` with nothing joined before it (malware samples
   * are routinely named by their hash, scripts included), and any run whose last
   * extension is not a web asset: `<hex>.exe`, `sample.<hex>.dll`, `.bin .zip .apk
   * .elf .so .doc(x) .xls(x) .pdf`, and the trick name `x.<hex>.js.exe`.
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

/**
 * A non-ASCII character that makes an adjacent hex run part of a longer word (see the
 * file comment for the rule and the no-space-script exception). Script_Extensions
 * rather than Script, so shared marks such as the prolonged sound mark ー count as
 * Japanese. Used only at the two edges of a candidate run, never in the scanning loop.
 */
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
 * Every hash in `text`, in order of appearance.
 *
 * The scan probes every 32nd code unit instead of every one. Any run of 32 or more
 * hex digits covers 32 consecutive positions, so it must contain a probe; a probe
 * that lands on a non-hex character rules out every run through it, and we jump 32
 * ahead. A probe on a hex digit is widened backwards and forwards to its maximal run
 * (backwards at most to the previous probe, which was known non-hex), the run is
 * judged, and probing resumes 32 past the run's end. Each code unit is therefore
 * read a bounded number of times: linear even for a 10 MB run of hex, and on prose
 * most of the text is never read at all.
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
    // `end` is non-hex (or the end of text), so the next run starts at end + 1 or later
    // and its first 32 positions include end + 32.
    probe = end + SHORTEST_HASH_LENGTH

    const type = hashTypeOfLength(end - start)
    if (type === null || touchesWordCharacter(text, start, end)) continue
    const written = text.slice(start, end)
    if (isNoise(text, written, start, end, filters)) continue
    matches.push({ start, end, hash: written.toLowerCase(), type })
  }
  return matches
}

/**
 * Whether `text` holds a run of at least 32 hex digits anywhere: no run, no hash. It is the
 * content script's cheap test on a whole subtree's `textContent` (one native call, no walk),
 * and it is sound for that use: a hash inside the subtree is such a run there too, whatever
 * text the concatenation glues to it (gluing only makes runs longer). Same stride as
 * findHashes, no allocation.
 */
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

/**
 * Whether the maximal hex run [start, end) is glued to a word character. The
 * neighbours are known not to be hex digits, but may be other letters, `_`,
 * or non-ASCII letters/digits (read as whole code points, so `𝐀` counts).
 */
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

/**
 * Whether a non-ASCII code point directly beside a hex run glues onto it, so the
 * run is no hash. Exported so the manual input box can name the culprit.
 */
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
