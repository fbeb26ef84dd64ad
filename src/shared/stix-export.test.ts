/**
 * The STIX export against the STIX 2.1 specification's rules (OASIS Standard, 10 June 2021,
 * https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html), section by section: no STIX
 * validator can be installed here (issue 14).
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { ExportRow, FileExportRow } from './export-formats.ts'
import type { Verdict } from './verdict.ts'
import { MALWARE_RESULT, STIX_PRODUCT, canonicalJson, fileId, filesToStixBundle, toStixBundle, uuidV5 } from './stix-export.ts'

const MD5 = '44d88612fea8a8f36de82e1278abb02f' // EICAR's
const SHA1 = '3395856ce81f2b7382dee72602f798b642f14140'
const SHA256 = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f'
const CHECKED_AT = Date.UTC(2026, 11, 2, 9, 30, 0, 0)
const NOW = Date.UTC(2026, 11, 2, 12, 0, 0, 5)

function verdictRow(hash: string, type: string, change: Partial<Verdict> = {}): ExportRow {
  const verdict: Verdict = {
    hash, type: type as Verdict['type'], classification: 'MALICIOUS', threatName: 'Script-Win32.Test.EICAR',
    sampleHashes: { md5: MD5, sha1: SHA1, sha256: SHA256 }, checkedAt: CHECKED_AT, ...change,
  }
  return { hash, type, state: { state: 'verdict', verdict } }
}

function counter(): () => string {
  let n = 0
  return () => `00000000-0000-4000-8000-${(++n).toString().padStart(12, '0')}`
}

async function bundleOf(rows: ExportRow[], options: { includePageAddress?: boolean; pageUrl?: string } = {}) {
  const text = await toStixBundle(rows, { includePageAddress: false, ...options, now: () => NOW, randomUuid: counter() })
  return { text, bundle: JSON.parse(text) as { type: string; id: string; objects: Array<Record<string, unknown>> } }
}

/** §2.9: identifier = object-type--UUID; UUIDv4 for SDOs/SROs/bundles, v5 for SCOs made deterministic. */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
function uuidOf(id: unknown, type: string): string {
  expect(id).toMatch(new RegExp(`^${type}--`))
  return String(id).slice(type.length + 2)
}
/** §2.16.1: RFC 3339, UTC `Z`; created/modified (§3.2) with at least millisecond precision. */
const TIMESTAMP_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** An independent RFC 4122 §4.3 implementation (Node's hash, bytes by hand) to check ours against. */
function referenceUuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-')
}

describe('UUIDv5 and canonical JSON (RFC 4122 §4.3, RFC 8785)', () => {
  it('gives the published example: uuid5(NAMESPACE_DNS, "python.org") in the Python uuid docs', async () => {
    expect(await uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d')
  })

  it('agrees with an independent implementation, also on non-ASCII names', async () => {
    for (const name of ['', '{"hashes":{"MD5":"x"}}', 'Ünïcødé ✓ 𝄞']) {
      expect(await uuidV5('00abedb4-aa42-466c-9c01-fed23315a9b7', name)).toBe(referenceUuidV5('00abedb4-aa42-466c-9c01-fed23315a9b7', name))
    }
  })

  it('sorts keys and writes no whitespace (RFC 8785 §3.2)', () => {
    expect(canonicalJson({ b: 1, a: { d: 'x', c: [true, null] } })).toBe('{"a":{"c":[true,null],"d":"x"},"b":1}')
  })
})

describe('file SCO (§6.7, deterministic id §2.9)', () => {
  it('id is UUIDv5 in the STIX namespace over the canonical {"hashes":{"MD5":…}}, MD5 preferred over SHA-1 and SHA-256 (§6.7.1)', async () => {
    // Derived independently: Python's uuid.uuid5 with json.dumps(sort_keys=True, separators=(',',':')).
    expect(await fileId({ MD5, 'SHA-1': SHA1, 'SHA-256': SHA256 })).toBe('file--5a0c55a1-48a3-5003-9776-42946d1054cb')
    const expected = referenceUuidV5('00abedb4-aa42-466c-9c01-fed23315a9b7', `{"hashes":{"SHA-1":"${SHA1}"}}`)
    expect(await fileId({ 'SHA-1': SHA1, 'SHA-256': SHA256 })).toBe(`file--${expected}`)
  })

  it('has the required properties, hash-algorithm-ov keys, all the sample\'s hashes (§6.7.1, §10.7)', async () => {
    const { bundle } = await bundleOf([verdictRow(SHA256, 'sha256')])
    const file = bundle.objects.find((object) => object.type === 'file')!
    expect(file.spec_version).toBe('2.1')
    expect(uuidOf(file.id, 'file')).toMatch(UUID_V5)
    expect(file.hashes).toEqual({ MD5, 'SHA-1': SHA1, 'SHA-256': SHA256 })
  })

  it('two rows of one sample give one file; the same id whichever hash the page showed', async () => {
    const { bundle } = await bundleOf([verdictRow(SHA256, 'sha256'), verdictRow(MD5, 'md5')])
    const files = bundle.objects.filter((object) => object.type === 'file')
    expect(files).toHaveLength(1)
    expect(files[0]!.id).toBe('file--5a0c55a1-48a3-5003-9776-42946d1054cb')
  })

  it('a hash without a verdict is still a file, upper-case hex written lower case', async () => {
    const { bundle } = await bundleOf([{ hash: SHA1.toUpperCase(), type: 'sha1', state: { state: 'pending' } }])
    expect(bundle.objects.filter((object) => object.type === 'file').map((object) => object.hashes)).toEqual([{ 'SHA-1': SHA1 }])
  })
})

describe('malware-analysis SDO (§4.12)', () => {
  it('has the required common properties (§3.2), product, result, sample_ref to the file (§4.12.1)', async () => {
    const { bundle } = await bundleOf([verdictRow(MD5, 'md5')])
    const analysis = bundle.objects.find((object) => object.type === 'malware-analysis')!
    const file = bundle.objects.find((object) => object.type === 'file')!
    expect(analysis.spec_version).toBe('2.1')
    expect(uuidOf(analysis.id, 'malware-analysis')).toMatch(UUID_V4)
    expect(analysis.created).toMatch(TIMESTAMP_MS)
    expect(analysis.modified).toBe(analysis.created)
    expect(analysis.created).toBe('2026-12-02T12:00:00.005Z')
    expect(analysis.product).toBe(STIX_PRODUCT)
    expect(analysis.product).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/) // §4.12.1: all lowercase, words separated by a dash
    expect(analysis.result).toBe('malicious')
    expect(analysis.result_name).toBe('Script-Win32.Test.EICAR')
    expect(analysis.analysis_ended).toBe('2026-12-02T09:30:00.000Z')
    expect(analysis.sample_ref).toBe(file.id)
  })

  it('result is from malware-result-ov (§10.14): KNOWN → benign; NOT_FOUND gives no analysis', async () => {
    expect(Object.values(MALWARE_RESULT).every((value) => ['malicious', 'suspicious', 'benign', 'unknown'].includes(value))).toBe(true)
    expect(MALWARE_RESULT).toEqual({ MALICIOUS: 'malicious', SUSPICIOUS: 'suspicious', KNOWN: 'benign', UNKNOWN: 'unknown' })
    const { bundle } = await bundleOf([
      verdictRow(MD5, 'md5', { classification: 'KNOWN', threatName: undefined }),
      verdictRow('0'.repeat(32), 'md5', { classification: 'NOT_FOUND', threatName: undefined, sampleHashes: {} }),
    ])
    const analyses = bundle.objects.filter((object) => object.type === 'malware-analysis')
    expect(analyses.map((object) => object.result)).toEqual(['benign'])
    expect(analyses[0]).not.toHaveProperty('result_name')
    expect(bundle.objects.filter((object) => object.type === 'file')).toHaveLength(2)
  })

  it('hostile threat names stay plain JSON strings', async () => {
    const hostile = '"}],"x":1 <script>alert(1)</script> =HYPERLINK("http://e.invalid") \u2028'
    const { text, bundle } = await bundleOf([verdictRow(MD5, 'md5', { threatName: hostile })])
    expect(bundle.objects.find((object) => object.type === 'malware-analysis')!.result_name).toBe(hostile)
    expect(bundle.objects.every((object) => !('x' in object))).toBe(true)
    expect(text).not.toContain('"x":1,')
  })
})

describe('grouping SDO (§4.4) and bundle (§8)', () => {
  it('grouping has the required properties (§4.4.1), context from grouping-context-ov (§10.6), names every object', async () => {
    const { bundle } = await bundleOf([verdictRow(MD5, 'md5'), { hash: 'a'.repeat(64), type: 'sha256', state: undefined }])
    const grouping = bundle.objects.find((object) => object.type === 'grouping')!
    expect(grouping.spec_version).toBe('2.1')
    expect(uuidOf(grouping.id, 'grouping')).toMatch(UUID_V4)
    expect(grouping.created).toMatch(TIMESTAMP_MS)
    expect(grouping.modified).toMatch(TIMESTAMP_MS)
    expect(grouping.name).toBe('HashLens export')
    expect(grouping.context).toBe('malware-analysis')
    expect(grouping.object_refs).toEqual(bundle.objects.filter((object) => object !== grouping).map((object) => object.id))
    expect(grouping).not.toHaveProperty('external_references')
  })

  it('bundle: type, UUIDv4 id, objects; no spec_version (§8.1)', async () => {
    const { bundle } = await bundleOf([verdictRow(MD5, 'md5')])
    expect(bundle.type).toBe('bundle')
    expect(uuidOf(bundle.id, 'bundle')).toMatch(UUID_V4)
    expect(bundle).not.toHaveProperty('spec_version')
    expect(new Set(bundle.objects.map((object) => object.id)).size).toBe(bundle.objects.length)
  })

  it('holds no empty list anywhere (§2.12), nor an empty hashes dictionary (§2.7)', async () => {
    const { bundle } = await bundleOf([verdictRow(MD5, 'md5'), { hash: SHA1, type: 'sha1', state: undefined }], { pageUrl: 'https://e.example/', includePageAddress: true })
    const empties: string[] = []
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) {
        if (value.length === 0) empties.push(path)
        value.forEach((item, index) => walk(item, `${path}[${index}]`))
      } else if (value !== null && typeof value === 'object') {
        if (Object.keys(value).length === 0) empties.push(path)
        for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`)
      }
    }
    walk(bundle, 'bundle')
    expect(empties).toEqual([])
  })

  it('no rows: a bundle without objects, no grouping (§2.12: no empty list; object_refs is required, §4.4.1)', async () => {
    const { bundle } = await bundleOf([])
    expect(bundle.type).toBe('bundle')
    expect(bundle).not.toHaveProperty('objects')
  })
})

describe('page address (external reference, §2.5)', () => {
  const pageUrl = 'https://intel.example/report?id=secret'

  it('absent from the whole bundle text unless asked for', async () => {
    const { text } = await bundleOf([verdictRow(MD5, 'md5')], { pageUrl, includePageAddress: false })
    expect(text).not.toContain('intel.example')
  })

  it('when asked for: one external reference with source_name and url on the grouping', async () => {
    const { bundle } = await bundleOf([verdictRow(MD5, 'md5')], { pageUrl, includePageAddress: true })
    const grouping = bundle.objects.find((object) => object.type === 'grouping')!
    expect(grouping.external_references).toEqual([{ source_name: 'web-page', url: pageUrl }])
  })
})

describe('files checked on this computer (issue 16)', () => {
  const file = (name: string, state: ExportRow['state']): FileExportRow => ({ name, size: 68, hashes: { md5: MD5, sha1: SHA1, sha256: SHA256 }, state })
  const malicious = verdictRow(SHA256, 'sha256').state
  async function filesBundle(rows: FileExportRow[]) {
    return JSON.parse(await filesToStixBundle(rows, { now: () => NOW, randomUuid: counter() })) as { objects: Array<Record<string, unknown>> }
  }

  it('a file has its name, size and three hashes; its id is UUIDv5 over the MD5 and the name, its ID contributing properties (§6.7.1)', async () => {
    const { objects } = await filesBundle([file('invoice.exe', malicious)])
    const [sco] = objects
    expect(sco).toEqual({ type: 'file', spec_version: '2.1', id: sco!.id, name: 'invoice.exe', size: 68, hashes: { 'MD5': MD5, 'SHA-1': SHA1, 'SHA-256': SHA256 } })
    expect(uuidOf(sco!.id, 'file')).toBe(referenceUuidV5('00abedb4-aa42-466c-9c01-fed23315a9b7', `{"hashes":{"MD5":"${MD5}"},"name":"invoice.exe"}`))
    // Not the id of the same hashes without a name: the page export's file is another object.
    expect(sco!.id).not.toBe(await fileId({ MD5 }))
  })

  it('each file\'s SHA-256 verdict is its analysis; a file not found or not looked up has none', async () => {
    const { objects } = await filesBundle([file('a.exe', malicious), file('b.bin', undefined), file('c.bin', { state: 'verdict', verdict: { ...(malicious as { state: 'verdict'; verdict: Verdict }).verdict, classification: 'NOT_FOUND' } })])
    const analyses = objects.filter((object) => object.type === 'malware-analysis')
    expect(analyses).toHaveLength(1)
    expect(analyses[0]).toMatchObject({ result: 'malicious', result_name: 'Script-Win32.Test.EICAR', sample_ref: objects[0]!.id })
    expect(objects.filter((object) => object.type === 'file').map((object) => object.name)).toEqual(['a.exe', 'b.bin', 'c.bin'])
  })

  it('the same file checked twice is one object with both analyses; a hostile name stays a plain string', async () => {
    const hostile = '<img src=x onerror=alert(1)>"\u202e.exe'
    const { objects } = await filesBundle([file(hostile, malicious), file(hostile, malicious)])
    expect(objects.filter((object) => object.type === 'file')).toHaveLength(1)
    expect(objects.filter((object) => object.type === 'malware-analysis')).toHaveLength(2)
    expect(objects[0]!.name).toBe(hostile)
    const grouping = objects.at(-1)!
    expect(grouping.object_refs).toEqual(objects.slice(0, -1).map((object) => object.id))
  })
})
