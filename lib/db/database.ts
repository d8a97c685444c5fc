// openDatabase: the configured backend (PostgreSQL with a URL, else embedded PGlite), migrated and ready.
import { openPglite } from './pglite'
import { openPostgres } from './postgres'
import { DEFAULT_PGLITE_DIR, type Database, type DatabaseConfig } from './types'

export type { Database, DatabaseConfig } from './types'

export async function openDatabase(config: DatabaseConfig = {}): Promise<Database> {
  const opts = { migrationsDir: config.migrationsDir }
  if (config.url) return openPostgres({ url: config.url, schema: config.schema }, opts)
  return openPglite(config.dataDir ?? DEFAULT_PGLITE_DIR, opts)
}
