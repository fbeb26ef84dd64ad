/** The one place an account change (an Options Save or a policy) reaches the engine and the usage figure: issue 10, point 1. */
import { accountChange, type Account } from './backend.ts'
import type { LookupEngine } from './lookup-engine.ts'
import type { QuotaUsageTracker } from './quota-usage.ts'

export class AccountChanges {
  readonly #engine: Pick<LookupEngine, 'credentialsChanged'>
  readonly #usage: Pick<QuotaUsageTracker, 'invalidate'>
  #last: { before: Account; after: Account; applied: Promise<void> } | null = null

  constructor(engine: Pick<LookupEngine, 'credentialsChanged'>, usage: Pick<QuotaUsageTracker, 'invalidate'>) {
    this.#engine = engine
    this.#usage = usage
  }

  /**
   * Unchanged credentials matter only to a Save (`isSave`): it resumes lookups a 401/403 stopped, as the account may
   * have been fixed at the service, and keeps a quota pause.
   */
  apply(before: Account, after: Account, { isSave }: { isSave: boolean }): Promise<void> {
    const change = accountChange(before, after)
    if (change === 'same-credentials') return isSave ? this.#engine.credentialsChanged(change) : Promise.resolve()
    // Save and storage.onChanged both report a save that changed the credentials; it applies once.
    const last = this.#last
    if (last && accountChange(last.before, before) === 'same-credentials' && accountChange(last.after, after) === 'same-credentials') return last.applied
    if (change === 'other-account') this.#usage.invalidate()
    const applied = this.#engine.credentialsChanged(change)
    this.#last = { before, after, applied }
    return applied
  }
}
