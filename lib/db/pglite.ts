// The embedded backend: PGlite in a data directory (or in memory) behind pglite-prisma-adapter.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { runMigrations } from '@/prisma/migrate'
import { pgliteExecutor } from '@/prisma/sql-executor'
import { PrismaClient } from '@/prisma/generated/client'
import { logger } from '@/lib/log'
import { closeOnce } from './close-once'
import { copyTemplateInto, isEmptyDir, loadTemplate, templatePath } from './pglite-template'
import type { Database } from './types'

const IN_MEMORY = 'memory://'

/** Wraps an open PGlite: migrates it, then hands it to Prisma. The Database owns it from here (close() closes it). */
export async function pgliteDatabase(pglite: PGlite, opts: { migrationsDir?: string } = {}): Promise<Database> {
  try {
    await runMigrations(pgliteExecutor(pglite), { dir: opts.migrationsDir })
  } catch (err) {
    await pglite.close().catch(() => undefined)
    throw err
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) })
  return {
    kind: 'pglite',
    prisma,
    ping: async () => {
      await prisma.$queryRaw`SELECT 1`
    },
    close: closeOnce(
      () => prisma.$disconnect(),
      async () => {
        if (!pglite.closed) await pglite.close()
      },
    ),
  }
}

export async function openPglite(dataDir: string, opts: { migrationsDir?: string } = {}): Promise<Database> {
  const inMemory = dataDir.startsWith(IN_MEMORY)
  const location = inMemory ? dataDir : path.resolve(dataDir)
  const fresh = inMemory || isEmptyDir(location)
  const template = fresh ? await templatePath({ migrationsDir: opts.migrationsDir }) : undefined
  if (!inMemory) await mkdir(location, { recursive: true })
  // A fresh directory on disk starts as a copy of the template cluster; in memory, from its tarball.
  const copied = template && !inMemory && (await copyTemplateInto(template, location))
  const tarball = template && inMemory ? loadTemplate(template) : undefined
  const pglite = new PGlite(location, tarball ? { loadDataDir: tarball } : {})
  await pglite.waitReady
  if (copied === false) logger.warn('no PGlite template cluster found (run `npm run build`); initialising a new one, which is slower')
  return pgliteDatabase(pglite, opts)
}
