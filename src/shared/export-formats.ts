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

const CSV_COLUMNS = ['hash', 'type', 'classification', 'threat_name', 'threat_level', 'trust_factor',
  'scanner_match', 'scanner_count', 'first_seen', 'last_seen', 'error', 'not_looked_up_reason'] as const

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

function rowValues(row: ExportRow): string[] {
  const verdict = row.state?.state === 'verdict' ? row.state.verdict : undefined
  const error = row.state?.state === 'error' ? describeHashError(row.state) : ''
  return [
    row.hash, row.type, stateLabel(row.state), verdict?.threatName ?? '',
    verdict?.threatLevel?.toString() ?? '', verdict?.trustFactor?.toString() ?? '',
    verdict?.scannerMatch?.toString() ?? '', verdict?.scannerCount?.toString() ?? '',
    verdict?.firstSeen ?? '', verdict?.lastSeen ?? '', error, notLookedUpBecause(row.state),
  ]
}

/** Why an idle hash was not looked up, in the card's words: its context (issue 13) or a spent budget. */
function notLookedUpBecause(state: HashState | undefined): string {
  if (state?.state !== 'idle') return ''
  if (state.skippedAs !== undefined) return describeSkip(state.skippedAs)
  return state.stoppedBy === undefined ? '' : describeBudgetStop(state.stoppedBy)
}

export function toCsv(rows: readonly ExportRow[]): string {
  const lines = [CSV_COLUMNS.join(',')]
  for (const row of rows) lines.push(rowValues(row).map(neutralizeCsvCell).join(','))
  return `${lines.join('\r\n')}\r\n`
}

export function toJson(rows: readonly ExportRow[]): string {
  return JSON.stringify(rows.map((row) => {
    const [hash, type, classification, threatName, threatLevel, trustFactor, scannerMatch, scannerCount, firstSeen, lastSeen, error, notLookedUpReason] = rowValues(row)
    return { hash, type, classification, threatName, threatLevel, trustFactor, scannerMatch, scannerCount, firstSeen, lastSeen, error, notLookedUpReason }
  }), null, 2)
}

/** A file checked on this computer (issue 16): its SHA-256 was looked up, `state` is that lookup's. */
export interface FileExportRow {
  name: string
  size: number
  hashes: FileHashes
  state: HashState | undefined
}

/** The page export's verdict columns, after the file's own: one spreadsheet reads both. */
const FILE_CSV_COLUMNS = ['file_name', 'size', 'md5', 'sha1', 'sha256', ...CSV_COLUMNS.slice(2)] as const

function fileRowValues(row: FileExportRow): string[] {
  const verdictValues = rowValues({ hash: row.hashes.sha256, type: 'sha256', state: row.state }).slice(2)
  return [row.name, String(row.size), row.hashes.md5, row.hashes.sha1, row.hashes.sha256, ...verdictValues]
}

/** A file's name is anyone's choice (an attachment's sender's): neutralised like any other cell. */
export function filesToCsv(rows: readonly FileExportRow[]): string {
  const lines = [FILE_CSV_COLUMNS.join(',')]
  for (const row of rows) lines.push(fileRowValues(row).map(neutralizeCsvCell).join(','))
  return `${lines.join('\r\n')}\r\n`
}

export function filesToJson(rows: readonly FileExportRow[]): string {
  return JSON.stringify(rows.map((row) => {
    const [name, , md5, sha1, sha256, classification, threatName, threatLevel, trustFactor, scannerMatch, scannerCount, firstSeen, lastSeen, error, notLookedUpReason] = fileRowValues(row)
    return { name, size: row.size, md5, sha1, sha256, classification, threatName, threatLevel, trustFactor, scannerMatch, scannerCount, firstSeen, lastSeen, error, notLookedUpReason }
  }), null, 2)
}
