/**
 * What the extension's own pages (popup, options) may ask of the worker. The sender has been
 * checked to be one of those pages before anything here runs; content scripts never get here.
 */
import browser from 'webextension-polyfill'
import { normalizeHash } from '../shared/hash.ts'
import { pivotLinksFor, readPivots, type PivotLink } from '../shared/pivots.ts'
import { dispatch, type ExtensionPageMessage, type HandlersFor } from '../shared/messages.ts'
import { invalidSettingName, settingsInputSchema, validateApiHost } from '../shared/settings.ts'
import { budgetSiteOf, documentSiteOf } from '../shared/site.ts'
import type { z } from '../shared/zod.ts'
import type { ConnectionCheck, OptionsReport, SaveResult, StatusReport, TabReport } from '../shared/worker-events.ts'
import { tabListReport, type TabListRequest } from './tab-list-report.ts'
import { pageSettingsFor } from './content-handlers.ts'
import type { LookupEngine } from './lookup-engine.ts'
import type { TabRegistry } from './tab-registry.ts'
import type { VerdictCache } from './verdict-cache.ts'
import { createClient, type BackendClient } from './backend.ts'
import { loadCredentials, loadStoredCredentials, saveCredentials, toAccount, type StoredCredentials } from './credentials-store.ts'
import type { AccountChanges } from './account-changes.ts'
import { HOSTLESS_SITE, type BudgetStop } from '../shared/verdict.ts'
import { loadSettings, loadStoredSettings, saveSettings } from './settings-store.ts'
import { applyPolicy, changedManagedSetting, loadManagedPolicy, withoutManagedSettings, type ManagedPolicy } from './managed-policy.ts'
import { setByOrganisation } from '../shared/managed-fields.ts'
import { t } from '../shared/i18n.ts'
import { fetchUsage, type QuotaUsageTracker } from './quota-usage.ts'
import type { SampleDetailsService } from './sample-details-service.ts'
import { openTabPdfInViewer, pdfShownIn } from './pdf-tabs.ts'
import type { DownloadChecks } from './download-checks.ts'

export interface WorkerContext {
  engine: LookupEngine
  tabs: TabRegistry
  cacheReady: Promise<VerdictCache>
  usage: QuotaUsageTracker
  currentClient: () => Promise<BackendClient | null>
  accountChanges: AccountChanges
  /** Which daily budget of this site (or the total) is spent, if one is. */
  spentBudget: (site: string) => Promise<BudgetStop | undefined>
  /** The detail view's data and its "More" (sample-details-service.ts). */
  details: Pick<SampleDetailsService, 'report' | 'fetchMore' | 'clear'>
  /** The download checks (issue 16) the details page lists, deletes and shows. */
  downloads: Pick<DownloadChecks, 'list' | 'delete' | 'show'>
}


type CredentialInput = { username: string; password: string; apiHost: string }

type ResolvedCredentials = {
  ok: true
  /** What to send a request with. */
  credentials: StoredCredentials
  /** What to save as the user's own: never a password that came from policy. */
  toStore: StoredCredentials
}

/**
 * Resolves what the user typed into credentials to use. An empty password means "keep the
 * stored one", but only for the same host: otherwise a tampered host setting could ship the
 * stored password to another server. Fields set by policy must arrive unchanged (the page
 * shows them disabled); a password set by policy is used but never stored.
 */
async function resolveCredentials(input: CredentialInput, policy: ManagedPolicy): Promise<ResolvedCredentials | { ok: false; error: string }> {
  const host = validateApiHost(input.apiHost)
  if (!host.ok) return host
  const username = input.username.trim()
  if (policy.apiHost !== undefined && host.origin !== policy.apiHost) return { ok: false, error: setByOrganisation('apiHost') }
  if (policy.username !== undefined && username !== policy.username) return { ok: false, error: setByOrganisation('username') }
  if (policy.password !== undefined && input.password !== '') return { ok: false, error: setByOrganisation('password') }
  if (!username) return { ok: false, error: t('credentialsNoUsername') }
  if (username.includes(':')) return { ok: false, error: t('credentialsColonInUsername') }
  const stored = await loadStoredCredentials()
  const keptPassword = stored.apiHost === host.origin ? stored.password : ''
  if (policy.password !== undefined) {
    return {
      ok: true,
      credentials: { username, password: policy.password, apiHost: host.origin },
      toStore: { username, password: keptPassword, apiHost: host.origin },
    }
  }
  let password = input.password
  if (!password) {
    if (!stored.password) return { ok: false, error: t('credentialsNoPassword') }
    if (!keptPassword) return { ok: false, error: t('credentialsHostChanged') }
    password = keptPassword
  }
  const credentials = { username, password, apiHost: host.origin }
  return { ok: true, credentials, toStore: credentials }
}

/** The policy as the browser gives it: parsing dropped the bad entries, this says which and why. */
async function pivotPolicyProblems(): Promise<string[]> {
  const raw = await Promise.resolve().then(() => browser.storage.managed.get('pivots')).catch(() => ({}))
  return readPivots((raw as { pivots?: unknown }).pivots).problems
}

async function hasHostPermission(origin: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [`${origin}/*`] })
}

/** Runs an extension page's request; the sender has been checked to be one of those pages. */
export function handleExtensionPageMessage(message: ExtensionPageMessage, ctx: WorkerContext): Promise<unknown> {
  return dispatch(extensionPageHandlers(ctx), message)
}

/** One handler per request: each answer's type (ExtensionPageAnswers) is its handler's return type. */
function extensionPageHandlers(ctx: WorkerContext) {
  const { engine, tabs } = ctx
  return {
    'lookup': async (message) => {
      return engine.request(message.hashes, { bypassCache: message.bypassCache })
    },
    'get-status': async () => {
      await engine.ready
      const report: StatusReport = {
        status: engine.status(),
        usage: await ctx.usage.get().catch(() => null),
        pending: engine.pendingCount,
        cachedVerdicts: await (await ctx.cacheReady).count(),
      }
      return report
    },
    'get-options': async () => {
      const [stored, storedCredentials, policy] = await Promise.all([loadStoredSettings(), loadStoredCredentials(), loadManagedPolicy()])
      const { settings, credentials, managed } = applyPolicy(stored, storedCredentials, policy)
      const report: OptionsReport = {
        settings,
        username: credentials.username,
        apiHost: credentials.apiHost,
        hasPassword: credentials.password.length > 0,
        managed,
        pivotPolicyProblems: managed.includes('pivots') ? await pivotPolicyProblems() : [],
      }
      return report
    },
    'save-settings': async (message): Promise<SaveResult> => {
      const input = settingsInputSchema.safeParse(message.settings)
      if (!input.success) return { ok: false, error: describeInvalidSettings(input.error) } satisfies SaveResult
      const [stored, policy] = await Promise.all([loadStoredSettings(), loadManagedPolicy()])
      const changed = changedManagedSetting(input.data, policy)
      if (changed) return { ok: false, error: setByOrganisation(changed) } satisfies SaveResult
      await saveSettings(withoutManagedSettings(input.data, stored, policy))
      return { ok: true } satisfies SaveResult
    },
    'save-credentials': async (message): Promise<SaveResult> => {
      const resolved = await resolveCredentials(message, await loadManagedPolicy())
      if (!resolved.ok) return resolved satisfies SaveResult
      if (!(await hasHostPermission(resolved.credentials.apiHost))) {
        return { ok: false, error: t('credentialsNoPermission', resolved.credentials.apiHost) } satisfies SaveResult
      }
      const before = await loadCredentials()
      await saveCredentials(resolved.toStore)
      // Awaited, so that Save's answer means "resumed" (storage.onChanged reports it too, applied once).
      await ctx.accountChanges.apply(before, await loadCredentials(), { isSave: true })
      return { ok: true } satisfies SaveResult
    },
    'test-connection': async (message) => {
      return testConnection(message, ctx)
    },
    'clear-cache': async (): Promise<SaveResult> => {
      await Promise.all([(await ctx.cacheReady).clear(), ctx.details.clear()])
      return { ok: true } satisfies SaveResult
    },
    'get-tab-report': async (message) => {
      return tabReport(message, ctx)
    },
    // The user's asks: in any mode, within no page cap or daily budget (README "Quota"); the cache first, as ever.
    'lookup-tab-remaining': async (message) => {
      await tabs.ready
      const skipped = tabs.skippedOf(message.tabId)
      return engine.request(tabs.hashesOf(message.tabId).filter((hash) => !skipped.has(hash)))
    },
    'lookup-tab-skipped': async (message) => {
      await tabs.ready
      return engine.request([...tabs.skippedOf(message.tabId).keys()])
    },
    'set-site-idle': async (message): Promise<SaveResult> => {
      const [settings, policy] = await Promise.all([loadStoredSettings(), loadManagedPolicy()])
      if (policy.idleSites !== undefined) return { ok: false, error: setByOrganisation('idleSites') } satisfies SaveResult
      const others = settings.idleSites.filter((site) => site !== message.site)
      await saveSettings({ ...settings, idleSites: message.idle ? [...others, message.site] : others })
      return { ok: true } satisfies SaveResult
    },
    'reveal-hash': async (message): Promise<null> => {
      const hash = normalizeHash(message.hash)?.hash
      // Every frame: the one holding the hash scrolls; a tab without HashLens's script (idle) has nobody to answer.
      if (hash) await browser.tabs.sendMessage(message.tabId, { type: 'reveal-hash', hash }).catch(() => undefined)
      return null
    },
    'get-hash-details': async (message) => {
      await engine.ready
      return ctx.details.report(message.hash)
    },
    'fetch-hash-more': async (message) => {
      await engine.ready
      return ctx.details.fetchMore(message.hash, message.api)
    },
    'get-tab-pdf': async (message): Promise<boolean> => await pdfShownIn(message.tabId) !== null,
    'open-tab-pdf': async (message): Promise<boolean> => openTabPdfInViewer(message.tabId),
    'get-pivot-links': async (message): Promise<PivotLink[]> => {
      const hash = normalizeHash(message.hash)?.hash
      return hash ? pivotLinksFor((await loadSettings()).pivots, hash) : []
    },
    'get-download-checks': async (message) => ctx.downloads.list(message.id),
    'delete-download': async (message) => ctx.downloads.delete(message.id),
    'show-download': async (message) => ctx.downloads.show(message.id),
    'check-quota-again': async () => {
      await engine.recheckQuota()
      return engine.status()
    },
  } satisfies HandlersFor<ExtensionPageMessage>
}

declare module '../shared/messages.ts' {
  interface WorkerHandlers {
    extensionPage: ReturnType<typeof extensionPageHandlers>
  }
}

async function testConnection(input: CredentialInput, ctx: WorkerContext): Promise<ConnectionCheck> {
  const resolved = await resolveCredentials(input, await loadManagedPolicy())
  if (!resolved.ok) return { ok: false, problem: { kind: 'invalid-account', refusal: resolved.error } }
  const { apiHost, username } = resolved.credentials
  if (!(await hasHostPermission(apiHost))) return { ok: false, problem: { kind: 'no-permission', apiHost } }
  const { timeoutSeconds } = await loadSettings()
  const client = createClient(toAccount(resolved.credentials), { timeoutMs: timeoutSeconds * 1000 })
  // Customer Usage `limits` is the cheap check: it is not charged to File Reputation.
  const limits = await client.limits()
  if (!limits.ok) return { ok: false, problem: { ...limits.failure, apiHost, timeoutSeconds } }
  const usage = await fetchUsage(client).catch(() => null)
  if (usage) ctx.usage.remember(usage)
  return { ok: true, apiHost, username, usage }
}

async function tabReport({ tabId, ...request }: { tabId: number } & TabListRequest, ctx: WorkerContext): Promise<TabReport> {
  const list = await tabListReport(tabId, ctx, request)
  // The settings in effect are kept in memory: an open popup asks again whenever the page reports hashes.
  const [settings, policy] = await Promise.all([loadSettings(), loadManagedPolicy()])
  // Without host access to the tab, `tabs.get` gives no URL; its top document's messages did.
  const url = ctx.tabs.topDocumentUrlOf(tabId) ?? await browser.tabs.get(tabId).then((tab) => tab.url, () => undefined)
  // Without any URL nothing tells the tab's site: only the total budget can be named.
  const top = url === undefined ? undefined : documentSiteOf({ url, origin: ctx.tabs.topDocumentOriginOf(tabId) })
  const budgetStop = await ctx.spentBudget(top === undefined ? '' : budgetSiteOf(top))
  const site = top === undefined || top === HOSTLESS_SITE ? '' : top
  return {
    ...(budgetStop && { budgetStop }),
    ...list,
    site,
    ...(url !== undefined && { pageUrl: url }),
    isIdleSite: top !== undefined && pageSettingsFor(settings, { frame: top, top }).isIdleSite,
    idleSitesManaged: policy.idleSites !== undefined,
    lookupMode: settings.lookupMode,
  }
}

/** Names the fields the user must correct, in the words of the options page. */
function describeInvalidSettings(error: z.ZodError): string {
  const fields = [...new Set(error.issues.map((issue) => String(issue.path[0] ?? '')))]
  return t('settingsNotSaved', fields.map(invalidSettingName).join(t('settingsFieldSeparator')))
}
