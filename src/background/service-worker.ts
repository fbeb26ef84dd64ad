/**
 * The worker: owns the credentials, the cache and the lookup engine, and is the only part of
 * HashLens that talks to the service. Every listener is registered synchronously at the top
 * level (Chrome may start the worker just to deliver one event) and waits on the engine's
 * rehydration from storage; nothing needed later lives only in module globals.
 */
import browser, { type Runtime } from 'webextension-polyfill'
import { contentMessageSchema, extensionPageMessageSchema } from '../shared/messages.ts'
import type { HashStates } from '../shared/verdict.ts'
import type { WorkerEvent } from '../shared/worker-events.ts'
import { scanHashInput } from '../shared/hash-input.ts'
import { LookupEngine } from './lookup-engine.ts'
import { ContentMessageHandler } from './content-handlers.ts'
import { VerdictCache, type CachePolicy } from './verdict-cache.ts'
import { SpectraClient } from './spectra-client.ts'
import { CREDENTIALS_KEY, forgetCredentials, forgetCredentialsOnChange, isComplete, loadCredentials } from './credentials-store.ts'
import { forgetSettings, forgetSettingsOnChange, loadSettings } from './settings-store.ts'
import { loadEngineState, loadQueue, saveEngineState, saveQueue } from './engine-state-store.ts'
import { TabRegistry, badgeFor } from './tab-registry.ts'
import { BadgeCounts } from './badge-counts.ts'
import { handleExtensionPageMessage, type WorkerContext } from './extension-page-handlers.ts'
import { QuotaUsageTracker } from './quota-usage.ts'
import { forgetManagedPolicy, parseManagedPolicy, POLICY_COPY_KEY, refreshManagedPolicy } from './managed-policy.ts'
import { migrateStoredSettings } from './settings-store.ts'

const ENGINE_WAKE_ALARM = 'engine-wake'
const CONTEXT_MENU_ID = 'hashlens-lookup-selection'
/** The keyboard shortcut's command in manifest.json (Alt+Shift+H unless the user changes it). */
const LOOKUP_SELECTION_COMMAND = 'lookup-selection'
const DAY_MS = 24 * 60 * 60 * 1000

// Content scripts run inside web pages: close storage.local to them so nothing stored there
// (the credentials above all) can be read from a page's context. Best effort where unsupported.
void chrome.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined)

/**
 * Settings and credentials are kept in memory (settings-store.ts, credentials-store.ts) until
 * storage.onChanged says otherwise. The live policy replaces the copy they may have been
 * merged with; when it differs the copy is rewritten (and onChanged follows), but a failed
 * write would not be noticed: drop them here as well.
 */
function refreshPolicyAndForgetConfig(): void {
  void refreshManagedPolicy().then(() => {
    forgetSettings()
    forgetCredentials()
  })
}

// Ask the browser for the policy at once: its answer can take seconds after a browser start.
refreshPolicyAndForgetConfig()

const cacheReady = VerdictCache.open()
const tabs = new TabRegistry()

async function cachePolicy(): Promise<CachePolicy> {
  const settings = await loadSettings()
  return {
    verdictTtlMs: settings.verdictTtlDays * DAY_MS,
    unknownTtlMs: settings.unknownTtlDays * DAY_MS,
    maxEntries: settings.cacheMaxEntries,
  }
}

async function currentClient(): Promise<SpectraClient | null> {
  const [credentials, settings] = await Promise.all([loadCredentials(), loadSettings()])
  return isComplete(credentials) ? new SpectraClient(credentials, { timeoutMs: settings.timeoutSeconds * 1000 }) : null
}

const engine = new LookupEngine({
  cache: {
    getFresh: async (hashes, policy) => (await cacheReady).getFresh(hashes, policy),
    put: async (verdicts, policy) => (await cacheReady).put(verdicts, policy),
  },
  getClient: currentClient,
  getCachePolicy: cachePolicy,
  loadState: loadEngineState,
  saveState: saveEngineState,
  loadQueue,
  saveQueue,
  scheduleWake: (at) => void browser.alarms.create(ENGINE_WAKE_ALARM, { when: Math.max(at, Date.now() + 1000) }),
  publishStates,
  publishStatus: (status) => broadcastToExtensionPages({ type: 'status-changed', status }),
  noteCharged: (count) => usage.noteCharged(count),
})

const usage = new QuotaUsageTracker(currentClient, () => engine.status())

const context: WorkerContext = { engine, tabs, cacheReady, usage, currentClient }

function broadcastToExtensionPages(event: WorkerEvent): void {
  // Rejects when no extension page is open: nobody to tell, nothing lost.
  browser.runtime.sendMessage(event).catch(() => undefined)
}

function publishStates(states: HashStates): void {
  broadcastToExtensionPages({ type: 'states-changed', states })
  // After a worker restart the tab registry may still be loading: wait, or pushes miss tabs.
  void tabs.ready.then(() => pushStatesToTabs(states))
}

function pushStatesToTabs(states: HashStates): void {
  const hashes = Object.keys(states)
  for (const tabId of tabs.tabsShowing(hashes)) {
    const shown = new Set(tabs.hashesOf(tabId))
    const forTab: HashStates = {}
    for (const hash of hashes) if (shown.has(hash)) forTab[hash] = states[hash]!
    const event: WorkerEvent = { type: 'states-changed', states: forTab }
    browser.tabs.sendMessage(tabId, event).catch(() => undefined)
    scheduleBadgeUpdate(tabId, forTab)
  }
}

const badgeTimers = new Map<number, ReturnType<typeof setTimeout>>()
const badgeCounts = new BadgeCounts()
/** States pushed to a tab since its badge was last drawn. */
const pushedSinceBadge = new Map<number, HashStates>()

/** Debounced: a page of 2,000 hashes settles in many batches, the badge needs one count. */
function scheduleBadgeUpdate(tabId: number, pushed: HashStates = {}): void {
  pushedSinceBadge.set(tabId, { ...pushedSinceBadge.get(tabId), ...pushed })
  if (badgeTimers.has(tabId)) return
  badgeTimers.set(tabId, setTimeout(() => {
    badgeTimers.delete(tabId)
    void updateBadge(tabId)
  }, 150))
}

async function updateBadge(tabId: number): Promise<void> {
  await tabs.ready
  const pushed = pushedSinceBadge.get(tabId) ?? {}
  pushedSinceBadge.delete(tabId)
  // Hashes the badge has not met yet are read once (cached verdicts, queued hashes); what
  // was pushed since is newer, so it goes last.
  const shown = tabs.hashesOf(tabId)
  const unseen = badgeCounts.unseen(tabId, shown)
  if (unseen.length > 0) {
    const generation = badgeCounts.generation(tabId)
    const states = await engine.peek(unseen)
    // Closed, or on a new page, while the cache was read: this count is of nothing shown now.
    if (badgeCounts.generation(tabId) !== generation) return
    badgeCounts.record(tabId, states, unseen)
  }
  badgeCounts.record(tabId, pushed)
  const classes = badgeCounts.classesOf(tabId, shown)
  const badge = badgeFor(classes)
  await browser.action.setBadgeText({ tabId, text: badge.text }).catch(() => undefined)
  if (badge.text) await browser.action.setBadgeBackgroundColor({ tabId, color: badge.color }).catch(() => undefined)
}

const tabChangeTimers = new Map<number, ReturnType<typeof setTimeout>>()

/**
 * Tells an open popup that the tab's list changed (hashes added after it opened, or a new
 * page), so it asks for the tab's report again. Throttled: a growing log page reports often,
 * and each report costs the popup a cache read over all the tab's hashes.
 */
function scheduleTabHashesChanged(tabId: number): void {
  if (tabChangeTimers.has(tabId)) return
  tabChangeTimers.set(tabId, setTimeout(() => {
    tabChangeTimers.delete(tabId)
    broadcastToExtensionPages({ type: 'tab-hashes-changed', tabId })
  }, 200))
}

/** Extension pages (popup, options) are the only senders trusted with settings and credentials. */
function isFromExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' &&
    sender.url.startsWith(browser.runtime.getURL(''))
}

function isFromOurContentScript(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.tab?.id !== undefined && !isFromExtensionPage(sender)
}

const contentMessages = new ContentMessageHandler({
  engine,
  tabs,
  loadSettings,
  tabHashesReported: (tabId, added) => {
    scheduleBadgeUpdate(tabId)
    if (added.length > 0) scheduleTabHashesChanged(tabId)
  },
})

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  if (isFromExtensionPage(sender)) {
    const parsed = extensionPageMessageSchema.safeParse(raw)
    if (!parsed.success) return undefined
    return handleExtensionPageMessage(parsed.data, context)
  }
  if (isFromOurContentScript(sender)) {
    const parsed = contentMessageSchema.safeParse(raw)
    if (!parsed.success) return undefined
    return contentMessages.handle(parsed.data, sender.tab!.id!, sender.tab?.url ?? sender.url)
  }
  // Anything else (another extension, a web page) gets no answer at all.
  return undefined
})

/** Username and host name the account; a new password alone is the same account. */
function accountOf(value: unknown): string {
  const record = typeof value === 'object' && value !== null ? value as Record<string, unknown> : {}
  return JSON.stringify([record.username, record.apiHost])
}

// Credentials written by the options page (or by an administrator's tooling) take effect at
// once: a stop for the old credentials is lifted and waiting hashes go out.
browser.storage.onChanged.addListener((changes, area) => {
  // First: everything below (and every later message) must read the new values.
  forgetSettingsOnChange(changes, area)
  forgetCredentialsOnChange(changes, area)
  if (area === 'local' && CREDENTIALS_KEY in changes) {
    const { oldValue, newValue } = changes[CREDENTIALS_KEY]!
    const isOtherAccount = accountOf(oldValue) !== accountOf(newValue)
    if (isOtherAccount) usage.invalidate()
    void engine.credentialsChanged({ isOtherAccount })
  }
  // An administrator changed the policy: read it again. That rewrites the copy the worker
  // keeps (managed-policy.ts), which lands here as a change in 'local'.
  if (area === 'managed') {
    forgetManagedPolicy()
    refreshPolicyAndForgetConfig()
  }
  // The policy in effect changed (or was first read): a changed account applies at once.
  if (area === 'local' && POLICY_COPY_KEY in changes) {
    const { oldValue, newValue } = changes[POLICY_COPY_KEY]!
    const account = (value: unknown) => {
      const policy = parseManagedPolicy(value)
      return JSON.stringify([policy.username, policy.password, policy.apiHost])
    }
    if (account(oldValue) !== account(newValue)) {
      const isOtherAccount = accountOf(parseManagedPolicy(oldValue)) !== accountOf(parseManagedPolicy(newValue))
      if (isOtherAccount) usage.invalidate()
      void engine.credentialsChanged({ isOtherAccount })
    }
  }
})

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === ENGINE_WAKE_ALARM) void engine.resumeIfDue()
})

// Forget only once the registry is loaded: an event that started the worker must not be undone
// by the rehydration that follows it.
/** A closed tab, or a new page in it: no badge refresh of the old page may still run. */
function dropBadgeState(tabId: number): void {
  pushedSinceBadge.delete(tabId)
  clearTimeout(badgeTimers.get(tabId))
  badgeTimers.delete(tabId)
  badgeCounts.forget(tabId)
}

browser.tabs.onRemoved.addListener((tabId) => {
  dropBadgeState(tabId)
  void tabs.ready.then(() => tabs.forget(tabId))
})
browser.tabs.onUpdated.addListener((tabId, change) => {
  // A navigation or a reload starts a new page: its hashes and its cap start afresh.
  if (change.status === 'loading') {
    dropBadgeState(tabId)
    void tabs.ready.then(() => {
      if (tabs.forget(tabId)) scheduleTabHashesChanged(tabId)
    })
  }
})

// Settings an older version stored are brought to today's form; reads need not wait for it.
browser.runtime.onInstalled.addListener(() => void migrateStoredSettings())

browser.runtime.onInstalled.addListener((details) => {
  const title = browser.i18n.getMessage('contextMenuLookup')
  browser.contextMenus.create({ id: CONTEXT_MENU_ID, title, contexts: ['selection'] }, () => {
    // Re-created on every update; "duplicate id" is expected and harmless.
    void browser.runtime.lastError
  })
  // A new user is never left wondering why nothing happens: show where the credentials go.
  if (details.reason === 'install') void browser.runtime.openOptionsPage()
})

/**
 * Looks up every hash in text the user selected (context menu or keyboard shortcut) and lists
 * them with the tab's hashes, so the popup shows their verdicts.
 */
async function lookUpSelection(text: string, tabId: number | undefined): Promise<void> {
  const hashes = scanHashInput(text).hashes.map((h) => h.hash)
  if (hashes.length === 0) return
  await tabs.ready
  if (tabId !== undefined && tabs.add(tabId, hashes).length > 0) scheduleTabHashesChanged(tabId)
  await engine.request(hashes)
  // The popup shows the result; opening it needs Chrome 127+, else the badge and marks tell.
  await browser.action.openPopup?.().catch(() => undefined)
}

browser.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== CONTEXT_MENU_ID || !info.selectionText) return
  void lookUpSelection(info.selectionText, tab?.id)
})

/**
 * The text selected in a tab, in any frame. The shortcut grants activeTab for this tab, which
 * lets scripting read it; pages HashLens may not script (the browser's own) give nothing.
 */
async function selectedTextIn(tabId: number): Promise<string> {
  const results = await browser.scripting.executeScript({
    target: { tabId, allFrames: true },
    func: () => getSelection()?.toString() ?? '',
  }).catch(() => [])
  return results.map((frame) => (typeof frame.result === 'string' ? frame.result : '')).filter(Boolean).join('\n')
}

browser.commands.onCommand.addListener((command, tab) => {
  if (command !== LOOKUP_SELECTION_COMMAND) return
  void (async () => {
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id
    if (tabId === undefined) return
    await lookUpSelection(await selectedTextIn(tabId), tabId)
  })()
})
