/** What every benchmark is given by the runner. */
export interface BenchContext {
  /** Tiny inputs, targets not judged: exercises every code path for `npm test`. */
  isSmoke: boolean
  /** Progress lines (stderr), so stdout keeps the table only. */
  log: (message: string) => void
}
