import { describe, expect, it, vi } from 'vitest'
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings.ts'
import { HOSTLESS_SITE, type HashStates } from '../shared/verdict.ts'
import { documentSitesOf } from '../shared/site.ts'
import type { BudgetGrant } from './daily-budgets.ts'
import { ContentMessageHandler, FORCED_LOOKUP_INTERVAL_MS, pageSettingsFor } from './content-handlers.ts'
import type { DocumentSender } from './tab-registry.ts'
import type { NotSampleKind } from '../shared/sample-judgement.ts'

const TAB = 7
const URL_ = 'https://reports.example/campaign'
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e'
const OTHER = 'a'.repeat(40)

function setup(overrides: Partial<Settings> = {}, tabHashes: string[] = [MD5]) {
  const settings: Settings = { ...structuredClone(DEFAULT_SETTINGS), ...overrides }
  const request = vi.fn(async (hashes: readonly string[], options?: { bypassCache?: boolean }): Promise<HashStates> => {
    void options
    return Object.fromEntries(hashes.map((hash) => [hash, { state: 'pending' as const }]))
  })
  const peek = vi.fn(async (hashes: readonly string[]): Promise<HashStates> => { void hashes; return {} })
  let now = 1_000_000
  const takeDailyBudget = vi.fn(async (_sites: readonly string[], wanted: number): Promise<BudgetGrant> => ({ allowed: wanted }))
  const hashes = new Set(tabHashes)
  const skipped = new Map<string, NotSampleKind>()
  let spent = 0
  /** The tab's bound, and how many it counted past it. */
  let listBound = Infinity
  let unlisted = 0
  const admit = vi.fn((_tab: number, hash: string, _documentKey?: string) => { hashes.add(hash) })
  const takeAutoAllowance = vi.fn((_tab: number, wanted: number, cap: number, _documentKey?: string) => {
    const allowed = Math.max(0, Math.min(wanted, cap - spent))
    spent += allowed
    return allowed
  })
  const enterDocument = vi.fn(async (_tab: number, _document: DocumentSender) => false)
  const tabStartedAfresh = vi.fn()
  const resumeIfDue = vi.fn(async () => undefined)
  const openSidePanel = vi.fn()
  const tabHashesReported = vi.fn()
  const openTab = vi.fn(async (_url: string, _besideTabId: number) => undefined)
  const handler = new ContentMessageHandler({
    engine: { request, peek, resumeIfDue },
    tabs: {
      ready: Promise.resolve(),
      // As the registry does: a hash new to the tab takes its skip, one listed before loses it to a sample's report.
      add: (_tab, added, _documentKey, skippedAs) => added.filter((hash) => {
        const kind = skippedAs?.get(hash)
        if (hashes.has(hash)) {
          if (kind === undefined) skipped.delete(hash)
          return false
        }
        if (hashes.size >= listBound) return false
        hashes.add(hash)
        if (kind) skipped.set(hash, kind)
        return true
      }),
      skippedOf: () => skipped,
      countUnlisted: (_tab, count) => { unlisted += count },
      isListed: (_tab, hash) => hashes.has(hash),
      unlistedCountOf: () => unlisted,
      admit,
      takeAutoAllowance,
      enterDocument,
    },
    loadSettings: async () => settings,
    tabHashesReported,
    takeDailyBudget,
    tabStartedAfresh,
    openSidePanel,
    openTab,
    now: () => now,
  })
  return { handler, tabHashesReported, openSidePanel, openTab, request, peek, resumeIfDue, takeDailyBudget, takeAutoAllowance, enterDocument, tabStartedAfresh, admit, skipped, setBound: (bound: number, past: number) => { listBound = bound; unlisted = past }, advance: (ms: number) => { now += ms } }
}

describe('ContentMessageHandler', () => {
  it('"lookup-hash" (the card\'s Look up, lookups off) asks the engine, cache first, never forced', async () => {
    const { handler, request, peek } = setup({ lookupMode: 'off' })
    const states = await handler.handle({ type: 'lookup-hash', hash: MD5.toUpperCase() }, TAB, URL_)
    expect(states).toEqual({ [MD5]: { state: 'pending' } })
    expect(request).toHaveBeenCalledTimes(1)
    expect(request.mock.calls[0]![0]).toEqual([MD5])
    expect(request.mock.calls[0]![1]).toBeUndefined() // no bypassCache
    // Pressed again at once: still an ordinary request (the engine's cache and queue answer it).
    await handler.handle({ type: 'lookup-hash', hash: MD5 }, TAB, URL_)
    expect(request.mock.calls[1]![1]).toBeUndefined()
    expect(peek).not.toHaveBeenCalled()
  })

  it('"lookup-hash" works the same in hover mode', async () => {
    const { handler, request } = setup({ lookupMode: 'hover' })
    await handler.handle({ type: 'lookup-hash', hash: MD5 }, TAB, URL_)
    expect(request).toHaveBeenCalledWith([MD5])
  })

  it('"lookup-again" bypasses the cache, at most once per interval per hash', async () => {
    const { handler, request, advance } = setup({ lookupMode: 'off' })
    await handler.handle({ type: 'lookup-again', hash: MD5 }, TAB, URL_)
    expect(request).toHaveBeenLastCalledWith([MD5], { bypassCache: true })
    await handler.handle({ type: 'lookup-again', hash: MD5 }, TAB, URL_)
    expect(request).toHaveBeenLastCalledWith([MD5]) // too soon: the cache answers
    advance(FORCED_LOOKUP_INTERVAL_MS)
    await handler.handle({ type: 'lookup-again', hash: MD5 }, TAB, URL_)
    expect(request).toHaveBeenLastCalledWith([MD5], { bypassCache: true })
  })

  it('a first lookup does not use up the hash\'s forced lookup', async () => {
    const { handler, request } = setup({ lookupMode: 'off' })
    await handler.handle({ type: 'lookup-hash', hash: MD5 }, TAB, URL_)
    await handler.handle({ type: 'lookup-again', hash: MD5 }, TAB, URL_)
    expect(request).toHaveBeenLastCalledWith([MD5], { bypassCache: true })
  })

  it('"hover-lookup" with lookups off only peeks; in hover mode it asks', async () => {
    const off = setup({ lookupMode: 'off' })
    await off.handler.handle({ type: 'hover-lookup', hash: MD5 }, TAB, URL_)
    expect(off.peek).toHaveBeenCalledWith([MD5])
    expect(off.request).not.toHaveBeenCalled()
    const hover = setup({ lookupMode: 'hover' })
    await hover.handler.handle({ type: 'hover-lookup', hash: MD5 }, TAB, URL_)
    expect(hover.request).toHaveBeenCalledWith([MD5])
  })

  it('automatic lookups are charged to the frame\'s and the top-level site; past the budget, idle with its reason', async () => {
    const { handler, request, takeDailyBudget } = setup({}, [])
    const stoppedBy = { budget: 'site' as const, site: 'reports.example', resetsAt: Date.UTC(2026, 11, 2) }
    takeDailyBudget.mockResolvedValueOnce({ allowed: 1, stoppedBy })
    const states = await handler.handle({ type: 'page-hashes', hashes: [MD5, OTHER] }, TAB, URL_, { frameId: 3, documentKey: 'frame-doc', url: 'https://a1b2.cdn.example.co.uk/frame' })
    expect(takeDailyBudget).toHaveBeenCalledWith(['example.co.uk', 'reports.example'], 2)
    expect(request).toHaveBeenCalledWith([MD5])
    expect(states).toEqual({ [MD5]: { state: 'pending' }, [OTHER]: { state: 'idle', stoppedBy } })
  })

  it('a document whose URL names no host is charged to its origin\'s site, else to the host-less documents\' budget', async () => {
    const { handler, takeDailyBudget } = setup({}, [])
    const chargedFor = async (pageUrl: string, document: DocumentSender) => {
      takeDailyBudget.mockClear()
      await handler.handle({ type: 'page-hashes', hashes: [OTHER] }, TAB, pageUrl, document)
      return takeDailyBudget.mock.calls[0]![0]
    }
    const blob = 'blob:https://a.reports.example/3f2a'
    expect(await chargedFor(blob, { frameId: 0, documentKey: 'blob', url: blob, origin: 'https://a.reports.example' })).toEqual(['reports.example', 'reports.example'])
    // A browser that gives no origin: a blob: URL still names its own.
    expect(await chargedFor(blob, { frameId: 0, documentKey: 'blob-ff', url: blob })).toEqual(['reports.example', 'reports.example'])
    // A popup written by its opener: the tab's URL is about:blank too, the top frame's origin tells.
    expect(await chargedFor('about:blank', { frameId: 0, documentKey: 'popup', url: 'about:blank', origin: 'https://x.reports.example' })).toEqual(['reports.example', 'reports.example'])
    expect(await chargedFor(URL_, { frameId: 2, documentKey: 'srcdoc', url: 'about:srcdoc', origin: 'https://reports.example' })).toEqual(['reports.example', 'reports.example'])
    // An opaque origin (a data: frame, a sandboxed one) or none at all: the one budget they all share, never "no site".
    expect(await chargedFor(URL_, { frameId: 2, documentKey: 'data', url: 'data:text/html,x', origin: 'null' })).toEqual([HOSTLESS_SITE, 'reports.example'])
    expect(await chargedFor(URL_, { frameId: 2, documentKey: 'blank-ff', url: 'about:blank' })).toEqual([HOSTLESS_SITE, 'reports.example'])
    expect(await chargedFor('about:blank', { frameId: 0, documentKey: 'popup-ff', url: 'about:blank' })).toEqual([HOSTLESS_SITE, HOSTLESS_SITE])
    // A frame in a blob: top document: the tab's URL names the top's site.
    expect(await chargedFor(blob, { frameId: 4, documentKey: 'in-blob', url: 'https://cdn.other.test/f', origin: 'https://cdn.other.test' })).toEqual(['other.test', 'reports.example'])
  })

  it('an idle site\'s documents whose URL names no host are idle too', async () => {
    const { handler, request, peek } = setup({ idleSites: ['idle.example'] })
    const blob = 'blob:https://idle.example/3f2a'
    for (const [pageUrl, document] of [
      [blob, { frameId: 0, documentKey: 'blob', url: blob }],
      ['about:blank', { frameId: 0, documentKey: 'popup', url: 'about:blank', origin: 'https://idle.example' }],
      ['https://idle.example/a', { frameId: 1, documentKey: 'data', url: 'data:text/html,x', origin: 'null' }],
      ['https://other.example/a', { frameId: 1, documentKey: 'srcdoc', url: 'about:srcdoc', origin: 'https://idle.example' }],
      ['https://other.example/a', { frameId: 1, documentKey: 'blob-frame', url: blob, origin: 'https://idle.example' }],
    ] as const) {
      expect(await handler.handle({ type: 'page-hashes', hashes: [MD5] }, TAB, pageUrl, document)).toEqual({})
      expect(await handler.handle({ type: 'lookup-hash', hash: MD5 }, TAB, pageUrl, document)).toEqual({})
      expect(await handler.handle({ type: 'get-page-settings' }, TAB, pageUrl, document)).toMatchObject({ isIdleSite: true })
    }
    expect(request).not.toHaveBeenCalled()
    expect(peek).not.toHaveBeenCalled()
  })

  it('a cached verdict costs no budget; lookups the user asks for are never charged', async () => {
    const { handler, peek, takeDailyBudget } = setup({ lookupMode: 'off' })
    peek.mockResolvedValue({ [MD5]: { state: 'pending' } })
    await handler.handle({ type: 'lookup-hash', hash: MD5 }, TAB, URL_)
    await handler.handle({ type: 'lookup-again', hash: MD5 }, TAB, URL_)
    const auto = setup({}, [])
    auto.peek.mockResolvedValue({ [MD5]: { state: 'pending' } })
    await auto.handler.handle({ type: 'page-hashes', hashes: [MD5] }, TAB, URL_)
    expect(takeDailyBudget).not.toHaveBeenCalled()
    expect(auto.takeDailyBudget).not.toHaveBeenCalled()
  })

  it('"hover-lookup" spends the budgets too, and past them answers idle with the reason', async () => {
    const { handler, request, takeDailyBudget } = setup({ lookupMode: 'hover' })
    const stoppedBy = { budget: 'total' as const, resetsAt: Date.UTC(2026, 11, 2) }
    takeDailyBudget.mockResolvedValueOnce({ allowed: 0, stoppedBy })
    expect(await handler.handle({ type: 'hover-lookup', hash: MD5 }, TAB, URL_)).toEqual({ [MD5]: { state: 'idle', stoppedBy } })
    expect(takeDailyBudget).toHaveBeenCalledWith(['reports.example', 'reports.example'], 1)
    expect(request).not.toHaveBeenCalled()
  })

  it('"hover-lookup" spends the page\'s cap in any mode but off; a known hash spends none', async () => {
    const fresh = Array.from({ length: 3 }, (_, i) => String(i).repeat(32))
    for (const lookupMode of ['hover', 'automatic'] as const) {
      const { handler, request, peek } = setup({ lookupMode, perPageCap: 2 }, [MD5, ...fresh])
      peek.mockImplementation(async (asked): Promise<HashStates> => (asked[0] === MD5 ? { [MD5]: { state: 'pending' } } : {}))
      expect(await handler.handle({ type: 'hover-lookup', hash: MD5 }, TAB, URL_)).toEqual({ [MD5]: { state: 'pending' } })
      for (const hash of fresh) await handler.handle({ type: 'hover-lookup', hash }, TAB, URL_)
      expect(request.mock.calls.map(([asked]) => asked)).toEqual([[fresh[0]], [fresh[1]]])
      // The cap is spent: the third is "Not looked up", and its card still offers "Look up".
      expect(await handler.handle({ type: 'hover-lookup', hash: fresh[2]! }, TAB, URL_)).toEqual({ [fresh[2]!]: { state: 'idle' } })
      expect(request).toHaveBeenCalledTimes(2)
    }
  })

  it('tells the registry which document asked, and says when the tab started afresh', async () => {
    const { handler, enterDocument, tabStartedAfresh } = setup()
    const document = { frameId: 0, documentKey: 'doc-1', documentId: 'doc-1' }
    await handler.handle({ type: 'get-page-settings' }, TAB, URL_, document)
    expect(enterDocument).toHaveBeenCalledWith(TAB, document)
    expect(tabStartedAfresh).not.toHaveBeenCalled()
    enterDocument.mockResolvedValueOnce(true)
    await handler.handle({ type: 'get-page-settings' }, TAB, URL_, { ...document, documentKey: 'doc-2' })
    expect(tabStartedAfresh).toHaveBeenCalledWith(TAB)
  })

  it('"resume-lookups" only lets the engine carry on with what is due: it asks for nothing and spends no budget', async () => {
    const { handler, request, peek, resumeIfDue, takeDailyBudget } = setup()
    expect(await handler.handle({ type: 'resume-lookups' }, TAB, URL_)).toBeNull()
    expect(resumeIfDue).toHaveBeenCalledTimes(1)
    expect(request).not.toHaveBeenCalled()
    expect(peek).not.toHaveBeenCalled()
    expect(takeDailyBudget).not.toHaveBeenCalled()
  })

  it('"open-details" opens the side panel for the sender\'s tab before anything is awaited (the click\'s gesture), and asks for nothing', async () => {
    const { handler, openSidePanel, request, takeDailyBudget } = setup()
    const answer = handler.handle({ type: 'open-details' }, TAB, URL_)
    // Synchronously: before handle() reaches its first await.
    expect(openSidePanel).toHaveBeenCalledWith(TAB)
    expect(await answer).toBeNull()
    expect(request).not.toHaveBeenCalled()
    expect(takeDailyBudget).not.toHaveBeenCalled()
  })

  describe('"open-pivot" (a card\'s pivot button)', () => {
    const pivots = [
      { name: 'Spectra Analyze', urlTemplate: 'https://a1000.example.com/{hash}/' },
      { name: 'VirusTotal', urlTemplate: 'https://www.virustotal.com/gui/{type}/{hash}' },
    ]

    it('opens the pivot the worker holds at that place, filled for the hash, beside the sender\'s tab', async () => {
      const { handler, openTab, request } = setup({ pivots })
      expect(await handler.handle({ type: 'open-pivot', hash: MD5.toUpperCase(), pivot: 1 }, TAB, URL_)).toBeNull()
      expect(openTab).toHaveBeenCalledExactlyOnceWith(`https://www.virustotal.com/gui/md5/${MD5}`, TAB)
      expect(request).not.toHaveBeenCalled()
    })

    it('opens nothing for a hash the tab never reported, or no hash at all', async () => {
      const { handler, openTab } = setup({ pivots }, [MD5])
      for (const hash of [OTHER, 'not-a-hash', `${MD5}/../x`]) {
        expect(await handler.handle({ type: 'open-pivot', hash, pivot: 0 }, TAB, URL_), hash).toBeNull()
      }
      expect(openTab).not.toHaveBeenCalled()
    })

    it('opens nothing for a place past the list, or with no pivots at all', async () => {
      const { handler, openTab } = setup({ pivots })
      await handler.handle({ type: 'open-pivot', hash: MD5, pivot: 2 }, TAB, URL_)
      const none = setup()
      await none.handler.handle({ type: 'open-pivot', hash: MD5, pivot: 0 }, TAB, URL_)
      expect(openTab).not.toHaveBeenCalled()
      expect(none.openTab).not.toHaveBeenCalled()
    })

    it('opens nothing on an idle site', async () => {
      const { handler, openTab } = setup({ pivots, idleSites: ['reports.example'] })
      await handler.handle({ type: 'open-pivot', hash: MD5, pivot: 0 }, TAB, URL_)
      expect(openTab).not.toHaveBeenCalled()
    })

    it('tells the page the pivots\' names only, never a URL', () => {
      const page = pageSettingsFor({ ...structuredClone(DEFAULT_SETTINGS), pivots }, { frame: 'reports.example', top: 'reports.example' })
      expect(page.pivotNames).toEqual(['Spectra Analyze', 'VirusTotal'])
      expect(JSON.stringify(page)).not.toContain('https://')
    })
  })

  it('charges automatic and hover lookups to the document that asked, so a reset keeping it still counts them', async () => {
    const { handler, takeAutoAllowance } = setup({ lookupMode: 'hover' }, [MD5, OTHER])
    const document = { frameId: 5, documentKey: 'frame-doc', documentId: 'frame-doc' }
    await handler.handle({ type: 'hover-lookup', hash: OTHER }, TAB, URL_, document)
    expect(takeAutoAllowance).toHaveBeenLastCalledWith(TAB, 1, DEFAULT_SETTINGS.perPageCap, 'frame-doc')
    const automatic = setup({ lookupMode: 'automatic' }, [])
    await automatic.handler.handle({ type: 'page-hashes', hashes: [OTHER] }, TAB, URL_, document)
    expect(automatic.takeAutoAllowance).toHaveBeenLastCalledWith(TAB, 1, DEFAULT_SETTINGS.perPageCap, 'frame-doc')
  })

  it('past the tab\'s bound: no cache read, no automatic lookup (no push could bring it), but the card\'s "Look up" lists and looks it up', async () => {
    const { handler, request, peek, admit, setBound, tabHashesReported } = setup({ lookupMode: 'automatic' }, [])
    const past = 'b'.repeat(40)
    setBound(1, 1)
    const document = { frameId: 2, documentKey: 'frame-doc', documentId: 'frame-doc' }
    const states = await handler.handle({ type: 'page-hashes', hashes: [OTHER, past] }, TAB, URL_, document)
    expect(request.mock.calls.map(([asked]) => asked)).toEqual([[OTHER]])
    expect(peek.mock.calls.map(([asked]) => asked)).toEqual([[OTHER]])
    expect(states).toEqual({ [OTHER]: { state: 'pending' }, [past]: { state: 'idle' } })
    // The badge takes the answer for what the tab lists, and reads it no more.
    expect(tabHashesReported).toHaveBeenCalledWith(TAB, [OTHER], { [OTHER]: { state: 'pending' } })
    expect(await handler.handle({ type: 'lookup-hash', hash: past }, TAB, URL_, document)).toEqual({ [past]: { state: 'pending' } })
    expect(admit).toHaveBeenCalledWith(TAB, past, 'frame-doc')
    expect(request.mock.calls.at(-1)![0]).toEqual([past])
  })

  it('a document\'s count of hashes past the bound is counted, and costs no cache read or lookup; its card\'s "Look up" works', async () => {
    const { handler, request, peek, takeDailyBudget } = setup({ lookupMode: 'automatic' }, [])
    const document = { frameId: 0, documentKey: 'top', documentId: 'top' }
    expect(await handler.handle({ type: 'page-hashes', hashes: [], unlisted: 2000 }, TAB, URL_, document)).toEqual({})
    expect(request.mock.calls.flatMap(([asked]) => asked)).toEqual([])
    expect(peek.mock.calls.flatMap(([asked]) => asked)).toEqual([])
    expect(takeDailyBudget).not.toHaveBeenCalled()
    const past = 'c'.repeat(40)
    expect(await handler.handle({ type: 'lookup-hash', hash: past }, TAB, URL_, document)).toEqual({ [past]: { state: 'pending' } })
  })

  it('looks up nothing the tab did not report, and nothing on an idle site', async () => {
    const { handler, request, peek } = setup({ idleSites: ['idle.example'] })
    for (const type of ['lookup-hash', 'lookup-again', 'hover-lookup'] as const) {
      expect(await handler.handle({ type, hash: OTHER }, TAB, URL_)).toEqual({})
      expect(await handler.handle({ type, hash: MD5 }, TAB, 'https://idle.example/x')).toEqual({})
    }
    expect(request).not.toHaveBeenCalled()
    expect(peek).not.toHaveBeenCalled()
  })
})

describe('hashes that look like no file sample (issue 13)', () => {
  const CHECKSUM = 'c'.repeat(64)
  const skip = (hash: string, kind: NotSampleKind = 'dependency-checksum') => ({ hash, kind })

  it('are not looked up automatically nor charged, and answer "not looked up: looks like …"; the rest go as ever', async () => {
    const { handler, request, takeDailyBudget, takeAutoAllowance } = setup({}, [])
    const states = await handler.handle({ type: 'page-hashes', hashes: [MD5, CHECKSUM], skipped: [skip(CHECKSUM.toUpperCase())] }, TAB, URL_)
    expect(request).toHaveBeenCalledWith([MD5])
    expect(takeAutoAllowance).toHaveBeenCalledWith(TAB, 1, DEFAULT_SETTINGS.perPageCap, undefined)
    expect(takeDailyBudget).toHaveBeenCalledWith(expect.anything(), 1)
    expect(states).toEqual({ [MD5]: { state: 'pending' }, [CHECKSUM]: { state: 'idle', skippedAs: 'dependency-checksum' } })
  })

  it('a known verdict still shows: the skip spares quota only', async () => {
    const { handler, peek } = setup({}, [])
    const verdict = { state: 'verdict', verdict: { hash: CHECKSUM, classification: 'KNOWN' } } as unknown as HashStates[string]
    peek.mockResolvedValueOnce({ [CHECKSUM]: verdict })
    const states = await handler.handle({ type: 'page-hashes', hashes: [CHECKSUM], skipped: [skip(CHECKSUM)] }, TAB, URL_)
    expect(states).toEqual({ [CHECKSUM]: verdict })
  })

  it('are judged nowhere every hash is looked up: a trusted site (or a frame of one, or inside one), lookups off', async () => {
    for (const [trusted, pageUrl, frameUrl] of [
      ['reports.example', URL_, undefined],
      ['www.reports.example', URL_, undefined],
      ['siem.example', 'https://other.example/', 'https://siem.example/embed'],
      ['siem.example', 'https://siem.example/case/1', 'https://cdn.other.example/embed'],
    ] as const) {
      const overrides = { trustedSites: [trusted] }
      const { handler, request, skipped } = setup(overrides, [])
      const document = frameUrl === undefined ? undefined : { frameId: 2, documentKey: 'frame', url: frameUrl }
      const states = await handler.handle({ type: 'page-hashes', hashes: [CHECKSUM], skipped: [skip(CHECKSUM)] }, TAB, pageUrl, document)
      expect(request, JSON.stringify(overrides)).toHaveBeenCalledWith([CHECKSUM])
      expect(states).toEqual({ [CHECKSUM]: { state: 'pending' } })
      expect(skipped.size).toBe(0)
    }
    const page = (overrides: Partial<Settings>, url = URL_) => pageSettingsFor({ ...structuredClone(DEFAULT_SETTINGS), ...overrides }, { frame: new URL(url).hostname, top: new URL(url).hostname })
    expect(page({ lookupMode: 'off' }).notSampleKinds).toEqual([])
    expect(page({ lookupMode: 'hover' }).notSampleKinds).toContain('dependency-checksum')
    expect(page({}).notSampleKinds).toEqual(Object.keys(DEFAULT_SETTINGS.skipNotSamples))
    expect(page({ trustedSites: ['reports.example'] }).notSampleKinds).toEqual([])
  })

  it('a kind switched off in Options (or one the page no longer judges) is a sample\'s report', async () => {
    const { handler, request } = setup({ skipNotSamples: { ...DEFAULT_SETTINGS.skipNotSamples, 'commit-id': false } }, [])
    await handler.handle({ type: 'page-hashes', hashes: [OTHER, CHECKSUM], skipped: [skip(OTHER, 'commit-id'), skip(CHECKSUM)] }, TAB, URL_)
    expect(request).toHaveBeenCalledWith([OTHER])
  })

  it('one document\'s skip cannot keep a hash another document of the tab showed as a sample from being looked up', async () => {
    const { handler, request } = setup({ perPageCap: 1 }, [])
    // The page's cap (1) goes to the first sample; a skipped hash takes none of it.
    await handler.handle({ type: 'page-hashes', hashes: [MD5] }, TAB, URL_, { frameId: 0, documentKey: 'top', url: URL_ })
    const fromOther = await handler.handle({ type: 'page-hashes', hashes: [CHECKSUM], skipped: [skip(CHECKSUM)] }, TAB, URL_, { frameId: 0, documentKey: 'top', url: URL_ })
    expect(fromOther).toEqual({ [CHECKSUM]: { state: 'idle', skippedAs: 'dependency-checksum' } })
    const claimed = await handler.handle({ type: 'page-hashes', hashes: [CHECKSUM] }, TAB, URL_, { frameId: 4, documentKey: 'frame', url: 'https://frame.example/' })
    // Now a sample of the tab: the cap is spent, so idle without a reason, but "remaining", not skipped.
    expect(claimed).toEqual({ [CHECKSUM]: { state: 'idle' } })
    const again = await handler.handle({ type: 'page-hashes', hashes: [CHECKSUM], skipped: [skip(CHECKSUM)] }, TAB, URL_, { frameId: 0, documentKey: 'top', url: URL_ })
    expect(again).toEqual({ [CHECKSUM]: { state: 'idle' } })
    expect(request.mock.calls.flatMap(([hashes]) => hashes)).toEqual([MD5])
  })

  it('hovering a skipped hash looks nothing up, in hover mode too; the card\'s Look up does, in any mode and past any budget', async () => {
    const { handler, request, takeDailyBudget } = setup({ lookupMode: 'hover' }, [])
    await handler.handle({ type: 'page-hashes', hashes: [CHECKSUM], skipped: [skip(CHECKSUM)] }, TAB, URL_)
    expect(await handler.handle({ type: 'hover-lookup', hash: CHECKSUM }, TAB, URL_)).toEqual({ [CHECKSUM]: { state: 'idle', skippedAs: 'dependency-checksum' } })
    expect(request.mock.calls.flatMap(([hashes]) => hashes)).toEqual([])
    takeDailyBudget.mockClear()
    takeDailyBudget.mockResolvedValue({ allowed: 0, stoppedBy: { budget: 'total', resetsAt: 0 } })
    expect(await handler.handle({ type: 'lookup-hash', hash: CHECKSUM }, TAB, URL_)).toEqual({ [CHECKSUM]: { state: 'pending' } })
    expect(request).toHaveBeenCalledWith([CHECKSUM])
    expect(takeDailyBudget).not.toHaveBeenCalled()
  })

  it('skips of hashes the message does not list are ignored, and a malformed kind refuses the whole message at the schema', async () => {
    const { handler, request, skipped } = setup({}, [])
    await handler.handle({ type: 'page-hashes', hashes: [MD5], skipped: [skip(CHECKSUM)] }, TAB, URL_)
    expect(skipped.size).toBe(0)
    expect(request).toHaveBeenCalledWith([MD5])
    const { contentMessageSchema } = await import('../shared/messages.ts')
    expect(contentMessageSchema.safeParse({ type: 'page-hashes', hashes: [MD5], skipped: [{ hash: MD5, kind: 'sample' }] }).success).toBe(false)
    expect(contentMessageSchema.safeParse({ type: 'page-hashes', hashes: [MD5], skipped: [{ hash: MD5 }] }).success).toBe(false)
    expect(contentMessageSchema.safeParse({ type: 'page-hashes', hashes: [MD5], skipped: Array.from({ length: 100_001 }, () => skip(MD5)) }).success).toBe(false)
    expect(contentMessageSchema.safeParse({ type: 'page-hashes', hashes: [MD5], skipped: [skip(MD5, 'commit-id')] }).success).toBe(true)
  })
})

describe('pageSettingsFor', () => {
  /** As handle() sees a message from the top frame of `pageUrl`, or from a sub-frame of it on `frameUrl`. */
  const sitesOf = (pageUrl: string | undefined, frameUrl?: string) =>
    documentSitesOf(frameUrl === undefined ? { frameId: 0, url: pageUrl } : { frameId: 1, url: frameUrl }, pageUrl)

  it('says whether the page\'s site is idle', () => {
    const settings = { ...structuredClone(DEFAULT_SETTINGS), idleSites: ['idle.example'] }
    expect(pageSettingsFor(settings, sitesOf('https://idle.example/a')).isIdleSite).toBe(true)
    expect(pageSettingsFor(settings, sitesOf('https://other.example/a')).isIdleSite).toBe(false)
    expect(pageSettingsFor(settings, sitesOf(undefined)).isIdleSite).toBe(false)
    // Per frame: an idle site's iframe in another page is idle; any frame in an idle site's page too.
    expect(pageSettingsFor(settings, sitesOf('https://other.example/a', 'https://idle.example/embed')).isIdleSite).toBe(true)
    expect(pageSettingsFor(settings, sitesOf('https://idle.example/a', 'https://other.example/embed')).isIdleSite).toBe(true)
    expect(pageSettingsFor(settings, sitesOf('https://other.example/a', 'https://other.example/embed')).isIdleSite).toBe(false)
  })

  it('never takes the host-less documents\' budget for an idle site', () => {
    const settings = { ...structuredClone(DEFAULT_SETTINGS), idleSites: [HOSTLESS_SITE] }
    expect(pageSettingsFor(settings, { frame: HOSTLESS_SITE, top: HOSTLESS_SITE }).isIdleSite).toBe(false)
  })
})
