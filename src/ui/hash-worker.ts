/**
 * A dedicated worker that hashes one file (issue 16), so the page stays responsive while a large file is read.
 * Cancelling terminates it: nothing of the file outlives that.
 */
import { hashBlob } from '../shared/file-hashes.ts'
import type { HashRequest, HashWorkerReply } from './file-hasher.ts'

const scope = self as unknown as DedicatedWorkerGlobalScope

function reply(message: HashWorkerReply): void {
  scope.postMessage(message)
}

scope.onmessage = (event: MessageEvent<HashRequest>) => {
  const { file, types } = event.data
  hashBlob(file, { types, onProgress: (bytesDone) => reply({ type: 'progress', bytesDone }) })
    .then((hashes) => reply({ type: 'done', hashes }), (error: unknown) => reply({ type: 'failed', reason: error instanceof Error ? error.name : String(error) }))
}
