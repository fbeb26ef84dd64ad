/**
 * A checkbox whose setting needs optional permissions (settings.ts `permissions`), such as "Check downloads": turning it
 * on asks the browser for them within the click, a refusal leaves it off with a sentence saying why, and a setting on
 * without them (removed in the browser's settings, or turned on by policy) says so beside an "Allow" button.
 */
import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import browser, { type Manifest } from 'webextension-polyfill'
import type { SettingPermissions } from '../shared/settings.ts'
import { t, type MessageKey } from '../shared/i18n.ts'

type PermissionNames = readonly Manifest.OptionalPermission[]

/**
 * The browser's prompt. Call it first in a click's handler, before any await: Firefox refuses it once the handler has
 * awaited, and Chromium once the gesture is over; that rejection counts as a refusal.
 */
export function requestPermissions(names: PermissionNames): Promise<boolean> {
  return browser.permissions.request({ permissions: [...names] }).catch(() => false)
}

/**
 * Whether the browser holds them: null until it answers; follows grants and removals made anywhere (another tab, its
 * settings). `recheck` after a prompt of one's own, whose answer need not wait for the event.
 */
export function usePermissionsHeld(names: PermissionNames): { held: boolean | null; recheck: () => void } {
  const [held, setHeld] = useState<boolean | null>(null)
  const [checks, setChecks] = useState(0)
  const key = names.join(' ')
  useEffect(() => {
    let isCurrent = true
    const check = () => void browser.permissions.contains({ permissions: [...names] }).then(
      (answer) => { if (isCurrent) setHeld(answer) },
      () => { if (isCurrent) setHeld(false) },
    )
    check()
    browser.permissions.onAdded.addListener(check)
    browser.permissions.onRemoved.addListener(check)
    return () => {
      isCurrent = false
      browser.permissions.onAdded.removeListener(check)
      browser.permissions.onRemoved.removeListener(check)
    }
  }, [key, checks])
  return { held, recheck: () => setChecks((count) => count + 1) }
}

/** `note`: the hint, or the note that policy set it (options.tsx), under the box. */
export function PermissionCheckbox({ field, label, permissions, checked, isManaged, note, onChange }: {
  field: string
  label: MessageKey
  permissions: SettingPermissions
  checked: boolean
  isManaged: boolean
  note: ComponentChildren
  onChange: (checked: boolean) => void
}) {
  const { held, recheck } = usePermissionsHeld(permissions.names)
  const [isRefused, setRefused] = useState(false)
  const noteId = `${field}-permission`

  function change(event: Event & { currentTarget: HTMLInputElement }): void {
    const wantsOn = event.currentTarget.checked
    setRefused(false)
    if (!wantsOn || held === true) return onChange(wantsOn)
    const asked = requestPermissions(permissions.names)
    // Off until the browser grants them: a refused prompt leaves nothing to undo.
    event.currentTarget.checked = false
    void asked.then((granted) => {
      recheck()
      if (granted) onChange(true)
      else setRefused(true)
    })
  }

  // The "Allow" of a setting already on: a refusal leaves it as it was, and this sentence still says why nothing is checked.
  const allow = () => void requestPermissions(permissions.names).then(recheck)
  const isMissing = checked && held === false
  const described = [isManaged && `${field}-managed`, (isRefused || isMissing) && noteId].filter(Boolean).join(' ')
  return (
    <>
      <label class="hl-check">
        <input type="checkbox" checked={checked} onChange={change} disabled={isManaged} aria-describedby={described || undefined} />
        {t(label)}
      </label>
      {note}
      {isRefused && <p class="hl-error" id={noteId} role="status" data-permission-refused={field}>{t(permissions.refused)}</p>}
      {isMissing && (
        <div class="hl-permission" id={noteId} data-permission-missing={field}>
          <p>{t(isManaged ? permissions.missingManaged : permissions.missing)}</p>
          <button type="button" class="hl-primary" onClick={allow}>{t('optionsAllowPermission')}</button>
        </div>
      )}
    </>
  )
}
