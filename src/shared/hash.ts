/** Hash types by length, and the one normal form (lower case) in which hashes are keyed, cached and sent. */

export const HASH_TYPES = ['md5', 'sha1', 'sha256'] as const
export type HashType = (typeof HASH_TYPES)[number]

/** Hex digits per hash type; the service's path segment must match the length. */
export const HASH_LENGTH: Readonly<Record<HashType, number>> = { md5: 32, sha1: 40, sha256: 64 }

export function hashTypeOfLength(length: number): HashType | null {
  switch (length) {
    case 32: return 'md5'
    case 40: return 'sha1'
    case 64: return 'sha256'
    default: return null
  }
}

const HEX_ONLY = /^[0-9a-f]+$/

export interface NormalizedHash {
  readonly hash: string
  readonly type: HashType
}

/** Exactly one hash (white space around it allowed), or null: nothing that fails here is ever sent. */
export function normalizeHash(input: string): NormalizedHash | null {
  const hash = input.trim().toLowerCase()
  const type = hashTypeOfLength(hash.length)
  if (type === null || !HEX_ONLY.test(hash)) return null
  return { hash, type }
}

/** How people write the types, the same in every language (so not messages): in badges, cards, messages and exports. */
export const HASH_TYPE_LABEL: Readonly<Record<HashType, string>> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256' }
