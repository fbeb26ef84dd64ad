/**
 * What an administrator can preset by policy (storage.managed, declared in
 * public/managed-schema.json). The worker merges these over the user's own values; the options
 * page shows them disabled with "Set by your organisation".
 */
import { t, type MessageKey } from './i18n.ts'

export const MANAGED_FIELDS = ['apiHost', 'username', 'password', 'lookupMode', 'perPageCap', 'idleSites', 'analyzeUrlTemplate'] as const
export type ManagedField = (typeof MANAGED_FIELDS)[number]

/** "… is set by your organisation": one whole sentence per field, so each language can inflect it. */
const SET_BY_ORGANISATION: Record<ManagedField, MessageKey> = {
  apiHost: 'managedApiHost',
  username: 'managedUsername',
  password: 'managedPassword',
  lookupMode: 'managedLookupMode',
  perPageCap: 'managedPerPageCap',
  idleSites: 'managedIdleSites',
  analyzeUrlTemplate: 'managedAnalyzeUrlTemplate',
}

export function setByOrganisation(field: ManagedField): string {
  return t(SET_BY_ORGANISATION[field])
}
