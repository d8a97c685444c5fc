// CLI `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded PGlite in DATA_DIR.
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { databaseConfigFromEnv } from '@/lib/db/config'
import { migratePostgres } from '@/lib/db/postgres'
import { claimDataDir } from '@/lib/server/pid-file'
import { runMigrations } from './migrate'
import { pgliteExecutor } from './sql-executor'

async function migratePglite(dataDir: string): Promise<string[]> {
  // The server must not have the directory open: PGlite allows one process per data directory.
  const release = claimDataDir(path.dirname(dataDir))
  const pglite = new PGlite(path.resolve(dataDir))
  try {
    return (await runMigrations(pgliteExecutor(pglite))).applied
  } finally {
    await pglite.close()
    release()
  }
}

async function main(): Promise<void> {
  const config = databaseConfigFromEnv(process.env)
  const where = config.url ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`
  const applied = config.url ? await migratePostgres({ url: config.url }) : await migratePglite(config.dataDir!)
  if (applied.length === 0) console.log(`${where}: up to date, nothing to apply.`)
  else console.log(`${where}: applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}`).join('\n')}`)
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`db:migrate: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  },
)
