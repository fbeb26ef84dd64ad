/** A CSV cell starting with = + - @ tab or CR would run as a spreadsheet formula: it gets a `'` (OWASP "CSV injection"). */
import type { HashState } from './verdict.ts'
import { describeHashError, stateLabel } from './status-text.ts'

// Exports carry the same words as the popup (in the user's language); the label lives with the texts.
export { stateLabel }

export interface ExportRow {
  hash: string
  type: string
  state: HashState | undefined
}

const CSV_COLUMNS = ['hash', 'type', 'classification', 'threat_name', 'threat_level', 'trust_factor',
  'scanner_match', 'scanner_count', 'first_seen', 'last_seen', 'error'] as const

export function neutralizeCsvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

function rowValues(row: ExportRow): string[] {
  const verdict = row.state?.state === 'verdict' ? row.state.verdict : undefined
  const error = row.state?.state === 'error' ? describeHashError(row.state) : ''
  return [
    row.hash, row.type, stateLabel(row.state), verdict?.threatName ?? '',
    verdict?.threatLevel?.toString() ?? '', verdict?.trustFactor?.toString() ?? '',
    verdict?.scannerMatch?.toString() ?? '', verdict?.scannerCount?.toString() ?? '',
    verdict?.firstSeen ?? '', verdict?.lastSeen ?? '', error,
  ]
}

export function toCsv(rows: readonly ExportRow[]): string {
  const lines = [CSV_COLUMNS.join(',')]
  for (const row of rows) lines.push(rowValues(row).map(neutralizeCsvCell).join(','))
  return `${lines.join('\r\n')}\r\n`
}

export function toJson(rows: readonly ExportRow[]): string {
  return JSON.stringify(rows.map((row) => {
    const [hash, type, classification, threatName, threatLevel, trustFactor, scannerMatch, scannerCount, firstSeen, lastSeen, error] = rowValues(row)
    return { hash, type, classification, threatName, threatLevel, trustFactor, scannerMatch, scannerCount, firstSeen, lastSeen, error }
  }), null, 2)
}
