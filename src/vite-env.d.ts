/// <reference types="vite/client" />

/** True only in test builds (HASHLENS_TEST_BUILD=1, vite.config.ts `define`): the overlay's and the card's test channels. */
declare const __HASHLENS_TEST_BUILD__: boolean
