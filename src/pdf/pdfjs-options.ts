/**
 * What the viewer tells pdf.js about every document, whatever else it passes. The extension pages' CSP allows
 * WebAssembly (for hashing files), so this is what keeps a document's PostScript functions from being compiled to it.
 */
export const PDFJS_DOCUMENT_OPTIONS = { useWasm: false } as const
