/**
 * MD5, SHA-1 and SHA-256 of a file in one pass over slices of it (issue 16): two slice buffers, filled in turn, so a
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

/** Fills `buffer` from the stream (a BYOB read hands back the same memory it was given); `done` once the stream ends. */
async function fill(reader: ReadableStreamBYOBReader, buffer: ArrayBuffer): Promise<Slice> {
  let current = buffer
  let filled = 0
  while (filled < current.byteLength) {
    const { value, done } = await reader.read(new Uint8Array(current, filled))
    // At the end the stream gives the buffer back in an empty view; cancelled, in none.
    if (value) current = value.buffer as ArrayBuffer
    if (done) return { bytes: new Uint8Array(current, 0, filled), done: true }
    filled += value.byteLength
  }
  return { bytes: new Uint8Array(current, 0, filled), done: false }
}

interface Slice {
  bytes: Uint8Array
  done: boolean
}

interface SliceSource {
  next: (buffer: ArrayBuffer) => Promise<Slice>
  /** Lets go of the file (a cancel). */
  close: () => void
}

/** A BYOB reader where the stream is a byte stream (Blob.stream(), a fetch body in Chromium), or null. */
function byobReaderOf(stream: ReadableStream<Uint8Array>): ReadableStreamBYOBReader | null {
  try {
    return stream.getReader({ mode: 'byob' })
  } catch {
    return null
  }
}

function byobSource(reader: ReadableStreamBYOBReader): SliceSource {
  return { next: (buffer) => fill(reader, buffer), close: () => void reader.cancel().catch(() => undefined) }
}

/** A stream of chunks of its own sizes (no BYOB reads): copied into the slice buffers, a chunk's rest kept for the next. */
function chunkSource(reader: ReadableStreamDefaultReader<Uint8Array>): SliceSource {
  let rest: Uint8Array = new Uint8Array(0)
  let isEnded = false
  return {
    next: async (buffer) => {
      const target = new Uint8Array(buffer)
      let filled = 0
      while (filled < target.byteLength && !(isEnded && rest.byteLength === 0)) {
        if (rest.byteLength === 0) {
          const { value, done } = await reader.read()
          if (done) isEnded = true
          else rest = value
          continue
        }
        const taken = Math.min(rest.byteLength, target.byteLength - filled)
        target.set(rest.subarray(0, taken), filled)
        rest = rest.subarray(taken)
        filled += taken
      }
      return { bytes: target.subarray(0, filled), done: isEnded && rest.byteLength === 0 }
    },
    close: () => void reader.cancel().catch(() => undefined),
  }
}

/**
 * Two buffers, filled in turn, for the whole file: reading a new ArrayBuffer per slice left the collector hundreds of
 * MB behind under load (bench 10: 310–326 MB over idle for 256 MB). A stream without BYOB reads falls back to slices.
 */
function blobSource(blob: Blob): SliceSource {
  const reader = byobReaderOf(blob.stream())
  if (reader) return byobSource(reader)
  let offset = 0
  return {
    next: async (buffer) => {
      const bytes = new Uint8Array(await blob.slice(offset, offset + buffer.byteLength).arrayBuffer())
      offset += bytes.byteLength
      return { bytes, done: bytes.byteLength < buffer.byteLength || offset >= blob.size }
    },
    close: () => undefined,
  }
}

function streamSource(stream: ReadableStream<Uint8Array>): SliceSource {
  const reader = byobReaderOf(stream)
  return reader ? byobSource(reader) : chunkSource(stream.getReader())
}

export function hashBlob(blob: Blob, options: HashBlobOptions = {}): Promise<Partial<FileHashes>> {
  return hashSlices(() => blobSource(blob), options)
}

/**
 * The same of a stream (a fetch's body, in the worker: background/download-checks.ts), read through the same two
 * buffers, so a download of any size costs the same memory. An abort cancels the stream, and so its fetch.
 */
export function hashStream(stream: ReadableStream<Uint8Array>, options: HashBlobOptions = {}): Promise<Partial<FileHashes>> {
  return hashSlices(() => streamSource(stream), options)
}

/** Reads slice n+1 while slice n is hashed, so reading and hashing overlap. */
async function hashSlices(open: () => SliceSource, options: HashBlobOptions): Promise<Partial<FileHashes>> {
  const { types = HASH_TYPES, onProgress, signal, sliceBytes = HASH_SLICE_BYTES } = options
  signal?.throwIfAborted()
  const hashers = await Promise.all(types.map(async (type) => [type, (await HASHER_OF[type]()).init()] as const))
  const source = open()
  let spare = new ArrayBuffer(sliceBytes)
  let pending: Promise<Slice> | null = source.next(new ArrayBuffer(sliceBytes))
  let offset = 0
  try {
    while (pending) {
      const { bytes, done }: Slice = await pending
      signal?.throwIfAborted()
      pending = done ? null : source.next(spare)
      if (bytes.byteLength > 0) {
        for (const [, hasher] of hashers) hasher.update(bytes)
        offset += bytes.byteLength
        onProgress?.(offset)
      }
      spare = bytes.buffer as ArrayBuffer
    }
  } catch (error) {
    source.close()
    throw error
  }
  return Object.fromEntries(hashers.map(([type, hasher]) => [type, hasher.digest('hex')]))
}
