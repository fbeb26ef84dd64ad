import { describe, expect, it } from 'vitest'
import { MANAGED_FIELDS, managedStorageSchema, policyDefinitionOf, setByOrganisation } from './managed-fields.ts'
import { POLICY_SETTING_KEYS, SETTING_KEYS, definitionOf } from './settings.ts'

const schema = managedStorageSchema()

describe('the managed storage schema', () => {
  it('declares exactly the fields the worker reads from policy', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...MANAGED_FIELDS].sort())
  })

  it('meets Chrome\'s rules: an object at the top, no additionalProperties, one type per property', () => {
    expect(schema.type).toBe('object')
    expect(schema).not.toHaveProperty('additionalProperties')
    for (const property of Object.values(schema.properties)) expect(typeof property.type).toBe('string')
  })

  it('names every key for administrators and uses only keywords Chrome\'s policy schemas know', () => {
    const known = ['title', 'description', 'type', 'enum', 'minimum', 'maximum', 'items', 'properties', 'sensitiveValue']
    for (const [field, property] of Object.entries(schema.properties)) {
      expect(Object.keys(property).filter((keyword) => !known.includes(keyword)), field).toEqual([])
      expect(property.title, field).toEqual(expect.any(String))
      expect(String(property.description).length, field).toBeGreaterThan(10)
    }
  })

  it('takes each key\'s type and bounds from the rule the worker reads it with', () => {
    expect(schema.properties.lookupMode).toMatchObject({ type: 'string', enum: ['automatic', 'hover', 'off'] })
    expect(schema.properties.perPageCap).toMatchObject({ type: 'integer', minimum: 1, maximum: 100000 })
    expect(schema.properties.idleSites).toMatchObject({ type: 'array', items: { type: 'string' } })
    expect(schema.properties.analyzeUrlTemplate).toMatchObject({ type: 'string' })
    expect(schema.properties.pivots).toEqual(expect.objectContaining({
      type: 'array',
      items: { type: 'object', properties: { name: { type: 'string' }, urlTemplate: { type: 'string' } } },
    }))
    expect(schema.properties.apiHost).toMatchObject({ type: 'string' })
  })

  it('masks the password on chrome://policy, and nothing else', () => {
    const masked = Object.entries(schema.properties).filter(([, property]) => property.sensitiveValue === true).map(([field]) => field)
    expect(masked).toEqual(['password'])
  })
})

describe('the managed fields', () => {
  it('are the account, then every setting whose definition has a policy, in table order, then the deployed legacy keys', () => {
    expect(MANAGED_FIELDS.slice(0, 3)).toEqual(['apiHost', 'username', 'password'])
    expect(MANAGED_FIELDS.slice(3, -1)).toEqual(SETTING_KEYS.filter((key) => definitionOf(key).policy !== undefined))
    expect(POLICY_SETTING_KEYS).toEqual(MANAGED_FIELDS.slice(3, -1))
    expect(MANAGED_FIELDS.at(-1)).toBe('analyzeUrlTemplate')
    expect(MANAGED_FIELDS).toEqual(expect.arrayContaining(['lookupMode', 'perPageCap', 'idleSites', 'pivots']))
  })

  it('each say in a sentence of their own that the organisation set them', () => {
    expect(setByOrganisation('perPageCap')).toBe('The number of automatic lookups per page is set by your organisation and cannot be changed here.')
    expect(setByOrganisation('apiHost')).toBe('The API host is set by your organisation and cannot be changed here.')
    const sentences = MANAGED_FIELDS.map(setByOrganisation)
    expect(new Set(sentences).size).toBe(MANAGED_FIELDS.length)
    for (const sentence of sentences) expect(sentence).toMatch(/set by your organisation/)
  })

  it('read a setting\'s policy value with the setting\'s own rule unless its definition gives another', () => {
    expect(policyDefinitionOf('perPageCap').schema).toBe(definitionOf('perPageCap').schema)
    expect(policyDefinitionOf('idleSites').schema).not.toBe(definitionOf('idleSites').schema)
  })
})
