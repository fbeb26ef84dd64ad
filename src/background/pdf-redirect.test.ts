import { describe, expect, it, vi } from 'vitest'

vi.mock('webextension-polyfill', () => ({ default: { runtime: { getURL: (path: string) => `chrome-extension://dyn-1/${path}` } } }))
const { pdfRedirectRules, syncPdfRedirect } = await import('./pdf-redirect.ts')
const { fileOfViewerQuery } = await import('../shared/pdf-viewer-files.ts')

const VIEWER = 'chrome-extension://0b45b7d0-a272-4d0c-b9d4-1ec80fde7cf6/src/pdf/viewer.html'

/** What the browser does with a rule's regexSubstitution: `\0` is the whole address matched. */
function redirected(rule: chrome.declarativeNetRequest.Rule, url: string): string | null {
  const pattern = new RegExp(rule.condition.regexFilter!, rule.condition.isUrlFilterCaseSensitive === false ? 'i' : '')
  if (!pattern.test(url)) return null
  return rule.action.redirect!.regexSubstitution!.replace('\\0', url)
}

describe('the PDF redirect\'s rules', () => {
  const rules = pdfRedirectRules(VIEWER)
  const [attachment, web, file] = rules

  it('send a tab\'s PDF, by its answer\'s type, to the viewer, which reads back the same address', () => {
    expect(web!.condition.resourceTypes).toEqual(['main_frame'])
    expect(web!.condition.responseHeaders).toEqual([{ header: 'content-type', values: ['application/pdf', 'application/pdf;*'] }])
    const address = 'https://reports.example/get?id=7&format=pdf'
    const target = redirected(web!, address)!
    expect(target.startsWith(`${VIEWER}?`)).toBe(true)
    expect(fileOfViewerQuery(new URL(target).search)).toBe(address)
    expect(redirected(web!, 'ftp://reports.example/a.pdf')).toBeNull()
  })

  it('leave a download a download, and a form\'s answer to the browser', () => {
    expect(attachment!.action.type).toBe('allow')
    expect(attachment!.priority).toBeGreaterThan(web!.priority!)
    expect(attachment!.condition.responseHeaders).toEqual([{ header: 'content-disposition', values: ['attachment*'] }])
    expect(web!.condition.excludedRequestMethods).toEqual(['post'])
  })

  it('take a file by its name, whatever its case, as a file has no headers', () => {
    expect(redirected(file!, 'file:///home/analyst/Reports/APT.PDF')).toBe(`${VIEWER}?DNR:file:///home/analyst/Reports/APT.PDF`)
    expect(redirected(file!, 'file:///home/analyst/notes.txt')).toBeNull()
    expect(file!.condition.responseHeaders).toBeUndefined()
  })

  it('leave alone an idle site\'s PDFs and the navigations its pages start, naming only hosts the browser takes', () => {
    const [, idleWeb] = pdfRedirectRules(VIEWER, ['mail.example', 'Not A Host', '[::1]', '10.0.0.7'])
    expect(idleWeb!.condition.excludedRequestDomains).toEqual(['mail.example', '10.0.0.7'])
    expect(idleWeb!.condition.excludedInitiatorDomains).toEqual(['mail.example', '10.0.0.7'])
    expect(web!.condition.excludedRequestDomains).toBeUndefined()
  })

  it('have distinct ids', () => {
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length)
  })
})

describe('syncPdfRedirect', () => {
  function sessionRules(present: number[]) {
    return {
      getSessionRules: vi.fn(async () => present.map((id) => ({ id }) as chrome.declarativeNetRequest.Rule)),
      updateSessionRules: vi.fn(async (_options: chrome.declarativeNetRequest.UpdateRuleOptions) => undefined),
    }
  }

  it('replaces whatever session rules there were with the redirect\'s, or with none when off', async () => {
    const api = sessionRules([1, 2, 3])
    await syncPdfRedirect(api as never, true, VIEWER, ['mail.example'])
    expect(api.updateSessionRules).toHaveBeenCalledWith({ removeRuleIds: [1, 2, 3], addRules: pdfRedirectRules(VIEWER, ['mail.example']) })
    await syncPdfRedirect(api as never, false, VIEWER, [])
    expect(api.updateSessionRules).toHaveBeenLastCalledWith({ removeRuleIds: [1, 2, 3], addRules: [] })
  })

  it('does nothing where the browser gives HashLens no declarativeNetRequest (Firefox)', async () => {
    await expect(syncPdfRedirect(undefined, true, VIEWER, [])).resolves.toBeUndefined()
  })
})
