import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, describe, expect, it } from 'vitest'
import { openPglite } from './pglite'
import { copyTemplateInto, isEmptyDir, loadTemplate, templateDirOf, templatePath, writeTemplate } from './pglite-template'

const dir = mkdtempSync(path.join(os.tmpdir(), 'pglite-template-'))
const savedEnv = process.env.PGLITE_TEMPLATE_DIR
afterAll(() => {
  process.env.PGLITE_TEMPLATE_DIR = savedEnv
  if (savedEnv === undefined) delete process.env.PGLITE_TEMPLATE_DIR
  rmSync(dir, { recursive: true, force: true })
})

describe('PGlite template cluster', () => {
  it('is named after the PGlite version and the migrations', async () => {
    expect(await templatePath({ cacheDir: dir })).toMatch(/pglite-\d+\.\d+\.\d+-[0-9a-f]{16}\.tar\.gz$/)
  })

  it('is written in both forms, and a fresh data directory starts as a copy of it', async () => {
    const file = await writeTemplate(await templatePath({ cacheDir: dir }))
    expect(loadTemplate(file)?.size).toBeGreaterThan(100_000)
    expect(existsSync(path.join(templateDirOf(file), 'PG_VERSION'))).toBe(true)
    expect(loadTemplate(path.join(dir, 'missing.tar.gz'))).toBeUndefined()
    expect(await copyTemplateInto(path.join(dir, 'missing.tar.gz'), path.join(dir, 'unused'))).toBe(false)

    // Mark the template, so a copy can be told apart from a fresh initdb.
    const marker = new PGlite(templateDirOf(file))
    await marker.query(`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES (gen_random_uuid(), 'marker@example.test', 'M', 'x', now())`)
    await marker.close()

    process.env.PGLITE_TEMPLATE_DIR = dir
    const dataDir = path.join(dir, 'data')
    expect(isEmptyDir(dataDir)).toBe(true)
    const db = await openPglite(dataDir)
    try {
      expect(await db.prisma.user.findUnique({ where: { email: 'marker@example.test' } })).not.toBeNull()
      await db.prisma.user.create({ data: { email: 't@example.test', name: 'T', passwordHash: 'x' } })
      expect(await db.prisma.user.count()).toBe(2)
    } finally {
      await db.close()
    }
    expect(isEmptyDir(dataDir)).toBe(false)
  })
})
