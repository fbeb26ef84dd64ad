import { NOT_SAMPLE_KINDS, type NotSampleKind } from './sample-judgement.ts'

/** Free of zod: the content script checks these too (worker-replies.ts), and zod stays out of its bundle. */
export const LOOKUP_MODES = ['automatic', 'hover', 'off'] as const

/** Which checked downloads make a notification (settings.ts `downloadNotifications`). */
export const DOWNLOAD_NOTIFICATION_LEVELS = ['threats', 'all'] as const

export const NOISE_FILTER_DEFAULTS = {
  skipSingleClassRuns: true,
  skipMixedCase: true,
  skipAssetFingerprints: true,
  skipGitObjectLinks: true,
} satisfies Record<string, boolean>

/** Every kind of hex that is not a file sample is left for the user to ask about, unless switched off in Options. */
export const SKIP_NOT_SAMPLES_DEFAULTS = Object.fromEntries(NOT_SAMPLE_KINDS.map((kind) => [kind, true])) as Record<NotSampleKind, boolean>
