// Credentials written by the options page (or by an administrator's tooling) take effect at
// once: a stop for the old credentials is lifted and waiting hashes go out.
import type { Storage } from 'webextension-polyfill'
import { CREDENTIALS_KEY } from './credentials-store.ts'
import { parseManagedPolicy, POLICY_COPY_KEY } from './managed-policy.ts'
import type { LookupEngine } from './lookup-engine.ts'
import type { QuotaUsageTracker } from './quota-usage.ts'

export interface AccountChangeContext {
  engine: Pick<LookupEngine, 'credentialsChanged'>
  usage: Pick<QuotaUsageTracker, 'invalidate'>
}

/** Username and host name the account; a new password alone is the same account. */
function accountOf(value: unknown): string {
  const record = typeof value === 'object' && value !== null ? value as Record<string, unknown> : {}
  return JSON.stringify([record.username, record.apiHost])
}

/** For storage.onChanged, after the config caches have dropped what changed. */
export function applyAccountChanges(changes: Record<string, Storage.StorageChange>, area: string, { engine, usage }: AccountChangeContext): void {
  if (area === 'local' && CREDENTIALS_KEY in changes) {
    const { oldValue, newValue } = changes[CREDENTIALS_KEY]!
    const isOtherAccount = accountOf(oldValue) !== accountOf(newValue)
    if (isOtherAccount) usage.invalidate()
    void engine.credentialsChanged({ isOtherAccount })
  }
  // The policy in effect changed (or was first read): a changed account applies at once.
  if (area === 'local' && POLICY_COPY_KEY in changes) {
    const { oldValue, newValue } = changes[POLICY_COPY_KEY]!
    const account = (value: unknown) => {
      const policy = parseManagedPolicy(value)
      return JSON.stringify([policy.username, policy.password, policy.apiHost])
    }
    if (account(oldValue) !== account(newValue)) {
      const isOtherAccount = accountOf(parseManagedPolicy(oldValue)) !== accountOf(parseManagedPolicy(newValue))
      if (isOtherAccount) usage.invalidate()
      void engine.credentialsChanged({ isOtherAccount })
    }
  }
}
