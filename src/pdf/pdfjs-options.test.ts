// A hostile PDF's Type 4 (PostScript) function: pdf.js compiles it to WebAssembly unless the viewer's options say no.
import { afterEach, describe, expect, it } from 'vitest'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { PDFJS_DOCUMENT_OPTIONS } from './pdfjs-options.ts'

/** One page painting an axial shading whose colour is a Type 4 function (xref left for pdf.js to rebuild). */
function postScriptShadingPdf(): Uint8Array {
  const program = '{ dup dup }'
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Shading << /Sh0 5 0 R >> >> /Contents 4 0 R >>',
    '<< /Length 6 >>\nstream\n/Sh0 sh\nendstream',
    '<< /ShadingType 2 /ColorSpace /DeviceRGB /Coords [0 0 200 0] /Function 6 0 R >>',
    `<< /FunctionType 4 /Domain [0 1] /Range [0 1 0 1 0 1] /Length ${program.length} >>\nstream\n${program}\nendstream`,
  ]
  const body = objects.map((object, index) => `${index + 1} 0 obj\n${object}\nendobj\n`).join('')
  return new TextEncoder().encode(`%PDF-1.7\n${body}trailer\n<< /Root 1 0 R /Size ${objects.length + 1} >>\n%%EOF\n`)
}

const RealModule = WebAssembly.Module
let compiled = 0
afterEach(() => {
  WebAssembly.Module = RealModule
})

/** How many WebAssembly modules pdf.js compiled while painting the page. */
async function modulesCompiledPainting(options: { useWasm: boolean }): Promise<number> {
  compiled = 0
  WebAssembly.Module = class extends RealModule {
    constructor(bytes: BufferSource) {
      super(bytes)
      compiled++
    }
  }
  const loading = getDocument({ data: postScriptShadingPdf(), verbosity: 0, ...options })
  await (await (await loading.promise).getPage(1)).getOperatorList()
  await loading.destroy()
  return compiled
}

describe('PDFJS_DOCUMENT_OPTIONS', () => {
  it('keeps a PostScript function out of WebAssembly, which pdf.js otherwise compiles it to', async () => {
    expect(await modulesCompiledPainting({ useWasm: true })).toBe(1)
    expect(await modulesCompiledPainting(PDFJS_DOCUMENT_OPTIONS)).toBe(0)
  })
})
