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
  return granted ? null : `HashLens needs your permission to reach ${host.origin}.`
}

const MODE_LABEL: Record<Settings['lookupMode'], string> = {
  automatic: 'Automatic: look up hashes on every page',
  hover: 'On hover only: look up a hash when I rest the pointer on it',
  off: 'Off: only manual lookups and the context menu',
}

/** Under a field an administrator set by policy; the field itself is disabled. */
function ManagedNote({ field, managed }: { field: ManagedField; managed: ReadonlySet<ManagedField> }) {
  if (!managed.has(field)) return null
  return <div class="hl-hint hl-managed" id={`${field}-managed`}>Set by your organisation</div>
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

  if (!settings || !loaded) return <main><p>Loading…</p></main>

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
      setResult({ tone: 'ok', text: 'Saved.' })
    } finally {
      setBusy(false)
    }
  }

  async function testConnection(): Promise<void> {
    setBusy(true)
    setResult({ tone: 'ok', text: 'Testing…' })
    try {
      const permissionProblem = await ensureHostPermission(apiHost)
      if (permissionProblem) return setResult({ tone: 'error', text: permissionProblem })
      const check = await askWorker({ type: 'test-connection', username, password, apiHost })
      setResult({ tone: check.ok ? 'ok' : 'error', text: check.message })
    } finally {
      setBusy(false)
    }
  }

  async function clearCache(): Promise<void> {
    await askWorker({ type: 'clear-cache' })
    refreshStatus()
    setResult({ tone: 'ok', text: 'Cache cleared: every hash will be looked up again when next seen.' })
  }

  return (
    <main>
      <h1><img src="/icons/icon-32.png" width={24} height={24} alt="" />HashLens options</h1>
      {status && <StatusLine report={status} showOptionsLink={false} />}
      {/* The worker checks every field and names the ones to fix, in one message (noValidate). */}
      <form onSubmit={save} noValidate>
        <fieldset>
          <legend>Spectra Intelligence account</legend>
          <div class="hl-field">
            <label for="username">Username</label>
            <input id="username" type="text" autocomplete="username" spellcheck={false} placeholder="u/company/username"
              value={username} onInput={(e) => setUsername(e.currentTarget.value)} {...lockIf('username', managed)} />
            <ManagedNote field="username" managed={managed} />
          </div>
          <div class="hl-field">
            <label for="password">Password</label>
            {/* A password set by policy is used by the worker and never sent to this page. */}
            <input id="password" type="password" autocomplete="current-password"
              placeholder={managed.has('password') ? '' : loaded.hasPassword ? 'Saved — type to replace' : ''}
              value={password} onInput={(e) => setPassword(e.currentTarget.value)} {...lockIf('password', managed)} />
            <ManagedNote field="password" managed={managed} />
          </div>
          <div class="hl-field">
            <label for="api-host">API host</label>
            <input id="api-host" type="url" spellcheck={false} value={apiHost} onInput={(e) => setApiHost(e.currentTarget.value)}
              {...lockIf('apiHost', managed)} />
            {managed.has('apiHost')
              ? <ManagedNote field="apiHost" managed={managed} />
              : <div class="hl-hint">https:// only (http:// for localhost). Changing it requires the password again.</div>}
          </div>
        </fieldset>

        <fieldset>
          <legend>Lookups</legend>
          <div role="radiogroup" aria-label="Lookup mode" aria-describedby={managed.has('lookupMode') ? 'lookupMode-managed' : undefined}>
            {LOOKUP_MODES.map((mode) => (
              <label class="hl-check" key={mode}>
                <input type="radio" name="lookup-mode" checked={settings.lookupMode === mode} onChange={() => update('lookupMode', mode)}
                  disabled={managed.has('lookupMode')} />
                {MODE_LABEL[mode]}
              </label>
            ))}
            <ManagedNote field="lookupMode" managed={managed} />
          </div>
          <div class="hl-field">
            <label for="per-page-cap">Automatic lookups per page</label>
            <input id="per-page-cap" type="number" min={1} max={100000} value={settings.perPageCap}
              onInput={(e) => update('perPageCap', Number(e.currentTarget.value))} {...lockIf('perPageCap', managed)} />
            <ManagedNote field="perPageCap" managed={managed} />
          </div>
          <div class="hl-field">
            <label for="timeout">Request timeout (seconds)</label>
            <input id="timeout" type="number" min={5} max={300} value={settings.timeoutSeconds}
              onInput={(e) => update('timeoutSeconds', Number(e.currentTarget.value))} />
          </div>
          <div class="hl-field">
            <label for="idle-sites">Sites where HashLens stays idle</label>
            <textarea id="idle-sites" rows={3} placeholder="one host name per line, e.g. mail.example.com"
              value={idleSitesText} onInput={(e) => setIdleSitesText(e.currentTarget.value)} {...lockIf('idleSites', managed)} />
            <ManagedNote field="idleSites" managed={managed} />
          </div>
          <div class="hl-field">
            <label for="analyze-url">Spectra Analyze link</label>
            <input id="analyze-url" type="url" placeholder="https://analyze.example.com/sample/{hash}" value={settings.analyzeUrlTemplate}
              onInput={(e) => update('analyzeUrlTemplate', e.currentTarget.value)} {...lockIf('analyzeUrlTemplate', managed)} />
            {managed.has('analyzeUrlTemplate')
              ? <ManagedNote field="analyzeUrlTemplate" managed={managed} />
              : <div class="hl-hint">{'{hash}'} is replaced by the hash. Empty hides the link.</div>}
          </div>
        </fieldset>

        <fieldset>
          <legend>Noise filters (skip strings that only look like hashes)</legend>
          {([
            ['skipSingleClassRuns', 'Runs of digits only or letters only'],
            ['skipMixedCase', 'Runs of mixed upper and lower case'],
            ['skipAssetFingerprints', 'Web-asset fingerprints (main.<hex>.js, .css, .map, fonts)'],
            ['skipGitObjectLinks', 'Git commit and object ids in links to code hosts'],
          ] as const).map(([key, label]) => (
            <label class="hl-check" key={key}>
              <input type="checkbox" checked={settings.noiseFilters[key]}
                onChange={(e) => update('noiseFilters', { ...settings.noiseFilters, [key]: e.currentTarget.checked })} />
              {label}
            </label>
          ))}
        </fieldset>

        <fieldset>
          <legend>Cache</legend>
          <div class="hl-field">
            <label for="verdict-ttl">Keep verdicts (days)</label>
            <input id="verdict-ttl" type="number" min={0.01} step="any" value={settings.verdictTtlDays}
              onInput={(e) => update('verdictTtlDays', Number(e.currentTarget.value))} />
            <div class="hl-hint">Malicious, suspicious and known.</div>
          </div>
          <div class="hl-field">
            <label for="unknown-ttl">Keep unknown and not found (days)</label>
            <input id="unknown-ttl" type="number" min={0.01} step="any" value={settings.unknownTtlDays}
              onInput={(e) => update('unknownTtlDays', Number(e.currentTarget.value))} />
          </div>
          <div class="hl-field">
            <label for="cache-max">Most verdicts kept</label>
            <input id="cache-max" type="number" min={100} value={settings.cacheMaxEntries}
              onInput={(e) => update('cacheMaxEntries', Number(e.currentTarget.value))} />
          </div>
          <div class="hl-buttons">
            <button type="button" onClick={() => void clearCache()}>Clear cache</button>
            {status && <span class="hl-muted">{status.cachedVerdicts.toLocaleString('en-US')} verdicts cached</span>}
          </div>
        </fieldset>

        <div class="hl-buttons" style={{ marginTop: '12px' }}>
          <button type="submit" class="hl-primary" disabled={busy}>Save</button>
          <button type="button" disabled={busy} onClick={() => void testConnection()}>Test connection</button>
        </div>
      </form>
      {result && (
        <div class={`hl-result hl-result-${result.tone}`} role="status" aria-live="polite" data-testid="options-result">{result.text}</div>
      )}
    </main>
  )
}

render(<Options />, document.getElementById('app')!)
