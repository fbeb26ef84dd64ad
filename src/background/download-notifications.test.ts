import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings.ts'
import type { DownloadCheck } from '../shared/download-checks.ts'
import type { Classification, HashState } from '../shared/verdict.ts'
import type { SaveResult } from '../shared/worker-events.ts'
import { DownloadNotifier, downloadIdOf, isNotified, notificationIdOf, notificationTextOf } from './download-notifications.ts'

const SHA256 = 'ab'.repeat(32)

function verdict(classification: Classification, threatName?: string): HashState {
  return { state: 'verdict', verdict: { hash: SHA256, type: 'sha256', classification, sampleHashes: {}, checkedAt: 1, ...(threatName && { threatName }) } }
}

function done(state: HashState, change: Partial<DownloadCheck> = {}): DownloadCheck {
  return { id: 4, fileName: 'setup.exe', url: 'https://dl.example.com/setup.exe', bytes: 10, mime: null, completedAt: 1, step: 'done', state, ...change }
}

const tooLarge: DownloadCheck = { ...done(verdict('KNOWN')), step: 'not-checked', state: undefined, notChecked: { reason: 'too-large', detail: '200' } }

function notifier(options: { hasButtons?: boolean; shown?: string[]; check?: DownloadCheck; deleteResult?: SaveResult } = {}) {
  const created: { id: string; options: Record<string, unknown> }[] = []
  const opened: string[] = []
  const cleared: string[] = []
  const deleted: number[] = []
  const instance = new DownloadNotifier({
    create: async (id, notification) => { created.push({ id, options: notification }) },
    shownIds: async () => options.shown ?? [],
    clear: async (id) => { cleared.push(id) },
    urlOf: (path) => `chrome-extension://x/${path}`,
    openTab: async (url) => { opened.push(url) },
    getCheck: async (id) => (options.check?.id === id ? options.check : undefined),
    deleteDownload: async (id) => { deleted.push(id); return options.deleteResult ?? { ok: true } },
    hasButtons: options.hasButtons ?? true,
  })
  return { instance, created, opened, cleared, deleted }
}

const settings = (downloadNotifications: Settings['downloadNotifications']): Settings => ({ ...DEFAULT_SETTINGS, downloadNotifications })

describe('which checks notify', () => {
  it.each([
    ['MALICIOUS', 'threats', true], ['SUSPICIOUS', 'threats', true], ['KNOWN', 'threats', false], ['UNKNOWN', 'threats', false], ['NOT_FOUND', 'threats', false],
    ['KNOWN', 'all', true], ['UNKNOWN', 'all', true], ['NOT_FOUND', 'all', true],
  ] as const)('%s with %s: %s', (classification, level, expected) => {
    expect(isNotified(done(verdict(classification)), level)).toBe(expected)
  })

  it('one not checked, or whose lookup failed, always: no verdict came', () => {
    expect(isNotified(tooLarge, 'threats')).toBe(true)
    expect(isNotified(done({ state: 'error', error: 'unauthorized' }), 'threats')).toBe(true)
  })

  it('none while it is still being checked', () => {
    expect(isNotified({ ...done(verdict('MALICIOUS')), step: 'looking-up' }, 'all')).toBe(false)
  })
})

describe('the notification\'s words', () => {
  it.each([
    ['MALICIOUS', 'Malicious download'], ['SUSPICIOUS', 'Suspicious download'], ['KNOWN', 'Known download'],
    ['UNKNOWN', 'Unknown download'], ['NOT_FOUND', 'Download not found at Spectra Intelligence'],
  ] as const)('%s: %s', (classification, title) => {
    expect(notificationTextOf(done(verdict(classification)))).toEqual({ title, message: 'setup.exe' })
  })

  it('names the threat where the verdict gives one', () => {
    expect(notificationTextOf(done(verdict('MALICIOUS', 'Win32.Trojan.Agent')))?.message).toBe('setup.exe: Win32.Trojan.Agent')
  })

  it('says why one was not checked', () => {
    expect(notificationTextOf(tooLarge)).toEqual({
      title: 'Download not checked',
      message: 'setup.exe\nCould not check this download: it is larger than 200 MB, the largest download checked.',
    })
    const failed = { ...tooLarge, notChecked: { reason: 'fetch-failed', detail: '403' } } as const
    expect(notificationTextOf(failed)?.message).toContain('Could not check this download: fetching it again failed (HTTP status 403).')
  })

  it('says a deleted file was deleted', () => {
    expect(notificationTextOf(done(verdict('MALICIOUS'), { isDeleted: true }))?.message).toBe('setup.exe was deleted.')
  })
})

describe('DownloadNotifier', () => {
  it('gives a malicious download Show details and Delete file, and keeps it until acted on', async () => {
    const n = notifier()
    await n.instance.show(done(verdict('MALICIOUS')), settings('threats'))
    expect(n.created).toEqual([{ id: 'hashlens-download-4', options: {
      type: 'basic', iconUrl: 'chrome-extension://x/icons/icon-128.png', title: 'Malicious download', message: 'setup.exe',
      buttons: [{ title: 'Show details' }, { title: 'Delete file' }], requireInteraction: true,
    } }])
  })

  it('gives one not checked "Check a file…", which opens the Check files page', async () => {
    const n = notifier({ check: tooLarge })
    await n.instance.show(tooLarge, settings('threats'))
    expect(n.created[0]!.options.buttons).toEqual([{ title: 'Check a file…' }, { title: 'Show details' }])
    await n.instance.onButtonClicked('hashlens-download-4', 0)
    expect(n.opened).toEqual(['chrome-extension://x/src/files/check-files.html'])
  })

  it('in Firefox: no buttons (it throws on them); a click opens the details page', async () => {
    const check = done(verdict('MALICIOUS'))
    const n = notifier({ hasButtons: false, check })
    await n.instance.show(check, settings('threats'))
    expect(n.created[0]!.options).not.toHaveProperty('buttons')
    expect(n.created[0]!.options).not.toHaveProperty('requireInteraction')
    await n.instance.onClicked('hashlens-download-4')
    expect(n.opened).toEqual(['chrome-extension://x/src/downloads/download.html?id=4'])
    expect(n.cleared).toEqual(['hashlens-download-4'])
  })

  it('makes none for a known download unless every download notifies (and takes down an earlier one of its error)', async () => {
    const n = notifier()
    await n.instance.show(done(verdict('KNOWN')), settings('threats'))
    expect(n.created).toEqual([])
    expect(n.cleared).toEqual(['hashlens-download-4'])
    await n.instance.show(done(verdict('KNOWN')), settings('all'))
    expect(n.created[0]!.options.buttons).toEqual([{ title: 'Show details' }])
  })

  it('Delete file asks for the deletion; a failure is said in the notification', async () => {
    const check = done(verdict('MALICIOUS'))
    const ok = notifier({ check })
    await ok.instance.onButtonClicked('hashlens-download-4', 1)
    expect(ok.deleted).toEqual([4])
    expect(ok.created).toEqual([])
    const failing = notifier({ check, deleteResult: { ok: false, error: 'The file could not be deleted: it may have been moved or deleted already.' } })
    await failing.instance.onButtonClicked('hashlens-download-4', 1)
    expect(failing.created[0]!.options.message).toBe('setup.exe\nThe file could not be deleted: it may have been moved or deleted already.')
  })

  it('Show details opens the download\'s details page', async () => {
    const n = notifier({ check: done(verdict('MALICIOUS')) })
    await n.instance.onButtonClicked('hashlens-download-4', 0)
    expect(n.opened).toEqual(['chrome-extension://x/src/downloads/download.html?id=4'])
  })

  it('after a deletion, brings a notification still shown up to date, and makes none that was closed', async () => {
    const deleted = done(verdict('MALICIOUS'), { isDeleted: true })
    const shown = notifier({ shown: ['hashlens-download-4'] })
    await shown.instance.deleted(deleted)
    expect(shown.created[0]!.options).toMatchObject({ message: 'setup.exe was deleted.', buttons: [{ title: 'Show details' }] })
    expect(shown.created[0]!.options).not.toHaveProperty('requireInteraction')
    const closed = notifier()
    await closed.instance.deleted(deleted)
    expect(closed.created).toEqual([])
  })

  it('ignores other notifications and downloads it has no check of', async () => {
    const n = notifier({ check: done(verdict('MALICIOUS')) })
    await n.instance.onButtonClicked('other-7', 0)
    await n.instance.onButtonClicked('hashlens-download-5', 1)
    await n.instance.onClicked('hashlens-download-x')
    expect([n.opened, n.deleted]).toEqual([[], []])
    expect(downloadIdOf(notificationIdOf(12))).toBe(12)
    expect(downloadIdOf('hashlens-download--1')).toBeNull()
  })
})
