/** Why the viewer cannot show the document named by `?file=`, each said in words the user can act on (issue 15). */
import type { MessageKey } from '../shared/i18n.ts'

export const OPEN_ERRORS = ['no-file', 'blob-url', 'file-access', 'not-found', 'needs-login', 'http-error', 'unreachable', 'not-pdf', 'password'] as const
export type OpenError = (typeof OPEN_ERRORS)[number]

export const OPEN_ERROR_MESSAGE: Readonly<Record<OpenError, MessageKey>> = {
  'no-file': 'pdfErrorNoFile',
  'blob-url': 'pdfErrorBlobUrl',
  'file-access': 'pdfErrorFileAccess',
  'not-found': 'pdfErrorNotFound',
  'needs-login': 'pdfErrorNeedsLogin',
  'http-error': 'pdfErrorHttp',
  unreachable: 'pdfErrorUnreachable',
  'not-pdf': 'pdfErrorNotPdf',
  password: 'pdfErrorPassword',
}

/** What is refused before any fetch: a `blob:` URL belongs to the page that made it, a `file://` one needs the switch. */
export function refusedSourceOf(file: string | null, isFileAccessAllowed: boolean): OpenError | null {
  if (file === null || file === '' || !URL.canParse(file)) return 'no-file'
  const { protocol } = new URL(file)
  if (protocol === 'blob:') return 'blob-url'
  if (protocol === 'file:') return isFileAccessAllowed ? null : 'file-access'
  return protocol === 'http:' || protocol === 'https:' ? null : 'no-file'
}

/** An answer without the document: 404 and 410 say it is gone, 401 and 403 that it needs a login the viewer lacks. */
export function errorOfStatus(status: number): OpenError | null {
  if (status >= 200 && status < 300) return null
  if (status === 404 || status === 410) return 'not-found'
  if (status === 401 || status === 403) return 'needs-login'
  return 'http-error'
}

/** A PDF starts `%PDF-` within its first 1024 bytes (ISO 32000-1 §7.5.2; readers allow leading junk). */
export function isPdfBytes(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(0, 1024))
  return head.includes('%PDF-')
}

/** pdf.js's errors by name: its classes differ between its builds, their names do not. */
export function errorOfPdfJs(error: unknown): OpenError {
  const name = (error as { name?: unknown } | null)?.name
  if (name === 'PasswordException') return 'password'
  return 'not-pdf'
}
