/**
 * A download check's notification (issue 16). MALICIOUS and SUSPICIOUS always, and a download that could not be
 * checked or looked up (the user must know no verdict came); the others only with `downloadNotifications: 'all'`.
 * Chromium has buttons: "Show details", and "Delete file" for MALICIOUS, or "Check a file…" for one not checked.
 * Firefox throws on buttons: a click on the notification opens the details page, which holds Delete file.
 */
import { DOWNLOAD_DETAILS_PATH, type DownloadCheck } from '../shared/download-checks.ts'
import { CHECK_FILES_PATH } from '../shared/check-files-page.ts'
import { notCheckedSentence } from '../shared/download-check-text.ts'
import { describeHashError } from '../shared/status-text.ts'
import type { Classification } from '../shared/verdict.ts'
import type { Settings } from '../shared/settings.ts'
import type { SaveResult } from '../shared/worker-events.ts'
import { t, type MessageKey } from '../shared/i18n.ts'

const NOTIFICATION_PREFIX = 'hashlens-download-'
export const ICON_PATH = 'icons/icon-128.png'

const TITLE_OF: Record<Classification, MessageKey> = {
  MALICIOUS: 'downloadMaliciousTitle',
  SUSPICIOUS: 'downloadSuspiciousTitle',
  KNOWN: 'downloadKnownTitle',
  UNKNOWN: 'downloadUnknownTitle',
  NOT_FOUND: 'downloadNotFoundTitle',
}

export function notificationIdOf(downloadId: number): string {
  return `${NOTIFICATION_PREFIX}${downloadId}`
}

/** The download a notification is about; null for any other notification. */
export function downloadIdOf(notificationId: string): number | null {
  if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return null
  const id = Number(notificationId.slice(NOTIFICATION_PREFIX.length))
  return Number.isSafeInteger(id) && id >= 0 ? id : null
}

type ButtonAction = 'details' | 'delete' | 'check-file'

const BUTTON_TEXT: Record<ButtonAction, MessageKey> = {
  'details': 'downloadShowDetails',
  'delete': 'downloadDeleteFile',
  'check-file': 'downloadCheckFile',
}

/** A notification's buttons, in order: one list both makes them and reads a click's index. */
export function buttonsOf(check: DownloadCheck): ButtonAction[] {
  if (check.step === 'not-checked') return ['check-file', 'details']
  if (check.state?.state === 'verdict' && check.state.verdict.classification === 'MALICIOUS' && !check.isDeleted) return ['details', 'delete']
  return ['details']
}

function isThreat(check: DownloadCheck): boolean {
  const classification = check.state?.state === 'verdict' ? check.state.verdict.classification : null
  return classification === 'MALICIOUS' || classification === 'SUSPICIOUS'
}

/** Whether a settled check makes a notification. */
export function isNotified(check: DownloadCheck, level: Settings['downloadNotifications']): boolean {
  if (check.step === 'not-checked') return true
  if (check.step !== 'done') return false
  return isThreat(check) || check.state?.state !== 'verdict' || level === 'all'
}

export interface NotificationText {
  title: string
  message: string
}

/** Title and message, as the user reads them; null for a check not settled. */
export function notificationTextOf(check: DownloadCheck): NotificationText | null {
  if (check.step === 'not-checked' && check.notChecked) {
    return { title: t('downloadNotCheckedTitle'), message: t('downloadNotificationProblem', check.fileName, notCheckedSentence(check.notChecked)) }
  }
  if (check.step !== 'done' || !check.state) return null
  if (check.state.state !== 'verdict') {
    const problem = check.state.state === 'error' ? describeHashError(check.state) : t('stateNotLookedUp')
    return { title: t('downloadLookupFailedTitle'), message: t('downloadNotificationProblem', check.fileName, problem) }
  }
  const { classification, threatName } = check.state.verdict
  const title = t(TITLE_OF[classification])
  if (check.isDeleted) return { title, message: t('downloadNotificationDeleted', check.fileName) }
  return { title, message: threatName ? t('downloadNotificationThreat', check.fileName, threatName) : check.fileName }
}

/** What the notifier needs of the browser (a fake in tests). */
export interface NotificationEnvironment {
  /** notifications.create, replacing one of the same id. */
  create(id: string, options: Record<string, unknown>): Promise<unknown>
  /** The ids of the notifications shown (notifications.getAll). */
  shownIds(): Promise<string[]>
  clear(id: string): Promise<unknown>
  /** An extension page's URL (runtime.getURL). */
  urlOf(path: string): string
  openTab(url: string): Promise<unknown>
  getCheck(id: number): Promise<DownloadCheck | undefined>
  deleteDownload(id: number): Promise<SaveResult>
  /** Firefox: no buttons, and no requireInteraction. */
  hasButtons: boolean
}

export class DownloadNotifier {
  readonly #env: NotificationEnvironment

  constructor(env: NotificationEnvironment) {
    this.#env = env
  }

  /** A settled check's notification, if the settings want one; else none, not even an earlier one of its error. */
  async show(check: DownloadCheck, settings: Settings): Promise<void> {
    if (isNotified(check, settings.downloadNotifications)) await this.#create(check)
    else await this.#env.clear(notificationIdOf(check.id)).catch(() => undefined)
  }

  /** After Delete file: a notification still shown says the file is gone (and loses its Delete button). */
  async deleted(check: DownloadCheck): Promise<void> {
    if ((await this.#env.shownIds()).includes(notificationIdOf(check.id))) await this.#create(check)
  }

  async onButtonClicked(notificationId: string, buttonIndex: number): Promise<void> {
    const id = downloadIdOf(notificationId)
    const check = id === null ? undefined : await this.#env.getCheck(id)
    if (!check) return
    const action = buttonsOf(check)[buttonIndex]
    if (action === 'details') await this.#openDetails(check)
    if (action === 'check-file') {
      await this.#env.clear(notificationId)
      await this.#env.openTab(this.#env.urlOf(CHECK_FILES_PATH))
    }
    if (action === 'delete') {
      const result = await this.#env.deleteDownload(check.id)
      // Deleted, `deleted` above has replaced the notification; failed, it says why.
      if (!result.ok) await this.#create(check, result.error)
    }
  }

  async onClicked(notificationId: string): Promise<void> {
    const id = downloadIdOf(notificationId)
    const check = id === null ? undefined : await this.#env.getCheck(id)
    if (check) await this.#openDetails(check)
  }

  async #openDetails(check: DownloadCheck): Promise<void> {
    await this.#env.clear(notificationIdOf(check.id))
    await this.#env.openTab(this.#env.urlOf(`${DOWNLOAD_DETAILS_PATH}?id=${check.id}`))
  }

  async #create(check: DownloadCheck, problem?: string): Promise<void> {
    const text = notificationTextOf(check)
    if (!text) return
    const options: Record<string, unknown> = {
      type: 'basic',
      iconUrl: this.#env.urlOf(ICON_PATH),
      title: text.title,
      message: problem === undefined ? text.message : t('downloadNotificationProblem', check.fileName, problem),
    }
    if (this.#env.hasButtons) {
      options.buttons = buttonsOf(check).map((action) => ({ title: t(BUTTON_TEXT[action]) }))
      // A threat stays until the user acts on it.
      if (isThreat(check) && !check.isDeleted) options.requireInteraction = true
    }
    // Without the notifications permission (revoked) the check is still on the details page.
    await this.#env.create(notificationIdOf(check.id), options).catch(() => undefined)
  }
}
