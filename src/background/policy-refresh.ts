import { forgetCredentials } from './credentials-store.ts'
import { forgetManagedPolicy, refreshManagedPolicy } from './managed-policy.ts'
import { forgetSettings } from './settings-store.ts'
import { askForDownloadPermissionOnce } from './download-permission.ts'

/** A new policy rewrites its copy, and storage.onChanged drops the cached config; a failed write would not, so drop it here too. */
export function refreshPolicyAndForgetConfig(): void {
  void refreshManagedPolicy().then((policy) => {
    forgetSettings()
    forgetCredentials()
    void askForDownloadPermissionOnce(policy)
  })
}

export function refreshPolicyOnChange(area: string): void {
  if (area === 'managed') {
    forgetManagedPolicy()
    refreshPolicyAndForgetConfig()
  }
}
