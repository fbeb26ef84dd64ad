/**
 * Wiring only. Every listener is registered here, synchronously at top level, as Chrome may start the worker
 * just to deliver one event and stops it when idle: each waits on what it rehydrates, nothing lives only in globals.
 */
import browser, { type Notifications, type Runtime } from 'webextension-polyfill'
import { LookupEngine } from './lookup-engine.ts'
import { QUOTA_RECHECK_ALARM, setQuotaRecheck } from './quota-recheck.ts'
import { ContentMessageHandler } from './content-handlers.ts'
import { VerdictCache, type CachePolicy } from './verdict-cache.ts'
import { createClient, type BackendClient } from './backend.ts'
import { accountsAroundChange, forgetCredentialsOnChange, isComplete, loadCredentials } from './credentials-store.ts'
import { AccountChanges } from './account-changes.ts'
import { forgetSettingsOnChange, loadSettings, migrateStoredSettings } from './settings-store.ts'
import { loadEngineState, loadQueue, saveEngineState, saveQueue } from './engine-state-store.ts'
import { TabRegistry } from './tab-registry.ts'
import { ToolbarBadge } from './toolbar-badge.ts'
import { handleExtensionPageMessage, type WorkerContext } from './extension-page-handlers.ts'
import { QuotaUsageTracker } from './quota-usage.ts'
import { refreshPolicyAndForgetConfig, refreshPolicyOnChange } from './policy-refresh.ts'
import { broadcastToExtensionPages, scheduleTabHashesChanged } from './extension-page-notices.ts'
import { publishStates } from './state-pushes.ts'
import { routeMessage } from './sender-routing.ts'
import { createSidePanelMenu, onSidePanelCommand, onSidePanelMenuClicked, openSidePanel } from './side-panel.ts'
import { openBesideTab } from './pivot-tabs.ts'
import { createSelectionMenu, SelectionLookup } from './selection-lookup.ts'
import { trustedSitesOf } from '../shared/site.ts'
import { DailyBudgets, defaultTotalDailyBudget, type BudgetLimits } from './daily-budgets.ts'
import { syncContentScriptsNow, syncContentScriptsOnChange } from './content-script-registration.ts'
import { DetailsStore } from './details-store.ts'
import { workerDetailsService } from './sample-details-service.ts'
import { createPdfLinkMenu, onPdfLinkMenuClicked } from './pdf-tabs.ts'
import { syncPdfRedirectNow, syncPdfRedirectOnChange } from './pdf-redirect.ts'
import { DownloadChecks } from './download-checks.ts'
import { DownloadCheckStore } from './download-check-store.ts'
import { DownloadNotifier } from './download-notifications.ts'
import { hashStream } from '../shared/file-hashes.ts'

const ENGINE_WAKE_ALARM = 'engine-wake'
const DAY_MS = 24 * 60 * 60 * 1000

// Content scripts run inside web pages: close storage.local (the credentials) to them; best effort where unsupported.
void chrome.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined)

// Ask the browser for the policy at once: its answer can take seconds after a browser start.
refreshPolicyAndForgetConfig()

// At every start: an update, a crash or a settings change missed while stopped may have left the registration stale.
void syncContentScriptsNow()
// Session rules end with the browser session, and the viewer's dynamic URL in them changes with it.
void syncPdfRedirectNow()

const cacheReady = VerdictCache.open()
const tabs = new TabRegistry()
const budgets = new DailyBudgets()
const badge = new ToolbarBadge({ tabs, peek: (hashes) => engine.peek(hashes) })

async function cachePolicy(): Promise<CachePolicy> {
  const settings = await loadSettings()
  return {
    verdictTtlMs: settings.verdictTtlDays * DAY_MS,
    unknownTtlMs: settings.unknownTtlDays * DAY_MS,
    maxEntries: settings.cacheMaxEntries,
  }
}

async function currentClient(): Promise<BackendClient | null> {
  const [account, settings] = await Promise.all([loadCredentials(), loadSettings()])
  return isComplete(account) ? createClient(account, { timeoutMs: settings.timeoutSeconds * 1000 }) : null
}

const engine = new LookupEngine({
  cache: {
    getFresh: async (backend, hashes, policy) => (await cacheReady).getFresh(backend, hashes, policy),
    put: async (backend, verdicts, policy) => (await cacheReady).put(backend, verdicts, policy),
  },
  getClient: currentClient,
  getBackend: async () => (await loadCredentials()).backend,
  getCachePolicy: cachePolicy,
  loadState: loadEngineState,
  saveState: saveEngineState,
  loadQueue,
  saveQueue,
  scheduleWake: (at) => void browser.alarms.create(ENGINE_WAKE_ALARM, { when: Math.max(at, Date.now() + 1000) }),
  setQuotaRecheck: (isOn) => void setQuotaRecheck(isOn),
  publishStates: (states) => {
    publishStates(states, { tabs, badge })
    downloads.onStates(states)
  },
  publishStatus: (status) => broadcastToExtensionPages({ type: 'status-changed', status }),
  noteCharged: (count) => usage.noteCharged(count),
})

const usage = new QuotaUsageTracker(currentClient, () => engine.status())

const accountChanges = new AccountChanges(engine, usage)

async function budgetLimits(): Promise<BudgetLimits> {
  const settings = await loadSettings()
  const total = settings.totalDailyBudget || defaultTotalDailyBudget(await usage.get(), Date.now())
  return { perSite: settings.perSiteDailyBudget, total, trustedSites: trustedSitesOf(settings.trustedSites) }
}

const details = workerDetailsService(engine, currentClient, DetailsStore.open())

const downloadStore = new DownloadCheckStore(browser.storage.session)

// Async wrappers: without the optional permissions the namespaces are missing, and a call rejects instead of throwing.
const notifier = new DownloadNotifier({
  create: async (id, options) => browser.notifications.create(id, options as unknown as Notifications.CreateNotificationOptions),
  shownIds: async () => Object.keys(await browser.notifications.getAll()),
  clear: async (id) => browser.notifications.clear(id),
  urlOf: (path) => browser.runtime.getURL(path),
  openTab: (url) => browser.tabs.create({ url }),
  getCheck: (id) => downloadStore.get(id),
  deleteDownload: (id) => downloads.delete(id),
  hasButtons: import.meta.env.MODE !== 'firefox',
})

const downloads = new DownloadChecks({
  store: downloadStore,
  ownOrigin: new URL(browser.runtime.getURL('')).origin,
  loadSettings,
  hasPermission: () => browser.permissions.contains({ permissions: ['downloads'] }),
  findDownload: async (id) => (await browser.downloads.search({ id }))[0],
  fetch: (url, init) => fetch(url, init),
  hashStream,
  lookup: async (sha256) => (await engine.request([sha256]))[sha256] ?? { state: 'pending' },
  peek: async (sha256) => (await engine.peek([sha256]))[sha256],
  takeBudget: async (sites) => budgets.take(sites, 1, await budgetLimits()),
  removeFile: async (id) => browser.downloads.removeFile(id),
  showFile: (id) => void Promise.resolve().then(() => browser.downloads.show(id)).catch(() => undefined),
  changed: (check) => broadcastToExtensionPages({ type: 'download-checks-changed', id: check.id }),
  settled: (check, settings) => void notifier.show(check, settings),
  deleted: (check) => void notifier.deleted(check),
})

const context: WorkerContext = {
  engine, tabs, cacheReady, usage, currentClient, accountChanges, details, downloads,
  spentBudget: async (site) => budgets.spentBudget([site], await budgetLimits()),
}

const contentMessages = new ContentMessageHandler({
  engine,
  tabs,
  loadSettings,
  tabHashesReported: (tabId, added, states) => {
    badge.schedule(tabId, {}, states)
    if (added.length > 0) scheduleTabHashesChanged(tabId)
  },
  takeDailyBudget: async (sites, wanted) => budgets.take(sites, wanted, await budgetLimits()),
  tabStartedAfresh: (tabId) => {
    badge.forget(tabId)
    badge.schedule(tabId)
    scheduleTabHashesChanged(tabId)
  },
  openSidePanel: (tabId) => openSidePanel({ id: tabId }),
  openTab: openBesideTab,
})

const selection = new SelectionLookup({ engine, tabs, tabHashesChanged: scheduleTabHashesChanged })

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => routeMessage(raw, sender, {
  fromExtensionPage: (message) => handleExtensionPageMessage(message, context),
  fromContentScript: (message, tabId, pageUrl, document) => contentMessages.handle(message, tabId, pageUrl, document),
}))

browser.storage.onChanged.addListener((changes, area) => {
  // First: everything below (and every later message) must read the new values.
  forgetSettingsOnChange(changes, area)
  forgetCredentialsOnChange(changes, area)
  if (area === 'local') {
    void accountsAroundChange(changes).then((around) => around && accountChanges.apply(...around, { isSave: false }))
  }
  refreshPolicyOnChange(area)
  syncContentScriptsOnChange(changes, area)
  syncPdfRedirectOnChange(changes, area)
})

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === ENGINE_WAKE_ALARM) void engine.resumeIfDue()
  if (alarm.name === QUOTA_RECHECK_ALARM) void engine.recheckQuota()
})

// Forget once the registry is loaded: the rehydration after the event that woke the worker must not undo it. A tab's
// new top document starts it afresh on its first message (content-handlers.ts): tabs.onUpdated's 'loading' also fires
// for pushState, fragments and iframes, which must not renew the page's cap.
browser.tabs.onRemoved.addListener((tabId) => {
  badge.forget(tabId)
  void tabs.ready.then(() => tabs.forget(tabId))
})

browser.runtime.onInstalled.addListener((details) => {
  void migrateStoredSettings()
  createSelectionMenu()
  createSidePanelMenu()
  createPdfLinkMenu()
  const registered = syncContentScriptsNow()
  // A new user is never left wondering why nothing happens: show where the credentials go, once pages get marks.
  if (details.reason === 'install') void registered.then(() => browser.runtime.openOptionsPage())
})

browser.contextMenus.onClicked.addListener((info, tab) => {
  onSidePanelMenuClicked(info, tab)
  selection.onContextMenuClicked(info, tab)
  onPdfLinkMenuClicked(info, tab)
})
// Wakes the worker as the browser starts, so the PDF redirect (a session rule) is back before the first PDF opens.
browser.runtime.onStartup.addListener(() => void syncPdfRedirectNow())
browser.commands.onCommand.addListener((command, tab) => {
  onSidePanelCommand(command, tab)
  selection.onCommand(command, tab)
})

// The optional permissions' events: at top level when held at start (a completed download wakes the worker), and as
// soon as the user grants them (permissions.onAdded), each listener added once.
let isListeningToDownloads = false
let isListeningToNotifications = false
function listenToDownloadEvents(): void {
  if (!isListeningToDownloads && browser.downloads) {
    isListeningToDownloads = true
    browser.downloads.onChanged.addListener((delta) => void downloads.onChanged(delta))
  }
  if (!isListeningToNotifications && browser.notifications) {
    isListeningToNotifications = true
    browser.notifications.onClicked.addListener((id) => void notifier.onClicked(id))
    // Firefox has no buttons, and no onButtonClicked to listen to.
    browser.notifications.onButtonClicked?.addListener((id, index) => void notifier.onButtonClicked(id, index))
  }
}
listenToDownloadEvents()
browser.permissions.onAdded.addListener(listenToDownloadEvents)
