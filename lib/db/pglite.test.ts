// PGlite in a data directory keeps its data across close and reopen, without re-applying migrations.
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { openDatabase } from './database'

const root = await fs.mkdtemp(path.join(os.tmpdir(), 'mesh-pglite-'))

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true })
})

it('persists a user across close and reopen of the same directory', async () => {
  const dataDir = path.join(root, 'nested', 'pglite')
  const first = await openDatabase({ dataDir })
  expect(first.kind).toBe('pglite')
  await first.prisma.user.create({ data: { email: 'kept@example.test', name: 'Kept', passwordHash: 'x' } })
  await first.close()

  const second = await openDatabase({ dataDir })
  try {
    const user = await second.prisma.user.findUnique({ where: { email: 'kept@example.test' } })
    expect(user?.name).toBe('Kept')
    const rows = await second.prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM _mesh_migrations`
    expect(rows[0].n).toBe((await fs.readdir(path.resolve('prisma/migrations'), { withFileTypes: true })).filter((e) => e.isDirectory()).length)
  } finally {
    await second.close()
  }
})

it('opens an in-memory database with memory://', async () => {
  const db = await openDatabase({ dataDir: 'memory://' })
  try {
    await db.ping()
    expect(await db.prisma.user.count()).toBe(0)
  } finally {
    await db.close()
  }
})
