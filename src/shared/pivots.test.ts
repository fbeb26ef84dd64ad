import { describe, expect, it } from 'vitest'
import {
  analyzePivotOf, mergePivots, pivotLinksFor, pivotListSchema, pivotPolicySchema, pivotProblemsOf, readPivots, type Pivot,
} from './pivots.ts'

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e'
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
const ANALYZE: Pivot = { name: 'Spectra Analyze', urlTemplate: 'https://a1000.example.com/{hash}/' }
const VT: Pivot = { name: 'VirusTotal', urlTemplate: 'https://www.virustotal.com/gui/file/{hash}' }

describe('pivotLinksFor', () => {
  it('fills {hash} and {type} (from the hash length) into each template', () => {
    const typed: Pivot = { name: 'Typed', urlTemplate: 'https://tools.example/{type}/{hash}?again={hash}' }
    expect(pivotLinksFor([ANALYZE, typed], SHA256)).toEqual([
      { name: 'Spectra Analyze', url: `https://a1000.example.com/${SHA256}/` },
      { name: 'Typed', url: `https://tools.example/sha256/${SHA256}?again=${SHA256}` },
    ])
    expect(pivotLinksFor([typed], MD5)[0]!.url).toBe(`https://tools.example/md5/${MD5}?again=${MD5}`)
    expect(pivotLinksFor([typed], SHA1)[0]!.url).toBe(`https://tools.example/sha1/${SHA1}?again=${SHA1}`)
  })

  it('URL-encodes the hash, so what is no hex cannot add a path, a query or another host', () => {
    const hostile = `${'a'.repeat(57)}/?#@x.y`
    const [link] = pivotLinksFor([{ name: 'X', urlTemplate: 'https://tools.example/s?q={hash}' }], hostile)
    expect(link!.url).toBe(`https://tools.example/s?q=${'a'.repeat(57)}%2F%3F%23%40x.y`)
    expect(new URL(link!.url).host).toBe('tools.example')
  })

  it('gives nothing for a string of no hash length', () => {
    expect(pivotLinksFor([ANALYZE], 'abc')).toEqual([])
    expect(pivotLinksFor([ANALYZE], '')).toEqual([])
  })

  it('skips an entry that is no valid pivot and keeps the others', () => {
    const bad = [{ name: 'JS', urlTemplate: 'javascript:alert("{hash}")' }, { name: 'Data', urlTemplate: 'data:text/html,{hash}' }]
    expect(pivotLinksFor([...bad, VT], MD5)).toEqual([{ name: 'VirusTotal', url: `https://www.virustotal.com/gui/file/${MD5}` }])
  })

  it('gives no link past the tenth', () => {
    const many = Array.from({ length: 12 }, (_, index) => ({ name: `P${index}`, urlTemplate: `https://p${index}.example/{hash}` }))
    expect(pivotLinksFor(many, MD5).map((link) => link.name)).toEqual(many.slice(0, 10).map((pivot) => pivot.name))
  })
})

describe('pivotProblemsOf: hostile and broken rows', () => {
  it('accepts an http(s) URL template with {hash}', () => {
    expect(pivotProblemsOf(ANALYZE)).toEqual([])
    expect(pivotProblemsOf({ name: 'Local', urlTemplate: 'http://127.0.0.1:8080/{type}/{hash}' })).toEqual([])
  })

  it('refuses javascript:, data:, file: and extension pages, in so many words', () => {
    for (const urlTemplate of ['javascript:alert("{hash}")', 'JavaScript:void({hash})', 'data:text/html,<b>{hash}</b>', 'file:///etc/{hash}',
      'chrome-extension://abc/page.html?{hash}']) {
      expect(pivotProblemsOf({ name: 'X', urlTemplate }), urlTemplate).toEqual(['The URL template must start with https:// or http://.'])
    }
  })

  it('refuses a template without {hash}, and one that is no absolute URL', () => {
    expect(pivotProblemsOf({ name: 'X', urlTemplate: 'https://tools.example/search' })).toEqual(['The URL template must contain {hash}.'])
    expect(pivotProblemsOf({ name: 'X', urlTemplate: '/sample/{hash}' })).toEqual([
      'The URL template is not a full web address, such as https://analyze.example.com/sample/{hash}.',
    ])
    expect(pivotProblemsOf({ name: 'X', urlTemplate: `https://tools.example/${'x'.repeat(2000)}{hash}` }))
      .toEqual(['The URL template is longer than 2000 characters.'])
  })

  it('refuses an empty or over-long name, and says both problems of a row', () => {
    expect(pivotProblemsOf({ name: '   ', urlTemplate: VT.urlTemplate })).toEqual(['Give this pivot a name.'])
    expect(pivotProblemsOf({ name: 'n'.repeat(41), urlTemplate: 'ftp://x/{hash}' })).toEqual([
      'The name is longer than 40 characters.', 'The URL template must start with https:// or http://.',
    ])
    expect(pivotProblemsOf({ name: 'n'.repeat(40), urlTemplate: VT.urlTemplate })).toEqual([])
  })

  it('names what is no pivot at all', () => {
    expect(pivotProblemsOf('https://x/{hash}').length).toBeGreaterThan(0)
    expect(pivotProblemsOf({ name: 42, urlTemplate: VT.urlTemplate }).length).toBe(1)
  })
})

describe('pivotListSchema: what the options page may save', () => {
  it('takes up to ten valid pivots, trimmed', () => {
    expect(pivotListSchema.parse([{ name: ' VirusTotal ', urlTemplate: ` ${VT.urlTemplate} ` }])).toEqual([VT])
    const ten = Array.from({ length: 10 }, (_, index) => ({ name: `P${index}`, urlTemplate: `https://p${index}.example/{hash}` }))
    expect(pivotListSchema.safeParse(ten).success).toBe(true)
  })

  it('refuses an eleventh, and any one bad row, naming its place', () => {
    const eleven = Array.from({ length: 11 }, (_, index) => ({ name: `P${index}`, urlTemplate: `https://p${index}.example/{hash}` }))
    expect(pivotListSchema.safeParse(eleven).error?.issues.map((issue) => issue.message)).toEqual(['pivotTooMany'])
    const result = pivotListSchema.safeParse([VT, { name: 'JS', urlTemplate: 'javascript:{hash}' }])
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([[1, 'urlTemplate']])
  })
})

describe('readPivots: policy and stored lists nobody can fix on the spot', () => {
  it('drops each bad entry alone, says why, and keeps every good one in order', () => {
    const { pivots, problems } = readPivots([
      ANALYZE, { name: 'JS', urlTemplate: 'javascript:alert("{hash}")' }, 'not a pivot', { name: 'x'.repeat(41), urlTemplate: VT.urlTemplate },
      { name: 'No hash', urlTemplate: 'https://tools.example/' }, VT,
    ])
    expect(pivots).toEqual([ANALYZE, VT])
    expect(problems).toEqual([
      'Pivot 2 left out: The URL template must start with https:// or http://.',
      expect.stringMatching(/^Pivot 3 left out: /),
      'Pivot 4 left out: The name is longer than 40 characters.',
      'Pivot 5 left out: The URL template must contain {hash}.',
    ])
  })

  it('keeps the first ten and says the others were too many', () => {
    const twelve = Array.from({ length: 12 }, (_, index) => ({ name: `P${index}`, urlTemplate: `https://p${index}.example/{hash}` }))
    const { pivots, problems } = readPivots(twelve)
    expect(pivots).toEqual(twelve.slice(0, 10))
    expect(problems).toEqual(['Pivot 11 left out: At most 10 pivots.', 'Pivot 12 left out: At most 10 pivots.'])
  })

  it('reads what is no list as none', () => {
    expect(readPivots(undefined)).toEqual({ pivots: [], problems: [] })
    expect(readPivots({ name: 'X' }).pivots).toEqual([])
    expect(readPivots('https://x/{hash}').problems).toHaveLength(1)
  })

  it('is how policy is read: an entry of the wrong shape costs the others nothing', () => {
    expect(pivotPolicySchema.parse([{ name: 1, urlTemplate: 2 }, null, VT, { name: 'Data', urlTemplate: 'data:,{hash}' }])).toEqual([VT])
    expect(pivotPolicySchema.safeParse('https://x/{hash}').success).toBe(false)
  })
})

describe('the Spectra Analyze link of older versions', () => {
  it('is a pivot named Spectra Analyze, when it is a usable template', () => {
    expect(analyzePivotOf(' https://a1000.example.com/{hash}/ ')).toEqual(ANALYZE)
    for (const unusable of ['', '   ', 'javascript:alert("{hash}")', 'not a url', 'https://a1000.example.com/', 42, undefined]) {
      expect(analyzePivotOf(unusable), String(unusable)).toBeNull()
    }
  })

  it('goes first when merged, once, within ten', () => {
    expect(mergePivots([ANALYZE], [VT])).toEqual([ANALYZE, VT])
    expect(mergePivots([ANALYZE], [{ name: 'A1000', urlTemplate: ANALYZE.urlTemplate }, VT])).toEqual([ANALYZE, VT])
    const ten = Array.from({ length: 10 }, (_, index) => ({ name: `P${index}`, urlTemplate: `https://p${index}.example/{hash}` }))
    expect(mergePivots([ANALYZE], ten)).toEqual([ANALYZE, ...ten.slice(0, 9)])
  })
})
