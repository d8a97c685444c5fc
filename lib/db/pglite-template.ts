// A PGlite cluster with the current migrations applied, saved once at build time
// and copied into every new embedded database: PGlite's initdb plus migrations
// take several seconds on a small host; copying a saved cluster directory and
// opening it takes under half a second. It is kept twice: as a directory (for
// data directories on disk) and as a tarball (PGlite's `loadDataDir`, for
// in-memory databases). Names carry PGlite's version and the migrations'
// checksums, so a template never outlives either; without one, we run initdb.
import { createHash } from 'node:crypto'
import { constants, existsSync, readFileSync, readdirSync } from 'node:fs'
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { readMigrationFiles } from '@/prisma/migration-files'
import { repoRoot } from '@/prisma/repo-root'
import { runMigrations } from '@/prisma/migrate'
import { pgliteExecutor } from '@/prisma/sql-executor'

const require = createRequire(import.meta.url)

function pgliteVersion(): string {
  let dir = path.dirname(require.resolve('@electric-sql/pglite'))
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir)
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version
}

function defaultCacheDir(): string {
  return process.env.PGLITE_TEMPLATE_DIR ?? path.join(repoRoot(), 'node_modules/.cache/mesh-dojo')
}

export async function templatePath(opts: { cacheDir?: string; migrationsDir?: string } = {}): Promise<string> {
  const migrations = await readMigrationFiles(opts.migrationsDir)
  const key = createHash('sha256')
    .update(migrations.map((m) => `${m.name}:${m.checksum}`).join('\n'))
    .digest('hex')
    .slice(0, 16)
  return path.join(opts.cacheDir ?? defaultCacheDir(), `pglite-${pgliteVersion()}-${key}.tar.gz`)
}

/** The template's directory form, beside its tarball. */
export function templateDirOf(file: string): string {
  return file.replace(/\.tar\.gz$/, '.d')
}

/**
 * Copies the template cluster into an empty data directory; false when there is
 * no template. Asynchronous on purpose: the copy runs on libuv's thread pool
 * while the main thread loads Next.js.
 */
export async function copyTemplateInto(file: string, dataDir: string): Promise<boolean> {
  const dir = templateDirOf(file)
  if (!existsSync(path.join(dir, 'PG_VERSION'))) return false
  // Copy-on-write clones where the filesystem supports them, plain copies elsewhere.
  await cp(dir, dataDir, { recursive: true, mode: constants.COPYFILE_FICLONE })
  return true
}

/** The saved cluster as PGlite's `loadDataDir` wants it, or undefined when there is none. */
export function loadTemplate(file: string): Blob | undefined {
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined
}

/** True when a directory holds no cluster yet (so a template may be loaded into it). */
export function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0
}

/** Writes both forms; each appears under its final name only when complete. */
export async function writeTemplate(file: string, opts: { migrationsDir?: string } = {}): Promise<string> {
  const tmpDir = `${templateDirOf(file)}.${process.pid}.tmp`
  await mkdir(tmpDir, { recursive: true })
  const pglite = new PGlite(tmpDir)
  let dump: Blob
  try {
    await pglite.waitReady
    await runMigrations(pgliteExecutor(pglite), { dir: opts.migrationsDir })
    dump = await pglite.dumpDataDir('gzip')
  } finally {
    await pglite.close()
  }
  const tmpFile = `${file}.${process.pid}.tmp`
  await writeFile(tmpFile, Buffer.from(await dump.arrayBuffer()))
  await rm(templateDirOf(file), { recursive: true, force: true })
  await rename(tmpDir, templateDirOf(file))
  await rename(tmpFile, file)
  return file
}
