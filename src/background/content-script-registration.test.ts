import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Scripting } from 'webextension-polyfill'
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings.ts'
import { siteOf } from '../shared/site.ts'
import { CONTENT_SCRIPT_FILE } from './content-script-files.ts'

/** The browser's registrations, as a fake scripting API keeps them. */
const registered = new Map<string, Scripting.RegisteredContentScript>()
const calls: string[] = []
const scripting = {
  getRegisteredContentScripts: vi.fn(async (filter?: { ids?: string[] }) => {
    calls.push('get')
    return [...registered.values()].filter((script) => !filter?.ids || filter.ids.includes(script.id)).map((script) => structuredClone(script))
  }),
  registerContentScripts: vi.fn(async (scripts: Scripting.RegisteredContentScript[]) => {
    calls.push(`register ${scripts.map((script) => script.id).join(' ')}`)
    for (const script of scripts) {
      if (registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`)
    }
    for (const script of scripts) registered.set(script.id, structuredClone(script))
  }),
  updateContentScripts: vi.fn(async (scripts: Scripting.RegisteredContentScript[]) => {
    calls.push(`update ${scripts.map((script) => script.id).join(' ')}`)
    for (const script of scripts) registered.set(script.id, { ...registered.get(script.id)!, ...structuredClone(script) })
  }),
  unregisterContentScripts: vi.fn(async (filter?: { ids?: string[] }) => {
    calls.push(`unregister ${filter?.ids?.join(' ')}`)
    for (const id of filter?.ids ?? [...registered.keys()]) registered.delete(id)
  }),
}

let settings: Settings = structuredClone(DEFAULT_SETTINGS)
vi.mock('webextension-polyfill', () => ({ default: { scripting } }))
vi.mock('./settings-store.ts', () => ({ SETTINGS_KEY: 'settings', loadSettings: async () => settings }))
vi.mock('./managed-policy.ts', () => ({ POLICY_COPY_KEY: 'managedPolicy' }))

const {
  contentScriptRegistrations, idleSiteExclusions, syncContentScripts, syncContentScriptsNow, syncContentScriptsOnChange,
} = await import('./content-script-registration.ts')

beforeEach(() => {
  registered.clear()
  calls.length = 0
  settings = structuredClone(DEFAULT_SETTINGS)
})

describe('idleSiteExclusions', () => {
  it('excludes each idle host on http and https, on any port, once', () => {
    expect(idleSiteExclusions(['mail.example.com', '127.0.0.1', 'intranet', 'mail.example.com'])).toEqual([
      '*://mail.example.com/*', '*://127.0.0.1/*', '*://intranet/*',
    ])
  })

  it('keeps every site a page can be on, as siteOf names it', () => {
    const urls = ['https://a.b.example.co.uk/x?y', 'http://127.0.0.1:8080/', 'http://[::1]:3000/', 'https://xn--bcher-kva.de/',
      'https://under_score.example/', 'http://localhost/', 'https://1-2.example/']
    for (const url of urls) expect(idleSiteExclusions([siteOf(url)])).toEqual([`*://${siteOf(url)}/*`])
  })

  it('leaves out entries no page\'s site can equal, so one odd entry cannot fail the whole registration', () => {
    expect(idleSiteExclusions(['', '*.example.com', 'example.com/path', 'example.com:8080', 'bücher.de', 'Example.com',
      'a b', '1.2', 'http://example.com', '.example.com', 'example..com', '[zz]'])).toEqual([])
  })
})

describe('contentScriptRegistrations', () => {
  it('puts the script in every frame at document_idle, skipping idle sites, with no stylesheet (marks are drawn in the overlay)', () => {
    expect(contentScriptRegistrations(['intranet.example'])).toEqual([{
      id: expect.any(String), js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle', matches: ['<all_urls>'],
      excludeMatches: ['*://intranet.example/*'], allFrames: true, matchOriginAsFallback: true, persistAcrossSessions: true,
    }])
  })
})

describe('syncContentScripts', () => {
  it('registers the script where none is', async () => {
    await syncContentScripts(scripting, ['a.example'])
    expect(calls).toEqual(['get', 'register hashlens-content-script'])
    expect([...registered.values()]).toEqual(contentScriptRegistrations(['a.example']))
  })

  it('touches nothing that is already so, in the form a browser echoes it back', async () => {
    for (const script of contentScriptRegistrations([])) {
      // Chromium answers file paths with a leading slash; Firefox leaves an empty list out.
      const echoed = { ...script, js: script.js?.map((file) => `/${file}`), css: script.css?.map((file) => `/${file}`) }
      delete echoed.excludeMatches
      registered.set(script.id, echoed)
    }
    await syncContentScripts(scripting, [])
    expect(calls).toEqual(['get'])
  })

  it('updates the registrations when the idle sites change, and drops an exclusion when a site leaves the list', async () => {
    await syncContentScripts(scripting, ['a.example'])
    await syncContentScripts(scripting, ['a.example', 'b.example'])
    expect([...registered.values()].map((script) => script.excludeMatches)).toEqual([['*://a.example/*', '*://b.example/*']])
    await syncContentScripts(scripting, [])
    expect([...registered.values()].map((script) => script.excludeMatches)).toEqual([[]])
    expect(calls.filter((call) => call.startsWith('update'))).toEqual(['update hashlens-content-script', 'update hashlens-content-script'])
  })

  it('removes a registration an earlier build made and this one does not (the marks\' stylesheet)', async () => {
    registered.set('hashlens-marks-css', { id: 'hashlens-marks-css', css: ['content/highlights.css'], matches: ['<all_urls>'] })
    await syncContentScripts(scripting, ['a.example'])
    expect(calls).toEqual(['get', 'unregister hashlens-marks-css', 'register hashlens-content-script'])
    expect([...registered.values()]).toEqual(contentScriptRegistrations(['a.example']))
  })
})

describe('syncContentScriptsNow', () => {
  it('runs one sync at a time, each with the settings as they are when it starts; calls while one waits share it', async () => {
    settings = { ...settings, idleSites: ['a.example'] }
    const first = syncContentScriptsNow()
    expect(syncContentScriptsNow()).toBe(first)
    await vi.waitFor(() => expect(calls).toContain('get'))
    settings = { ...settings, idleSites: ['b.example'] }
    const second = syncContentScriptsNow()
    const third = syncContentScriptsNow()
    expect(second).not.toBe(first)
    expect(third).toBe(second)
    await Promise.all([first, second, third])
    expect(calls).toEqual(['get', 'register hashlens-content-script', 'get', 'update hashlens-content-script'])
    expect(registered.get('hashlens-content-script')!.excludeMatches).toEqual(['*://b.example/*'])
  })

  it('warns when the browser refuses, and the next sync tries again', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    scripting.registerContentScripts.mockRejectedValueOnce(new Error('refused'))
    await expect(syncContentScriptsNow()).resolves.toBeUndefined()
    expect(warn).toHaveBeenCalledWith('HashLens could not register its content script:', expect.any(Error))
    await syncContentScriptsNow()
    expect(registered.size).toBe(1)
  })
})

describe('syncContentScriptsOnChange', () => {
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0))

  it.each([
    [{ settings: {} }, 'local'],
    [{ managedPolicy: {} }, 'local'],
    [{}, 'managed'],
  ] as const)('syncs after a change of %o in %s', async (changes, area) => {
    syncContentScriptsOnChange(changes, area)
    await settled()
    expect(calls).toEqual(['get', 'register hashlens-content-script'])
  })

  it('leaves the registration alone for other keys and areas', async () => {
    syncContentScriptsOnChange({ verdictCache: {} }, 'local')
    syncContentScriptsOnChange({ settings: {} }, 'session')
    await settled()
    expect(calls).toEqual([])
  })
})
