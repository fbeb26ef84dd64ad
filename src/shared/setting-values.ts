/**
 * Setting values the content script checks too (worker-replies.ts): free of zod, which must
 * stay out of its bundle. settings.ts declares the settings with them.
 */
export const LOOKUP_MODES = ['automatic', 'hover', 'off'] as const
export type LookupMode = (typeof LOOKUP_MODES)[number]

/** Every noise filter is on until the user turns it off. */
export const NOISE_FILTER_DEFAULTS = {
  skipSingleClassRuns: true,
  skipMixedCase: true,
  skipAssetFingerprints: true,
  skipGitObjectLinks: true,
} satisfies Record<string, boolean>
