/**
 * MD5, SHA-1 and SHA-256 of a file in one pass over slices of it (issue 16): at most two slices are held at once, so a
 * file of any size costs the same memory. WebCrypto's digest takes the whole input at once, so it cannot do this;
 * hash-wasm's streaming hashers can (its WebAssembly needs 'wasm-unsafe-eval' in the extension pages' CSP).
 */
import { createMD5, createSHA1, createSHA256, type IHasher } from 'hash-wasm'
import { HASH_TYPES, type HashType } from './hash.ts'

export type FileHashes = Record<HashType, string>

/** 4 MB: the per-slice overhead (a read, a promise) is lost in the hashing, and two slices stay far below 64 MB. */
export const HASH_SLICE_BYTES = 4 * 1024 * 1024

const HASHER_OF: Record<HashType, () => Promise<IHasher>> = { md5: createMD5, sha1: createSHA1, sha256: createSHA256 }

export interface HashBlobOptions {
  /** Which hashes to compute (all three unless told): a caller may share them out between workers. */
  types?: readonly HashType[]
  /** Bytes hashed so far, after each slice. */
  onProgress?: (bytesDone: number) => void
  /** Stops between slices, rejecting with the signal's reason. */
  signal?: AbortSignal
  sliceBytes?: number
}

/** Reads slice n+1 while slice n is hashed, so reading and hashing overlap. */
export async function hashBlob(blob: Blob, options: HashBlobOptions = {}): Promise<Partial<FileHashes>> {
  const { types = HASH_TYPES, onProgress, signal, sliceBytes = HASH_SLICE_BYTES } = options
  signal?.throwIfAborted()
  const hashers = await Promise.all(types.map(async (type) => [type, (await HASHER_OF[type]()).init()] as const))
  const read = (offset: number): Promise<Uint8Array> =>
    blob.slice(offset, Math.min(blob.size, offset + sliceBytes)).arrayBuffer().then((buffer) => new Uint8Array(buffer))
  let offset = 0
  let next = blob.size > 0 ? read(0) : null
  while (next) {
    const bytes = await next
    signal?.throwIfAborted()
    offset += bytes.byteLength
    // A blob whose bytes changed under us (a file rewritten while read) must not loop: a short slice ends it.
    next = offset < blob.size && bytes.byteLength > 0 ? read(offset) : null
    for (const [, hasher] of hashers) hasher.update(bytes)
    onProgress?.(offset)
  }
  return Object.fromEntries(hashers.map(([type, hasher]) => [type, hasher.digest('hex')]))
}
