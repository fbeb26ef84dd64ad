import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hashBlob, hashStream, HASH_SLICE_BYTES } from './file-hashes.ts'

function nodeHashes(bytes: Uint8Array): Record<'md5' | 'sha1' | 'sha256', string> {
  return {
    md5: createHash('md5').update(bytes).digest('hex'),
    sha1: createHash('sha1').update(bytes).digest('hex'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  }
}

describe('hashBlob', () => {
  const slice = 1024
  // Around the slice edges (one short, exact, one over, several slices) and the empty file.
  it.each([0, 1, slice - 1, slice, slice + 1, 2 * slice, 3 * slice + 7, 17 * slice - 1])('matches Node\'s crypto on %i random bytes', async (size) => {
    const bytes = randomBytes(size)
    expect(await hashBlob(new Blob([bytes]), { sliceBytes: slice })).toEqual(nodeHashes(bytes))
  })

  it('matches Node\'s crypto with the shipped slice size across a slice edge', async () => {
    const bytes = randomBytes(HASH_SLICE_BYTES + 12_345)
    expect(await hashBlob(new Blob([bytes]))).toEqual(nodeHashes(bytes))
  })

  it('computes only the types asked for', async () => {
    const bytes = randomBytes(3000)
    expect(await hashBlob(new Blob([bytes]), { types: ['sha256'], sliceBytes: slice })).toEqual({ sha256: nodeHashes(bytes).sha256 })
  })

  it('reports the bytes done after each slice, ending at the size', async () => {
    const progress: number[] = []
    await hashBlob(new Blob([randomBytes(2500)]), { sliceBytes: slice, onProgress: (done) => progress.push(done) })
    expect(progress).toEqual([1024, 2048, 2500])
  })

  it('stops between slices when aborted, with the signal\'s reason', async () => {
    const controller = new AbortController()
    const progress: number[] = []
    const hashing = hashBlob(new Blob([randomBytes(10 * slice)]), {
      sliceBytes: slice,
      signal: controller.signal,
      onProgress: (done) => {
        progress.push(done)
        if (done >= 2 * slice) controller.abort(new Error('cancelled'))
      },
    })
    await expect(hashing).rejects.toThrow('cancelled')
    expect(progress).toEqual([1024, 2048])
  })

  it('reads no byte when aborted before it starts', async () => {
    const controller = new AbortController()
    controller.abort(new Error('cancelled'))
    const blob = new Blob([randomBytes(10)])
    let reads = 0
    const watched = Object.assign(Object.create(blob) as Blob, {
      slice: (...args: Parameters<Blob['slice']>) => { reads++; return blob.slice(...args) },
      stream: () => { reads++; return blob.stream() },
    })
    await expect(hashBlob(watched, { signal: controller.signal })).rejects.toThrow('cancelled')
    expect(reads).toBe(0)
  })

  // A browser whose Blob.stream() has no BYOB reads (a byte stream) gets slices read one by one.
  it.each([0, 1, slice, 3 * slice + 7])('matches Node\'s crypto on %i bytes read as slices where the stream has no BYOB reads', async (size) => {
    const bytes = randomBytes(size)
    const blob = new Blob([bytes])
    const sliced: number[] = []
    const plain = {
      size: blob.size,
      stream: () => new ReadableStream(),
      slice: (start?: number, end?: number) => { sliced.push(start ?? 0); return blob.slice(start, end) },
    } as unknown as Blob
    expect(await hashBlob(plain, { sliceBytes: slice })).toEqual(nodeHashes(bytes))
    expect(sliced.length).toBe(Math.max(1, Math.ceil(size / slice)))
  })

})

describe('hashStream', () => {
  const slice = 1024

  /** A stream of chunks of the given sizes, without BYOB reads, as a fetch body may be. */
  function chunked(bytes: Uint8Array, sizes: number[]): { stream: ReadableStream<Uint8Array>; isCancelled: () => boolean } {
    let offset = 0
    let index = 0
    let isCancelled = false
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        if (offset >= bytes.byteLength) return controller.close()
        const size = sizes[index++ % sizes.length]!
        controller.enqueue(bytes.slice(offset, offset + size))
        offset += size
      },
      cancel: () => { isCancelled = true },
    })
    return { stream, isCancelled: () => isCancelled }
  }

  it.each([0, 1, slice, 3 * slice + 7])('matches Node\'s crypto on %i bytes of a byte stream (BYOB reads)', async (size) => {
    const bytes = randomBytes(size)
    expect(await hashStream(new Blob([bytes]).stream(), { sliceBytes: slice })).toEqual(nodeHashes(bytes))
  })

  // Chunks smaller than, equal to and larger than a slice, so a chunk's rest carries over slice edges.
  it.each([[[100]], [[slice]], [[3 * slice + 5]], [[7, 2000, 1, 513]]])('matches Node\'s crypto on chunks of %j bytes (no BYOB reads)', async (sizes) => {
    const bytes = randomBytes(5 * slice + 3)
    const progress: number[] = []
    expect(await hashStream(chunked(bytes, sizes).stream, { sliceBytes: slice, onProgress: (done) => progress.push(done) })).toEqual(nodeHashes(bytes))
    expect(progress.at(-1)).toBe(bytes.byteLength)
    expect(progress.slice(0, -1).every((done) => done % slice === 0)).toBe(true)
  })

  it('cancels the stream when aborted, so a fetch stops reading', async () => {
    const controller = new AbortController()
    const source = chunked(randomBytes(10 * slice), [slice])
    const hashing = hashStream(source.stream, {
      sliceBytes: slice, signal: controller.signal,
      onProgress: (done) => { if (done >= 2 * slice) controller.abort(new Error('too large')) },
    })
    await expect(hashing).rejects.toThrow('too large')
    expect(source.isCancelled()).toBe(true)
  })
})
