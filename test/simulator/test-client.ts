/** The simulator tests' side of the wire: a fresh simulator per test, and requests to it over real HTTP. */
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, expect } from 'vitest'
import type { SpectraRecord } from './records.ts'
import { DEMO_PASSWORD, DEMO_USERNAME, startSimulator, type Simulator, type SimulatorOptions } from './server.ts'

export const LOOKUP_QUERY = 'extended=true&show_hashes=true&format=json'
export const SINGLE = '/api/databrowser/malware_presence/query'
export const BULK = `/api/databrowser/malware_presence/bulk_query/json?${LOOKUP_QUERY}`
const LENGTHS = { md5: 32, sha1: 40, sha256: 64 } as const
type Type = keyof typeof LENGTHS

/** A valid hash whose simulated verdict is chosen by its last digit; `seed` varies the rest. */
export function hashOf(type: Type, lastDigit: string, seed = 1): string {
  return createHash('sha256').update(`test-${seed}`).digest('hex').slice(0, LENGTHS[type] - 1) + lastDigit
}

export function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
}
export const DEMO_AUTH = basic(DEMO_USERNAME, DEMO_PASSWORD)

export let sim: Simulator

/** Every test of the calling file gets a fresh simulator with the default options. */
export function useFreshSimulator(): void {
  beforeEach(async () => {
    sim = await startSimulator()
  })
  afterEach(async () => {
    await sim.close()
  })
}

/** Swaps this test's simulator for one with `options`. */
export async function start(options: SimulatorOptions = {}): Promise<Simulator> {
  await sim?.close()
  sim = await startSimulator(options)
  return sim
}

export function get(path: string, auth: string | null = DEMO_AUTH, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  if (auth) headers.set('Authorization', auth)
  return fetch(`${sim.url}${path}`, { ...init, headers })
}

export function lookup(type: string, hash: string, query = LOOKUP_QUERY, auth: string | null = DEMO_AUTH): Promise<Response> {
  return get(`${SINGLE}/${type}/${hash}?${query}`, auth)
}

export function bulk(hashType: string, hashes: unknown[], contentType = 'application/json'): Promise<Response> {
  return get(BULK, DEMO_AUTH, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: JSON.stringify({ rl: { query: { hash_type: hashType, hashes } } }),
  })
}

export async function recordOf(response: Response): Promise<SpectraRecord> {
  expect(response.status).toBe(200)
  const body = await response.json() as { rl: { malware_presence: SpectraRecord } }
  return body.rl.malware_presence
}

export async function usedToday(): Promise<number> {
  const body = await (await get('/api/customer_usage/v1/usage/daily?format=json')).json() as
    { rl: { usage_report: { number_of_queries: number }[] } }
  return body.rl.usage_report[0]?.number_of_queries ?? -1
}

export async function control(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${sim.url}/__sim/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
}
