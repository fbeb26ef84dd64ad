/** "Equal jitter": each gap is half to all of its exponential step, so gaps surely grow yet batches that failed together spread out. */
export const BACKOFF_BASE_MS = 1000
export const BACKOFF_MAX_MS = 60_000

/** `failures` counts consecutive failures, starting at 1 for the first. */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1))
  return Math.round(step / 2 + (step / 2) * random())
}
