/** The simulator's TCA-0103 (XREF) and TCA-0321 (RHA1): the real field names, read by the extension's own readers. */
import { describe, expect, it } from 'vitest'
import { readRha1Answer, readXrefAnswer, rha1TypeOf } from '../../src/shared/sample-details.ts'
import { basic, control, DEMO_AUTH, get, hashOf, lookup, sim, start, useFreshSimulator, usedToday } from './test-client.ts'

useFreshSimulator()

const xref = (type: string, hash: string, auth: string | null = DEMO_AUTH) => get(`/api/xref/v2/query/${type}/${hash}?format=json&history=false`, auth)
const rha1 = (type: string, sha1: string) => get(`/api/rha1/analytics/v1/query/${type}/${sha1}?format=json&extended=true`)

describe('XREF (TCA-0103)', () => {
  it('answers rl.sample with the field names the service uses, the same every time, counted as the lookup is', async () => {
    const hash = hashOf('sha1', '0', 41)
    const first = await (await xref('sha1', hash)).json() as { rl: { sample: Record<string, unknown> } }
    expect(Object.keys(first.rl.sample)).toEqual(expect.arrayContaining(['sha1', 'md5', 'sha256', 'sample_type', 'sample_size', 'first_seen_on', 'last_scanned_on', 'xref']))
    expect(await (await xref('sha1', hash)).json()).toEqual(first)
    const record = await (await lookup('sha1', hash)).json() as { rl: { malware_presence: { scanner_count: number; scanner_match: number } } }
    const details = readXrefAnswer(first)!
    expect(details.scannerCount).toBe(record.rl.malware_presence.scanner_count)
    expect(details.results.filter((result) => result.detection !== '')).toHaveLength(record.rl.malware_presence.scanner_match)
  })

  it('answers 404 for a hash File Reputation has no record of, 400 for a path that does not match, and charges no TCA-0101', async () => {
    expect((await xref('sha1', hashOf('sha1', 'c'))).status).toBe(404)
    expect((await xref('sha1', hashOf('sha1', 'a'))).status).toBe(404)
    expect((await xref('md5', hashOf('sha1', '0'))).status).toBe(400)
    expect(await usedToday()).toBe(0)
  })

  it('checks Basic auth, and records each request by API and hash', async () => {
    expect((await xref('sha1', hashOf('sha1', '0'), basic('u/demo/analyst', 'wrong'))).status).toBe(401)
    await xref('sha1', hashOf('sha1', '1'))
    expect(sim.detailRequests('xref').map((request) => [request.hashType, request.hashes, request.status]))
      .toEqual([['sha1', [hashOf('sha1', '0')], 401], ['sha1', [hashOf('sha1', '1')], 200]])
    expect(sim.lookupRequests()).toEqual([])
    expect(sim.detailRequests('rha1')).toEqual([])
  })

  it('takes a sample type per hash from the options', async () => {
    const hash = hashOf('sha1', '2')
    await start({ sampleTypes: { [hash]: 'ELF 32-bit LSB executable, ARM' } })
    expect(readXrefAnswer(await (await xref('sha1', hash)).json())?.sampleType).toBe('ELF 32-bit LSB executable, ARM')
  })
})

describe('RHA1 (TCA-0321)', () => {
  it('answers rl.rha1_counters for a SHA-1 of the asked type, 404 for another type, 400 for no SHA-1', async () => {
    const hash = hashOf('sha1', '0', 7)
    await start({ sampleTypes: { [hash]: 'PE32 executable (GUI) Intel 80386, for MS Windows' } })
    const answer = readRha1Answer(await (await rha1('pe01', hash)).json())
    expect(answer?.rha1Type).toBe('pe01')
    expect(answer?.counts.total).toBe((answer?.counts.known ?? 0) + (answer?.counts.malicious ?? 0) + (answer?.counts.suspicious ?? 0))
    expect((await rha1('elf01', hash)).status).toBe(404)
    expect((await rha1('pe01', hashOf('md5', '0'))).status).toBe(400)
    expect((await rha1('pe02', hash)).status).toBe(400)
    expect(rha1TypeOf('PE32 executable (GUI) Intel 80386, for MS Windows')).toBe('pe01')
  })
})

describe('faults on one detail API only', () => {
  it('a 403 on XREF alone (control API, on: "xref") leaves lookups and RHA1 answering', async () => {
    const hash = hashOf('sha1', '0', 9)
    await start({ sampleTypes: { [hash]: 'PE32 executable' } })
    expect((await control('POST', 'faults', { kind: 'forbidden', on: 'xref' })).status).toBe(204)
    expect((await xref('sha1', hash)).status).toBe(403)
    expect((await lookup('sha1', hash)).status).toBe(200)
    expect((await rha1('pe01', hash)).status).toBe(200)
    expect((await xref('sha1', hash)).status).toBe(403)
  })

  it('429 (both kinds), 503 and malformed JSON apply to the API they name', async () => {
    const hash = hashOf('sha1', '0', 11)
    await start({ sampleTypes: { [hash]: 'PE32 executable' } })
    sim.inject({ kind: 'rate-limit', on: 'rha1', times: 1, retryAfterSeconds: 2 })
    sim.inject({ kind: 'quota-exhausted', on: 'xref', times: 1 })
    sim.inject({ kind: 'unavailable', on: 'xref', times: 1 })
    sim.inject({ kind: 'malformed-json', on: 'xref', times: 1 })
    const limited = await rha1('pe01', hash)
    expect([limited.status, limited.headers.get('Retry-After'), await limited.json()]).toEqual([429, '2', { message: 'Rate limit exceeded' }])
    expect([(await xref('sha1', hash)).status, (await xref('sha1', hash)).status]).toEqual([429, 503])
    const malformed = await xref('sha1', hash)
    expect(malformed.status).toBe(200)
    await expect(malformed.json()).rejects.toThrow()
    expect((await xref('sha1', hash)).status).toBe(200)
  })

  it('lookup faults (the default scope) leave the detail APIs alone', async () => {
    sim.inject({ kind: 'forbidden' })
    expect((await lookup('sha1', hashOf('sha1', '0'))).status).toBe(403)
    expect((await xref('sha1', hashOf('sha1', '0'))).status).toBe(200)
  })
})
