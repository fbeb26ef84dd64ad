/** A figure with a target passes or falls short, one without is reported; a smoke run judges none. */

export type Comparison = '>=' | '<=' | '=='

export interface Target {
  comparison: Comparison
  value: number
}

export type Status = 'pass' | 'fall short' | 'report' | 'not judged'

export interface FigureInput {
  /** Stable key for results.json, e.g. `page.b.added-long-task-ms`. */
  id: string
  label: string
  value: number | null
  unit: string
  /** Shown instead of the number (e.g. "yes"/"no"). */
  display?: string
  target?: Target
  /** Shown instead of the target's number. */
  targetDisplay?: string
  /** Anything else worth keeping in results.json (per-run values, counts). */
  detail?: Record<string, unknown>
}

/** A figure as reported: its input, the benchmark it belongs to, and how it fared. */
export interface Figure extends FigureInput {
  benchmark: string
  status: Status
}

export function meets(value: number, target: Target): boolean {
  switch (target.comparison) {
    case '>=': return value >= target.value
    case '<=': return value <= target.value
    case '==': return value === target.value
  }
}

export function figuresOf(benchmark: string, inputs: readonly FigureInput[], isSmoke: boolean): Figure[] {
  return inputs.map((input) => {
    let status: Status = 'report'
    if (input.target) {
      if (isSmoke) status = 'not judged'
      else status = input.value !== null && meets(input.value, input.target) ? 'pass' : 'fall short'
    }
    return { ...input, benchmark, status }
  })
}

export function formatNumber(value: number | null, unit: string): string {
  if (value === null) return '—'
  const magnitude = Math.abs(value)
  const digits = magnitude >= 100 || Number.isInteger(value) ? 0 : magnitude >= 10 ? 1 : 2
  const text = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
  return unit === '×' ? `${text}×` : unit ? `${text} ${unit}` : text
}

function formatTarget(target: Target | undefined, unit: string): string {
  if (!target) return ''
  const symbol = target.comparison === '>=' ? '≥' : target.comparison === '<=' ? '≤' : '='
  return `${symbol} ${formatNumber(target.value, unit)}`
}

/** A plain-text table, one row per figure, grouped by benchmark. */
export function renderTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => [
    figure.benchmark,
    figure.label,
    figure.display ?? formatNumber(figure.value, figure.unit),
    figure.targetDisplay ?? formatTarget(figure.target, figure.unit),
    figure.status === 'report' ? '' : figure.status,
  ])
  const header = ['benchmark', 'figure', 'value', 'target', 'result']
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)))
  const line = (cells: string[]): string =>
    cells.map((cell, column) => (column === 2 || column === 3 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd()
  const out = [line(header), widths.map((width) => '-'.repeat(width)).join('  ')]
  let previous = ''
  for (const [index, row] of rows.entries()) {
    if (row[0] === previous) row[0] = ''
    else previous = figures[index]!.benchmark
    out.push(line(row))
  }
  return out.join('\n')
}

/** The same table as GitHub-flavoured Markdown (for the README). */
export function renderMarkdown(figures: readonly Figure[]): string {
  const out = ['| benchmark | figure | value | target | result |', '| --- | --- | ---: | ---: | --- |']
  let previous = ''
  for (const figure of figures) {
    const benchmark = figure.benchmark === previous ? '' : figure.benchmark
    previous = figure.benchmark
    out.push(`| ${benchmark} | ${figure.label} | ${figure.display ?? formatNumber(figure.value, figure.unit)} | ${figure.targetDisplay ?? formatTarget(figure.target, figure.unit)} | ${figure.status === 'report' ? '' : figure.status} |`)
  }
  return out.join('\n')
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export function percentile(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!
}

export function round(value: number | null, digits = 2): number | null {
  if (value === null || !Number.isFinite(value)) return value === null ? null : value
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
