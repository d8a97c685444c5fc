// The process-wide database singleton on globalThis.
import { afterEach, expect, it } from 'vitest'
import type { PrismaClient } from '@/prisma/generated/client'
import { getDatabase, getPrisma, setDatabase } from './global'
import type { Database } from './types'

afterEach(() => setDatabase(null))

it('throws a clear error before the database is opened', () => {
  expect(() => getDatabase()).toThrow(/database is not open yet/)
  expect(() => getPrisma()).toThrow(/database is not open yet/)
})

it('shares the database through globalThis under a registered symbol', () => {
  const prisma = {} as PrismaClient
  const db: Database = { kind: 'pglite', prisma, ping: async () => undefined, close: async () => undefined }
  setDatabase(db)
  expect(getDatabase()).toBe(db)
  expect(getPrisma()).toBe(prisma)
  expect((globalThis as Record<symbol, unknown>)[Symbol.for('mesh-dojo.database')]).toBe(db)
})
