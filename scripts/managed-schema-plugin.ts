/** managed-schema.json is built from the policy definitions (src/shared/managed-fields.ts): each key declared once. */
import type { Plugin } from 'vite'
import { managedStorageSchema } from '../src/shared/managed-fields.ts'

export function managedSchemaJson(): string {
  return `${JSON.stringify(managedStorageSchema(), null, 2)}\n`
}

/** `fileName`: where the manifest's `storage.managed_schema` points. */
export function managedSchemaPlugin(fileName: string): Plugin {
  return {
    name: 'hashlens-managed-schema',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: managedSchemaJson() })
    },
  }
}
