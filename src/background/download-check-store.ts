/**
 * The download checks (issue 16) in storage.session, newest first and at most MAX_DOWNLOAD_CHECKS: they survive the
 * worker, and a browser restart rightly drops them with the session. Also the ids of the downloads already checked,
 * so each download is looked up once, even if the browser reports its completion twice.
 */
import { MAX_DOWNLOAD_CHECKS, type DownloadCheck } from '../shared/download-checks.ts'

const CHECKS_KEY = 'downloadChecks'
/** The ids claimed, by what for: each download is checked once, and restarted after a worker stop once. */
const CLAIM_KEYS = { checked: 'downloadsChecked', restarted: 'downloadChecksRestarted' } as const
/** Download ids only grow: the last thousand are far more than one session's completions overlap. */
const MAX_CLAIMED = 1000

/** The part of storage.session the store uses (a fake in tests). */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>
  set(items: Record<string, unknown>): Promise<void>
}

export class DownloadCheckStore {
  readonly #area: SessionArea
  /** Read-modify-write in turn: two checks finishing together must not drop one another's change. */
  #writes: Promise<unknown> = Promise.resolve()

  constructor(area: SessionArea) {
    this.#area = area
  }

  /** Newest first. */
  async list(): Promise<DownloadCheck[]> {
    await this.#writes.catch(() => undefined)
    return this.#read()
  }

  async get(id: number): Promise<DownloadCheck | undefined> {
    return (await this.list()).find((check) => check.id === id)
  }

  /**
   * Adds a check as the newest, dropping the oldest settled one past the bound: a burst of downloads must not push
   * out a check still on its way (its notification would never come). Only a bound of running checks drops one of them.
   */
  add(check: DownloadCheck): Promise<DownloadCheck> {
    return this.#queue(async () => {
      const kept = [check, ...(await this.#read()).filter((other) => other.id !== check.id)]
      while (kept.length > MAX_DOWNLOAD_CHECKS) {
        const oldestSettled = kept.findLastIndex((other) => other.step === 'done' || other.step === 'not-checked')
        kept.splice(oldestSettled > 0 ? oldestSettled : kept.length - 1, 1)
      }
      await this.#area.set({ [CHECKS_KEY]: kept })
      return check
    })
  }

  /** Changes a kept check in place; undefined when it is not (or no longer) kept. */
  update(id: number, change: (check: DownloadCheck) => DownloadCheck): Promise<DownloadCheck | undefined> {
    return this.#queue(async () => {
      const checks = await this.#read()
      const index = checks.findIndex((check) => check.id === id)
      if (index < 0) return undefined
      const changed = change(checks[index]!)
      checks[index] = changed
      await this.#area.set({ [CHECKS_KEY]: checks })
      return changed
    })
  }

  /** True the first time a download id is claimed for this, false ever after (this session). */
  claim(id: number, purpose: keyof typeof CLAIM_KEYS): Promise<boolean> {
    const key = CLAIM_KEYS[purpose]
    return this.#queue(async () => {
      const stored = (await this.#area.get(key))[key]
      const claimed = Array.isArray(stored) ? stored.filter((value): value is number => typeof value === 'number') : []
      if (claimed.includes(id)) return false
      await this.#area.set({ [key]: [...claimed, id].slice(-MAX_CLAIMED) })
      return true
    })
  }

  async #read(): Promise<DownloadCheck[]> {
    const stored = (await this.#area.get(CHECKS_KEY))[CHECKS_KEY]
    return Array.isArray(stored) ? (stored as DownloadCheck[]) : []
  }

  #queue<T>(write: () => Promise<T>): Promise<T> {
    const next = this.#writes.catch(() => undefined).then(write)
    this.#writes = next
    return next
  }
}
