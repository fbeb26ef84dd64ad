/**
 * Just enough of the zip format (PKWARE APPNOTE 4.3.12, 4.3.16) to list an archive and read one
 * file from it, so tests can look inside the store archives without an unzip binary (CI images
 * may lack it) or a zip library. Handles stored and deflated entries; no zip64, no encryption.
 */
import { inflateRawSync } from 'node:zlib'

const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const CENTRAL_FILE_HEADER = 0x02014b50
const LOCAL_FILE_HEADER = 0x04034b50

interface Entry { name: string; method: number; compressedSize: number; localHeaderOffset: number }

function entriesOf(zip: Buffer): Entry[] {
  // The end record is the last 22 bytes, unless a comment (at most 65,535 bytes) follows it.
  let end = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) { end = i; break }
  }
  if (end < 0) throw new Error('Not a zip archive: no end of central directory record')
  const count = zip.readUInt16LE(end + 10)
  let offset = zip.readUInt32LE(end + 16)
  const entries: Entry[] = []
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) throw new Error(`Bad central directory entry at ${offset}`)
    const nameLength = zip.readUInt16LE(offset + 28)
    entries.push({
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      localHeaderOffset: zip.readUInt32LE(offset + 42),
    })
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32)
  }
  return entries
}

export function zipEntryNames(zip: Buffer): string[] {
  return entriesOf(zip).map((entry) => entry.name)
}

export function readZipEntry(zip: Buffer, name: string): Buffer {
  const entry = entriesOf(zip).find((e) => e.name === name)
  if (!entry) throw new Error(`${name} is not in the archive`)
  const at = entry.localHeaderOffset
  if (zip.readUInt32LE(at) !== LOCAL_FILE_HEADER) throw new Error(`Bad local header for ${name}`)
  // The local header's name and extra lengths may differ from the central directory's.
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28)
  const data = zip.subarray(start, start + entry.compressedSize)
  if (entry.method === 0) return Buffer.from(data)
  if (entry.method === 8) return inflateRawSync(data)
  throw new Error(`${name} uses compression method ${entry.method}, which this reader does not handle`)
}
