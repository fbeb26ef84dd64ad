import type { Plugin } from 'vite'

/**
 * The CSS the worker registers with the content script (content-script-registration.ts), now empty: marks are drawn
 * in a closed shadow root (mark-overlay.ts), so no rule of HashLens may style the page, where getComputedStyle would
 * tell a page's script (issue 12). In `vite` dev mode crxjs's file writer runs only `crx:` plugins (hence the name).
 */
export const PAGE_CSS = ''

export function highlightRulesPlugin(fileName: string): Plugin {
  const servedId = `/${fileName}`
  return {
    name: 'crx:hashlens-highlight-rules',
    resolveId: (source) => (source === servedId ? servedId : undefined),
    load: (id) => (id === servedId ? PAGE_CSS : undefined),
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: PAGE_CSS })
    },
  }
}
