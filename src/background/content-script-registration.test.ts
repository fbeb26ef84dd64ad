import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Scripting, Tabs } from 'webextension-polyfill'
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
  executeScript: vi.fn(async (injection: Scripting.ScriptInjection): Promise<Scripting.InjectionResult[]> => {
    if (injection.files) {
      injected.push(injection.target)
      return []
    }
    probed.push(injection.target.tabId)
    const frames = openFrames.get(injection.target.tabId)
    if (!frames) throw new Error('Cannot access contents of the page')
    return frames.map(({ frameId, documentId, href, origin }) => ({ frameId, documentId: documentId!, result: { href, origin } }))
  }),
}

/** Open tabs, and the frames the probe finds in each (no documentId: as Firefox answers). */
interface OpenFrame { frameId: number; documentId?: string; href: string; origin: string }
let openTabs: Tabs.Tab[] = []
const openFrames = new Map<number, OpenFrame[]>()
const probed: number[] = []
const injected: Scripting.InjectionTarget[] = []
const told: [number, unknown][] = []
const tabs = {
  query: vi.fn(async () => openTabs),
  sendMessage: vi.fn(async (tabId: number, message: unknown) => {
    told.push([tabId, message])
    if (tabId === 404) throw new Error('Could not establish connection. Receiving end does not exist.')
  }),
}

let settings: Settings = structuredClone(DEFAULT_SETTINGS)
vi.mock('webextension-polyfill', () => ({ default: { scripting, tabs } }))
vi.mock('./settings-store.ts', () => ({ SETTINGS_KEY: 'settings', loadSettings: async () => settings }))
vi.mock('./managed-policy.ts', () => ({ POLICY_COPY_KEY: 'managedPolicy' }))

const {
  contentScriptRegistrations, idleSiteExclusions, reachOpenFrames, syncContentScripts, syncContentScriptsNow, syncContentScriptsOnChange,
  tellOpenTabsIdleSitesChanged,
} = await import('./content-script-registration.ts')

beforeEach(() => {
  registered.clear()
  calls.length = 0
  settings = structuredClone(DEFAULT_SETTINGS)
  openTabs = []
  openFrames.clear()
  probed.length = 0
  injected.length = 0
  told.length = 0
})

function tab(id: number, url?: string): Tabs.Tab {
  return { id, url, index: id, highlighted: false, active: false, pinned: false, incognito: false }
}

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

  it('says which sites left and joined the idle list since the registration the browser had', async () => {
    await syncContentScripts(scripting, ['a.example', 'b.example', 'odd entry'])
    await expect(syncContentScripts(scripting, ['b.example', 'c.example', '127.0.0.1'])).resolves.toEqual({
      leftIdle: ['a.example'], joinedIdle: ['c.example', '127.0.0.1'],
    })
    await expect(syncContentScripts(scripting, ['b.example', 'c.example', '127.0.0.1'])).resolves.toEqual({ leftIdle: [], joinedIdle: [] })
  })

  it('says nothing changed on a first registration: no open tab ran anything of it', async () => {
    await expect(syncContentScripts(scripting, ['a.example'])).resolves.toEqual({ leftIdle: [], joinedIdle: [] })
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

  it('then tells open tabs when sites joined the idle list, and reaches their open frames when sites left it', async () => {
    openTabs = [tab(1, 'https://a.example/')]
    openFrames.set(1, [{ frameId: 0, documentId: 'd1', href: 'https://a.example/', origin: 'https://a.example' }])
    settings = { ...settings, idleSites: ['a.example'] }
    await syncContentScriptsNow()
    expect([told, injected]).toEqual([[], []])
    settings = { ...settings, idleSites: [] }
    await syncContentScriptsNow()
    expect([told, injected]).toEqual([[], [{ tabId: 1, documentIds: ['d1'] }]])
    settings = { ...settings, idleSites: ['a.example'] }
    await syncContentScriptsNow()
    expect(told).toEqual([[1, { type: 'idle-sites-changed' }]])
    expect(injected).toHaveLength(1)
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

describe('reachOpenFrames', () => {
  const idle = (idleSites: string[]): Settings => ({ ...DEFAULT_SETTINGS, idleSites })

  it('injects the registered file into the frames the left site kept it out of, where neither the frame nor its tab is idle', async () => {
    openTabs = [tab(1, 'https://left.example/a'), tab(2, 'https://idle.example/'), tab(3, 'https://other.example/'),
      tab(4, 'chrome://settings/'), tab(5)]
    openFrames.set(1, [
      { frameId: 0, documentId: 'd1-0', href: 'https://left.example/a', origin: 'https://left.example' },
      { frameId: 3, documentId: 'd1-3', href: 'https://other.example/f', origin: 'https://other.example' },
      { frameId: 4, documentId: 'd1-4', href: 'https://idle.example/f', origin: 'https://idle.example' },
    ])
    openFrames.set(3, [
      { frameId: 0, documentId: 'd3-0', href: 'https://other.example/', origin: 'https://other.example' },
      { frameId: 1, documentId: 'd3-1', href: 'https://left.example/f', origin: 'https://left.example' },
      { frameId: 2, documentId: 'd3-2', href: 'about:blank', origin: 'https://left.example' },
      { frameId: 5, documentId: 'd3-5', href: 'about:blank', origin: 'null' },
      { frameId: 6, documentId: 'd3-6', href: 'about:blank', origin: 'https://idle.example' },
    ])
    await reachOpenFrames({ scripting, tabs }, idle(['idle.example']), ['left.example'])
    // An idle tab's frames are all idle: not even probed.
    expect(probed.sort()).toEqual([1, 3])
    expect(injected).toEqual([{ tabId: 1, documentIds: ['d1-0', 'd1-3'] }, { tabId: 3, documentIds: ['d3-1', 'd3-2'] }])
    expect(scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 1, documentIds: ['d1-0', 'd1-3'] }, files: [CONTENT_SCRIPT_FILE] })
  })

  it('targets frame ids where the browser names no documents (Firefox)', async () => {
    openTabs = [tab(1, 'https://left.example/')]
    openFrames.set(1, [{ frameId: 0, href: 'https://left.example/', origin: 'https://left.example' }, { frameId: 7, href: 'https://x.example/', origin: 'https://x.example' }])
    await reachOpenFrames({ scripting, tabs }, idle([]), ['left.example'])
    expect(injected).toEqual([{ tabId: 1, frameIds: [0, 7] }])
  })

  it('goes on past a tab that refuses scripts, and injects nowhere a probe answered with something else', async () => {
    openTabs = [tab(1, 'https://left.example/'), tab(2, 'https://left.example/b'), tab(3, 'file:///tmp/left.html')]
    openFrames.set(2, [{ frameId: 0, documentId: 'd2', href: 'https://left.example/b', origin: 'https://left.example' }])
    scripting.executeScript.mockImplementationOnce(async () => { throw new Error('Cannot access contents of the page') })
    await reachOpenFrames({ scripting, tabs }, idle([]), ['left.example'])
    expect(injected).toEqual([{ tabId: 2, documentIds: ['d2'] }])
    expect(probed).toEqual([2, 3])
  })
})

describe('tellOpenTabsIdleSitesChanged', () => {
  it('tells every web page\'s tab, and a tab with no copy running to answer costs nothing', async () => {
    openTabs = [tab(404, 'https://a.example/'), tab(2, 'file:///tmp/x.html'), tab(3, 'chrome-extension://id/src/options/options.html'), tab(4), tab(5, 'http://b.example/')]
    await expect(tellOpenTabsIdleSitesChanged({ tabs })).resolves.toBeUndefined()
    expect(told).toEqual([[404, { type: 'idle-sites-changed' }], [2, { type: 'idle-sites-changed' }], [5, { type: 'idle-sites-changed' }]])
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
