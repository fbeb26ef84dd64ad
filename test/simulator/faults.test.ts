/** Each fault over real HTTP, as the extension meets it; the control API's own injection is in server.test.ts. */
import { describe, expect, it } from 'vitest'
import { parseFault } from './faults.ts'
import { bulk, get, hashOf, lookup, recordOf, sim, useFreshSimulator, usedToday } from './test-client.ts'

useFreshSimulator()

describe('faults', () => {
  it('rate-limit: 429 with the message body and Retry-After, for `times` requests', async () => {
    sim.inject({ kind: 'rate-limit', times: 2, retryAfterSeconds: 7 })
    for (let i = 0; i < 2; i += 1) {
      const response = await lookup('sha1', hashOf('sha1', '0'))
      expect(response.status).toBe(429)
      expect(response.headers.get('Retry-After')).toBe('7')
      expect(await response.json()).toEqual({ message: 'Rate limit exceeded' })
    }
    expect((await lookup('sha1', hashOf('sha1', '0'))).status).toBe(200)
    expect(await usedToday()).toBe(1) // faulted answers are not charged
  })

  it('quota-exhausted, forbidden, unavailable, too-large: their status, with the bodies the guide describes', async () => {
    const cases = [
      { fault: { kind: 'quota-exhausted' }, status: 429, body: '' },
      { fault: { kind: 'forbidden' }, status: 403, body: '' },
      { fault: { kind: 'unavailable', retryAfterSeconds: 1 }, status: 503, body: 'Service Unavailable' },
      { fault: { kind: 'too-large' }, status: 413, body: expect.stringContaining('Too Large') },
    ] as const
    for (const { fault, status, body } of cases) {
      sim.inject({ ...fault, times: 1 })
      const response = await bulk('md5', [hashOf('md5', '0')])
      expect(response.status).toBe(status)
      expect(await response.text()).toEqual(body)
    }
    expect((await bulk('md5', [hashOf('md5', '0')])).status).toBe(200)
  })

  it('unauthorized: 401 with the realm header even with good credentials', async () => {
    sim.inject({ kind: 'unauthorized', times: 1 })
    const response = await lookup('sha1', hashOf('sha1', '0'))
    expect(response.status).toBe(401)
    expect(response.headers.get('WWW-Authenticate')).toBe('Basic realm="Spectra Intelligence"')
    expect((await lookup('sha1', hashOf('sha1', '0'))).status).toBe(200)
  })

  it('slow: answers normally after the delay', async () => {
    sim.inject({ kind: 'slow', ms: 120, times: 1 })
    const started = Date.now()
    expect((await recordOf(await lookup('sha1', hashOf('sha1', '0')))).status).toBe('MALICIOUS')
    expect(Date.now() - started).toBeGreaterThanOrEqual(110)
  })

  it('drop: the connection is destroyed, fetch rejects, and the next request is answered', async () => {
    sim.inject({ kind: 'drop', times: 1 })
    await expect(lookup('sha1', hashOf('sha1', '0'))).rejects.toThrow()
    expect((await lookup('sha1', hashOf('sha1', '0'))).status).toBe(200)
    expect(sim.lookupRequests().map((r) => r.status)).toEqual([0, 200])
  })

  it('malformed-json: 200 and a JSON content type, but a body that does not parse', async () => {
    sim.inject({ kind: 'malformed-json', times: 1 })
    const response = await lookup('sha1', hashOf('sha1', '0'))
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/json')
    await expect(response.json()).rejects.toThrow(SyntaxError)
  })

  it('html: a proxy page as 200 or 502', async () => {
    sim.inject({ kind: 'html', times: 1 })
    sim.inject({ kind: 'html', status: 502, times: 1 })
    for (const status of [200, 502]) {
      const response = await lookup('sha1', hashOf('sha1', '0'))
      expect(response.status).toBe(status)
      expect(response.headers.get('Content-Type')).toMatch(/^text\/html/)
      expect(await response.text()).toMatch(/^<!DOCTYPE html>/)
    }
  })

  it('applies to lookups only unless on: "any"; first matching fault wins; clearFaults removes them', async () => {
    sim.inject({ kind: 'forbidden', times: 1 })
    sim.inject({ kind: 'unavailable' })
    expect((await get('/api/customer_usage/v1/limits?format=json')).status).toBe(200)
    expect((await lookup('md5', hashOf('md5', '0'))).status).toBe(403)
    expect((await lookup('md5', hashOf('md5', '0'))).status).toBe(503)
    expect((await lookup('md5', hashOf('md5', '0'))).status).toBe(503)
    sim.clearFaults()
    expect((await lookup('md5', hashOf('md5', '0'))).status).toBe(200)

    sim.inject({ kind: 'unavailable', on: 'any', times: 1 })
    expect((await get('/api/customer_usage/v1/usage/daily?format=json')).status).toBe(503)
    expect((await get('/api/customer_usage/v1/usage/daily?format=json')).status).toBe(200)
  })

  it('refuses to inject something that is not a fault', () => {
    expect(() => sim.inject({ kind: 'rate-limit', times: 0 })).toThrow(TypeError)
    expect(() => sim.inject(JSON.parse('{"kind": "meteor"}') as never)).toThrow(TypeError)
  })

  it('close() ends promptly even while a slow answer is pending', async () => {
    sim.inject({ kind: 'slow', ms: 10_000 })
    const pending = lookup('sha1', hashOf('sha1', '0'))
    pending.catch(() => undefined)
    while (sim.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    const started = Date.now()
    await sim.close()
    expect(Date.now() - started).toBeLessThan(1000)
    await expect(pending).rejects.toThrow()
  })
})

describe('parseFault', () => {
  it('keeps each kind with its own options and refuses bad counts, scopes, delays and statuses', () => {
    expect(parseFault({ kind: 'rate-limit', times: 2, on: 'any', retryAfterSeconds: 0 })).toEqual({ kind: 'rate-limit', times: 2, on: 'any', retryAfterSeconds: 0 })
    expect(parseFault({ kind: 'slow', ms: 5, extra: true })).toEqual({ kind: 'slow', ms: 5 })
    expect(parseFault({ kind: 'html', status: 502 })).toEqual({ kind: 'html', status: 502 })
    expect(parseFault({ kind: 'drop', retryAfterSeconds: 3 })).toEqual({ kind: 'drop' })
    const refused = [
      null, [], 'drop', { kind: 'drop', times: 1.5 }, { kind: 'drop', times: 0 }, { kind: 'drop', on: 'all' }, { kind: 'slow' },
      { kind: 'slow', ms: -1 }, { kind: 'unavailable', retryAfterSeconds: Infinity }, { kind: 'html', status: 500 }, { kind: 'meteor' },
    ]
    for (const value of refused) expect(parseFault(value)).toBeNull()
  })
})
