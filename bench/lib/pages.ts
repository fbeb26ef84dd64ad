/** The benchmarks' pages, seeded so two runs load the same bytes and their figures compare. */
import { makeHash } from '../../test/e2e/fixtures.ts'

/** mulberry32. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!
}

// Ordinary English plus the hex-looking words a detector must wade through (bead, decade, cafe…)
// and the short hex a technical page is full of (commit ids, colours, UUID parts): no hash.
const WORDS = ('the of and to in is was for on that with as by at from his her it an be this which or are were had ' +
  'not but have one all their there been has when who will more no if out so said what up its about into than them ' +
  'can only other new some could time these two may then do first any my now such like our over man me even most ' +
  'made after also did many before must through back years where much your way well down should because each just ' +
  'process file sample network server access denied report malware analysis detected behaviour registry payload ' +
  'loader dropper deceased face bead added cafe decade faded bad fee feed beef dead accede facade deface').split(' ')

/** A commit id, colour or id fragment: hex, but far too short to be a hash. */
function shortHex(random: () => number): string {
  const length = pick(random, [7, 8, 12])
  let text = ''
  while (text.length < length) text += '0123456789abcdef'[Math.floor(random() * 16)]
  return text
}

function sentence(random: () => number, words: number): string {
  const parts: string[] = []
  for (let index = 0; index < words; index++) parts.push(pick(random, WORDS))
  const text = parts.join(' ')
  return text[0]!.toUpperCase() + text.slice(1) + '.'
}

/** One paragraph of article text with inline markup (links, code, emphasis) and short hex. */
function paragraph(random: () => number): string {
  const pieces: string[] = []
  for (let index = 0; index < 4; index++) {
    const roll = random()
    if (roll < 0.15) pieces.push(`<a href="#s${Math.floor(random() * 1000)}">${sentence(random, 4)}</a>`)
    else if (roll < 0.3) pieces.push(`Commit <code>${shortHex(random)}</code> ${sentence(random, 9)}`)
    else if (roll < 0.4) pieces.push(`<em>${sentence(random, 6)}</em>`)
    else pieces.push(sentence(random, 12))
  }
  return `<p>${pieces.join(' ')}</p>`
}

function table(random: () => number, rows: number, cell: (row: number) => string): string {
  let html = '<table><tr><th>Name</th><th>Value</th><th>Seen</th></tr>'
  for (let row = 0; row < rows; row++) {
    html += `<tr><td>${pick(random, WORDS)}-${row}.bin</td><td>${cell(row)}</td><td>2024-0${1 + (row % 9)}-1${row % 10}</td></tr>`
  }
  return `${html}</table>`
}

const PAGE_STYLE = 'body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:60em}' +
  'table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}pre{background:#f4f4f4}'

export interface ArticlePage {
  html: string
  /** The distinct hashes on the page, in document order. */
  hashes: string[]
}

/** `hashCount` distinct hashes of mixed types and verdicts, spread evenly over prose, code, tables and pre. */
export function articlePage(targetBytes: number, hashCount: number, seed = 1): ArticlePage {
  const random = seededRandom(seed)
  const hashes: string[] = []
  const nextHash = (): string => {
    const index = hashes.length
    const hash = makeHash(10_000 + index + seed * 100_000, pick(random, [32, 40, 64] as const), '0123456789abcdef'[index % 16]!)
    hashes.push(hash)
    return hash
  }
  // Roughly 600 bytes per block: place a hash every `stride` blocks.
  const blocksEstimate = Math.max(1, Math.floor(targetBytes / 600))
  const stride = hashCount > 0 ? blocksEstimate / hashCount : Infinity
  let nextHashAt = stride / 2
  const parts: string[] = []
  let bytes = 0
  let block = 0
  while (bytes < targetBytes) {
    let html: string
    if (block % 40 === 0) html = `<h2 id="s${block}">${sentence(random, 5)}</h2>`
    else if (block % 23 === 0) html = table(random, 4, () => shortHex(random))
    else if (block % 17 === 0) html = `<pre>${Array.from({ length: 4 }, () => `${shortHex(random)} ${sentence(random, 6)}`).join('\n')}</pre>`
    else html = paragraph(random)
    while (hashes.length < hashCount && block >= nextHashAt) {
      const hash = nextHash()
      const style = hashes.length % 4
      if (style === 0) html += `<p>The dropper (SHA: ${hash}) ${sentence(random, 8)}</p>`
      else if (style === 1) html += `<p>${sentence(random, 5)} <code>${hash}</code> ${sentence(random, 5)}</p>`
      else if (style === 2) html += table(random, 1, () => hash)
      else html += `<pre>${hash}  ${pick(random, WORDS)}.exe</pre>`
      nextHashAt += stride
    }
    parts.push(html)
    bytes += html.length + 1
    block++
  }
  // A small page may end before every hash was placed.
  while (hashes.length < hashCount) parts.push(`<p>Also: ${nextHash()}</p>`)
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Article</title><style>${PAGE_STYLE}</style></head>` +
    `<body><h1>Incident notes</h1>\n${parts.join('\n')}\n</body></html>`
  return { html, hashes }
}

export interface LogViewerOptions {
  linesPerSecond: number
  durationMs: number
  /** One line in this many carries a hash. */
  hashEvery: number
}

/**
 * A log viewer: lines arrive in small chunks (every 50 ms) for `durationMs`, each line a
 * div of spans, one in `hashEvery` naming a hash. `window.__logDone` turns true at the end.
 */
export function logViewerPage(options: LogViewerOptions): string {
  const chunkMs = 50
  const linesPerChunk = Math.max(1, Math.round((options.linesPerSecond * chunkMs) / 1000))
  const chunks = Math.round(options.durationMs / chunkMs)
  // The hashes are made here (same generator as the tests) and shipped to the page as data.
  const total = linesPerChunk * chunks
  const hashes: string[] = []
  for (let index = 0; index < total; index += options.hashEvery) hashes.push(makeHash(50_000 + index, 40, '0123456789abcdef'[index % 16]!))
  return `<!doctype html><html><head><meta charset="utf-8"><title>Build log</title>
<style>body{margin:0;font:13px/1.4 ui-monospace,monospace}.line{white-space:pre}.ts{color:#888}.lvl{color:#06c}</style></head>
<body><div id="log"></div><script>
const hashes = ${JSON.stringify(hashes)};
const words = ${JSON.stringify(WORDS.slice(0, 60))};
const log = document.getElementById('log');
let line = 0, chunk = 0;
window.__logDone = false;
function text(n) { let t = []; for (let i = 0; i < n; i++) t.push(words[(line * 7 + i * 13) % words.length]); return t.join(' ') }
function addLine() {
  const div = document.createElement('div'); div.className = 'line';
  const ts = document.createElement('span'); ts.className = 'ts'; ts.textContent = new Date(1700000000000 + line * 5).toISOString();
  const lvl = document.createElement('span'); lvl.className = 'lvl'; lvl.textContent = line % 9 === 0 ? ' WARN ' : ' INFO ';
  const msg = document.createElement('span');
  msg.textContent = line % ${options.hashEvery} === 0 ? 'downloaded artifact sha1=' + hashes[line / ${options.hashEvery}] + ' ' + text(4) : text(10);
  div.append(ts, lvl, msg); log.append(div); line++;
}
const timer = setInterval(() => {
  for (let i = 0; i < ${linesPerChunk}; i++) addLine();
  if (++chunk >= ${chunks}) { clearInterval(timer); window.__logDone = true; }
}, ${chunkMs});
</script></body></html>`
}

/** Dense columns, so every hash is on screen. */
export function hashListPage(hashes: readonly string[], repeats: readonly string[]): string {
  const items = [...hashes, ...repeats.map((hash, index) => (index % 2 === 0 ? hash.toUpperCase() : hash))]
  return `<!doctype html><html><head><meta charset="utf-8"><title>IOC list</title></head>` +
    `<body style="font: 4px monospace; columns: 6">${items.map((hash) => `<div>${hash}</div>`).join('')}</body></html>`
}
