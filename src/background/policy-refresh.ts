/** The administrator's policy: read at start and whenever it changes, and the config caches built on the old one dropped. */
import { forgetCredentials } from './credentials-store.ts'
import { forgetManagedPolicy, refreshManagedPolicy } from './managed-policy.ts'
import { forgetSettings } from './settings-store.ts'

/**
 * Settings and credentials are kept in memory (settings-store.ts, credentials-store.ts) until
 * storage.onChanged says otherwise. The live policy replaces the copy they may have been
 * merged with; when it differs the copy is rewritten (and onChanged follows), but a failed
 * write would not be noticed: drop them here as well.
 */
export function refreshPolicyAndForgetConfig(): void {
  void refreshManagedPolicy().then(() => {
    forgetSettings()
    forgetCredentials()
  })
}

export function refreshPolicyOnChange(area: string): void {
  // An administrator changed the policy: read it again. That rewrites the copy the worker
  // keeps (managed-policy.ts), which storage.onChanged then reports as a change in 'local'.
  if (area === 'managed') {
    forgetManagedPolicy()
    refreshPolicyAndForgetConfig()
  }
}
