import { describe, expect, it } from 'vitest'
import manifest from '../../manifest.json' with { type: 'json' }
import { GECKO_ID, manifestFor } from '../../scripts/browser-manifest.ts'

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

  it('leaves the imported manifest untouched', () => {
    const before = structuredClone(manifest)
    manifestFor('firefox', manifest, '1.0.0')
    expect(manifest).toEqual(before)
  })
})
