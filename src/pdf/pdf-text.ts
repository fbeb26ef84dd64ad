/**
 * A PDF page's text as the detector reads it (issue 15), from pdf.js's text items: pure, no DOM, no pdf.js import.
 *
 * Items are laid out in lines (same baseline, left to right, top to bottom), a line's items in segments (a gap wider
 * than COLUMN_GAP_EM starts a new one: a table column, written `\t` so the judge sees a cell), and every character is
 * mapped back to its item and offset so a mark can be placed on pdf.js's text layer (one span per item).
 *
 * A hash the PDF wraps across lines (a narrow table cell, the end of a paragraph line) is joined when geometry and
 * context say so: the next piece starts the next line at the first piece's left edge, the first piece ends its
 * segment and is at least as wide as the next, and no column header names another type. Two pieces that are each a
 * hash already (32+32: a list of MD5s, one per line) are joined only under a header naming the joined type.
 */
import { hashTypeOfLength } from '../shared/hash.ts'

/** What the pure code needs of a pdf.js TextItem (pdf.js's `TextContent.items`, marked-content entries left out). */
export interface PdfTextItem {
  str: string
  /** [a, b, c, d, e, f]: e, f the baseline's start in page units (y up); a, d the scaled font size when unrotated. */
  transform: readonly number[]
  width: number
  height: number
  hasEOL: boolean
}

export interface PdfPageText {
  text: string
  /** For each UTF-16 unit of `text`: the index of the item it came from, -1 for a separator added here. */
  itemOf: Int32Array
  /** For each UTF-16 unit of `text`: its offset in that item's `str` (a ligature's two letters share one). */
  charOf: Int32Array
}

/** A stretch of one item's `str`, `[start, end)`: what a mark covers on that item's span. */
export interface ItemRange {
  item: number
  start: number
  end: number
}

/** Baselines closer than this (in font sizes) are one line; a superscript's is not. */
const SAME_LINE_EM = 0.35
/**
 * A gap wider than this is a column's: a new segment. Helvetica's space is 0.28 em, twice that in loosely justified
 * prose; a cramped table column (the generated report's) starts 0.98 em after a full cell.
 */
const COLUMN_GAP_EM = 0.8
/** A gap wider than this between two items on a line is a space. */
const SPACE_GAP_EM = 0.15
/** A wrapped piece's line is at most this far below (in font sizes): line spacing, not the next paragraph. */
const MAX_LINE_STEP_EM = 2.2
/** Left edges this close (in font sizes) are one column's. */
const ALIGN_EM = 0.6
/** The shortest piece of a wrapped hash worth joining: fewer hex digits are as often a word ("a", "be"). */
const MIN_PIECE = 4
/** How far up the header of a column is looked for. */
const HEADER_LOOKBACK_LINES = 60
/** A hex run this long makes a segment a row of the table, not its header. */
const ROW_HEX_RUN = 16
const ROW_PATTERN = new RegExp(`[0-9a-f]{${ROW_HEX_RUN}}`, 'i')
/** Of what a column header says about the type, the first named wins (a header "MD5 / SHA-256" names both). */
const TYPE_NAMES: ReadonlyArray<{ pattern: RegExp; length: number }> = [
  { pattern: /\bsha-?256\b|\bsha-?2\b/i, length: 64 },
  { pattern: /\bsha-?1\b/i, length: 40 },
  { pattern: /\bmd-?5\b/i, length: 32 },
]

interface LaidItem {
  index: number
  /** The item's text after NFKC (ligatures and full-width forms), and each unit's offset in `str`. */
  units: string
  offsets: number[]
  x: number
  y: number
  size: number
  width: number
}

interface Segment {
  items: LaidItem[]
  /** The segment's text and, per unit, its (item, offset); separators have item -1. */
  units: string
  itemOf: number[]
  charOf: number[]
  left: number
  right: number
  y: number
  size: number
  line: number
  /** Units of the leading hex run moved to the previous line's piece (a join), so not written here. */
  movedOut: number
  /** The wrapped pieces joined to this segment's end, first to last. */
  joined: Segment[]
  /** Drop the trailing hyphen of a hash broken at the line end. */
  dropsHyphen: boolean
}

function isHexUnit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66) || (code >= 0x41 && code <= 0x46)
}

/** NFKC per code point, so each output unit keeps the offset of the character it came from. */
function normalizeItem(str: string): { units: string; offsets: number[] } {
  // eslint-disable-next-line no-control-regex -- the fast path: ASCII needs no normalisation
  if (/^[\x00-\x7f]*$/.test(str)) return { units: str, offsets: Array.from({ length: str.length }, (_, index) => index) }
  let units = ''
  const offsets: number[] = []
  for (let offset = 0; offset < str.length;) {
    const codePoint = str.codePointAt(offset)!
    const length = codePoint > 0xffff ? 2 : 1
    const normal = String.fromCodePoint(codePoint).normalize('NFKC')
    units += normal
    for (let unit = 0; unit < normal.length; unit++) offsets.push(offset)
    offset += length
  }
  return { units, offsets }
}

function isHorizontal(transform: readonly number[]): boolean {
  return Math.abs(transform[1] ?? 0) < 1e-3 && Math.abs(transform[2] ?? 0) < 1e-3 && (transform[0] ?? 0) > 0
}

function layItems(items: readonly PdfTextItem[]): { lines: LaidItem[][]; rotated: LaidItem[] } {
  const horizontal: LaidItem[] = []
  const rotated: LaidItem[] = []
  items.forEach((item, index) => {
    if (item.str.trim() === '') return // pdf.js's space items: the geometry says where spaces are
    const { units, offsets } = normalizeItem(item.str)
    const t = item.transform
    const size = item.height > 0 ? item.height : Math.hypot(t[2] ?? 0, t[3] ?? 0) || 1
    const laid = { index, units, offsets, x: t[4] ?? 0, y: t[5] ?? 0, size, width: item.width }
    if (isHorizontal(t)) horizontal.push(laid)
    else rotated.push(laid)
  })
  // Top to bottom (PDF's y grows upwards); stream order breaks ties, so the sort is stable.
  horizontal.sort((a, b) => b.y - a.y)
  const lines: LaidItem[][] = []
  let line: LaidItem[] = []
  let lineY = 0
  let lineSize = 0
  for (const item of horizontal) {
    if (line.length > 0 && Math.abs(lineY - item.y) <= SAME_LINE_EM * Math.min(lineSize, item.size)) {
      line.push(item)
      lineSize = Math.max(lineSize, item.size)
      continue
    }
    if (line.length > 0) lines.push(line)
    line = [item]
    lineY = item.y
    lineSize = item.size
  }
  if (line.length > 0) lines.push(line)
  for (const each of lines) each.sort((a, b) => a.x - b.x)
  return { lines, rotated }
}

function segmentsOf(line: readonly LaidItem[], lineIndex: number): Segment[] {
  const segments: Segment[] = []
  let current: Segment | null = null
  for (const item of line) {
    const gap = current === null ? 0 : item.x - current.right
    const size = Math.max(item.size, current?.size ?? 0)
    if (current === null || gap > COLUMN_GAP_EM * size) {
      current = { items: [], units: '', itemOf: [], charOf: [], left: item.x, right: item.x, y: item.y, size: item.size, line: lineIndex, movedOut: 0, joined: [], dropsHyphen: false }
      segments.push(current)
    } else if (gap > SPACE_GAP_EM * size && !/\s$/.test(current.units) && !/^\s/.test(item.units)) {
      current.units += ' '
      current.itemOf.push(-1)
      current.charOf.push(-1)
    }
    current.items.push(item)
    current.units += item.units
    for (const offset of item.offsets) {
      current.itemOf.push(item.index)
      current.charOf.push(offset)
    }
    current.right = Math.max(current.right, item.x + item.width)
    current.size = size
  }
  return segments
}

/** The hex run ending the segment (before a trailing hyphen), as units from the end. */
function trailingHexRun(segment: Segment): { length: number; hasHyphen: boolean } {
  let end = segment.units.length
  while (end > 0 && /\s/.test(segment.units[end - 1]!)) end--
  const hasHyphen = end > 0 && segment.units[end - 1] === '-'
  if (hasHyphen) end--
  let start = end
  while (start > 0 && isHexUnit(segment.units.charCodeAt(start - 1))) start--
  return { length: end - start, hasHyphen: hasHyphen && end - start > 0 }
}

function leadingHexRun(segment: Segment): number {
  let end = 0
  while (end < segment.units.length && isHexUnit(segment.units.charCodeAt(end))) end++
  return end
}

/** A long hex run next to the piece, with only spaces between: hashes side by side in one segment, not one hash. */
function hasHexNeighbour(text: string, from: number, step: 1 | -1): boolean {
  let position = from
  while (position >= 0 && position < text.length && text[position] === ' ') position += step
  if (position === from) return false
  let run = 0
  while (position >= 0 && position < text.length && isHexUnit(text.charCodeAt(position))) {
    run++
    position += step
  }
  return run >= ROW_HEX_RUN
}

/** Where on the page the unit at `unit` of the segment ends, by its share of its item's width. */
function rightOfUnit(segment: Segment, unit: number): number {
  const itemIndex = segment.itemOf[unit]!
  const item = segment.items.find((each) => each.index === itemIndex)
  if (!item) return segment.right
  const offset = segment.charOf[unit]!
  const strLength = item.offsets.length === 0 ? 1 : item.offsets[item.offsets.length - 1]! + 1
  return item.x + item.width * ((offset + 1) / strLength)
}

/** What the header of a segment's column says: the length of the type it names, or null. */
function headerLengthOf(segment: Segment, lines: readonly Segment[][]): number | null {
  for (let line = segment.line - 1; line >= 0 && line >= segment.line - HEADER_LOOKBACK_LINES; line--) {
    for (const above of lines[line]!) {
      if (above.right < segment.left || above.left > segment.right) continue
      if (ROW_PATTERN.test(above.units)) continue // a row of the table
      for (const { pattern, length } of TYPE_NAMES) if (pattern.test(above.units)) return length
      return null // the header names no type
    }
  }
  return null
}

/** The segment on a following line that continues `segment`'s trailing hex run, if geometry allows it. */
function continuationOf(segment: Segment, lines: readonly Segment[][], taken: ReadonlySet<Segment>): Segment | null {
  for (let line = segment.line + 1; line < lines.length; line++) {
    let isPastStep = false
    for (const below of lines[line]!) {
      const step = segment.y - below.y
      if (step > MAX_LINE_STEP_EM * segment.size) {
        isPastStep = true
        break
      }
      if (taken.has(below) || Math.abs(below.left - segment.left) > ALIGN_EM * segment.size) continue
      if (Math.abs(below.size - segment.size) > 0.2 * segment.size) continue
      return leadingHexRun(below) >= MIN_PIECE ? below : null
    }
    if (isPastStep) break
  }
  return null
}

/**
 * Decides the joins: walks each segment's trailing piece down its column, up to three pieces, until their lengths
 * make a hash's. Pieces that would each be a hash alone (32+32) need a header naming the joined type.
 */
function joinWrappedHashes(lines: readonly Segment[][]): void {
  const taken = new Set<Segment>()
  for (const line of lines) {
    for (const first of line) {
      if (taken.has(first) && first.units.length === leadingHexRun(first)) continue // all of it moved up already
      const tail = trailingHexRun(first)
      if (tail.length < MIN_PIECE || tail.length >= 64) continue
      const tailStart = first.units.length - tail.length - (tail.hasHyphen ? 1 : 0) - (first.units.length - first.units.trimEnd().length)
      if (hasHexNeighbour(first.units, tailStart - 1, -1)) continue
      const pieces: Segment[] = []
      let length = tail.length
      let previous = first
      let accepted = false
      while (pieces.length < 2) {
        const next = continuationOf(previous, lines, taken)
        if (next === null) break
        const nextLength = leadingHexRun(next)
        if (hasHexNeighbour(next.units, nextLength, 1)) break
        if (rightOfUnit(next, nextLength - 1) > previous.right + ALIGN_EM * previous.size) break // the first line is the full one
        const total = length + nextLength
        if (total > 64) break
        pieces.push(next)
        const type = hashTypeOfLength(total)
        if (type !== null && mayJoin(first, lines, pieces.length === 1 ? length : 0, nextLength, total)) {
          accepted = true
          break
        }
        // A piece that fills its segment may go on to the next line (a cell three lines high).
        if (nextLength !== next.units.trimEnd().length) break
        length = total
        previous = next
      }
      if (!accepted) continue
      first.joined = pieces
      first.dropsHyphen = tail.hasHyphen
      for (const piece of pieces) {
        piece.movedOut = leadingHexRun(piece)
        taken.add(piece)
      }
    }
  }
}

/** `firstLength` 0: the first part is itself joined pieces, so not a hash written whole. */
function mayJoin(first: Segment, lines: readonly Segment[][], firstLength: number, nextLength: number, total: number): boolean {
  const header = headerLengthOf(first, lines)
  const areBothHashes = hashTypeOfLength(firstLength) !== null && hashTypeOfLength(nextLength) !== null
  if (areBothHashes) return header === total
  return header === null || header === total
}

/** The page's text in reading order, wrapped hashes joined, with the map back to the items. */
export function pageTextOf(items: readonly PdfTextItem[]): PdfPageText {
  const { lines: laidLines, rotated } = layItems(items)
  const lines = laidLines.map((line, index) => segmentsOf(line, index))
  joinWrappedHashes(lines)
  const rotatedLines = rotated.map((item, index) => segmentsOf([item], lines.length + index))

  let text = ''
  const itemOf: number[] = []
  const charOf: number[] = []
  const write = (units: string, items: readonly number[], offsets: readonly number[]) => {
    text += units
    for (const value of items) itemOf.push(value)
    for (const value of offsets) charOf.push(value)
  }
  const separate = (separator: string) => write(separator, [-1], [-1])
  for (const line of [...lines, ...rotatedLines]) {
    let isLineEmpty = true
    for (const segment of line) {
      const start = segment.movedOut
      let end = segment.units.length
      if (segment.joined.length > 0) {
        end = segment.units.trimEnd().length - (segment.dropsHyphen ? 1 : 0)
      }
      let from = start
      while (from < end && /\s/.test(segment.units[from]!)) from++
      if (from >= end && segment.joined.length === 0) continue
      if (!isLineEmpty) separate('\t')
      isLineEmpty = false
      write(segment.units.slice(from, end), segment.itemOf.slice(from, end), segment.charOf.slice(from, end))
      for (const piece of segment.joined) {
        const run = piece.movedOut
        write(piece.units.slice(0, run), piece.itemOf.slice(0, run), piece.charOf.slice(0, run))
      }
    }
    if (!isLineEmpty) separate('\n')
  }
  return { text, itemOf: Int32Array.from(itemOf), charOf: Int32Array.from(charOf) }
}

/** The stretches of items that `text.slice(start, end)` came from, in text order; separators are left out. */
export function itemRangesOf(page: PdfPageText, start: number, end: number): ItemRange[] {
  const ranges: ItemRange[] = []
  for (let unit = start; unit < end; unit++) {
    const item = page.itemOf[unit]!
    if (item < 0) continue
    const offset = page.charOf[unit]!
    const last = ranges[ranges.length - 1]
    if (last && last.item === item && offset >= last.start && offset <= last.end) {
      last.end = Math.max(last.end, offset + 1)
      continue
    }
    ranges.push({ item, start: offset, end: offset + 1 })
  }
  return ranges
}
