import { defineConfig } from 'vitest/config'
import preact from '@preact/preset-vite'

export default defineConfig({
  plugins: [preact()],
  test: {
    // Playwright's specs live in test/e2e and must not be collected here (toolchain pitfall 2).
    include: ['src/**/*.test.{ts,tsx}', 'test/simulator/**/*.test.ts', 'test/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    restoreMocks: true,
    // Vitest blanks CSS files by default; the highlight rules are imported as text (`?raw`) and
    // tested as the content script ships them.
    css: { include: [/highlights\.css/] },
    // chrome.i18n.getMessage over the real English messages.json (every user-facing text).
    setupFiles: ['test/support/vitest-i18n.ts'],
  },
})
