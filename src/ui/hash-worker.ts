/**
 * A dedicated worker that hashes one file (issue 16), so the page stays responsive while a large file is read.
 * Cancelling terminates it: nothing of the file outlives that.
 */
import { hashBlob } from '../shared/file-hashes.ts'
import { NO_WEBASSEMBLY, type HashRequest, type HashWorkerReply } from './file-hasher.ts'

const scope = self as unknown as DedicatedWorkerGlobalScope

function reply(message: HashWorkerReply): void {
  scope.postMessage(message)
}

scope.onmessage = (event: MessageEvent<HashRequest>) => {
  const { file, types } = event.data
  // hash-wasm would fail with a ReferenceError, which names no cause the user can act on.
  if (typeof WebAssembly !== 'object') return reply({ type: 'failed', reason: NO_WEBASSEMBLY })
  hashBlob(file, { types, onProgress: (bytesDone) => reply({ type: 'progress', bytesDone }) })
    .then((hashes) => reply({ type: 'done', hashes }), (error: unknown) => reply({ type: 'failed', reason: error instanceof Error ? error.name : String(error) }))
}
