import { describe, expect, it } from 'vitest'
import manifest from '../../manifest.json' with { type: 'json' }
import { GECKO_ID, manifestFor, withPermissionsRequired } from '../../scripts/browser-manifest.ts'
import { DOWNLOAD_PERMISSIONS } from '../../src/shared/download-checks.ts'

describe('manifestFor', () => {
  it('gives Chromium manifest.json as written, with the release version', () => {
    expect(manifestFor('chrome', manifest, '9.8.7')).toEqual({ ...manifest, version: '9.8.7' })
  })

  it('gives Firefox background scripts, a gecko id, and no Chromium-only keys', () => {
    const firefox = manifestFor('firefox', manifest, '9.8.7') as Record<string, unknown>
    expect(firefox.version).toBe('9.8.7')
    expect(firefox.background).toEqual({ scripts: [manifest.background.service_worker], type: 'module' })
    expect(firefox).not.toHaveProperty('minimum_chrome_version')
    // Chromium's PDF redirect: Firefox shows PDFs in its own viewer, and its build has no page a site could open.
    expect(firefox).not.toHaveProperty('web_accessible_resources')
    expect(firefox.permissions).not.toContain('declarativeNetRequestWithHostAccess')
    expect(firefox.browser_specific_settings).toMatchObject({ gecko: { id: GECKO_ID } })
  })

  it('asks for the download checks\' permissions only when the user turns them on, in both browsers', () => {
    for (const browser of ['chrome', 'firefox'] as const) {
      const built = manifestFor(browser, manifest, '1.0.0') as { permissions: string[]; optional_permissions: string[] }
      expect(built.optional_permissions).toEqual(expect.arrayContaining([...DOWNLOAD_PERMISSIONS]))
      for (const permission of DOWNLOAD_PERMISSIONS) expect(built.permissions).not.toContain(permission)
    }
  })

  it('makes them required in the download checks\' e2e build alone, which no test can grant otherwise', () => {
    const built = withPermissionsRequired(manifestFor('chrome', manifest, '1.0.0'), DOWNLOAD_PERMISSIONS) as { permissions: string[]; optional_permissions: string[] }
    expect(built.permissions).toEqual([...manifest.permissions, ...DOWNLOAD_PERMISSIONS])
    expect(built.optional_permissions).toEqual([])
    expect(manifest.permissions).not.toContain('downloads')
  })

  it('leaves the imported manifest untouched', () => {
    const before = structuredClone(manifest)
    manifestFor('firefox', manifest, '1.0.0')
    expect(manifest).toEqual(before)
  })
})
