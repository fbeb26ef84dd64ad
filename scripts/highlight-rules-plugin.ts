import type { Plugin } from 'vite'
import { HIGHLIGHT_CSS } from '../src/content/highlight-rules.ts'

/**
 * The content script's manifest `css` entry, written from the palette: crxjs copies a manifest
 * asset from disk only when the bundle lacks it. In `vite` dev mode crxjs's file writer runs only
 * `crx:` plugins (hence the name), and its loader imports the entry from the dev server.
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
