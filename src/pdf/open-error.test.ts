import { describe, expect, it } from 'vitest'
import { errorOfPdfJs, errorOfStatus, isPdfBytes, OPEN_ERROR_MESSAGE, OPEN_ERRORS, refusedSourceOf } from './open-error.ts'

describe('why a PDF cannot be opened', () => {
  it('refuses blob: URLs, file:// without the switch, and no URL at all before fetching', () => {
    expect(refusedSourceOf('blob:https://mail.example/1b2c', true)).toBe('blob-url')
    expect(refusedSourceOf('file:///home/me/report.pdf', false)).toBe('file-access')
    expect(refusedSourceOf('file:///home/me/report.pdf', true)).toBeNull()
    expect(refusedSourceOf('https://reports.example/a.pdf', false)).toBeNull()
    expect(refusedSourceOf(null, true)).toBe('no-file')
    expect(refusedSourceOf('javascript:alert(1)', true)).toBe('no-file')
    expect(refusedSourceOf('not a url', true)).toBe('no-file')
  })

  it('tells a missing file from one that needs a login and from other failures', () => {
    expect(errorOfStatus(200)).toBeNull()
    expect(errorOfStatus(404)).toBe('not-found')
    expect(errorOfStatus(403)).toBe('needs-login')
    expect(errorOfStatus(500)).toBe('http-error')
  })

  it('knows a PDF by its header, and pdf.js\'s password error by name', () => {
    expect(isPdfBytes(new TextEncoder().encode('%PDF-1.4\n'))).toBe(true)
    expect(isPdfBytes(new TextEncoder().encode('<!doctype html><title>Not here</title>'))).toBe(false)
    expect(errorOfPdfJs(Object.assign(new Error('x'), { name: 'PasswordException' }))).toBe('password')
    expect(errorOfPdfJs(Object.assign(new Error('x'), { name: 'InvalidPDFException' }))).toBe('not-pdf')
  })

  it('has a message for every reason', () => {
    for (const error of OPEN_ERRORS) expect(chrome.i18n.getMessage(OPEN_ERROR_MESSAGE[error])).not.toBe('')
  })
})
