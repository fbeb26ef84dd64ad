/**
 * What an administrator can preset by policy (storage.managed, declared in
 * public/managed-schema.json). The worker merges these over the user's own values; the options
 * page shows them disabled with "Set by your organisation".
 */
export const MANAGED_FIELDS = ['apiHost', 'username', 'password', 'lookupMode', 'perPageCap', 'idleSites', 'analyzeUrlTemplate'] as const
export type ManagedField = (typeof MANAGED_FIELDS)[number]

/** The field's name as the options page labels it, for "… is set by your organisation". */
export const MANAGED_FIELD_LABEL: Record<ManagedField, string> = {
  apiHost: 'The API host',
  username: 'The username',
  password: 'The password',
  lookupMode: 'The lookup mode',
  perPageCap: 'The number of automatic lookups per page',
  idleSites: 'The list of idle sites',
  analyzeUrlTemplate: 'The Spectra Analyze link',
}

export function setByOrganisation(field: ManagedField): string {
  return `${MANAGED_FIELD_LABEL[field]} is set by your organisation and cannot be changed here.`
}
