/** The manual lookup box. No noise filters: whoever pastes `AAAA…` or a mixed-case hash means it. */
import { HASH_LENGTH, HASH_TYPE_LABEL, HASH_TYPES, type HashType } from './hash.ts'
import { t } from './i18n.ts'
import { findHashes, gluesToHash, NO_NOISE_FILTERS, type HashMatch } from './hash-detector.ts'

export interface InvalidToken {
  token: string
  /** Why it is not looked up: a fragment to follow the token, in the user's language, no full stop. */
  reason: string
}

export interface ScannedInput {
  /** One entry per distinct hash (compared in lower case), in order of first occurrence. */
  hashes: HashMatch[]
  /** Tokens that look like a hash but are not one, each distinct token once, in order. */
  invalid: InvalidToken[]
}


/** Well-known digest lengths that HashLens cannot look up: naming them beats "wrong length". */
const UNSUPPORTED_DIGEST_NAME_BY_LENGTH: ReadonlyMap<number, string> = new Map([
  [56, 'SHA-224'],
  [96, 'SHA-384'],
  [128, 'SHA-512'],
])

const ETHEREUM_ADDRESS_HEX_LENGTH = 40

// Under 24 characters is a word or short ID, over 140 a blob; a digit is required to keep words out.
const MIN_SUSPECT_LENGTH = 24
const MAX_SUSPECT_LENGTH = 140
const MIN_SUSPECT_HEX_SHARE = 0.75

export function scanHashInput(text: string): ScannedInput {
  const matches = findHashes(text, NO_NOISE_FILTERS)

  const hashes: HashMatch[] = []
  const seenHashes = new Set<string>()
  const matchEndByStart = new Map<number, number>()
  for (const match of matches) {
    matchEndByStart.set(match.start, match.end)
    if (seenHashes.has(match.hash)) continue
    seenHashes.add(match.hash)
    hashes.push(match)
  }

  const invalid: InvalidToken[] = []
  const seenTokens = new Set<string>()
  for (const { start, end } of asciiWordTokens(text)) {
    if (matchEndByStart.get(start) === end) continue // exactly a hash the detector found
    const token = text.slice(start, end)
    if (seenTokens.has(token) || !looksLikeHash(token)) continue
    seenTokens.add(token)
    invalid.push({ token, reason: whyNotAHash(token, text, start, end) })
  }
  return { hashes, invalid }
}

/** Maximal runs of [0-9A-Za-z_]; everything else (Unicode letters included) splits. */
function* asciiWordTokens(text: string): Generator<{ start: number; end: number }> {
  let index = 0
  while (index < text.length) {
    if (!isAsciiWordCode(text.charCodeAt(index))) {
      index++
      continue
    }
    const start = index
    while (index < text.length && isAsciiWordCode(text.charCodeAt(index))) index++
    yield { start, end: index }
  }
}

function isAsciiWordCode(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || // 0-9
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    code === 0x5f // _
  )
}

function isHexCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66)
}

function isDecimalDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}

function looksLikeHash(token: string): boolean {
  if (token.length < MIN_SUSPECT_LENGTH || token.length > MAX_SUSPECT_LENGTH) return false
  let hexCount = 0
  let hasDecimalDigit = false
  for (let index = 0; index < token.length; index++) {
    const code = token.charCodeAt(index)
    if (isHexCode(code)) hexCount++
    if (isDecimalDigitCode(code)) hasDecimalDigit = true
  }
  return hasDecimalDigit && hexCount >= MIN_SUSPECT_HEX_SHARE * token.length
}

function whyNotAHash(token: string, text: string, start: number, end: number): string {
  const hexAfterPrefix = token.length > 2 && token[0] === '0' && (token[1] === 'x' || token[1] === 'X')
    ? token.slice(2)
    : null
  if (hexAfterPrefix !== null && isAllHex(hexAfterPrefix)) {
    return hexAfterPrefix.length === ETHEREUM_ADDRESS_HEX_LENGTH
      ? t('invalidEthereum')
      : t('invalidPrefix', token.slice(0, 2))
  }

  for (const character of token) {
    if (!isHexCode(character.charCodeAt(0))) return t('invalidCharacter', character)
  }

  const digits = token.length
  const unsupported = UNSUPPORTED_DIGEST_NAME_BY_LENGTH.get(digits)
  if (unsupported !== undefined) return t('invalidUnsupported', digits, unsupported)

  if (HASH_TYPES.some((type) => HASH_LENGTH[type] === digits)) {
    // All hex at a hash's length, yet not found: a non-ASCII neighbour glued on (tokens split there).
    const neighbour = gluedNeighbour(text, start, end)
    return neighbour === null
      ? t('invalidJoined')
      : t('invalidJoinedTo', neighbour)
  }

  return t('invalidLength', digits, nearestHashLengths(digits))
}

function isAllHex(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    if (!isHexCode(value.charCodeAt(index))) return false
  }
  return true
}

/** "MD5 has 32", or both neighbours when the length is exactly halfway between two types. */
function nearestHashLengths(digits: number): string {
  const distance = (type: HashType): number => Math.abs(HASH_LENGTH[type] - digits)
  const closest = Math.min(...HASH_TYPES.map(distance))
  return HASH_TYPES.filter((type) => distance(type) === closest)
    .map((type) => t('invalidTypeLength', HASH_TYPE_LABEL[type], HASH_LENGTH[type]))
    .join(t('invalidListSeparator'))
}

/** The non-ASCII character directly before or after [start, end) that glued onto it, if any. */
function gluedNeighbour(text: string, start: number, end: number): string | null {
  if (start > 0 && text.charCodeAt(start - 1) >= 128) {
    // Two code units back is enough to hold a whole surrogate pair.
    const before = Array.from(text.slice(Math.max(0, start - 2), start)).pop()!
    if (gluesToHash(before.codePointAt(0)!)) return before
  }
  if (end < text.length && text.charCodeAt(end) >= 128) {
    const after = String.fromCodePoint(text.codePointAt(end)!)
    if (gluesToHash(after.codePointAt(0)!)) return after
  }
  return null
}
