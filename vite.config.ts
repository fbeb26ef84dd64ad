import { defineConfig } from 'vite'
import preact from '@preact/preset-vite'
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin'
import manifest from './manifest.json' with { type: 'json' }
import packageJson from './package.json' with { type: 'json' }

// The one manifest.json is the source; the version comes from package.json so a release bumps one file.
const builtManifest = { ...manifest, version: packageJson.version } as ManifestV3Export

export default defineConfig({
  plugins: [preact(), crx({ manifest: builtManifest })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    // Readable stack traces from users' bug reports are worth more than a few KB.
    sourcemap: false,
  },
})
