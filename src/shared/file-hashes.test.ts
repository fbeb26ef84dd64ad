import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hashBlob, HASH_SLICE_BYTES } from './file-hashes.ts'

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
