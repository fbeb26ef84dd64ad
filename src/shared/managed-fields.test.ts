import { describe, expect, it } from 'vitest'
import schema from '../../public/managed-schema.json' with { type: 'json' }
import { MANAGED_FIELDS } from './managed-fields.ts'

describe('the managed storage schema', () => {
  it('declares exactly the fields the worker reads from policy', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...MANAGED_FIELDS].sort())
  })

  it('meets Chrome\'s rules: an object at the top, no additionalProperties, one type per property', () => {
    expect(schema.type).toBe('object')
    expect(schema).not.toHaveProperty('additionalProperties')
    for (const property of Object.values(schema.properties)) expect(typeof property.type).toBe('string')
  })
})
