// pg connection settings: the schema from the option or the URL's ?schema=, validated.
import { describe, expect, it } from 'vitest'
import { pgConnectionConfig } from './postgres'

describe('pgConnectionConfig', () => {
  it('sets search_path from the schema option', () => {
    const { config, schema } = pgConnectionConfig({ url: 'postgresql://u@h:5432/db', schema: 'tenant_a' })
    expect(schema).toBe('tenant_a')
    expect(config.options).toBe('-c search_path=tenant_a')
  })

  it("takes Prisma's ?schema= from the URL and strips it", () => {
    const { config, schema } = pgConnectionConfig({ url: 'postgresql://u@h:5432/db?schema=app&sslmode=disable' })
    expect(schema).toBe('app')
    expect(config.connectionString).toBe('postgresql://u@h:5432/db?sslmode=disable')
  })

  it('leaves the search_path alone without a schema', () => {
    expect(pgConnectionConfig({ url: 'postgresql://u@h/db' })).toEqual({
      config: { connectionString: 'postgresql://u@h/db', connectionTimeoutMillis: 10_000 },
      schema: undefined,
    })
  })

  it('refuses a schema name that would need quoting', () => {
    expect(() => pgConnectionConfig({ url: 'postgresql://u@h/db', schema: 'x; DROP TABLE y' })).toThrow(/schema name must match/)
  })
})
