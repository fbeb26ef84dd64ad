/**
 * Writes real PDFs for the tests (issue 15): pages of Helvetica text objects at given positions, an optional
 * JavaScript run on opening (/OpenAction and a document-level /Names script), and an optional user password (the standard security handler, revision 2: 40-bit RC4,
 * ISO 32000-1 §7.6.3, algorithms 1, 2, 3 and 4). Each text object is one `Tj`, so pdf.js gives one text item per
 * text (unless two touch on a line), at exactly the position written.
 */
import { createHash } from 'node:crypto'

export interface PdfText {
  text: string
  /** Baseline start in points from the page's bottom left (A4 portrait: 595 × 842). */
  x: number
  y: number
  size?: number
}

export interface PdfFixture {
  pages: ReadonlyArray<readonly PdfText[]>
  title?: string
  /** Script the document asks the viewer to run when opened: a viewer must run none of it. */
  openActionJavaScript?: string
  /** Encrypts strings and streams: a viewer must ask for this password to read the document. */
  userPassword?: string
}

/** The 32 bytes every password is padded with (ISO 32000-1 §7.6.3.3, algorithm 2 step a). */
const PASSWORD_PADDING = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex')
/** Revision 2 keys are 40 bits. */
const KEY_BYTES = 5
/** Permissions: all granted (bits 1–2 must be 0, the rest of the high bits 1). */
const PERMISSIONS = -4
const FILE_ID = createHash('md5').update('hashlens pdf-fixture').digest()

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, index) => index)
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff
    ;[s[i], s[j]] = [s[j]!, s[i]!]
  }
  const out = Buffer.alloc(data.length)
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff
    j = (j + s[i]!) & 0xff
    ;[s[i], s[j]] = [s[j]!, s[i]!]
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!
  }
  return out
}

const md5 = (...parts: Buffer[]) => {
  const hash = createHash('md5')
  for (const part of parts) hash.update(part)
  return hash.digest()
}

function padded(password: string): Buffer {
  return Buffer.concat([Buffer.from(password, 'latin1'), PASSWORD_PADDING]).subarray(0, 32)
}

function littleEndian32(value: number): Buffer {
  const buffer = Buffer.alloc(4)
  buffer.writeInt32LE(value)
  return buffer
}

interface Encryption {
  key: Buffer
  owner: Buffer
  user: Buffer
}

/** Algorithms 3 (O), 2 (the file key) and 4 (U), revision 2. The owner password is the user's: a test needs one. */
function encryptionFor(password: string): Encryption {
  const owner = rc4(md5(padded(password)).subarray(0, KEY_BYTES), padded(password))
  const key = md5(padded(password), owner, littleEndian32(PERMISSIONS), FILE_ID).subarray(0, KEY_BYTES)
  return { key, owner, user: rc4(key, PASSWORD_PADDING) }
}

/** Algorithm 1: each object's strings and streams under a key of its own. */
function objectKey(key: Buffer, objectNumber: number): Buffer {
  const suffix = Buffer.from([objectNumber & 0xff, (objectNumber >> 8) & 0xff, (objectNumber >> 16) & 0xff, 0, 0])
  return md5(key, suffix).subarray(0, Math.min(key.length + 5, 16))
}

function literal(text: string): string {
  return `(${text.replace(/[\\()]/g, (char) => `\\${char}`)})`
}

function hexString(bytes: Buffer): string {
  return `<${bytes.toString('hex')}>`
}

function contentOf(texts: readonly PdfText[]): string {
  return texts.map(({ text, x, y, size = 10 }) => `BT /F1 ${size} Tf ${x} ${y} Td ${literal(text)} Tj ET`).join('\n')
}

/** The PDF's bytes. Text is Latin-1 (WinAnsiEncoding): enough for hashes and English prose. */
export function writePdf(fixture: PdfFixture): Buffer {
  const encryption = fixture.userPassword === undefined ? null : encryptionFor(fixture.userPassword)
  const objects: string[] = []
  const streams = new Map<number, Buffer>()
  const add = (body: string) => objects.push(body)
  /** A string: written as hex, encrypted with its object's key when the file is. */
  const string = (objectNumber: number, text: string) => {
    const bytes = Buffer.from(text, 'latin1')
    return encryption ? hexString(rc4(objectKey(encryption.key, objectNumber), bytes)) : literal(text)
  }

  const pageCount = fixture.pages.length
  const firstPage = 4
  // 1 catalog, 2 pages, 3 font, then a page and its content per page, then the info and the script.
  const infoNumber = firstPage + 2 * pageCount
  const scriptNumber = infoNumber + 1
  const encryptNumber = scriptNumber + 1
  // The script twice, as documents carry it: run when opened (/OpenAction) and as a document-level script (/Names /JavaScript).
  const openAction = fixture.openActionJavaScript === undefined ? '' : ` /OpenAction ${scriptNumber} 0 R /Names << /JavaScript << /Names [${string(1, 'init')} ${scriptNumber} 0 R] >> >>`
  add(`<< /Type /Catalog /Pages 2 0 R${openAction} >>`)
  add(`<< /Type /Pages /Kids [${fixture.pages.map((_, index) => `${firstPage + 2 * index} 0 R`).join(' ')}] /Count ${pageCount} >>`)
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>')
  fixture.pages.forEach((texts, index) => {
    const pageNumber = firstPage + 2 * index
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageNumber + 1} 0 R >>`)
    const content = Buffer.from(contentOf(texts), 'latin1')
    streams.set(pageNumber + 1, encryption ? rc4(objectKey(encryption.key, pageNumber + 1), content) : content)
    add('')
  })
  add(`<< /Title ${string(infoNumber, fixture.title ?? 'HashLens test report')} /Producer (HashLens pdf-fixture) >>`)
  add(`<< /Type /Action /S /JavaScript /JS ${string(scriptNumber, fixture.openActionJavaScript ?? '')} >>`)
  if (encryption) add(`<< /Filter /Standard /V 1 /R 2 /Length 40 /O ${hexString(encryption.owner)} /U ${hexString(encryption.user)} /P ${PERMISSIONS} >>`)

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  let length = chunks[0]!.length
  const offsets: number[] = []
  const push = (chunk: Buffer) => {
    chunks.push(chunk)
    length += chunk.length
  }
  objects.forEach((body, index) => {
    const number = index + 1
    offsets.push(length)
    const stream = streams.get(number)
    if (stream) {
      push(Buffer.from(`${number} 0 obj\n<< /Length ${stream.length} >>\nstream\n`, 'latin1'))
      push(stream)
      push(Buffer.from('\nendstream\nendobj\n', 'latin1'))
    } else {
      push(Buffer.from(`${number} 0 obj\n${body}\nendobj\n`, 'latin1'))
    }
  })
  const xrefOffset = length
  const xref = ['xref', `0 ${objects.length + 1}`, '0000000000 65535 f ', ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n `)]
  const id = hexString(FILE_ID)
  const encrypt = encryption ? ` /Encrypt ${encryptNumber} 0 R` : ''
  push(Buffer.from(`${xref.join('\n')}\ntrailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${infoNumber} 0 R /ID [${id} ${id}]${encrypt} >>\nstartxref\n${xrefOffset}\n%%EOF\n`, 'latin1'))
  return Buffer.concat(chunks)
}

/** The hashes of threatReport(), by where they are written. */
export const REPORT_HASHES = {
  /** Its table's SHA-256 column, each wrapped: 36+28, 40+24, 32+32. */
  wrapped: [
    '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
    'fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9',
    '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  ],
  /** A list of MD5s, one per line, at one left edge: four MD5s, never two SHA-256s. */
  md5List: ['d41d8cd98f00b204e9800998ecf8427e', '098f6bcd4621d373cade4e832627b4f6', '5d41402abc4b2a76b9719d911017c592', '7215ee9c7d9dc229d2921a40e899ec5f'],
  /** Written in upper case in the prose. */
  upperCase: 'a94a8fe5ccb19ba61c4c0865e8b9b3d6b2d0d5a3',
  /** In a footnote, in small type at the page's foot. */
  footnote: 'b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c',
} as const

const WRAP_CUTS = [36, 40, 32]

/** A three-page threat report with every case issue 15 names; each page's hashes are REPORT_HASHES'. */
export function threatReport(options: Pick<PdfFixture, 'openActionJavaScript' | 'userPassword'> = {}): PdfFixture {
  const table: PdfText[] = [
    { text: 'Indicators of compromise: Operation Paper Lantern', x: 50, y: 780, size: 16 },
    { text: 'The malware campaign dropped the following files. Table 1 lists the samples.', x: 50, y: 750 },
    { text: 'File', x: 50, y: 720 },
    { text: 'SHA-256', x: 200, y: 720 },
    { text: 'First seen', x: 420, y: 720 },
  ]
  let y = 706
  REPORT_HASHES.wrapped.forEach((hash, row) => {
    const cut = WRAP_CUTS[row]!
    table.push({ text: `loader-${row + 1}.dll`, x: 50, y }, { text: '2026-11-0' + (row + 1), x: 420, y })
    table.push({ text: hash.slice(0, cut), x: 200, y }, { text: hash.slice(cut), x: 200, y: y - 12 })
    y -= 30
  })
  const list: PdfText[] = [
    { text: 'Dropped files', x: 50, y: 780, size: 14 },
    { text: 'The dropper wrote these files (MD5):', x: 50, y: 750 },
    ...REPORT_HASHES.md5List.map((md5, index) => ({ text: md5, x: 50, y: 734 - 12 * index })),
    { text: `The loader (SHA-1 ${REPORT_HASHES.upperCase.toUpperCase()}) then contacts its C2.`, x: 50, y: 660 },
    { text: 'It was first reported in a public sandbox.1', x: 50, y: 640 },
    { text: `1 Sandbox report of the sample ${REPORT_HASHES.footnote}`, x: 50, y: 60, size: 7 },
  ]
  const closing: PdfText[] = [
    { text: 'Recommendations', x: 50, y: 780, size: 14 },
    { text: 'Block the hashes above and search your estate for them.', x: 50, y: 750 },
  ]
  return { pages: [table, list, closing], title: 'Operation Paper Lantern', ...options }
}
