// The migration runner: applies pending SQL migrations in name order, one transaction each, recorded in _mesh_migrations.
import { readMigrationFiles, type MigrationFile } from './migration-files'
import type { SqlExecutor } from './sql-executor'

export type { SqlExecutor } from './sql-executor'
export { pgExecutor, pgliteExecutor } from './sql-executor'

export const MIGRATIONS_TABLE = '_mesh_migrations'

export interface RunMigrationsOptions {
  /** Directory of `<timestamp>_<name>/migration.sql`; default prisma/migrations. */
  dir?: string
}

export interface RunMigrationsResult {
  /** Names applied by this call, in order (empty when up to date). */
  applied: string[]
}

/** A migration that failed or was edited after it was applied; `migration` names it. */
export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'MigrationError'
  }
}

interface AppliedRow {
  name: string
  checksum: string
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
  name       text PRIMARY KEY,
  checksum   text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`

/** Serialises migrators across processes on PostgreSQL (per schema); PGlite transactions are already exclusive. */
async function lock(tx: SqlExecutor): Promise<void> {
  if (tx.dialect !== 'postgres') return
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('mesh-dojo:migrations:' || coalesce(current_schema(), '')))`)
}

async function appliedChecksum(tx: SqlExecutor, name: string): Promise<string | undefined> {
  const rows = await tx.query<AppliedRow>(`SELECT name, checksum FROM ${MIGRATIONS_TABLE} WHERE name = $1`, [name])
  return rows[0]?.checksum
}

function refuseEdited(migration: MigrationFile, recorded: string | undefined): void {
  if (recorded === undefined || recorded === migration.checksum) return
  throw new MigrationError(
    migration.name,
    `Migration ${migration.name} was changed after it was applied (checksum ${recorded.slice(0, 12)}… in the database, ` +
      `${migration.checksum.slice(0, 12)}… on disk). Restore the file and put the change in a new migration.`,
  )
}

/** Applies one migration unless another migrator got there first; true when this call applied it. */
async function applyOne(sql: SqlExecutor, migration: MigrationFile): Promise<boolean> {
  return sql.transaction(async (tx) => {
    await lock(tx)
    const recorded = await appliedChecksum(tx, migration.name)
    refuseEdited(migration, recorded)
    if (recorded !== undefined) return false
    try {
      await tx.exec(migration.sql)
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err)
      throw new MigrationError(migration.name, `Migration ${migration.name} failed and was rolled back: ${reason}`, { cause: err })
    }
    await tx.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, checksum) VALUES ($1, $2)`, [migration.name, migration.checksum])
    return true
  })
}

export async function runMigrations(sql: SqlExecutor, opts: RunMigrationsOptions = {}): Promise<RunMigrationsResult> {
  const migrations = await readMigrationFiles(opts.dir)
  await sql.transaction(async (tx) => {
    await lock(tx)
    await tx.exec(CREATE_TABLE)
  })
  const recorded = new Map((await sql.query<AppliedRow>(`SELECT name, checksum FROM ${MIGRATIONS_TABLE}`)).map((r) => [r.name, r.checksum]))
  for (const m of migrations) refuseEdited(m, recorded.get(m.name))
  const applied: string[] = []
  for (const m of migrations.filter((m) => !recorded.has(m.name))) {
    if (await applyOne(sql, m)) applied.push(m.name)
  }
  return { applied }
}
