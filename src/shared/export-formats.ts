/**
 * A CSV cell a spreadsheet would run as a formula gets a leading `'`: the starts OWASP lists
 * (https://owasp.org/www-community/attacks/CSV_Injection, WSTG-INPV-21), also after leading
 * whitespace, and their full-width forms, which Excel in CJK locales reads as the ASCII ones
 * (OWASP/www-community#1088).
 */
import type { HashState } from './verdict.ts'
import type { FileHashes } from './file-hashes.ts'
import { describeBudgetStop, describeHashError, describeSkip, stateLabel } from './status-text.ts'

// Exports carry the same words as the popup (in the user's language); the label lives with the texts.
export { stateLabel }

export interface ExportRow {
  hash: string
  type: string
  state: HashState | undefined
}

const FORMULA_START = /^\s*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/
// A spreadsheet that splits on `;`, tab or a line break ignores a quote that is not at its cell's
// start (ours is, only for a `,` parse), so text after one of them starts a cell there: neutralise it too.
const INNER_FORMULA_START = /([;\t\r\n])(?=(?:"|[^\S\t\r\n])*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/g
const NEEDS_QUOTES = /[",;\t\n\r]/

export function neutralizeCsvCell(value: string): string {
  const inert = value.replace(INNER_FORMULA_START, "$1'")
  const safe = FORMULA_START.test(inert) ? `'${inert}` : inert
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** One column of an export: its CSV header, its JSON key, and its value for a row (a number stays one in JSON). */
interface Column<R> {
  csv: string
  json: string
  value: (row: R) => string | number
}

const verdictOf = (state: HashState | undefined) => (state?.state === 'verdict' ? state.verdict : undefined)

/** What the service said of a hash, and why it was not looked up: the columns after the hash's own, in every export. */
const STATE_COLUMNS: ReadonlyArray<Column<HashState | undefined>> = [
  { csv: 'classification', json: 'classification', value: (state) => stateLabel(state) },
  { csv: 'threat_name', json: 'threatName', value: (state) => verdictOf(state)?.threatName ?? '' },
  { csv: 'threat_level', json: 'threatLevel', value: (state) => verdictOf(state)?.threatLevel?.toString() ?? '' },
  { csv: 'trust_factor', json: 'trustFactor', value: (state) => verdictOf(state)?.trustFactor?.toString() ?? '' },
  { csv: 'scanner_match', json: 'scannerMatch', value: (state) => verdictOf(state)?.scannerMatch?.toString() ?? '' },
  { csv: 'scanner_count', json: 'scannerCount', value: (state) => verdictOf(state)?.scannerCount?.toString() ?? '' },
  { csv: 'first_seen', json: 'firstSeen', value: (state) => verdictOf(state)?.firstSeen ?? '' },
  { csv: 'last_seen', json: 'lastSeen', value: (state) => verdictOf(state)?.lastSeen ?? '' },
  { csv: 'error', json: 'error', value: (state) => (state?.state === 'error' ? describeHashError(state) : '') },
  { csv: 'not_looked_up_reason', json: 'notLookedUpReason', value: (state) => notLookedUpBecause(state) },
]

function stateColumnsOf<R>(stateOf: (row: R) => HashState | undefined): Array<Column<R>> {
  return STATE_COLUMNS.map((column) => ({ ...column, value: (row: R) => column.value(stateOf(row)) }))
}

const PAGE_COLUMNS: ReadonlyArray<Column<ExportRow>> = [
  { csv: 'hash', json: 'hash', value: (row) => row.hash },
  { csv: 'type', json: 'type', value: (row) => row.type },
  ...stateColumnsOf((row: ExportRow) => row.state),
]

/** CRLF lines (RFC 4180), every cell neutralised: a hash's threat name or a file's name is anyone's choice. */
function csvOf<R>(columns: ReadonlyArray<Column<R>>, rows: readonly R[]): string {
  const lines = [columns.map((column) => column.csv).join(',')]
  for (const row of rows) lines.push(columns.map((column) => neutralizeCsvCell(String(column.value(row)))).join(','))
  return `${lines.join('\r\n')}\r\n`
}

function jsonOf<R>(columns: ReadonlyArray<Column<R>>, rows: readonly R[]): string {
  return JSON.stringify(rows.map((row) => Object.fromEntries(columns.map((column) => [column.json, column.value(row)]))), null, 2)
}

/** Why an idle hash was not looked up, in the card's words: its context (issue 13) or a spent budget. */
function notLookedUpBecause(state: HashState | undefined): string {
  if (state?.state !== 'idle') return ''
  if (state.skippedAs !== undefined) return describeSkip(state.skippedAs)
  return state.stoppedBy === undefined ? '' : describeBudgetStop(state.stoppedBy)
}

export function toCsv(rows: readonly ExportRow[]): string {
  return csvOf(PAGE_COLUMNS, rows)
}

export function toJson(rows: readonly ExportRow[]): string {
  return jsonOf(PAGE_COLUMNS, rows)
}

/** A file checked on this computer (issue 16): its SHA-256 was looked up, `state` is that lookup's. */
export interface FileExportRow {
  name: string
  size: number
  hashes: FileHashes
  state: HashState | undefined
}

/** The file's own columns, then the page export's verdict columns: one spreadsheet reads both. */
const FILE_COLUMNS: ReadonlyArray<Column<FileExportRow>> = [
  { csv: 'file_name', json: 'name', value: (row) => row.name },
  { csv: 'size', json: 'size', value: (row) => row.size },
  { csv: 'md5', json: 'md5', value: (row) => row.hashes.md5 },
  { csv: 'sha1', json: 'sha1', value: (row) => row.hashes.sha1 },
  { csv: 'sha256', json: 'sha256', value: (row) => row.hashes.sha256 },
  ...stateColumnsOf((row: FileExportRow) => row.state),
]

export function filesToCsv(rows: readonly FileExportRow[]): string {
  return csvOf(FILE_COLUMNS, rows)
}

export function filesToJson(rows: readonly FileExportRow[]): string {
  return jsonOf(FILE_COLUMNS, rows)
}
