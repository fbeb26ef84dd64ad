/**
 * pdfjs-dist 6 calls Promise.withResolvers (ES2024), which Node 20 lacks; Chromium and Firefox have it, so only the
 * unit tests that run pdf.js in Node need this (toolchain.md). Set up for every unit test, as vitest has one setup list.
 */
const promise = Promise as unknown as { withResolvers?: () => unknown }
promise.withResolvers ??= function withResolvers<T>() {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const created = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve
    reject = onReject
  })
  return { promise: created, resolve, reject }
}
