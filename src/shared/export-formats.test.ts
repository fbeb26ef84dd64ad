import { describe, expect, it } from 'vitest'
import { neutralizeCsvCell, stateLabel, toCsv, toJson, type ExportRow } from './export-formats.ts'
import { describeHashError, describeLookupError } from './status-text.ts'
import type { HashState, Verdict } from './verdict.ts'

const MD5 = '3133c2231fcee5d6b0b4c988a5201da1'
const SHA1 = '21841b32c6165b27dddbd4d6eb3a672defe54271'
const SHA256 = '2f6edf41016e97c58f9de01aa4cc66c9c7fe7dae23fe72e50a69cbd221f55346'

const HEADER = 'hash,type,classification,threat_name,threat_level,trust_factor,scanner_match,scanner_count,first_seen,last_seen,error'

const malicious: Verdict = {
  hash: SHA1, type: 'sha1', classification: 'MALICIOUS', threatName: 'Win32.Ransomware.Tox',
  threatLevel: 5, trustFactor: 5, scannerMatch: 44, scannerCount: 47,
  firstSeen: '2015-05-30T22:04:00.000Z', lastSeen: '2021-04-19T11:10:35.000Z',
  sampleHashes: { md5: MD5, sha1: SHA1, sha256: SHA256 }, checkedAt: 0,
}

const withThreatName = (threatName: string): ExportRow => ({
  hash: SHA1, type: 'sha1', state: { state: 'verdict', verdict: { ...malicious, threatName } },
})

/** The threat_name cell (4th column) of the only data row of a CSV made from one row. */
function threatCell(row: ExportRow): string {
  const csv = toCsv([row])
  const body = csv.slice(HEADER.length + 2, -2) // drop header line and the final CRLF
  const prefix = `${SHA1},sha1,Malicious,`
  expect(body.startsWith(prefix)).toBe(true)
  const suffix = ',5,5,44,47,2015-05-30T22:04:00.000Z,2021-04-19T11:10:35.000Z,'
  expect(body.endsWith(suffix)).toBe(true)
  return body.slice(prefix.length, body.length - suffix.length)
}

describe('toCsv', () => {
  it('starts with the header line and ends every line with CRLF', () => {
    expect(toCsv([])).toBe(`${HEADER}\r\n`)
  })

  it('writes one row per hash with every verdict column', () => {
    const csv = toCsv([{ hash: SHA1, type: 'sha1', state: { state: 'verdict', verdict: malicious } }])
    expect(csv).toBe(
      `${HEADER}\r\n` +
      `${SHA1},sha1,Malicious,Win32.Ransomware.Tox,5,5,44,47,2015-05-30T22:04:00.000Z,2021-04-19T11:10:35.000Z,\r\n`,
    )
  })

  it('writes a known file’s trust factor 0 as "0", not as empty', () => {
    const known: Verdict = { hash: MD5, type: 'md5', classification: 'KNOWN', trustFactor: 0, threatLevel: 0, sampleHashes: {}, checkedAt: 0 }
    const csv = toCsv([{ hash: MD5, type: 'md5', state: { state: 'verdict', verdict: known } }])
    expect(csv.split('\r\n')[1]).toBe(`${MD5},md5,Known,,0,0,,,,,`)
  })

  it('writes errors, pending, idle and unknown states with their label and the error words', () => {
    const rows: ExportRow[] = [
      { hash: MD5, type: 'md5', state: { state: 'error', error: 'unauthorized' } },
      { hash: SHA256, type: 'sha256', state: { state: 'pending' } },
      { hash: SHA1, type: 'sha1', state: { state: 'idle' } },
      { hash: SHA1, type: 'sha1', state: undefined },
      { hash: SHA256, type: 'sha256', state: { state: 'verdict', verdict: { hash: SHA256, type: 'sha256', classification: 'NOT_FOUND', sampleHashes: {}, checkedAt: 0 } } },
    ]
    expect(toCsv(rows).split('\r\n')).toEqual([
      HEADER,
      `${MD5},md5,Error,,,,,,,,${describeLookupError('unauthorized')}`,
      `${SHA256},sha256,Looking up,,,,,,,,`,
      `${SHA1},sha1,Not looked up,,,,,,,,`,
      `${SHA1},sha1,Not looked up,,,,,,,,`,
      `${SHA256},sha256,Not found,,,,,,,,`,
      '',
    ])
  })

  it('writes an error\'s detail in the words the popup and the card use for it', () => {
    const state: HashState = { state: 'error', error: 'http-error', detail: { reason: 'http-status', status: 500 } }
    expect(toCsv([{ hash: MD5, type: 'md5', state }]).split('\r\n')[1]).toBe(`${MD5},md5,Error,,,,,,,,${describeHashError(state)}`)
    expect(describeHashError(state)).toBe('The service answered HTTP 500.')
  })

  it('every row has as many cells as the header', () => {
    const csv = toCsv([
      { hash: SHA1, type: 'sha1', state: { state: 'verdict', verdict: malicious } },
      { hash: MD5, type: 'md5', state: { state: 'error', error: 'timeout' } },
    ])
    for (const line of csv.trimEnd().split('\r\n')) expect(line.split(',')).toHaveLength(11)
  })
})

describe('toCsv: formula injection is neutralised', () => {
  it('a threat name =HYPERLINK(...) is prefixed with an apostrophe (and quoted, as it holds quotes and a comma)', () => {
    expect(threatCell(withThreatName('=HYPERLINK("https://evil.example/x","Click me")')))
      .toBe(`"'=HYPERLINK(""https://evil.example/x"",""Click me"")"`)
  })

  it.each([
    ['=', '=1+1', "'=1+1"],
    ['+', '+cmd|/C calc!A0', "'+cmd|/C calc!A0"],
    ['-', '-2+3', "'-2+3"],
    ['@', '@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['tab', '\t=1+1', "'\t=1+1"],
    ['CR', '\r=1+1', `"'\r=1+1"`],
  ])('a cell starting with %s is prefixed with an apostrophe', (_label, value, expected) => {
    expect(neutralizeCsvCell(value)).toBe(expected)
    expect(threatCell(withThreatName(value))).toBe(expected)
  })

  it('leaves ordinary text alone, including those characters later in the cell', () => {
    expect(neutralizeCsvCell('Win32.Ransomware.Tox')).toBe('Win32.Ransomware.Tox')
    expect(neutralizeCsvCell('Trojan-Spy@Win32=x+y')).toBe('Trojan-Spy@Win32=x+y')
    expect(neutralizeCsvCell('')).toBe('')
  })
})

describe('toCsv: quoting', () => {
  it('quotes a cell with a comma', () => {
    expect(neutralizeCsvCell('Win32, Trojan')).toBe('"Win32, Trojan"')
  })

  it('quotes a cell with a double quote and doubles the quote', () => {
    expect(neutralizeCsvCell('say "hi"')).toBe('"say ""hi"""')
  })

  it('quotes a cell with a newline or CR', () => {
    expect(neutralizeCsvCell('line1\nline2')).toBe('"line1\nline2"')
    expect(neutralizeCsvCell('line1\r\nline2')).toBe('"line1\r\nline2"')
  })

  it('a threat name with a comma, quotes and a newline stays one cell of its row', () => {
    expect(threatCell(withThreatName('Evil, "Inc"\nnext'))).toBe('"Evil, ""Inc""\nnext"')
  })
})

describe('toJson', () => {
  it('is an array of objects with one string field per column, in readable camelCase', () => {
    const parsed = JSON.parse(toJson([
      { hash: SHA1, type: 'sha1', state: { state: 'verdict', verdict: malicious } },
      { hash: MD5, type: 'md5', state: { state: 'error', error: 'quota-exhausted' } },
    ])) as unknown
    expect(parsed).toEqual([
      {
        hash: SHA1, type: 'sha1', classification: 'Malicious', threatName: 'Win32.Ransomware.Tox',
        threatLevel: '5', trustFactor: '5', scannerMatch: '44', scannerCount: '47',
        firstSeen: '2015-05-30T22:04:00.000Z', lastSeen: '2021-04-19T11:10:35.000Z', error: '',
      },
      {
        hash: MD5, type: 'md5', classification: 'Error', threatName: '', threatLevel: '', trustFactor: '',
        scannerMatch: '', scannerCount: '', firstSeen: '', lastSeen: '', error: describeLookupError('quota-exhausted'),
      },
    ])
  })

  it('keeps text as it is (no spreadsheet apostrophe in JSON) and escapes it as JSON', () => {
    const name = '=HYPERLINK("x")\n</script>'
    const parsed = JSON.parse(toJson([withThreatName(name)])) as { threatName: string }[]
    expect(parsed[0]!.threatName).toBe(name)
  })

  it('an empty export is an empty array', () => {
    expect(JSON.parse(toJson([]))).toEqual([])
  })
})

describe('stateLabel', () => {
  it.each([
    ['MALICIOUS', 'Malicious'],
    ['SUSPICIOUS', 'Suspicious'],
    ['KNOWN', 'Known'],
    ['UNKNOWN', 'Unknown'],
    ['NOT_FOUND', 'Not found'],
  ] as const)('a %s verdict is "%s"', (classification, label) => {
    expect(stateLabel({ state: 'verdict', verdict: { hash: SHA1, type: 'sha1', classification, sampleHashes: {}, checkedAt: 0 } })).toBe(label)
  })

  it.each([
    [{ state: 'pending' }, 'Looking up'],
    [{ state: 'error', error: 'offline' }, 'Error'],
    [{ state: 'idle' }, 'Not looked up'],
    [undefined, 'Not looked up'],
  ] as [HashState | undefined, string][])('state %o is "%s"', (state, label) => {
    expect(stateLabel(state)).toBe(label)
  })
})
