import { describe, expect, it } from 'vitest'
import { readRha1Answer, readXrefAnswer, rha1TypeOf } from './sample-details.ts'

// Fields as in demisto/content Packs/ReversingLabs_Titanium_Cloud/.../test_data/av_scanners_report.json (trimmed by hand).
const xrefAnswer = {
  rl: {
    sample: {
      sha1: '21841b32c6165b27dddbd4d6eb3a672defe54271',
      first_seen_on: '2015-05-30T22:04:00',
      last_scanned_on: '2021-06-17T14:17:00',
      last_seen_on: '2021-06-17T14:17:00',
      single_scan: false,
      first_scanned_on: '2015-05-30T22:04:00',
      sample_type: 'PE32 executable (GUI) Intel 80386 (stripped to external PDB), for MS Windows, UPX compressed',
      sample_size: 636416,
      xref: [{
        scanner_match: 41,
        scanner_count: 47,
        scanners: [{ timestamp: '2021-06-17T11:40:00', version: 'ahnscan-console.zip', name: 'ahnlab' }],
        scanned_on: '2021-06-17T14:17:00',
        results: [
          { scanner: 'malwarebytes', result: '' },
          { scanner: 'ahnlab', result: '[TROJAN] Trojan/Win32.Toxic.R150440' },
          { scanner: 'microsoft', result: 'Ransom:Win32/Tocrypt.B' },
        ],
      }],
      sha256: '2f6edf41016e97c58f9de01aa4cc66c9c7fe7dae23fe72e50a69cbd221f55346',
      md5: '3133c2231fcee5d6b0b4c988a5201da1',
    },
  },
}

// Fields as in .../test_data/rha1_analytics_report.json.
const rha1Answer = {
  rl: {
    rha1_counters: {
      sha1: '21841b32c6165b27dddbd4d6eb3a672defe54271',
      rha1_type: 'pe01',
      rha1_first_seen: '2015-05-26T03:53:56',
      rha1_last_seen: '2020-04-20T00:42:11',
      sample_counters: { known: 0, malicious: 144, suspicious: 0, total: 144 },
      sample_metadata: { classification: 'MALICIOUS', sample_type: 'PE/Exe/UPX', last_seen: '2021-04-19T11:10:35.567000' },
    },
  },
}

describe('readXrefAnswer', () => {
  it('reads the type, size, dates, counts and each engine\'s detection name, detections first', () => {
    expect(readXrefAnswer(xrefAnswer)).toEqual({
      sampleType: 'PE32 executable (GUI) Intel 80386 (stripped to external PDB), for MS Windows, UPX compressed',
      sampleSize: 636416,
      firstSeen: '2015-05-30T22:04:00.000Z',
      lastScanned: '2021-06-17T14:17:00.000Z',
      scannerCount: 47,
      scannerMatch: 41,
      results: [
        { engine: 'ahnlab', detection: '[TROJAN] Trojan/Win32.Toxic.R150440' },
        { engine: 'microsoft', detection: 'Ransom:Win32/Tocrypt.B' },
        { engine: 'malwarebytes', detection: '' },
      ],
    })
  })

  it('keeps what it can of odd fields and drops odd results, without throwing', () => {
    const odd = { rl: { sample: { sample_type: 42, sample_size: 'big', xref: [{ results: [{ scanner: 'a', result: 'X' }, 'junk', { result: 'no name' }] }, null] } } }
    expect(readXrefAnswer(odd)).toEqual({ results: [{ engine: 'a', detection: 'X' }] })
  })

  it('picks the latest scan when several are listed', () => {
    const two = { rl: { sample: { xref: [
      { scanned_on: '2020-01-01T00:00:00', scanner_count: 10, results: [] },
      { scanned_on: '2021-01-01T00:00:00', scanner_count: 20, results: [] },
    ] } } }
    expect(readXrefAnswer(two)?.scannerCount).toBe(20)
  })

  it('says null for what is not an XREF answer', () => {
    for (const body of [null, 'text', {}, { rl: {} }, { rl: { sample: 'x' } }, []]) expect(readXrefAnswer(body)).toBeNull()
  })
})

describe('readRha1Answer', () => {
  it('reads the counts by classification and the group\'s first and last seen', () => {
    expect(readRha1Answer(rha1Answer)).toEqual({
      rha1Type: 'pe01',
      firstSeen: '2015-05-26T03:53:56.000Z',
      lastSeen: '2020-04-20T00:42:11.000Z',
      counts: { known: 0, malicious: 144, suspicious: 0, total: 144 },
    })
  })

  it('drops counts of the wrong type and says null for another shape', () => {
    expect(readRha1Answer({ rl: { rha1_counters: { sample_counters: { malicious: '144', total: -1, known: 3 } } } }))
      .toEqual({ counts: { known: 3 } })
    expect(readRha1Answer({ rl: { entries: [] } })).toBeNull()
    expect(readRha1Answer(undefined)).toBeNull()
  })
})

describe('rha1TypeOf', () => {
  it('maps every key of the SDK\'s RHA1_TYPE_MAP', () => {
    const map = {
      'PE': 'pe01', 'PE+': 'pe01', 'PE16': 'pe01', 'PE32': 'pe01', 'PE32+': 'pe01',
      'MachO32 Big': 'macho01', 'MachO32 Little': 'macho01', 'MachO64 Big': 'macho01', 'MachO64 Little': 'macho01',
      'ELF32 Big': 'elf01', 'ELF32 Little': 'elf01', 'ELF64 Big': 'elf01', 'ELF64 Little': 'elf01',
    }
    for (const [type, rha1] of Object.entries(map)) expect(rha1TypeOf(type), type).toBe(rha1)
  })

  it('maps the libmagic text XREF gives', () => {
    expect(rha1TypeOf('PE32 executable (GUI) Intel 80386, for MS Windows')).toBe('pe01')
    expect(rha1TypeOf('PE32+ executable (DLL) x86-64, for MS Windows')).toBe('pe01')
    expect(rha1TypeOf('ELF 64-bit LSB executable, x86-64')).toBe('elf01')
    expect(rha1TypeOf('Mach-O 64-bit x86_64 executable')).toBe('macho01')
  })

  it('offers nothing for other or unknown types', () => {
    for (const type of [undefined, '', 'PDF document, version 1.4', 'Zip archive data', 'PEM certificate', 'ELFish text', 'data']) {
      expect(rha1TypeOf(type), String(type)).toBeNull()
    }
  })
})
