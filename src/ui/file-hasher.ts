/**
 * Hashes a file in dedicated workers (hash-worker.ts), off the page's thread. The three hashes are shared out between
 * two workers, which read the file each: in one run side by side (bench 10, 2026-12-03, load 11–14), 256 MB took 0.60–1.00×
 * coreutils' time with two workers against 0.99–1.32× with one, for 22–37 MB of peak memory against 13–22.
 */
import type { FileHashes } from '../shared/file-hashes.ts'
import type { HashType } from '../shared/hash.ts'
import HashWorker from './hash-worker.ts?worker'

export interface HashRequest {
  file: Blob
  types: readonly HashType[]
}

export type HashWorkerReply =
  | { type: 'progress'; bytesDone: number }
  | { type: 'done'; hashes: Partial<FileHashes> }
  /** The error's name: a read's DOMException (the file moved, was deleted or became unreadable), or NO_WEBASSEMBLY. */
  | { type: 'failed'; reason: string }

/** MD5 and SHA-1 together take about as long as SHA-256 alone in hash-wasm. */
const WORKER_SHARES: readonly (readonly HashType[])[] = [['sha256'], ['md5', 'sha1']]

/** What the worker answers when this browser gives it no WebAssembly (turned off, e.g. `--js-flags=--noexpose-wasm`). */
export const NO_WEBASSEMBLY = 'NoWebAssembly'

/**
 * Each has its own sentence: a file that could not be read, hashing code the browser would not run (no WebAssembly,
 * or a policy that refuses to compile it), or anything else.
 */
export type HashingFailureCause = 'unreadable' | 'no-webassembly' | 'other'

/** WebAssembly's own errors, and the CSP's refusal to compile it (an EvalError in Firefox, a CompileError in Chromium). */
const WEBASSEMBLY_ERRORS = new Set([NO_WEBASSEMBLY, 'CompileError', 'LinkError', 'RuntimeError', 'EvalError'])
/** File API read errors (File API §7.1, DOMException names). */
const READ_ERRORS = new Set(['NotFoundError', 'NotReadableError', 'SecurityError', 'EncodingError'])

export function hashingFailureCauseOf(reason: string): HashingFailureCause {
  if (READ_ERRORS.has(reason)) return 'unreadable'
  return WEBASSEMBLY_ERRORS.has(reason) ? 'no-webassembly' : 'other'
}

export class HashingFailed extends Error {
  override readonly name = 'HashingFailed'
  override readonly cause: HashingFailureCause
  constructor(reason: string) {
    super(reason)
    this.cause = hashingFailureCauseOf(reason)
  }
}

/** Rejects with the signal's reason when cancelled (the workers are terminated at once), with HashingFailed when a read fails. */
export function hashFile(file: Blob, { onProgress, signal }: { onProgress?: (bytesDone: number) => void; signal?: AbortSignal } = {}): Promise<FileHashes> {
  const workers = WORKER_SHARES.map(() => new HashWorker())
  const done = WORKER_SHARES.map(() => 0)
  const stop = (): void => workers.forEach((worker) => worker.terminate())
  return new Promise<FileHashes>((resolve, reject) => {
    const onAbort = (): void => {
      stop()
      reject(signal!.reason)
    }
    if (signal?.aborted) return onAbort()
    signal?.addEventListener('abort', onAbort, { once: true })
    const finish = (outcome: () => void): void => {
      signal?.removeEventListener('abort', onAbort)
      stop()
      outcome()
    }
    const results = WORKER_SHARES.map((types, index) => new Promise<Partial<FileHashes>>((shareDone, shareFailed) => {
      workers[index]!.onmessage = (event: MessageEvent<HashWorkerReply>) => {
        const message = event.data
        if (message.type === 'progress') {
          done[index] = message.bytesDone
          // The slower share is how far the file is.
          onProgress?.(Math.min(...done))
        } else if (message.type === 'done') shareDone(message.hashes)
        else shareFailed(new HashingFailed(message.reason))
      }
      // A worker that failed to start or threw outside a read: nothing says why, so no cause is claimed.
      workers[index]!.onerror = (event) => shareFailed(new HashingFailed(event.message || 'Error'))
      workers[index]!.postMessage({ file, types } satisfies HashRequest)
    }))
    Promise.all(results).then(
      (shares) => finish(() => resolve(Object.assign({}, ...shares) as FileHashes)),
      (error: unknown) => finish(() => reject(error)),
    )
  })
}
