import { describe, expect, it } from 'vitest'
import { startSimulator } from '../../test/simulator/spectra-simulator.ts'
import { DEMO_AUTH, hashOf, LOOKUP_QUERY, SINGLE } from '../../test/simulator/test-client.ts'
import { filesToCsv, filesToJson, neutralizeCsvCell, stateLabel, toCsv, toJson, type ExportRow, type FileExportRow } from './export-formats.ts'
import { readSingleAnswer } from './spectra-answer.ts'
import { describeBudgetStop, describeHashError, describeLookupError, describeSkip } from './status-text.ts'
import type { HashState, Verdict } from './verdict.ts'

const MD5 = '3133c2231fcee5d6b0b4c988a5201da1'
const SHA1 = '21841b32c6165b27dddbd4d6eb3a672defe54271'
const SHA256 = '2f6edf41016e97c58f9de01aa4cc66c9c7fe7dae23fe72e50a69cbd221f55346'

const HEADER = 'hash,type,classification,threat_name,threat_level,trust_factor,scanner_match,scanner_count,first_seen,last_seen,error,not_looked_up_reason'

const malicious: Verdict = {
  hash: SHA1, type: 'sha1', classification: 'MALICIOUS', threatName: 'Win32.Ransomware.Tox',
  threatLevel: 5, trustFactor: 5, scannerMatch: 44, scannerCount: 47,
  firstSeen: '2015-05-30T22:04:00.000Z', lastSeen: '2021-04-19T11:10:35.000Z',
  sampleHashes: { md5: MD5, sha1: SHA1, sha256: SHA256 }, checkedAt: 0,
}

const withThreatName = (threatName: string): ExportRow => ({
  hash: SHA1, type: 'sha1', state: { state: 'verdict', verdict: { ...malicious, threatName } },
})

/** Reads CSV as spreadsheets do (a quote opens a field only at its start; CR, LF or CRLF ends a row), fields split on `separator`. */
function parseCsv(csv: string, separator: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let isQuoted = false
  for (let i = 0; i < csv.length; i += 1) {
    const char = csv[i]!
    if (isQuoted) {
      if (char === '"' && csv[i + 1] === '"') { field += '"'; i += 1 } else if (char === '"') isQuoted = false
      else field += char
    } else if (char === '"' && field === '') isQuoted = true
    else if (char === separator) { row.push(field); field = '' } else if (char === '\r' || char === '\n') {
      row.push(field); rows.push(row); row = []; field = ''
      if (char === '\r' && csv[i + 1] === '\n') i += 1
    } else field += char
  }
  expect(isQuoted).toBe(false)
  expect(field).toBe('')
  return rows
}

/** The threat_name cell (4th column) of the only data row of a CSV made from one row. */
function threatCell(row: ExportRow): string {
  const csv = toCsv([row])
  const body = csv.slice(HEADER.length + 2, -2) // drop header line and the final CRLF
  const prefix = `${SHA1},sha1,Malicious,`
  expect(body.startsWith(prefix)).toBe(true)
  const suffix = ',5,5,44,47,2015-05-30T22:04:00.000Z,2021-04-19T11:10:35.000Z,,'
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
      `${SHA1},sha1,Malicious,Win32.Ransomware.Tox,5,5,44,47,2015-05-30T22:04:00.000Z,2021-04-19T11:10:35.000Z,,\r\n`,
    )
  })

  it('writes a known file’s trust factor 0 as "0", not as empty', () => {
    const known: Verdict = { hash: MD5, type: 'md5', classification: 'KNOWN', trustFactor: 0, threatLevel: 0, sampleHashes: {}, checkedAt: 0 }
    const csv = toCsv([{ hash: MD5, type: 'md5', state: { state: 'verdict', verdict: known } }])
    expect(csv.split('\r\n')[1]).toBe(`${MD5},md5,Known,,0,0,,,,,,`)
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
      `${MD5},md5,Error,,,,,,,,${describeLookupError('unauthorized')},`,
      `${SHA256},sha256,Looking up,,,,,,,,,`,
      `${SHA1},sha1,Not looked up,,,,,,,,,`,
      `${SHA1},sha1,Not looked up,,,,,,,,,`,
      `${SHA256},sha256,Not found,,,,,,,,,`,
      '',
    ])
  })

  it('writes an error\'s detail in the words the popup and the card use for it', () => {
    const state: HashState = { state: 'error', error: 'http-error', detail: { reason: 'http-status', status: 500 } }
    expect(toCsv([{ hash: MD5, type: 'md5', state }]).split('\r\n')[1]).toBe(`${MD5},md5,Error,,,,,,,,${describeHashError(state)},`)
    expect(describeHashError(state)).toBe('The service answered HTTP 500.')
  })

  it('says why an idle hash was not looked up: its context, or the budget that stopped it', () => {
    const stop = { budget: 'site', site: 'example.com', resetsAt: Date.UTC(2026, 11, 3) } as const
    const lines = toCsv([
      { hash: SHA1, type: 'sha1', state: { state: 'idle', skippedAs: 'commit-id' } },
      { hash: MD5, type: 'md5', state: { state: 'idle', stoppedBy: stop } },
    ]).split('\r\n')
    expect(lines[1]).toBe(`${SHA1},sha1,Not looked up,,,,,,,,,${describeSkip('commit-id')}`)
    expect(describeSkip('commit-id')).toBe('Not looked up: looks like a commit id')
    expect(lines[2]).toBe(`${MD5},md5,Not looked up,,,,,,,,,${neutralizeCsvCell(describeBudgetStop(stop))}`)
    expect(describeBudgetStop(stop)).toContain('example.com')
  })

  it('every row has as many cells as the header', () => {
    const csv = toCsv([
      { hash: SHA1, type: 'sha1', state: { state: 'verdict', verdict: malicious } },
      { hash: MD5, type: 'md5', state: { state: 'error', error: 'timeout' } },
    ])
    for (const line of csv.trimEnd().split('\r\n')) expect(line.split(',')).toHaveLength(12)
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
    ['tab', '\t=1+1', `"'\t'=1+1"`],
    ['CR', '\r=1+1', `"'\r'=1+1"`],
    ['LF', '\n=1+1', `"'\n'=1+1"`],
    ['a lone tab', '\tx', `"'\tx"`],
    ['full-width =', '\uFF1D1+1', "'\uFF1D1+1"],
    ['full-width +', '\uFF0Bcmd|/C calc!A0', "'\uFF0Bcmd|/C calc!A0"],
    ['full-width -', '\uFF0D2+3', "'\uFF0D2+3"],
    ['full-width @', '\uFF20SUM(A1:A9)', "'\uFF20SUM(A1:A9)"],
  ])('a cell starting with %s is prefixed with an apostrophe', (_label, value, expected) => {
    expect(neutralizeCsvCell(value)).toBe(expected)
    expect(threatCell(withThreatName(value))).toBe(expected)
  })

  it.each([
    ['spaces', '  =1+1', "'  =1+1"],
    ['a space before +', ' +1', "' +1"],
    ['a no-break space', '\u00A0-2+3', "'\u00A0-2+3"],
    ['an ideographic space before a full-width =', '\u3000\uFF1D1+1', "'\u3000\uFF1D1+1"],
    ['a space and a tab', ' \t@SUM(A1)', `"' \t'@SUM(A1)"`],
    ['a line break', '\r\n=1+1', `"'\r\n'=1+1"`],
  ])('a formula start after %s is prefixed with an apostrophe too', (_label, value, expected) => {
    expect(neutralizeCsvCell(value)).toBe(expected)
    expect(threatCell(withThreatName(value))).toBe(expected)
  })

  it('leaves ordinary text alone, including those characters later in the cell', () => {
    expect(neutralizeCsvCell('Win32.Ransomware.Tox')).toBe('Win32.Ransomware.Tox')
    expect(neutralizeCsvCell('Trojan-Spy@Win32=x+y')).toBe('Trojan-Spy@Win32=x+y')
    expect(neutralizeCsvCell('')).toBe('')
    expect(neutralizeCsvCell('  Win32 Trojan')).toBe('  Win32 Trojan')
    expect(neutralizeCsvCell('Win32\uFF1DTrojan')).toBe('Win32\uFF1DTrojan')
  })

  it.each([
    ['a semicolon', 'Win32;=1+1', `"Win32;'=1+1"`],
    ['a semicolon and spaces', 'Win32;  -2+3', `"Win32;'  -2+3"`],
    ['a semicolon and a quote', 'Win32; "=1+1', `"Win32;' ""=1+1"`],
    ['a tab', 'Win32\t+1', `"Win32\t'+1"`],
    ['a semicolon and a tab', 'Win32;\t@SUM(A1)', `"Win32;\t'@SUM(A1)"`],
    ['a line feed', 'Win32\n\uFF1D1+1', `"Win32\n'\uFF1D1+1"`],
    ['a CR', 'Win32\r=1+1', `"Win32\r'=1+1"`],
  ])('a formula start after %s inside the cell is prefixed with an apostrophe there', (_label, value, expected) => {
    expect(neutralizeCsvCell(value)).toBe(expected)
    expect(threatCell(withThreatName(value))).toBe(expected)
  })

  it('leaves a formula start after a comma inside the cell to the quotes, which every comma parser honours', () => {
    expect(neutralizeCsvCell('Win32,=1+1')).toBe('"Win32,=1+1"')
  })
})

describe('toCsv: quoting', () => {
  it('quotes a cell with a comma', () => {
    expect(neutralizeCsvCell('Win32, Trojan')).toBe('"Win32, Trojan"')
  })

  it('quotes a cell with a double quote and doubles the quote', () => {
    expect(neutralizeCsvCell('say "hi"')).toBe('"say ""hi"""')
  })

  it('quotes a cell with a semicolon (the separator where the decimal mark is a comma)', () => {
    expect(neutralizeCsvCell('Win32;Trojan')).toBe('"Win32;Trojan"')
  })

  it('quotes a cell with a tab (the separator of tab-separated imports)', () => {
    expect(neutralizeCsvCell('Win32\tTrojan')).toBe('"Win32\tTrojan"')
  })

  it('quotes a cell with a newline or CR', () => {
    expect(neutralizeCsvCell('line1\nline2')).toBe('"line1\nline2"')
    expect(neutralizeCsvCell('line1\r\nline2')).toBe('"line1\r\nline2"')
  })

  it('a threat name with a comma, quotes and a newline stays one cell of its row', () => {
    expect(threatCell(withThreatName('Evil, "Inc"\nnext'))).toBe('"Evil, ""Inc""\nnext"')
  })
})

const FORMULA_AT_CELL_START = /^[\s"]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/

describe('toCsv: a hostile threat name in the simulator\'s answer', () => {
  it.each([
    ['a semicolon and a formula', 'Win32.Trojan;=HYPERLINK(A1);x', "Win32.Trojan;'=HYPERLINK(A1);x"],
    ['a formula after spaces', '  =cmd|\' /C calc\'!A0', "'  =cmd|' /C calc'!A0"],
    ['a formula after a tab and a line break', '\t\n+SUM(1,1)', "'\t\n'+SUM(1,1)"],
    ['a full-width formula start', '\uFF20SUM(1;1)', "'\uFF20SUM(1;1)"],
  ])('a threat name with %s is one cell, and no separator makes a formula of it', async (_label, threatName, expectedText) => {
    const hash = hashOf('sha1', '0')
    const simulator = await startSimulator({ records: { [hash]: { threat_name: threatName } } })
    try {
      const response = await fetch(`${simulator.url}${SINGLE}/sha1/${hash}?${LOOKUP_QUERY}`, { headers: { Authorization: DEMO_AUTH } })
      const reading = readSingleAnswer(await response.json(), 0)
      if (!reading?.ok) throw new Error('the simulator\'s answer did not read as a verdict')
      expect(reading.verdict.threatName).toBe(threatName)
      const csv = toCsv([{ hash, type: 'sha1', state: { state: 'verdict', verdict: reading.verdict } }])
      const rows = parseCsv(csv, ',')
      expect(rows.map((row) => row.length)).toEqual([12, 12])
      expect(rows[1]![3]).toBe(expectedText)
      for (const separator of [',', ';', '\t']) {
        for (const cell of parseCsv(csv, separator).flat()) expect(cell).not.toMatch(FORMULA_AT_CELL_START)
      }
    } finally {
      await simulator.close()
    }
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
        firstSeen: '2015-05-30T22:04:00.000Z', lastSeen: '2021-04-19T11:10:35.000Z', error: '', notLookedUpReason: '',
      },
      {
        hash: MD5, type: 'md5', classification: 'Error', threatName: '', threatLevel: '', trustFactor: '',
        scannerMatch: '', scannerCount: '', firstSeen: '', lastSeen: '', error: describeLookupError('quota-exhausted'), notLookedUpReason: '',
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

describe('filesToCsv and filesToJson (checked files, issue 16)', () => {
  const file = (name: string, state: HashState | undefined = { state: 'verdict', verdict: { ...malicious, hash: SHA256, type: 'sha256' } }): FileExportRow => ({
    name, size: 52_428_800, hashes: { md5: MD5, sha1: SHA1, sha256: SHA256 }, state,
  })

  it('writes the file\'s name, size and three hashes, then the page export\'s verdict columns', () => {
    const lines = filesToCsv([file('report.pdf')]).split('\r\n')
    expect(lines[0]).toBe(`file_name,size,md5,sha1,sha256,${HEADER.split(',').slice(2).join(',')}`)
    expect(lines[1]).toBe(`report.pdf,52428800,${MD5},${SHA1},${SHA256},Malicious,Win32.Ransomware.Tox,5,5,44,47,2015-05-30T22:04:00.000Z,2021-04-19T11:10:35.000Z,,`)
    expect(lines[2]).toBe('')
  })

  it('neutralises and quotes a file name as any cell: a name is the sender\'s choice', () => {
    const rows = parseCsv(filesToCsv([file('=HYPERLINK("http://evil.example","x"),.exe'), file('a;b.txt', { state: 'pending' })]), ',')
    expect(rows[1]![0]).toBe(`'=HYPERLINK("http://evil.example","x"),.exe`)
    expect(rows[2]![0]).toBe('a;b.txt')
    expect(rows[2]![5]).toBe(stateLabel({ state: 'pending' }))
    for (const row of rows) expect(row).toHaveLength(15)
  })

  it('gives JSON the same fields, the size as a number', () => {
    expect(JSON.parse(filesToJson([file('x.bin')]))).toEqual([{
      name: 'x.bin', size: 52_428_800, md5: MD5, sha1: SHA1, sha256: SHA256, classification: 'Malicious', threatName: 'Win32.Ransomware.Tox',
      threatLevel: '5', trustFactor: '5', scannerMatch: '44', scannerCount: '47', firstSeen: '2015-05-30T22:04:00.000Z',
      lastSeen: '2021-04-19T11:10:35.000Z', error: '', notLookedUpReason: '',
    }])
  })
})
