// The committed migrations produce exactly schema.prisma, and a schema change yields a new migration.
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createMigration, migrationTimestamp, pendingSchemaSql } from './create-migration'
import { defaultMigrationsDir } from './migration-files'

const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'mesh-new-migration-'))

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true })
})

it('the committed migrations match prisma/schema.prisma (run `npm run db:migration -- <name>` after a schema change)', async () => {
  const sql = await pendingSchemaSql(defaultMigrationsDir())
  expect(sql, `schema.prisma has changes without a migration:\n${sql}`).toBeNull()
})

describe('createMigration', () => {
  it('writes the SQL for a schema change, then finds nothing more to do', async () => {
    const dir = path.join(tmp, 'migrations')
    await fs.cp(defaultMigrationsDir(), dir, { recursive: true })
    const schemaPath = path.join(tmp, 'schema.prisma')
    const schema = await fs.readFile(path.resolve('prisma/schema.prisma'), 'utf8')
    await fs.writeFile(schemaPath, `${schema}\nmodel Badge {\n  id    Int    @id @default(autoincrement())\n  label String @unique\n}\n`)

    const file = await createMigration({ name: 'add_badges', dir, schemaPath, now: new Date('2099-01-02T03:04:05Z') })
    expect(file).toBe(path.join(dir, '20990102030405_add_badges', 'migration.sql'))
    const sql = await fs.readFile(file!, 'utf8')
    expect(sql).toContain('CREATE TABLE "Badge"')
    expect(sql).not.toContain('"User"')
    expect(await createMigration({ name: 'again', dir, schemaPath })).toBeNull()
  })

  it.each(['Add-Badges', 'add badges', ''])('refuses the name %j', async (name) => {
    await expect(createMigration({ name, dir: tmp })).rejects.toThrow(/Migration name must match/)
  })

  it('names directories by UTC time', () => {
    expect(migrationTimestamp(new Date('2025-12-31T23:59:58.999Z'))).toBe('20251231235958')
  })
})
