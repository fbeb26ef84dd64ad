import { defineConfig } from 'vitest/config'

// The Firefox suite (`npm run test:firefox`): the built add-on in Debian's firefox-esr, one file
// at a time (each starts its own Firefox on a two-core machine). Not collected by vitest.config.ts.
export default defineConfig({
  test: {
    include: ['test/firefox/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    reporters: ['default', ['json', { outputFile: 'test-results/firefox.json' }]],
  },
})
