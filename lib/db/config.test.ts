// Database configuration from the environment.
import { describe, expect, it } from 'vitest'
import { databaseConfigFromEnv } from './config'

describe('databaseConfigFromEnv', () => {
  it.each([
    ['nothing set', {}, { dataDir: '.data/pglite' }],
    ['DATA_DIR', { DATA_DIR: '/var/lib/mesh' }, { dataDir: '/var/lib/mesh/pglite' }],
    ['empty DATABASE_URL', { DATABASE_URL: '' }, { dataDir: '.data/pglite' }],
    ['postgresql URL', { DATABASE_URL: 'postgresql://u:p@db:5432/mesh', DATA_DIR: '/x' }, { url: 'postgresql://u:p@db:5432/mesh' }],
    ['postgres URL', { DATABASE_URL: 'postgres://db/mesh' }, { url: 'postgres://db/mesh' }],
  ])('%s', (_, env, expected) => {
    expect(databaseConfigFromEnv(env)).toEqual(expected)
  })

  it('refuses another kind of database, without echoing the URL', () => {
    expect(() => databaseConfigFromEnv({ DATABASE_URL: 'mysql://root:secret@db/mesh' })).toThrow(/must be a PostgreSQL URL.*"mysql"/)
    expect(() => databaseConfigFromEnv({ DATABASE_URL: 'mysql://root:secret@db/mesh' })).not.toThrow(/secret/)
    expect(() => databaseConfigFromEnv({ DATABASE_URL: 'not a url' })).toThrow(/not a valid URL/)
  })
})
