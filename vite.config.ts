import { defineConfig } from 'vite'
import preact from '@preact/preset-vite'
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin'
import manifest from './manifest.json' with { type: 'json' }
import packageJson from './package.json' with { type: 'json' }
import { manifestFor, withPermissionsRequired, type TargetBrowser } from './scripts/browser-manifest.ts'
import { managedSchemaPlugin } from './scripts/managed-schema-plugin.ts'
import { contentScriptPlugin } from './scripts/content-script-plugin.ts'
import { CONTENT_SCRIPT_FILE } from './src/background/content-script-files.ts'
import { PDF_VIEWER_PATH } from './src/shared/pdf-viewer-files.ts'
import { CHECK_FILES_PATH } from './src/shared/check-files-page.ts'
import { DOWNLOAD_DETAILS_PATH, DOWNLOAD_PERMISSIONS } from './src/shared/download-checks.ts'
import { pdfjsFontsPlugin } from './scripts/pdfjs-fonts-plugin.ts'

// One manifest.json is the source for every browser (`vite build --mode firefox` for Firefox);
// the version comes from package.json so a release bumps one file.
export default defineConfig(({ mode }) => {
  const browser: TargetBrowser = mode === 'firefox' ? 'firefox' : 'chrome'
  // The download checks' e2e build (test/e2e/downloads.spec.ts): no test can answer the permission prompt.
  const isDownloadsRequired = process.env.HASHLENS_DOWNLOADS_REQUIRED === '1'
  const browserManifest = manifestFor(browser, manifest, packageJson.version)
  const builtManifest = (isDownloadsRequired ? withPermissionsRequired(browserManifest, DOWNLOAD_PERMISSIONS) : browserManifest) as ManifestV3Export
  return {
    plugins: [
      preact(),
      contentScriptPlugin('src/content/content-script.ts', CONTENT_SCRIPT_FILE),
      crx({ manifest: builtManifest, browser }),
      managedSchemaPlugin(manifest.storage.managed_schema),
      pdfjsFontsPlugin(),
    ],
    // HASHLENS_TEST_BUILD=1 (the Firefox tests' build) compiles in the overlay's and the card's test channels; no other build has them.
    define: { __HASHLENS_TEST_BUILD__: JSON.stringify(process.env.HASHLENS_TEST_BUILD === '1') },
    build: {
      outDir: `${browser === 'firefox' ? 'dist-firefox' : 'dist'}${isDownloadsRequired ? '-downloads' : ''}`,
      emptyOutDir: true,
      target: browser === 'firefox' ? 'firefox128' : 'chrome128',
      // Readable stack traces from users' bug reports are worth more than a few KB.
      sourcemap: false,
      // Inlined imported constants copied tldts's 70 kB suffix text into each of its three uses: 329 kB of worker, not 189.
      rolldownOptions: {
        optimization: { inlineConst: false },
        // crxjs builds the pages the manifest names; the PDF viewer, Check files and the download details are opened by URL, and Firefox's sidebar_action is not one it reads.
        input: { viewer: PDF_VIEWER_PATH, checkFiles: CHECK_FILES_PATH, downloadDetails: DOWNLOAD_DETAILS_PATH, ...(browser === 'firefox' && { panel: 'src/panel/panel.html' }) },
      },
    },
  }
})
