/**
 * The simulator is what every other test trusts about Spectra Intelligence, so it is tested over
 * real HTTP against the contract in shared/docs/spectra-api.md.
 */
import { describe, expect, it } from 'vitest'
import type { SpectraRecord } from './records.ts'
import { DEMO_PASSWORD, DEMO_USERNAME } from './server.ts'
import {
  basic, BULK, bulk, control, DEMO_AUTH, get, hashOf, lookup, LOOKUP_QUERY, recordOf, sim, SINGLE, start, useFreshSimulator, usedToday,
} from './test-client.ts'

useFreshSimulator()

const SERVICE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/

describe('authentication', () => {
  it('answers 401 with the realm header when credentials are missing or wrong', async () => {
    for (const auth of [null, basic(DEMO_USERNAME, 'wrong'), basic('u/other/user', DEMO_PASSWORD), 'Basic %%%', 'Bearer abc']) {
      const response = await lookup('sha1', hashOf('sha1', '0'), LOOKUP_QUERY, auth)
      expect(response.status).toBe(401)
      expect(response.headers.get('WWW-Authenticate')).toBe('Basic realm="Spectra Intelligence"')
      expect(await response.json()).toEqual({ message: 'Unauthorized' })
    }
    expect(sim.requests.map((r) => r.username)).toEqual([null, DEMO_USERNAME, 'u/other/user', null, null])
    expect(await usedToday()).toBe(0)
  })

  it('splits user:pass at the first colon, so usernames with / and passwords with : work', async () => {
    await start({ users: { 'u/acme/jane': 'pa:ss:word' } })
    expect((await lookup('sha1', hashOf('sha1', '0'), LOOKUP_QUERY, basic('u/acme/jane', 'pa:ss:word'))).status).toBe(200)
    expect((await lookup('sha1', hashOf('sha1', '0'), LOOKUP_QUERY, basic('u/acme/jane', 'pa'))).status).toBe(401)
    expect((await lookup('sha1', hashOf('sha1', '0'), LOOKUP_QUERY, DEMO_AUTH)).status).toBe(401)
  })

  it('answers 403 with no body on every endpoint to a user without the entitlement', async () => {
    await start({ forbiddenUsers: [DEMO_USERNAME] })
    for (const response of [await lookup('md5', hashOf('md5', '0')), await get('/api/customer_usage/v1/limits?format=json')]) {
      expect(response.status).toBe(403)
      expect(await response.text()).toBe('')
    }
  })
})

describe('single lookup', () => {
  it('answers a MALICIOUS record with every field of the contract', async () => {
    const hash = hashOf('sha1', '2')
    const record = await recordOf(await lookup('sha1', hash))
    expect(record.status).toBe('MALICIOUS')
    expect(record.query_hash).toEqual({ sha1: hash })
    expect(record.sha1).toBe(hash)
    expect(record.md5).toMatch(/^[0-9a-f]{32}$/)
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(record.threat_level).toBeGreaterThanOrEqual(3)
    expect(record.trust_factor).toBe(5)
    expect(record.reason).toEqual(expect.any(String))
    const c = record.classification
    expect(c).toEqual({ platform: expect.any(String), type: expect.any(String), is_generic: expect.any(Boolean), family_name: expect.any(String) })
    expect(record.threat_name).toBe(`${c?.platform}.${c?.type}.${c?.family_name}`)
    expect(record.scanner_match).toBeGreaterThan(0)
    expect(record.scanner_percent).toBeCloseTo(100 * (record.scanner_match ?? 0) / (record.scanner_count ?? 1))
    expect(record.first_seen).toMatch(SERVICE_TIME)
    expect(record.last_seen).toMatch(SERVICE_TIME)
    expect((record.last_seen ?? '') >= (record.first_seen ?? '')).toBe(true)
  })

  it('answers SUSPICIOUS, KNOWN and UNKNOWN, and 404 for a hash never seen', async () => {
    const suspicious = await recordOf(await lookup('md5', hashOf('md5', '5')))
    expect(suspicious).toMatchObject({ status: 'SUSPICIOUS', trust_factor: 5, threat_name: expect.any(String) })

    const known = await recordOf(await lookup('sha256', hashOf('sha256', '9')))
    expect(known).toMatchObject({ status: 'KNOWN', threat_level: 0, scanner_match: 0 })
    expect(known.classification).toBeUndefined()

    const unknownHash = hashOf('sha1', 'a')
    expect(await recordOf(await lookup('sha1', unknownHash))).toEqual({ status: 'UNKNOWN', query_hash: { sha1: unknownHash } })

    const notFound = await lookup('sha1', hashOf('sha1', 'c'))
    expect(notFound.status).toBe(404)
    // 200s are charged (UNKNOWN included); the 404 is not.
    expect(await usedToday()).toBe(3)
  })

  it('accepts upper case, answers in lower case, and answers the same hash the same way', async () => {
    const hash = hashOf('sha256', '1')
    const first = await recordOf(await lookup('sha256', hash.toUpperCase()))
    expect(first.query_hash).toEqual({ sha256: hash })
    expect(first.sha256).toBe(hash)
    expect(await recordOf(await lookup('sha256', hash))).toEqual(first)
  })

  it('leaves the sample hashes out without show_hashes=true', async () => {
    const record = await recordOf(await lookup('md5', hashOf('md5', '0'), 'format=json'))
    expect(record).not.toHaveProperty('md5')
    expect(record).not.toHaveProperty('sha256')
  })

  it('answers XML without format=json', async () => {
    const hash = hashOf('sha1', '0')
    const response = await lookup('sha1', hash, 'extended=true&show_hashes=true')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/xml')
    const xml = await response.text()
    expect(xml).toMatch(/<rl><malware_presence><status>MALICIOUS<\/status>/)
    expect(xml).toContain(`<query_hash><sha1>${hash}</sha1></query_hash>`)
    expect(xml).toContain('</malware_presence></rl>')
  })

  it('rejects a type that does not match the length, non-hex hashes and unknown types with 400', async () => {
    for (const [type, hash] of [['md5', hashOf('sha1', '0')], ['sha256', hashOf('sha1', '0')], ['sha1', `${hashOf('sha1', '0').slice(0, 39)}g`], ['sha512', hashOf('sha256', '0')]] as const) {
      const response = await lookup(type, hash)
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({ message: expect.any(String) })
    }
    expect(await usedToday()).toBe(0)
  })

  it('merges per-hash record overrides last, and an override status can make a hash found', async () => {
    const markup = hashOf('sha1', '0', 7)
    const revived = hashOf('sha1', 'd', 7)
    await start({
      records: {
        [markup.toUpperCase()]: { threat_name: '<img src=x onerror=alert(1)>' },
        [revived]: { status: 'MALICIOUS' },
      },
    })
    const record = await recordOf(await lookup('sha1', markup))
    expect(record).toMatchObject({ status: 'MALICIOUS', threat_name: '<img src=x onerror=alert(1)>', sha1: markup })
    expect((await recordOf(await lookup('sha1', revived))).status).toBe('MALICIOUS')
    const xml = await (await lookup('sha1', markup, '')).text()
    expect(xml).toContain('<threat_name>&#60;img src=x onerror=alert(1)&#62;</threat_name>')
  })
})

describe('bulk lookup', () => {
  it('answers found hashes, leaves NOT_FOUND out, lists invalid hashes, and charges only entries', async () => {
    const malicious = hashOf('sha1', '0')
    const suspicious = hashOf('sha1', '4')
    const known = hashOf('sha1', '7')
    const unknown = hashOf('sha1', 'b')
    const notFound = hashOf('sha1', 'e')
    const md5 = hashOf('md5', '0')
    const response = await bulk('sha1', [malicious, suspicious, known.toUpperCase(), unknown, notFound, 'xyz', md5, malicious])
    expect(response.status).toBe(200)
    const body = await response.json() as { rl: { entries: SpectraRecord[]; invalid_hashes?: string[] } }
    const statusByHash = Object.fromEntries(body.rl.entries.map((r) => [r.query_hash.sha1, r.status]))
    expect(statusByHash).toEqual({ [malicious]: 'MALICIOUS', [suspicious]: 'SUSPICIOUS', [known]: 'KNOWN', [unknown]: 'UNKNOWN' })
    expect(body.rl.invalid_hashes).toEqual(['xyz', md5])
    expect(body.rl.entries.find((r) => r.status === 'UNKNOWN')).toEqual({ status: 'UNKNOWN', query_hash: { sha1: unknown } })
    expect(await usedToday()).toBe(4)
  })

  it('answers 100 hashes and refuses 101 with 413', async () => {
    const hashes = Array.from({ length: 101 }, (_, i) => hashOf('md5', '0', i))
    expect((await bulk('md5', hashes.slice(0, 100))).status).toBe(200)
    expect((await bulk('md5', hashes)).status).toBe(413)
    expect(await usedToday()).toBe(100)
  })

  it('accepts application/octet-stream as well as JSON, and refuses other content types', async () => {
    const response = await bulk('sha256', [hashOf('sha256', '0')], 'application/octet-stream')
    expect(response.status).toBe(200)
    expect(((await response.json()) as { rl: { entries: unknown[] } }).rl.entries).toHaveLength(1)
    expect((await bulk('sha256', [hashOf('sha256', '0')], 'application/json; charset=utf-8')).status).toBe(200)
    expect((await bulk('sha256', [hashOf('sha256', '0')], 'text/plain')).status).toBe(415)
  })

  it('answers 400 to bad JSON, a bad shape or an unknown hash type', async () => {
    const post = (body: string): Promise<Response> =>
      get(BULK, DEMO_AUTH, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
    expect((await post('{"rl": {')).status).toBe(400)
    expect((await post('{"rl": {"query": {"hash_type": "sha1"}}}')).status).toBe(400)
    expect((await post('{"rl": {"query": {"hash_type": "sha1", "hashes": [1, 2]}}}')).status).toBe(400)
    expect((await post('[]')).status).toBe(400)
    expect((await bulk('sha512', [hashOf('sha256', '0')])).status).toBe(400)
    expect((await get(BULK)).status).toBe(405)
  })
})

describe('quota', () => {
  it('charges 200 lookups, answers 429 with an empty body once used up, and resets at 00:00 UTC', async () => {
    await start({ limit: { limit: 3, type: 'daily' } })
    sim.setNow(() => new Date('2024-07-03T23:59:00Z'))
    expect((await lookup('sha1', hashOf('sha1', 'f'))).status).toBe(404) // not charged
    expect((await lookup('sha1', hashOf('sha1', '0'))).status).toBe(200)
    expect((await bulk('sha1', [hashOf('sha1', '1'), hashOf('sha1', '6')])).status).toBe(200)

    for (const exhausted of [await lookup('sha1', hashOf('sha1', '0')), await bulk('sha1', [hashOf('sha1', '0')])]) {
      expect(exhausted.status).toBe(429)
      expect(await exhausted.text()).toBe('')
    }
    const limits = await (await get('/api/customer_usage/v1/limits?format=json')).json() as { rl: { limits: { limit_exceeded: boolean }[] } }
    expect(limits.rl.limits[0]?.limit_exceeded).toBe(true)

    sim.setNow(() => new Date('2024-07-04T00:00:00Z'))
    expect((await lookup('sha1', hashOf('sha1', '0'))).status).toBe(200)
    const yesterday = await (await get('/api/customer_usage/v1/usage/daily?format=json&date=2024-07-03')).json()
    expect(yesterday).toEqual({ rl: { date: '2024-07-03', usage_report: [{ product: 'TCA-0101 File Reputation', number_of_queries: 3 }] } })
  })

  it('a forced quota answers 429 and limit_exceeded true; restored, limits says false and lookups answer; null counts usage again', async () => {
    await start({ limit: { limit: 1, type: 'daily' } })
    const exceeded = async () => ((await (await get('/api/customer_usage/v1/limits?format=json')).json()) as { rl: { limits: { limit_exceeded: boolean }[] } }).rl.limits[0]?.limit_exceeded
    sim.setQuotaExhausted(true)
    expect((await lookup('sha1', hashOf('sha1', '0'))).status).toBe(429)
    expect(await exceeded()).toBe(true)
    sim.setQuotaExhausted(false)
    expect(await exceeded()).toBe(false)
    expect((await lookup('sha1', hashOf('sha1', '0'))).status).toBe(200)
    expect((await lookup('sha1', hashOf('sha1', '0'))).status).toBe(200) // over the limit of 1, still answered
    sim.setQuotaExhausted(null)
    expect(await exceeded()).toBe(true)
    sim.setQuotaExhausted(true)
    sim.reset()
    expect(await exceeded()).toBe(false)
  })

  it('counts a monthly quota over the month and resets it on the 1st', async () => {
    await start({ limit: { limit: 2, type: 'monthly' } })
    sim.setNow(() => new Date('2024-07-01T08:00:00Z'))
    expect((await lookup('md5', hashOf('md5', '0'))).status).toBe(200)
    sim.setNow(() => new Date('2024-07-31T23:59:59Z'))
    expect((await lookup('md5', hashOf('md5', '0'))).status).toBe(200)
    expect((await lookup('md5', hashOf('md5', '0'))).status).toBe(429)
    sim.setNow(() => new Date('2024-08-01T00:00:00Z'))
    expect((await lookup('md5', hashOf('md5', '0'))).status).toBe(200)
    const july = await (await get('/api/customer_usage/v1/usage/monthly?format=json&month=2024-07')).json()
    expect(july).toEqual({ rl: { month: '2024-07', usage_report: [{ product: 'TCA-0101 File Reputation', number_of_queries: 2 }] } })
  })
})

describe('customer usage API', () => {
  it('answers limits with the user and the File Reputation product, and is not charged', async () => {
    await start({ limit: { limit: 500, type: 'monthly' } })
    const response = await get('/api/customer_usage/v1/limits?format=json')
    expect(await response.json()).toEqual({
      rl: { limits: [{ limit: 500, limit_type: 'monthly', limit_exceeded: false, products: ['TCA-0101 File Reputation'], users: [DEMO_USERNAME] }] },
    })
    await get('/api/customer_usage/v1/usage/monthly?format=json')
    expect(await usedToday()).toBe(0)
  })

  it('answers usage for today and this month by the clock, and 400 to a malformed date', async () => {
    sim.setNow(() => new Date('2025-02-10T10:00:00Z'))
    await lookup('sha1', hashOf('sha1', '0'))
    expect(await (await get('/api/customer_usage/v1/usage/daily?format=json')).json())
      .toEqual({ rl: { date: '2025-02-10', usage_report: [{ product: 'TCA-0101 File Reputation', number_of_queries: 1 }] } })
    expect(await (await get('/api/customer_usage/v1/usage/monthly?format=json')).json())
      .toEqual({ rl: { month: '2025-02', usage_report: [{ product: 'TCA-0101 File Reputation', number_of_queries: 1 }] } })
    expect(await (await get('/api/customer_usage/v1/usage/daily?format=json&date=2025-02-09')).json())
      .toMatchObject({ rl: { usage_report: [{ number_of_queries: 0 }] } })
    expect((await get('/api/customer_usage/v1/usage/daily?date=10.02.2025')).status).toBe(400)
    expect((await get('/api/customer_usage/v1/usage/monthly?month=2025-13')).status).toBe(400)
    expect((await get('/api/customer_usage/v1/usage/daily?date=2025-02-30')).status).toBe(400)
  })
})

describe('request log', () => {
  it('records every request in order with what was asked and answered', async () => {
    const before = Date.now()
    const single = hashOf('sha1', '3')
    await lookup('sha1', single.toUpperCase())
    await bulk('md5', [hashOf('md5', '0'), 'nope'])
    await get('/api/customer_usage/v1/limits?format=json')
    await get('/nowhere', null)
    await control('GET', 'requests')

    expect(sim.requests).toHaveLength(4)
    const [first, second, third, fourth] = sim.requests
    expect(first).toMatchObject({
      method: 'GET', path: `${SINGLE}/sha1/${single.toUpperCase()}`, endpoint: 'single', hashType: 'sha1',
      hashes: [single.toUpperCase()], query: { extended: 'true', show_hashes: 'true', format: 'json' },
      username: DEMO_USERNAME, contentType: undefined, status: 200,
    })
    expect(second).toMatchObject({ method: 'POST', endpoint: 'bulk', hashType: 'md5', hashes: [hashOf('md5', '0'), 'nope'], contentType: 'application/json', status: 200 })
    expect(third).toMatchObject({ endpoint: 'limits', hashes: [], hashType: null, status: 200 })
    expect(fourth).toMatchObject({ endpoint: 'other', username: null, status: 401 })
    const times = sim.requests.map((r) => r.at)
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(times[0]).toBeGreaterThanOrEqual(before)
    expect(sim.lookupRequests()).toEqual([first, second])
  })

  it('answers an unknown path with 404 JSON once authenticated', async () => {
    const response = await get('/api/nowhere')
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ message: expect.any(String) })
  })
})

describe('control API and CORS', () => {
  it('injects and clears faults, serves the log and resets over HTTP', async () => {
    expect((await control('POST', 'faults', { kind: 'rate-limit', times: 1 })).status).toBe(204)
    expect((await lookup('sha1', hashOf('sha1', '0'))).status).toBe(429)
    expect((await control('POST', 'faults', { kind: 'forbidden' })).status).toBe(204)
    expect((await lookup('sha1', hashOf('sha1', '0'))).status).toBe(403)
    expect((await control('DELETE', 'faults')).status).toBe(204)
    expect((await lookup('sha1', hashOf('sha1', '0'))).status).toBe(200)

    const log = await (await control('GET', 'requests')).json() as { status: number; endpoint: string }[]
    expect(log.map((r) => [r.endpoint, r.status])).toEqual([['single', 429], ['single', 403], ['single', 200]])

    expect((await control('POST', 'faults', { kind: 'slow' })).status).toBe(400)
    expect((await control('POST', 'faults', 'not json')).status).toBe(400)
    expect((await control('POST', 'nothing')).status).toBe(404)

    const liveLog = sim.requests
    expect((await control('POST', 'reset')).status).toBe(204)
    expect(liveLog).toHaveLength(0)
    expect(await usedToday()).toBe(0)
    expect(sim.requests).toHaveLength(1) // the usage request just made
  })

  it('allows any origin, including preflights, which do not count as lookups', async () => {
    const preflight = await fetch(`${sim.url}${BULK}`, {
      method: 'OPTIONS',
      headers: { Origin: 'chrome-extension://abc', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toBe('authorization,content-type')
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toContain('POST')
    expect((await lookup('sha1', hashOf('sha1', '0'), LOOKUP_QUERY, null)).headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect((await control('GET', 'requests')).headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(sim.lookupRequests()).toHaveLength(1)
  })
})
