/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** True in test builds only (vite.config.ts); see src/content/card-test-channel.ts. */
  readonly HASHLENS_CARD_TEST_CHANNEL?: boolean
}
