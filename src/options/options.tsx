/**
 * The options page: the Spectra Intelligence account (username, password, API host), how
 * lookups run, the cache, and the noise filters. The password is sent to the worker once,
 * on Save or Test connection, and never shown again: the field stays empty after saving.
 */
import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import browser from 'webextension-polyfill'
import {
  DEFAULT_API_HOST, definitionOf, SETTING_KEYS, SETTING_SECTIONS, validateApiHost,
  type SettingKey, type Settings, type SettingSection,
} from '../shared/settings.ts'
import type { OptionsReport } from '../shared/worker-events.ts'
import { z } from '../shared/zod.ts'
import { askWorker } from '../ui/ask-worker.ts'
import { StatusLine } from '../ui/status-line.tsx'
import { useStatusReport } from '../ui/status-report.ts'
import { t, type MessageKey } from '../shared/i18n.ts'
import { describeConnectionCheck } from '../shared/status-text.ts'
import { pivotProblemsOf, type Pivot } from '../shared/pivots.ts'
import { MAX_PIVOTS } from '../shared/pivot-limits.ts'
import { PermissionCheckbox } from './permission-setting.tsx'
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

/**
 * After a Save, the optional permissions no setting that is on needs go back to the browser: HashLens does not keep
 * reading download history for a feature turned off (least privilege). Turning it on again asks again.
 */
function releaseUnusedPermissions(settings: Settings): void {
  const namesWhere = (isOn: boolean) => SETTING_KEYS.filter((key) => (settings[key] === true) === isOn).flatMap((key) => definitionOf(key).permissions?.names ?? [])
  const needed = new Set(namesWhere(true))
  const unused = namesWhere(false).filter((name) => !needed.has(name))
  // Rejects for a permission the manifest requires (a test build), which stays.
  if (unused.length > 0) void browser.permissions.remove({ permissions: unused }).catch(() => false)
}

const SECTION_LEGEND: Record<SettingSection, MessageKey> = {
  lookups: 'optionsLookupsLegend',
  noise: 'optionsNoiseLegend',
  pdf: 'optionsPdfLegend',
  downloads: 'optionsDownloadsLegend',
  cache: 'optionsCacheLegend',
}

/** The settings this browser's page shows, by section; a section left with none is not shown. */
const SHOWN_KEYS = SETTING_KEYS.filter((key) => import.meta.env.MODE !== 'firefox' || !definitionOf(key).isChromiumOnly)
const SHOWN_SECTIONS = SETTING_SECTIONS.filter((section) => SHOWN_KEYS.some((key) => definitionOf(key).section === section))

/** The lists the page keeps as typed text (one item per line) until Save reads them. */
const TYPED_LISTS = SETTING_KEYS.flatMap((key) => {
  const { control } = definitionOf(key)
  return control.kind === 'lines' ? [{ key, fromText: control.fromText }] : []
})

/** Under a field an administrator set by policy; the field itself is disabled. */
function ManagedNote({ field, managed }: { field: string; managed: ReadonlySet<string> }) {
  if (!managed.has(field)) return null
  return <div class="hl-hint hl-managed" id={`${field}-managed`}>{t('optionsManaged')}</div>
}

/** The attributes that lock a managed field and point it at its note. */
function lockIf(field: string, managed: ReadonlySet<string>) {
  return managed.has(field) ? { disabled: true, 'aria-describedby': `${field}-managed` } : {}
}

/** A field's hint, or instead the note that the organisation set it. */
function HintOrManagedNote({ field, hint, managed }: { field: string; hint: MessageKey | undefined; managed: ReadonlySet<string> }) {
  if (managed.has(field)) return <ManagedNote field={field} managed={managed} />
  return hint ? <div class="hl-hint">{t(hint)}</div> : null
}

/** A number field's bounds, from the setting's rule. */
function numberBounds(schema: z.ZodType) {
  if (!(schema instanceof z.ZodNumber)) return {}
  return { min: schema.minValue ?? undefined, max: schema.maxValue ?? undefined, step: schema.isInt ? undefined : 'any' }
}

/** A row the user added and left empty: Save leaves it out rather than refusing it. */
function isBlankPivot(pivot: Pivot): boolean {
  return pivot.name.trim() === '' && pivot.urlTemplate.trim() === ''
}

/** Rows of a name and a URL template, each row's problems said under it as it is typed (pivots.ts). */
function PivotRows({ field, pivots, update, managed, policyProblems }: {
  field: SettingKey; pivots: Pivot[]; update: (pivots: Pivot[]) => void; managed: ReadonlySet<string>; policyProblems: readonly string[]
}) {
  const { label, hint } = definitionOf(field)
  const isManaged = managed.has(field)
  const headingId = `${field}-heading`
  const change = (index: number, edit: Partial<Pivot>) => update(pivots.map((pivot, at) => at === index ? { ...pivot, ...edit } : pivot))
  return (
    <div role="group" aria-labelledby={headingId} class="hl-pivots">
      <p class="hl-group-heading" id={headingId}>{t(label)}</p>
      <HintOrManagedNote field={field} hint={hint} managed={managed} />
      {pivots.length === 0 && <p class="hl-muted">{t('optionsPivotsNone')}</p>}
      {isManaged && policyProblems.length > 0 && (
        <ul class="hl-pivot-problems" data-testid="pivot-policy-problems">{policyProblems.map((problem) => <li key={problem}>{problem}</li>)}</ul>
      )}
      {pivots.map((pivot, index) => {
        const number = index + 1
        const problems = isBlankPivot(pivot) ? [] : pivotProblemsOf(pivot)
        const problemsId = `${field}-${index}-problems`
        const invalid = problems.length > 0 ? { 'aria-invalid': true, 'aria-describedby': problemsId } : {}
        return (
          <div class="hl-pivot" key={index} data-pivot-row={index}>
            <div class="hl-field">
              <label for={`${field}-${index}-name`}>{t('optionsPivotNameLabel', number)}</label>
              <input id={`${field}-${index}-name`} type="text" spellcheck={false} placeholder={t('optionsPivotNamePlaceholder')}
                value={pivot.name} onInput={(e) => change(index, { name: e.currentTarget.value })} {...invalid} {...lockIf(field, managed)} />
            </div>
            <div class="hl-field">
              <label for={`${field}-${index}-template`}>{t('optionsPivotTemplateLabel', number)}</label>
              <input id={`${field}-${index}-template`} type="url" spellcheck={false} placeholder={t('optionsPivotTemplatePlaceholder')}
                value={pivot.urlTemplate} onInput={(e) => change(index, { urlTemplate: e.currentTarget.value })} {...invalid} {...lockIf(field, managed)} />
            </div>
            {problems.length > 0 && (
              <ul class="hl-pivot-problems hl-error" id={problemsId}>{problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>
            )}
            {!isManaged && (
              <div class="hl-buttons">
                <button type="button" onClick={() => update(pivots.filter((_, at) => at !== index))}>{t('optionsPivotRemove', number)}</button>
              </div>
            )}
          </div>
        )
      })}
      {!isManaged && (
        <div class="hl-buttons">
          <button type="button" disabled={pivots.length >= MAX_PIVOTS} onClick={() => update([...pivots, { name: '', urlTemplate: '' }])}>
            {t('optionsPivotAdd')}
          </button>
        </div>
      )}
    </div>
  )
}

interface SettingRowProps {
  field: SettingKey
  settings: Settings
  update: (field: SettingKey, value: unknown) => void
  /** The text typed into a list field, read on Save. */
  draft: string
  setDraft: (field: SettingKey, text: string) => void
  managed: ReadonlySet<string>
  /** What the policy's pivots lost, for the pivot rows. */
  policyProblems: readonly string[]
}

/** One setting on the page, drawn from its definition (settings.ts). */
function SettingRow({ field, settings, update, draft, setDraft, managed, policyProblems }: SettingRowProps) {
  const { control, label, hint, schema, permissions } = definitionOf(field)
  const value: unknown = settings[field]
  const isManaged = managed.has(field)
  switch (control.kind) {
    case 'pivots':
      return <PivotRows field={field} pivots={value as Pivot[]} update={(pivots) => update(field, pivots)} managed={managed} policyProblems={policyProblems} />
    case 'choice':
      return (
        <div role="radiogroup" aria-label={t(label)} aria-describedby={isManaged ? `${field}-managed` : undefined}>
          {Object.entries(control.labels).map(([choice, choiceLabel]) => (
            <label class="hl-check" key={choice}>
              <input type="radio" name={field} checked={value === choice} onChange={() => update(field, choice)} disabled={isManaged} />
              {t(choiceLabel)}
            </label>
          ))}
          <HintOrManagedNote field={field} hint={hint} managed={managed} />
        </div>
      )
    case 'number':
      return (
        <div class="hl-field">
          <label for={field}>{t(label)}</label>
          <input id={field} type="number" {...numberBounds(schema)} value={value as number}
            onInput={(e) => update(field, Number(e.currentTarget.value))} {...lockIf(field, managed)} />
          <HintOrManagedNote field={field} hint={hint} managed={managed} />
        </div>
      )
    case 'lines':
      return (
        <div class="hl-field">
          <label for={field}>{t(label)}</label>
          <textarea id={field} rows={3} placeholder={control.placeholder && t(control.placeholder)}
            value={draft} onInput={(e) => setDraft(field, e.currentTarget.value)} {...lockIf(field, managed)} />
          <HintOrManagedNote field={field} hint={hint} managed={managed} />
        </div>
      )
    case 'url':
      return (
        <div class="hl-field">
          <label for={field}>{t(label)}</label>
          <input id={field} type="url" placeholder={control.placeholder && t(control.placeholder)} value={value as string}
            onInput={(e) => update(field, e.currentTarget.value)} {...lockIf(field, managed)} />
          <HintOrManagedNote field={field} hint={hint} managed={managed} />
        </div>
      )
    case 'checkbox':
      if (permissions) {
        return <PermissionCheckbox field={field} label={label} permissions={permissions} checked={value === true} isManaged={isManaged}
          note={<HintOrManagedNote field={field} hint={hint} managed={managed} />} onChange={(checked) => update(field, checked)} />
      }
      return (
        <>
          <label class="hl-check">
            <input type="checkbox" checked={value === true} onChange={(e) => update(field, e.currentTarget.checked)} {...lockIf(field, managed)} />
            {t(label)}
          </label>
          <HintOrManagedNote field={field} hint={hint} managed={managed} />
        </>
      )
    case 'checkboxes': {
      const flags = value as Record<string, boolean>
      const headingId = `${field}-heading`
      // A second group in a fieldset has its own heading, which names the group to assistive technology too.
      return (
        <div {...control.heading ? { role: 'group', 'aria-labelledby': headingId } : {}}>
          {control.heading && <p class="hl-group-heading" id={headingId}>{t(control.heading)}</p>}
          {Object.entries(control.labels).map(([flag, flagLabel]) => (
            <label class="hl-check" key={flag}>
              <input type="checkbox" checked={flags[flag]} onChange={(e) => update(field, { ...flags, [flag]: e.currentTarget.checked })}
                {...lockIf(field, managed)} />
              {t(flagLabel)}
            </label>
          ))}
          <HintOrManagedNote field={field} hint={hint} managed={managed} />
        </div>
      )
    }
  }
}

function Options() {
  const [loaded, setLoaded] = useState<OptionsReport | null>(null)
  const [settings, setSettings] = useState<Settings | null>(null)
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [apiHost, setApiHost] = useState(DEFAULT_API_HOST)
  const [drafts, setDrafts] = useState<Partial<Record<SettingKey, string>>>({})
  const [result, setResult] = useState<Result>(null)
  const [busy, setBusy] = useState(false)
  const [status, refreshStatus] = useStatusReport()

  async function reload(): Promise<OptionsReport> {
    const report = await askWorker({ type: 'get-options' })
    setLoaded(report)
    setSettings(report.settings)
    setUsername(report.username)
    setApiHost(report.apiHost)
    setDrafts(Object.fromEntries(TYPED_LISTS.map(({ key }) => [key, (report.settings[key] as string[]).join('\n')])))
    return report
  }

  useEffect(() => {
    // Opened at a section (the policy's one-time ask opens #downloads): shown once the rows are drawn.
    void reload().then(() => requestAnimationFrame(() => {
      if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView()
    }))
  }, [])

  if (!settings || !loaded) return <main><p>{t('optionsLoading')}</p></main>

  // From the latest settings: a permission prompt answers after the page may have changed others.
  const update = (key: SettingKey, value: unknown) => setSettings((old) => old && { ...old, [key]: value })
  const setDraft = (key: SettingKey, text: string) => setDrafts({ ...drafts, [key]: text })
  const managed: ReadonlySet<string> = new Set(loaded.managed)
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
      const typed = TYPED_LISTS.map(({ key, fromText }) => [key, fromText(drafts[key] ?? '')])
      const pivots = settings.pivots.filter((pivot) => !isBlankPivot(pivot))
      const saved = await askWorker({ type: 'save-settings', settings: { ...settings, pivots, ...Object.fromEntries(typed) } })
      if (!saved.ok) return setResult({ tone: 'error', text: saved.error })
      if (hasAccount) {
        const permissionProblem = await permissionAsked
        if (permissionProblem) return setResult({ tone: 'error', text: permissionProblem })
        const answer = await askWorker({ type: 'save-credentials', username, password, apiHost })
        if (!answer.ok) return setResult({ tone: 'error', text: answer.error })
      }
      setPassword('')
      releaseUnusedPermissions((await reload()).settings)
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

        {SHOWN_SECTIONS.map((section) => (
          <fieldset key={section} id={section}>
            <legend>{t(SECTION_LEGEND[section])}</legend>
            {SHOWN_KEYS.filter((key) => definitionOf(key).section === section).map((key) => (
              <SettingRow key={key} field={key} settings={settings} update={update} draft={drafts[key] ?? ''} setDraft={setDraft} managed={managed}
                policyProblems={loaded.pivotPolicyProblems} />
            ))}
            {section === 'cache' && (
              <div class="hl-buttons">
                <button type="button" onClick={() => void clearCache()}>{t('optionsClearCache')}</button>
                {status && <span class="hl-muted">{status.cachedVerdicts === 1 ? t('optionsCachedOne') : t('optionsCachedMany', status.cachedVerdicts.toLocaleString('en-US'))}</span>}
              </div>
            )}
          </fieldset>
        ))}

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
