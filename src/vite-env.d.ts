/// <reference types="vite/client" />

/** True only in test builds (vite.config.ts `define`): the overlay's test channel. */
declare const __HASHLENS_TEST_CHANNEL__: boolean
