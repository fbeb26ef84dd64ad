/** What the worker last said about each hash, for this frame: new marks start in it, the card shows it. */
import type { HashState } from '../shared/verdict.ts'

export class HashStateStore {
  readonly #states = new Map<string, HashState>()

  stateOf(hash: string): HashState | undefined {
    return this.#states.get(hash)
  }

  set(hash: string, state: HashState): void {
    this.#states.set(hash, state)
  }
}
