import { defineConfig, type Plugin } from 'vite'
import preact from '@preact/preset-vite'
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin'
import manifest from './manifest.json' with { type: 'json' }
import packageJson from './package.json' with { type: 'json' }
import { manifestFor, type TargetBrowser } from './scripts/browser-manifest.ts'
import { HIGHLIGHT_CSS } from './src/content/highlight-rules.ts'

/**
 * The content script's manifest `css` entry, written from the palette: crxjs copies a manifest
 * asset from disk only when the bundle lacks it. In `vite` dev mode crxjs's file writer runs only
 * `crx:` plugins (hence the name), and its loader imports the entry from the dev server.
 */
function highlightRulesAsset(): Plugin {
  const [fileName] = manifest.content_scripts[0]!.css
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

// One manifest.json is the source for every browser (`vite build --mode firefox` for Firefox);
// the version comes from package.json so a release bumps one file.
export default defineConfig(({ mode }) => {
  const browser: TargetBrowser = mode === 'firefox' ? 'firefox' : 'chrome'
  const builtManifest = manifestFor(browser, manifest, packageJson.version) as ManifestV3Export
  return {
    plugins: [preact(), highlightRulesAsset(), crx({ manifest: builtManifest, browser })],
    build: {
      outDir: browser === 'firefox' ? 'dist-firefox' : 'dist',
      emptyOutDir: true,
      target: browser === 'firefox' ? 'firefox128' : 'chrome120',
      // Readable stack traces from users' bug reports are worth more than a few KB.
      sourcemap: false,
    },
  }
})
