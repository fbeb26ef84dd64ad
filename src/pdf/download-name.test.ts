import { describe, expect, it } from 'vitest'
import { downloadNameOf, downloadNameOfPicked } from './download-name.ts'

describe('downloadNameOf', () => {
  it('takes the URL\'s last segment, decoded', () => {
    expect(downloadNameOf('https://reports.example/2026/Paper%20Lantern.pdf?x=1', null)).toBe('Paper Lantern.pdf')
  })

  it('prefers the server\'s name, the extended one first', () => {
    expect(downloadNameOf('https://reports.example/get?id=7', 'attachment; filename="lantern.pdf"')).toBe('lantern.pdf')
    expect(downloadNameOf('https://reports.example/get?id=7', "attachment; filename=plain.pdf; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf")).toBe('résumé.pdf')
  })

  it('never keeps a path and always ends in .pdf', () => {
    expect(downloadNameOf(null, 'attachment; filename="../../etc/passwd"')).toBe('_.._etc_passwd.pdf')
    expect(downloadNameOf('https://reports.example/', null)).toBe('document.pdf')
    expect(downloadNameOf(null, null)).toBe('document.pdf')
  })

  it('drops control and bidi characters, so a name cannot pose as another extension', () => {
    expect(downloadNameOf('https://reports.example/invoice%E2%80%AEexe.pdf', null)).toBe('invoiceexe.pdf')
    expect(downloadNameOf('https://reports.example/evil.exe%00.pdf', null)).toBe('evil.exe.pdf')
    expect(downloadNameOf(null, 'attachment; filename="\u200b.pdf"')).toBe('document.pdf')
  })

  it('trims dots and spaces at the ends and bounds the length', () => {
    expect(downloadNameOf(null, 'attachment; filename=" . report . "')).toBe('report.pdf')
    expect(downloadNameOf(`https://reports.example/${'a'.repeat(500)}.pdf`, null)).toBe(`${'a'.repeat(200)}.pdf`)
  })
})

describe('downloadNameOfPicked', () => {
  it('keeps a picked file\'s name as it is, quotes included, never read as a header', () => {
    expect(downloadNameOfPicked(`we"ird filename*=UTF-8''swap.pdf`)).toBe(`we"ird filename*=UTF-8''swap.pdf`)
    expect(downloadNameOfPicked('notes')).toBe('notes.pdf')
  })
})
