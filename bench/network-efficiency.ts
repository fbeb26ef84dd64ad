/**
 * Benchmark 3: requests for a page of hashes from a cold cache, against the minimum of one bulk
 * request per 100 hashes of a type (Σ⌈n/100⌉); the same page in a new tab must send none.
 */
import { makeHash } from '../test/e2e/fixtures.ts'
import { startFixtureServer } from '../test/e2e/fixture-server.ts'
import { startSimulator } from '../test/simulator/spectra-simulator.ts'
import { launchExtension, sleep, waitFor } from './lib/browser.ts'
import { markCounts } from '../test/support/marks.ts'
import type { BenchContext } from './lib/context.ts'
import { hashListPage } from './lib/pages.ts'
import { figuresOf, type Figure } from './lib/report.ts'

const DIGITS = '0123456789abcdef'
const MAX_BULK = 100

export async function runNetworkEfficiency(context: BenchContext): Promise<Figure[]> {
  const counts = context.isSmoke ? { sha1: 150, md5: 40, sha256: 10 } : { sha1: 250, md5: 120, sha256: 30 }
  const sha1 = Array.from({ length: counts.sha1 }, (_, i) => makeHash(61_000 + i, 40, DIGITS[i % 16]!))
  const md5 = Array.from({ length: counts.md5 }, (_, i) => makeHash(62_000 + i, 32, DIGITS[i % 16]!))
  const sha256 = Array.from({ length: counts.sha256 }, (_, i) => makeHash(63_000 + i, 64, DIGITS[i % 16]!))
  // Interleaved, as a real report would list them; then repeats of each type.
  const all: string[] = []
  for (let i = 0; i < Math.max(sha1.length, md5.length, sha256.length); i++) {
    for (const list of [sha1, md5, sha256]) if (i < list.length) all.push(list[i]!)
  }
  const repeats = [...sha1.slice(0, 20), ...md5.slice(0, 10), ...sha256.slice(0, 5)]
  const minimum = [sha1, md5, sha256].reduce((sum, list) => sum + Math.ceil(list.length / MAX_BULK), 0)
  const marksOnPage = all.length + repeats.length

  const server = await startFixtureServer()
  const simulator = await startSimulator()
  const browser = await launchExtension(simulator.url)
  try {
    const url = server.serve('iocs.html', hashListPage(all, repeats))
    const page = await browser.context.newPage()
    await page.goto(url)
    const askedAll = await waitFor(async () => {
      const asked = new Set(simulator.lookupRequests().flatMap((request) => request.hashes.map((hash) => hash.toLowerCase())))
      return asked.size >= all.length ? true : undefined
    }, 30_000)
    // Everything answered and drawn, then a pause: a late straggler request would show here.
    await waitFor(async () => ((await markCounts(page)).pending ?? 0) === 0 ? true : undefined, 15_000)
    await sleep(1000)
    const requests = simulator.lookupRequests()
    const askedCount = new Map<string, number>()
    for (const request of requests) for (const hash of request.hashes) askedCount.set(hash.toLowerCase(), (askedCount.get(hash.toLowerCase()) ?? 0) + 1)
    const repeated = [...askedCount.values()].filter((count) => count > 1).length
    const isMixed = requests.some((request) => new Set(request.hashes.map((hash) => hash.length)).size > 1)

    // The same page in a new tab: every verdict is cached, nothing may be asked.
    const before = simulator.lookupRequests().length
    const second = await browser.context.newPage()
    await second.goto(url)
    const drawn = await waitFor(async () => {
      const sizes = await markCounts(second)
      const final = Object.entries(sizes).reduce((sum, [state, size]) => (state === 'pending' ? sum : sum + size), 0)
      return final >= marksOnPage && (sizes.pending ?? 0) === 0 ? final : undefined
    }, 15_000)
    await sleep(1000)
    const revisitRequests = simulator.lookupRequests().length - before

    return figuresOf('3 Network', [
      { id: 'network.requests', label: `requests for ${counts.sha1} SHA-1, ${counts.md5} MD5, ${counts.sha256} SHA-256 (+${repeats.length} repeats)`,
        value: requests.length, unit: '', target: { comparison: '==', value: minimum },
        detail: { sizes: requests.map((request) => `${request.hashType}:${request.hashes.length}`), allAsked: askedAll === true, isMixed } },
      { id: 'network.repeats', label: 'hashes asked more than once', value: repeated, unit: '', target: { comparison: '==', value: 0 } },
      { id: 'network.revisit-requests', label: `requests when a new tab opens the page (${drawn ?? 0} of ${marksOnPage} marks drawn)`,
        value: revisitRequests, unit: '', target: { comparison: '==', value: 0 } },
    ], context.isSmoke)
  } finally {
    await browser.close()
    await simulator.close()
    await server.close()
  }
}
