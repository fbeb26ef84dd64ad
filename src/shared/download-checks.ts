/**
 * A completed download's check (issue 16): the worker (background/download-checks.ts) re-fetches its final URL, hashes
 * the bytes it gets, looks up the SHA-256 and keeps the outcome here; the details page (src/downloads) reads it. Only
 * hashes leave the machine, never a byte of the file.
 */
import type { FileHashes } from './file-hashes.ts'
import type { HashState } from './verdict.ts'

/** What checking downloads needs: optional in manifest.json, asked for when the user (or a policy) turns it on. */
export const DOWNLOAD_PERMISSIONS = ['downloads', 'notifications'] as const

/** The details page (src/downloads, issue 16): one check, `?id=<download id>`; a notification's "Show details" opens it. */
export const DOWNLOAD_DETAILS_PATH = 'src/downloads/download.html'

/** Why a download was not checked; each has its own sentence after "Could not check this download: …". */
export const DOWNLOAD_NOT_CHECKED_REASONS = [
  /** Larger than the `downloadMaxMegabytes` setting. */
  'too-large',
  /** A blob:, data: or file: URL, or none: nothing an extension can fetch again. */
  'no-url',
  /** The re-fetch failed or was refused (a POST or one-time URL, an expired link, a network error). */
  'fetch-failed',
  /** What the re-fetch got differs from the download in size or type: another file, so no verdict for this one. */
  'changed',
  /** The download itself was interrupted or cancelled. */
  'interrupted',
] as const
export type DownloadNotCheckedReason = (typeof DOWNLOAD_NOT_CHECKED_REASONS)[number]

export type DownloadCheckStep = 'hashing' | 'looking-up' | 'done' | 'not-checked'

export interface DownloadCheck {
  /** The browser's DownloadItem id. */
  id: number
  /** The file's base name on disk (no folders). */
  fileName: string
  /** The final URL it came from, as text. */
  url: string
  /** Bytes on disk, when the browser knows them. */
  bytes: number | null
  /** The DownloadItem's type, when given. */
  mime: string | null
  /** When the download completed (ms since epoch). */
  completedAt: number
  step: DownloadCheckStep
  /** Bytes hashed so far, while hashing. */
  bytesHashed?: number
  hashes?: FileHashes
  /** The SHA-256's lookup state, from 'looking-up' on. */
  state?: HashState
  notChecked?: { reason: DownloadNotCheckedReason; detail?: string }
  /** Delete file removed it from disk. */
  isDeleted?: boolean
}

/** The most recent checks kept (storage.session): the details page lists them, newest first. */
export const MAX_DOWNLOAD_CHECKS = 100
