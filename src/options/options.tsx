/**
 * The options page: the Spectra Intelligence account (username, password, API host), how
 * lookups run, the cache, and the noise filters. The password is sent to the worker once,
 * on Save or Test connection, and never shown again: the field stays empty after saving.
 */
import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import browser from 'webextension-polyfill'
import { DEFAULT_API_HOST, LOOKUP_MODES, validateApiHost, type Settings } from '../shared/settings.ts'
import type { OptionsReport, StatusReport } from '../shared/worker-events.ts'
import type { ManagedField } from '../shared/managed-fields.ts'
import { askWorker, onWorkerEvent } from '../ui/ask-worker.ts'
import { StatusLine } from '../ui/status-line.tsx'
import { t, type MessageKey } from '../shared/i18n.ts'
import { describeConnectionCheck } from '../shared/status-text.ts'
import '../ui/common.css'
import './options.css'

type Result = { tone: 'ok' | 'error'; text: string } | null

const BUILT_IN_HOSTS = [DEFAULT_API_HOST]

/**
 * Hosts other than the default and localhost need a host permission, which the browser grants
 * only from a user gesture: ask for it in the click handler, before talking to the worker.
 */
async function ensureHostPermission(apiHost: string): Promise<string | null> {
  const host = validateApiHost(apiHost)
  if (!host.ok) return host.error
  const { hostname, protocol } = new URL(host.origin)
  if (BUILT_IN_HOSTS.includes(host.origin) || (protocol === 'http:')) return null
  if (hostname === 'localhost' || hostname === '127.0.0.1') return null
  // Rejects (rather than asking) when the browser no longer counts this as the user's click.
  const granted = await browser.permissions.request({ origins: [`${host.origin}/*`] }).catch(() => false)
  return granted ? null : t('optionsNeedsPermission', host.origin)
}

const MODE_LABEL: Record<Settings['lookupMode'], MessageKey> = {
  automatic: 'optionsModeAutomatic',
  hover: 'optionsModeHover',
  off: 'optionsModeOff',
}

/** Under a field an administrator set by policy; the field itself is disabled. */
function ManagedNote({ field, managed }: { field: ManagedField; managed: ReadonlySet<ManagedField> }) {
  if (!managed.has(field)) return null
  return <div class="hl-hint hl-managed" id={`${field}-managed`}>{t('optionsManaged')}</div>
}

/** The attributes that lock a managed field and point it at its note. */
function lockIf(field: ManagedField, managed: ReadonlySet<ManagedField>) {
  return managed.has(field) ? { disabled: true, 'aria-describedby': `${field}-managed` } : {}
}

function Options() {
  const [loaded, setLoaded] = useState<OptionsReport | null>(null)
  const [settings, setSettings] = useState<Settings | null>(null)
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [apiHost, setApiHost] = useState(DEFAULT_API_HOST)
  const [idleSitesText, setIdleSitesText] = useState('')
  const [result, setResult] = useState<Result>(null)
  const [busy, setBusy] = useState(false)
  const [status, setStatus] = useState<StatusReport | null>(null)

  async function reload(): Promise<void> {
    const report = await askWorker({ type: 'get-options' })
    setLoaded(report)
    setSettings(report.settings)
    setUsername(report.username)
    setApiHost(report.apiHost)
    setIdleSitesText(report.settings.idleSites.join('\n'))
  }
  const refreshStatus = () => void askWorker({ type: 'get-status' }).then(setStatus)

  useEffect(() => {
    void reload()
    refreshStatus()
    return onWorkerEvent((event) => { if (event.type === 'status-changed') refreshStatus() })
  }, [])

  if (!settings || !loaded) return <main><p>{t('optionsLoading')}</p></main>

  const update = <K extends keyof Settings>(key: K, value: Settings[K]) => setSettings({ ...settings, [key]: value })
  const managed: ReadonlySet<ManagedField> = new Set(loaded.managed)
  /** Username, password and host all set by policy: the user has nothing to save there. */
  const isAccountManaged = managed.has('username') && managed.has('password') && managed.has('apiHost')

  async function save(event: Event): Promise<void> {
    event.preventDefault()
    if (!settings) return
    setBusy(true)
    try {
      const hasAccount = !isAccountManaged && (username.trim() !== '' || password !== '' || loaded?.hasPassword)
      // Ask for the host permission before anything else is awaited: Firefox accepts
      // permissions.request only while the click is still being handled, not after an await
      // (https://github.com/FooSoft/yomichan/pull/1334).
      const permissionAsked = hasAccount ? ensureHostPermission(apiHost) : Promise.resolve(null)
      const idleSites = idleSitesText.split(/\s+/).map((s) => s.trim().toLowerCase()).filter(Boolean)
      const saved = await askWorker({ type: 'save-settings', settings: { ...settings, idleSites } })
      if (!saved.ok) return setResult({ tone: 'error', text: saved.error })
      if (hasAccount) {
        const permissionProblem = await permissionAsked
        if (permissionProblem) return setResult({ tone: 'error', text: permissionProblem })
        const answer = await askWorker({ type: 'save-credentials', username, password, apiHost })
        if (!answer.ok) return setResult({ tone: 'error', text: answer.error })
      }
      setPassword('')
      await reload()
      refreshStatus()
      setResult({ tone: 'ok', text: t('optionsSaved') })
    } finally {
      setBusy(false)
    }
  }

  async function testConnection(): Promise<void> {
    setBusy(true)
    setResult({ tone: 'ok', text: t('optionsTesting') })
    try {
      const permissionProblem = await ensureHostPermission(apiHost)
      if (permissionProblem) return setResult({ tone: 'error', text: permissionProblem })
      const check = await askWorker({ type: 'test-connection', username, password, apiHost })
      setResult({ tone: check.ok ? 'ok' : 'error', text: describeConnectionCheck(check) })
    } finally {
      setBusy(false)
    }
  }

  async function clearCache(): Promise<void> {
    await askWorker({ type: 'clear-cache' })
    refreshStatus()
    setResult({ tone: 'ok', text: t('optionsCacheCleared') })
  }

  return (
    <main>
      <h1><img src="/icons/icon-32.png" width={24} height={24} alt="" />{t('optionsTitle')}</h1>
      {status && <StatusLine report={status} showOptionsLink={false} />}
      {/* The worker checks every field and names the ones to fix, in one message (noValidate). */}
      <form onSubmit={save} noValidate>
        <fieldset>
          <legend>{t('optionsAccountLegend')}</legend>
          <div class="hl-field">
            <label for="username">{t('optionsUsernameLabel')}</label>
            <input id="username" type="text" autocomplete="username" spellcheck={false} placeholder={t('optionsUsernamePlaceholder')}
              value={username} onInput={(e) => setUsername(e.currentTarget.value)} {...lockIf('username', managed)} />
            <ManagedNote field="username" managed={managed} />
          </div>
          <div class="hl-field">
            <label for="password">{t('optionsPasswordLabel')}</label>
            {/* A password set by policy is used by the worker and never sent to this page. */}
            <input id="password" type="password" autocomplete="current-password"
              placeholder={managed.has('password') ? '' : loaded.hasPassword ? t('optionsPasswordSaved') : ''}
              value={password} onInput={(e) => setPassword(e.currentTarget.value)} {...lockIf('password', managed)} />
            <ManagedNote field="password" managed={managed} />
          </div>
          <div class="hl-field">
            <label for="api-host">{t('optionsApiHostLabel')}</label>
            <input id="api-host" type="url" spellcheck={false} value={apiHost} onInput={(e) => setApiHost(e.currentTarget.value)}
              {...lockIf('apiHost', managed)} />
            {managed.has('apiHost')
              ? <ManagedNote field="apiHost" managed={managed} />
              : <div class="hl-hint">{t('optionsApiHostHint')}</div>}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('optionsLookupsLegend')}</legend>
          <div role="radiogroup" aria-label={t('optionsLookupModeLabel')} aria-describedby={managed.has('lookupMode') ? 'lookupMode-managed' : undefined}>
            {LOOKUP_MODES.map((mode) => (
              <label class="hl-check" key={mode}>
                <input type="radio" name="lookup-mode" checked={settings.lookupMode === mode} onChange={() => update('lookupMode', mode)}
                  disabled={managed.has('lookupMode')} />
                {t(MODE_LABEL[mode])}
              </label>
            ))}
            <ManagedNote field="lookupMode" managed={managed} />
          </div>
          <div class="hl-field">
            <label for="per-page-cap">{t('optionsPerPageCapLabel')}</label>
            <input id="per-page-cap" type="number" min={1} max={100000} value={settings.perPageCap}
              onInput={(e) => update('perPageCap', Number(e.currentTarget.value))} {...lockIf('perPageCap', managed)} />
            <ManagedNote field="perPageCap" managed={managed} />
          </div>
          <div class="hl-field">
            <label for="timeout">{t('optionsTimeoutLabel')}</label>
            <input id="timeout" type="number" min={5} max={300} value={settings.timeoutSeconds}
              onInput={(e) => update('timeoutSeconds', Number(e.currentTarget.value))} />
          </div>
          <div class="hl-field">
            <label for="idle-sites">{t('optionsIdleSitesLabel')}</label>
            <textarea id="idle-sites" rows={3} placeholder={t('optionsIdleSitesPlaceholder')}
              value={idleSitesText} onInput={(e) => setIdleSitesText(e.currentTarget.value)} {...lockIf('idleSites', managed)} />
            <ManagedNote field="idleSites" managed={managed} />
          </div>
          <div class="hl-field">
            <label for="analyze-url">{t('optionsAnalyzeLabel')}</label>
            <input id="analyze-url" type="url" placeholder={t('optionsAnalyzePlaceholder')} value={settings.analyzeUrlTemplate}
              onInput={(e) => update('analyzeUrlTemplate', e.currentTarget.value)} {...lockIf('analyzeUrlTemplate', managed)} />
            {managed.has('analyzeUrlTemplate')
              ? <ManagedNote field="analyzeUrlTemplate" managed={managed} />
              : <div class="hl-hint">{t('optionsAnalyzeHint')}</div>}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('optionsNoiseLegend')}</legend>
          {([
            ['skipSingleClassRuns', 'optionsNoiseSingleClass'],
            ['skipMixedCase', 'optionsNoiseMixedCase'],
            ['skipAssetFingerprints', 'optionsNoiseAssetFingerprints'],
            ['skipGitObjectLinks', 'optionsNoiseGitLinks'],
          ] as const).map(([key, label]) => (
            <label class="hl-check" key={key}>
              <input type="checkbox" checked={settings.noiseFilters[key]}
                onChange={(e) => update('noiseFilters', { ...settings.noiseFilters, [key]: e.currentTarget.checked })} />
              {t(label)}
            </label>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t('optionsCacheLegend')}</legend>
          <div class="hl-field">
            <label for="verdict-ttl">{t('optionsVerdictTtlLabel')}</label>
            <input id="verdict-ttl" type="number" min={0.01} step="any" value={settings.verdictTtlDays}
              onInput={(e) => update('verdictTtlDays', Number(e.currentTarget.value))} />
            <div class="hl-hint">{t('optionsVerdictTtlHint')}</div>
          </div>
          <div class="hl-field">
            <label for="unknown-ttl">{t('optionsUnknownTtlLabel')}</label>
            <input id="unknown-ttl" type="number" min={0.01} step="any" value={settings.unknownTtlDays}
              onInput={(e) => update('unknownTtlDays', Number(e.currentTarget.value))} />
          </div>
          <div class="hl-field">
            <label for="cache-max">{t('optionsCacheMaxLabel')}</label>
            <input id="cache-max" type="number" min={100} value={settings.cacheMaxEntries}
              onInput={(e) => update('cacheMaxEntries', Number(e.currentTarget.value))} />
          </div>
          <div class="hl-buttons">
            <button type="button" onClick={() => void clearCache()}>{t('optionsClearCache')}</button>
            {status && <span class="hl-muted">{status.cachedVerdicts === 1 ? t('optionsCachedOne') : t('optionsCachedMany', status.cachedVerdicts.toLocaleString('en-US'))}</span>}
          </div>
        </fieldset>

        <div class="hl-buttons" style={{ marginTop: '12px' }}>
          <button type="submit" class="hl-primary" disabled={busy}>{t('optionsSave')}</button>
          <button type="button" disabled={busy} onClick={() => void testConnection()}>{t('optionsTestConnection')}</button>
        </div>
      </form>
      {result && (
        <div class={`hl-result hl-result-${result.tone}`} role="status" aria-live="polite" data-testid="options-result">{result.text}</div>
      )}
    </main>
  )
}

document.title = t('optionsTitle')
document.documentElement.lang = t('languageTag')
render(<Options />, document.getElementById('app')!)
