/**
 * Download checks (issue 16).
 */
import type { DownloadCheck } from '../shared/download-checks.ts'
import type { SaveResult } from '../shared/worker-events.ts'
import { t } from '../shared/i18n.ts'
import type { DownloadCheckStore } from './download-check-store.ts'

export interface DownloadCheckEnvironment {
  store: DownloadCheckStore
  /** downloads.removeFile; rejects when the file is gone or the permission is not held. */
  removeFile(id: number): Promise<void>
  /** downloads.show: the file in its folder. */
  showFile(id: number): void
  /** A check was added or changed: tell open pages, and bring its notification up to date. */
  changed(check: DownloadCheck): void
}

export class DownloadChecks {
  readonly #env: DownloadCheckEnvironment

  constructor(env: DownloadCheckEnvironment) {
    this.#env = env
  }

  /** Newest first; with an id, that one alone (or none). */
  async list(id?: number): Promise<DownloadCheck[]> {
    const checks = await this.#env.store.list()
    return id === undefined ? checks : checks.filter((check) => check.id === id)
  }

  /** Delete file: only a download HashLens checked, so no page of ours can remove any other file. */
  async delete(id: number): Promise<SaveResult> {
    const check = await this.#env.store.get(id)
    if (!check) return { ok: false, error: t('downloadDeleteUnknown') }
    if (check.isDeleted) return { ok: true }
    try {
      await this.#env.removeFile(id)
    } catch {
      return { ok: false, error: t('downloadDeleteFailed') }
    }
    const deleted = await this.#env.store.update(id, (kept) => ({ ...kept, isDeleted: true }))
    if (deleted) this.#env.changed(deleted)
    return { ok: true }
  }

  /** Show in folder, for a download HashLens checked. */
  async show(id: number): Promise<null> {
    if (await this.#env.store.get(id)) this.#env.showFile(id)
    return null
  }
}
