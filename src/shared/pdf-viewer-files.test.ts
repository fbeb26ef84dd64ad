import { describe, expect, it } from 'vitest'
import { fileOfViewerQuery, isPdfSourceUrl, viewerQueryFor } from './pdf-viewer-files.ts'

describe('the viewer\'s query', () => {
  it('names a document encoded, and reads it back whole: its own query, fragment and plus signs too', () => {
    const file = 'https://reports.example/get?id=7&name=a+b%20c.pdf#page=2'
    expect(viewerQueryFor(file)).toBe(`?file=${encodeURIComponent(file)}`)
    expect(fileOfViewerQuery(viewerQueryFor(file))).toBe(file)
  })

  it('reads a redirected navigation\'s address as it was, unencoded, up to the query\'s end', () => {
    expect(fileOfViewerQuery('?DNR:https://reports.example/get?id=7&format=pdf')).toBe('https://reports.example/get?id=7&format=pdf')
    expect(fileOfViewerQuery('?DNR:file:///home/analyst/report.pdf')).toBe('file:///home/analyst/report.pdf')
  })

  it('names no document without either form', () => {
    expect(fileOfViewerQuery('')).toBeNull()
    expect(fileOfViewerQuery('?DNR:')).toBeNull()
    expect(fileOfViewerQuery('?other=1')).toBeNull()
  })
})

describe('what the viewer can open', () => {
  it('is a web or disk address, not one of the browser\'s, an extension\'s, a blob: or a script', () => {
    expect(['https://a.example/r.pdf', 'http://127.0.0.1:8/r', 'file:///tmp/r.pdf'].map(isPdfSourceUrl)).toEqual([true, true, true])
    expect(['chrome://settings', 'chrome-extension://x/y.pdf', 'blob:https://a.example/1', 'javascript:alert(1)', 'data:application/pdf,x', 'https://']
      .map(isPdfSourceUrl)).toEqual([false, false, false, false, false, false])
  })
})
