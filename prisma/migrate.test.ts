// The migration runner on both backends: apply, re-run, edited and broken migrations, concurrent migrators.
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest'
import { dbBackends, describeBackends, type FreshDatabase } from '@/test/db-backends'
import { MigrationError, runMigrations, type SqlExecutor } from './migrate'
import { readMigrationFiles } from './migration-files'

const backends = await dbBackends()
const tmpDirs: string[] = []

async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mesh-migrations-'))
  tmpDirs.push(dir)
  await fs.writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n')
  await fs.writeFile(path.join(dir, 'README.md'), 'not a migration\n')
  for (const [name, sql] of Object.entries(files)) {
    await fs.mkdir(path.join(dir, name))
    await fs.writeFile(path.join(dir, name, 'migration.sql'), sql)
  }
  return dir
}

async function tableExists(sql: SqlExecutor, table: string): Promise<boolean> {
  const rows = await sql.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [table])
  return rows[0].found !== null
}

async function recorded(sql: SqlExecutor): Promise<string[]> {
  return (await sql.query<{ name: string }>('SELECT name FROM _mesh_migrations ORDER BY name')).map((r) => r.name)
}

afterAll(async () => {
  await Promise.all(tmpDirs.map((d) => fs.rm(d, { recursive: true, force: true })))
})

describeBackends('runMigrations', backends, (backend) => {
  let db: FreshDatabase
  beforeEach(async () => {
    db = await backend.fresh()
  })
  afterEach(async () => {
    await db.dispose()
  })

  it('applies the committed migrations to an empty database, then has nothing to do', async () => {
    const { sql } = await db.connect()
    const all = (await readMigrationFiles()).map((m) => m.name)
    expect(all.length).toBeGreaterThan(0)
    expect(await runMigrations(sql)).toEqual({ applied: all })
    expect(await tableExists(sql, '"User"')).toBe(true)
    expect(await runMigrations(sql)).toEqual({ applied: [] })
    expect(await recorded(sql)).toEqual(all)
  })

  it('applies in name order, ignoring files and migration_lock.toml', async () => {
    const dir = await migrationsDir({
      '20240102000000_second': 'ALTER TABLE t ADD COLUMN b int;',
      '20240101000000_first': 'CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);',
    })
    const { sql } = await db.connect()
    expect((await runMigrations(sql, { dir })).applied).toEqual(['20240101000000_first', '20240102000000_second'])
  })

  it('refuses an applied migration whose file changed, naming it', async () => {
    const dir = await migrationsDir({ '20240101000000_first': 'CREATE TABLE t (a int);' })
    const { sql } = await db.connect()
    await runMigrations(sql, { dir })
    await fs.writeFile(path.join(dir, '20240101000000_first', 'migration.sql'), 'CREATE TABLE t (a bigint);')
    await fs.mkdir(path.join(dir, '20240102000000_next'))
    await fs.writeFile(path.join(dir, '20240102000000_next', 'migration.sql'), 'CREATE TABLE u (a int);')
    const err = await runMigrations(sql, { dir }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(MigrationError)
    expect((err as MigrationError).migration).toBe('20240101000000_first')
    expect((err as Error).message).toMatch(/20240101000000_first was changed after it was applied/)
    expect(await tableExists(sql, 'u')).toBe(false)
  })

  it('rolls a failing migration back completely and reports the file and the database error', async () => {
    const dir = await migrationsDir({
      '20240101000000_ok': 'CREATE TABLE ok_t (a int);',
      '20240102000000_broken': 'CREATE TABLE half_t (a int);\nINSERT INTO half_t VALUES (1);\nINSERT INTO no_such_table VALUES (1);',
      '20240103000000_later': 'CREATE TABLE later_t (a int);',
    })
    const { sql } = await db.connect()
    const err = await runMigrations(sql, { dir }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(MigrationError)
    expect((err as MigrationError).migration).toBe('20240102000000_broken')
    expect((err as Error).message).toMatch(/20240102000000_broken failed.*no_such_table/)
    expect(await tableExists(sql, 'ok_t')).toBe(true)
    expect(await tableExists(sql, 'half_t')).toBe(false)
    expect(await tableExists(sql, 'later_t')).toBe(false)
    expect(await recorded(sql)).toEqual(['20240101000000_ok'])
  })

  it('lets two migrators start at once without applying anything twice', async () => {
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`2024010100000${i}_m${i}`, `CREATE TABLE m${i} (a int);`]))
    const dir = await migrationsDir(files)
    const [a, b] = [await db.connect(), await db.connect()]
    const [ra, rb] = await Promise.all([runMigrations(a.sql, { dir }), runMigrations(b.sql, { dir })])
    expect([...ra.applied, ...rb.applied].sort()).toEqual(Object.keys(files))
    expect(await recorded(a.sql)).toEqual(Object.keys(files))
  })

  it('lets two migrators apply the committed migrations at once', async () => {
    const [a, b] = [await db.connect(), await db.connect()]
    const [ra, rb] = await Promise.all([runMigrations(a.sql), runMigrations(b.sql)])
    const all = (await readMigrationFiles()).map((m) => m.name)
    expect([...ra.applied, ...rb.applied].sort()).toEqual(all)
  })
})

it('names a migration directory without migration.sql', async () => {
  const dir = await migrationsDir({})
  await fs.mkdir(path.join(dir, '20240101000000_empty'))
  await expect(readMigrationFiles(dir)).rejects.toThrow(/20240101000000_empty has no readable migration.sql/)
})

it('refuses a missing migrations directory', async () => {
  await expect(readMigrationFiles('/nonexistent/migrations')).rejects.toThrow(/No migrations directory/)
})
