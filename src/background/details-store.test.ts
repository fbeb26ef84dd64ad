import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { DETAILS_TTL_MS, DetailsStore } from './details-store.ts'
import type { DetailsAnswer, Rha1Details, XrefDetails } from '../shared/sample-details.ts'

const T0 = Date.parse('2026-12-02T12:00:00Z')
const HOUR = 3_600_000
const sha1Of = (n: number) => n.toString(16).padStart(40, '0')
const XREF: DetailsAnswer<XrefDetails> = { found: true, details: { sampleType: 'PE32 executable', results: [{ engine: 'avast', detection: 'Win32:Malware-gen' }] } }
const RHA1: DetailsAnswer<Rha1Details> = { found: true, details: { counts: { malicious: 3, total: 3 } } }

const opened: DetailsStore[] = []
async function openStore(maxEntries?: number) {
  const clock = { now: T0 }
  const store = await DetailsStore.open(`details-test-${Math.random()}`, () => clock.now, maxEntries)
  opened.push(store)
  return { store, clock }
}
afterEach(() => {
  for (const store of opened.splice(0)) store.close()
})

describe('DetailsStore', () => {
  it('keeps each API\'s answer for its own TTL: RHA1 a day, XREF a week', async () => {
    const { store, clock } = await openStore()
    await store.put('spectra', 'xref', sha1Of(1), XREF)
    await store.put('spectra', 'rha1', sha1Of(1), RHA1)
    clock.now = T0 + DETAILS_TTL_MS.rha1 + HOUR
    expect(await store.get('spectra', 'rha1', sha1Of(1))).toBeNull()
    expect(await store.get('spectra', 'xref', sha1Of(1))).toEqual({ answer: XREF, storedAt: T0 })
    clock.now = T0 + DETAILS_TTL_MS.xref + HOUR
    expect(await store.get('spectra', 'xref', sha1Of(1))).toBeNull()
  })

  it('keeps answers of two backends and two APIs apart, "not found" included', async () => {
    const { store } = await openStore()
    await store.put('spectra', 'xref', sha1Of(2), { found: false })
    expect(await store.get('spectra', 'xref', sha1Of(2))).toEqual({ answer: { found: false }, storedAt: T0 })
    expect(await store.get('other', 'xref', sha1Of(2))).toBeNull()
    expect(await store.get('spectra', 'rha1', sha1Of(2))).toBeNull()
  })

  it('is bounded: past maxEntries the oldest answers go first', async () => {
    const { store, clock } = await openStore(3)
    for (let n = 0; n < 5; n++) {
      clock.now = T0 + n * 1000
      await store.put('spectra', 'xref', sha1Of(n), XREF)
    }
    expect(await store.count()).toBe(3)
    expect(await store.get('spectra', 'xref', sha1Of(1))).toBeNull()
    expect(await store.get('spectra', 'xref', sha1Of(4))).not.toBeNull()
  })

  it('treats a corrupt record as absent, and clear() empties it', async () => {
    const { store } = await openStore()
    await store.put('spectra', 'xref', sha1Of(7), { found: true, details: { sampleType: 'x' } } as never)
    expect(await store.get('spectra', 'xref', sha1Of(7))).toBeNull()
    await store.put('spectra', 'rha1', sha1Of(8), RHA1)
    await store.clear()
    expect(await store.count()).toBe(0)
  })
})
