import { defineConfig } from 'vitest/config'
import preact from '@preact/preset-vite'

export default defineConfig({
  plugins: [preact()],
  test: {
    // Playwright's specs live in test/e2e and must not be collected here (toolchain pitfall 2).
    include: ['src/**/*.test.{ts,tsx}', 'test/simulator/**/*.test.ts', 'test/unit/**/*.test.{ts,tsx}', 'test/corpus/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
    // chrome.i18n.getMessage over the real English messages.json (every user-facing text).
    setupFiles: ['test/support/vitest-i18n.ts', 'test/support/promise-with-resolvers.ts'],
  },
})
