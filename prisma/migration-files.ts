// Migration files: prisma/migrations/<timestamp>_<name>/migration.sql, read in name order with checksums.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { repoRoot } from './repo-root'

export interface MigrationFile {
  /** The directory name, e.g. `20250101120000_init`. */
  name: string
  sql: string
  /** SHA-256 (hex) of the script, line endings normalised to LF. */
  checksum: string
}

export function defaultMigrationsDir(): string {
  return path.join(repoRoot(), 'prisma/migrations')
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex')
}

/** Every migration directory under `dir`, sorted by name; other entries (migration_lock.toml) are ignored. */
export async function readMigrationFiles(dir: string = defaultMigrationsDir()): Promise<MigrationFile[]> {
  if (!existsSync(dir)) throw new Error(`No migrations directory at ${dir}`)
  const entries = await fs.readdir(dir, { withFileTypes: true })
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort()
  return Promise.all(names.map((name) => readMigration(dir, name)))
}

async function readMigration(dir: string, name: string): Promise<MigrationFile> {
  const file = path.join(dir, name, 'migration.sql')
  const sql = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new Error(`Migration ${name} has no readable migration.sql (${err.code ?? err.message})`)
  })
  return { name, sql, checksum: checksumOf(sql) }
}
