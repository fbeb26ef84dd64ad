import type { Plugin } from 'vite'
import { HIGHLIGHT_CSS } from '../src/content/highlight-rules.ts'

/**
 * The marks' CSS, written from the palette, which the worker registers with the content script
 * (content-script-registration.ts). In `vite` dev mode crxjs's file writer runs only `crx:`
 * plugins (hence the name).
 */
export function highlightRulesPlugin(fileName: string): Plugin {
  const servedId = `/${fileName}`
  return {
    name: 'crx:hashlens-highlight-rules',
    resolveId: (source) => (source === servedId ? servedId : undefined),
    load: (id) => (id === servedId ? HIGHLIGHT_CSS : undefined),
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: HIGHLIGHT_CSS })
    },
  }
}
