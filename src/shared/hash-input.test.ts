import { describe, it, expect } from 'vitest'
import { scanHashInput, type InvalidToken } from './hash-input.ts'

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e'
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

/** Hex of any length with digits and letters. */
const hexOfLength = (length: number): string => '0123456789abcdef'.repeat(Math.ceil(length / 16)).slice(0, length)

const reasonFor = (text: string): string | undefined => scanHashInput(text).invalid[0]?.reason

describe('scanHashInput: hashes', () => {
  it('finds MD5, SHA-1 and SHA-256 in free text with commas and newlines', () => {
    const text = `Indicators:\n${MD5},\n${SHA1.toUpperCase()}, ${SHA256}\nend of list.`
    const scanned = scanHashInput(text)
    expect(scanned.hashes.map(({ hash, type }) => ({ hash, type }))).toEqual([
      { hash: MD5, type: 'md5' },
      { hash: SHA1, type: 'sha1' },
      { hash: SHA256, type: 'sha256' },
    ])
    expect(scanned.invalid).toEqual([])
  })

  it('collapses duplicates (in any case) to the first occurrence', () => {
    const text = `${SHA1} ${MD5}\n${SHA1.toUpperCase()}, ${MD5} ${SHA1}`
    const scanned = scanHashInput(text)
    expect(scanned.hashes.map((match) => match.hash)).toEqual([SHA1, MD5])
    expect(scanned.hashes[0]).toMatchObject({ start: 0, end: 40 })
    expect(scanned.hashes[1]).toMatchObject({ start: 41, end: 73 })
  })

  it('applies no noise filters: digits-only, letters-only, mixed case and asset names are taken as typed', () => {
    const digits = '1'.repeat(32)
    const letters = 'a'.repeat(40)
    const mixed = 'D41d8Cd98f00B204e9800998eCf8427e'
    const text = `${digits} ${letters} ${mixed} main.${SHA256}.js`
    expect(scanHashInput(text).hashes.map((match) => match.hash)).toEqual([digits, letters, MD5, SHA256])
  })

  it('empty and blank input give nothing', () => {
    expect(scanHashInput('')).toEqual({ hashes: [], invalid: [] })
    expect(scanHashInput('  \n\t ')).toEqual({ hashes: [], invalid: [] })
  })
})

describe('scanHashInput: invalid tokens', () => {
  it.each([
    [31, '31 hex digits — MD5 has 32'],
    [33, '33 hex digits — MD5 has 32'],
    [24, '24 hex digits — MD5 has 32'],
    [36, '36 hex digits — MD5 has 32, SHA-1 has 40'],
    [39, '39 hex digits — SHA-1 has 40'],
    [41, '41 hex digits — SHA-1 has 40'],
    [52, '52 hex digits — SHA-1 has 40, SHA-256 has 64'],
    [63, '63 hex digits — SHA-256 has 64'],
    [65, '65 hex digits — SHA-256 has 64'],
    [140, '140 hex digits — SHA-256 has 64'],
  ])('%i hex digits: says how many and what the nearest type needs', (length, reason) => {
    const token = hexOfLength(length)
    expect(scanHashInput(`check ${token} please`)).toEqual({ hashes: [], invalid: [{ token, reason }] })
  })

  it.each([
    [128, '128 hex digits — SHA-512 is not supported'],
    [96, '96 hex digits — SHA-384 is not supported'],
    [56, '56 hex digits — SHA-224 is not supported'],
  ])('%i hex digits names the unsupported digest', (length, reason) => {
    expect(reasonFor(hexOfLength(length))).toBe(reason)
  })

  it('names the first character that is not a hex digit', () => {
    expect(reasonFor(`${MD5.slice(0, 10)}g${MD5.slice(11)}`)).toBe('contains “g”, which is not a hex digit')
    expect(reasonFor(`${SHA1.slice(0, 39)}Z`)).toBe('contains “Z”, which is not a hex digit')
    expect(reasonFor(`${MD5}_${MD5.slice(0, 8)}`)).toBe('contains “_”, which is not a hex digit')
    // A hash glued to a letter is reported, not silently dropped.
    expect(reasonFor(`g${MD5}`)).toBe('contains “g”, which is not a hex digit')
  })

  it('reports an Ethereum address pasted by hand', () => {
    const address = `0x${SHA1}`
    expect(scanHashInput(`send to ${address}`)).toEqual({
      hashes: [],
      invalid: [{ token: address, reason: 'looks like an Ethereum address (0x…), not a hash' }],
    })
    expect(reasonFor(`0X${SHA1.toUpperCase()}`)).toBe('looks like an Ethereum address (0x…), not a hash')
  })

  it('reports other 0x-prefixed hex as a prefix problem', () => {
    expect(reasonFor(`0x${SHA256}`)).toBe('starts with “0x”, which file hashes don’t have')
  })

  it('names a non-ASCII letter glued to an otherwise valid hash', () => {
    expect(reasonFor(`é${MD5}`)).toBe('is joined to “é” — put a space between them')
    expect(reasonFor(`«${SHA1}𝐀`)).toBe('is joined to “𝐀” — put a space between them')
  })

  it('keeps the valid hashes next to the invalid ones and lists each invalid token once, in order', () => {
    const short = hexOfLength(31)
    const text = `${short}\n${MD5}\n${hexOfLength(128)}\n${short}, ${SHA256}`
    const scanned = scanHashInput(text)
    expect(scanned.hashes.map((match) => match.hash)).toEqual([MD5, SHA256])
    expect(scanned.invalid).toEqual<InvalidToken[]>([
      { token: short, reason: '31 hex digits — MD5 has 32' },
      { token: hexOfLength(128), reason: '128 hex digits — SHA-512 is not supported' },
    ])
  })

  it('never reports plain words, long words, IDs or short hex', () => {
    const text = [
      'Antidisestablishmentarianism and pneumonoultramicroscopicsilicovolcanoconiosis are long words;',
      'so is Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch.',
      'A defaced facade: deadbeefcafebabedeadbeefcafebabefacade has no digit.',
      'Order 2024_annual_report_final_v2_reviewed, ticket ABC-1234, build 3f2a9c1, UUID',
      '123e4567-e89b-12d3-a456-426614174000, version 10.0.19045.',
    ].join('\n')
    expect(scanHashInput(text)).toEqual({ hashes: [], invalid: [] })
  })
})
