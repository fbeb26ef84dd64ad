/** Free of zod: the content script checks these too (worker-replies.ts), and zod stays out of its bundle. */
export const LOOKUP_MODES = ['automatic', 'hover', 'off'] as const

export const NOISE_FILTER_DEFAULTS = {
  skipSingleClassRuns: true,
  skipMixedCase: true,
  skipAssetFingerprints: true,
  skipGitObjectLinks: true,
} satisfies Record<string, boolean>
