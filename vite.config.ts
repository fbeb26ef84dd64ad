import { defineConfig } from 'vite'
import preact from '@preact/preset-vite'
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin'
import manifest from './manifest.json' with { type: 'json' }
import packageJson from './package.json' with { type: 'json' }
import { manifestFor, type TargetBrowser } from './scripts/browser-manifest.ts'
import { managedSchemaPlugin } from './scripts/managed-schema-plugin.ts'
import { highlightRulesPlugin } from './scripts/highlight-rules-plugin.ts'

// One manifest.json is the source for every browser (`vite build --mode firefox` for Firefox);
// the version comes from package.json so a release bumps one file.
export default defineConfig(({ mode }) => {
  const browser: TargetBrowser = mode === 'firefox' ? 'firefox' : 'chrome'
  const builtManifest = manifestFor(browser, manifest, packageJson.version) as ManifestV3Export
  return {
    plugins: [
      preact(),
      highlightRulesPlugin(manifest.content_scripts[0]!.css[0]!),
      crx({ manifest: builtManifest, browser }),
      managedSchemaPlugin(manifest.storage.managed_schema),
    ],
    // HASHLENS_TEST_BUILD=1 (the Firefox tests' build) compiles in the card's test channel; no other build has it.
    define: { 'import.meta.env.HASHLENS_CARD_TEST_CHANNEL': JSON.stringify(process.env.HASHLENS_TEST_BUILD === '1') },
    build: {
      outDir: browser === 'firefox' ? 'dist-firefox' : 'dist',
      emptyOutDir: true,
      target: browser === 'firefox' ? 'firefox128' : 'chrome120',
      // Readable stack traces from users' bug reports are worth more than a few KB.
      sourcemap: false,
    },
  }
})
