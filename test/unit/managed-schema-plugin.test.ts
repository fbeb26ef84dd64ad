/** The build writes managed-schema.json from the policy keys' definitions, where the manifest says. */
import { describe, expect, it } from 'vitest'
import manifest from '../../manifest.json' with { type: 'json' }
import { managedSchemaPlugin } from '../../scripts/managed-schema-plugin.ts'
import { managedStorageSchema } from '../../src/shared/managed-fields.ts'

describe('managedSchemaPlugin', () => {
  it('emits the managed storage schema as the file the manifest names', () => {
    const emitted: { type: string; fileName: string; source: string }[] = []
    const plugin = managedSchemaPlugin(manifest.storage.managed_schema)
    const generateBundle = plugin.generateBundle as (this: unknown) => void
    generateBundle.call({ emitFile: (file: { type: string; fileName: string; source: string }) => emitted.push(file) })
    expect(emitted.map((file) => [file.type, file.fileName])).toEqual([['asset', 'managed-schema.json']])
    expect(JSON.parse(emitted[0]!.source)).toEqual(managedStorageSchema())
  })
})
