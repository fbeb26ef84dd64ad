/**
 * Ships pdf.js's standard fonts (the 14 base fonts' replacements, pdfjs-dist/standard_fonts) with the extension: without
 * them pdf.js warns and guesses glyphs, and an extension may load no font from the network (toolchain.md).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Plugin } from 'vite'
import { STANDARD_FONTS_DIR } from '../src/shared/pdf-viewer-files.ts'

export function pdfjsFontsPlugin(sourceDir = path.resolve(import.meta.dirname, '../node_modules/pdfjs-dist/standard_fonts')): Plugin {
  return {
    name: 'hashlens-pdfjs-fonts',
    generateBundle() {
      for (const name of readdirSync(sourceDir)) {
        if (name === 'LICENSE_FOXIT' || name === 'LICENSE_LIBERATION' || /\.(?:pfb|ttf)$/.test(name)) {
          this.emitFile({ type: 'asset', fileName: `${STANDARD_FONTS_DIR}${name}`, source: readFileSync(path.join(sourceDir, name)) })
        }
      }
    },
  }
}
