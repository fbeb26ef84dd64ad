import { describe, expect, it } from 'vitest'
import { downloadNameOf } from './download-name.ts'

describe('downloadNameOf', () => {
  it('takes the URL\'s last segment, decoded', () => {
    expect(downloadNameOf('https://reports.example/2026/Paper%20Lantern.pdf?x=1', null)).toBe('Paper Lantern.pdf')
  })

  it('prefers the server\'s name, the extended one first', () => {
    expect(downloadNameOf('https://reports.example/get?id=7', 'attachment; filename="lantern.pdf"')).toBe('lantern.pdf')
    expect(downloadNameOf('https://reports.example/get?id=7', "attachment; filename=plain.pdf; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf")).toBe('résumé.pdf')
  })

  it('never keeps a path and always ends in .pdf', () => {
    expect(downloadNameOf(null, 'attachment; filename="../../etc/passwd"')).toBe('.._.._etc_passwd.pdf')
    expect(downloadNameOf('https://reports.example/', null)).toBe('document.pdf')
    expect(downloadNameOf(null, null)).toBe('document.pdf')
  })
})
