// The process-wide Database: server.ts opens it once; Next.js route handlers (a separate bundle) reach it via globalThis.
import type { PrismaClient } from '@/prisma/generated/client'
import type { Database } from './types'

const KEY = Symbol.for('mesh-dojo.database')
type Holder = typeof globalThis & { [KEY]?: Database }

/** Registers the open database (null clears it, e.g. after close in tests). */
export function setDatabase(db: Database | null): void {
  const holder = globalThis as Holder
  if (db) holder[KEY] = db
  else delete holder[KEY]
}

export function getDatabase(): Database {
  const db = (globalThis as Holder)[KEY]
  if (!db) throw new Error('The database is not open yet: the server calls openDatabase() and setDatabase() at start.')
  return db
}

export function getPrisma(): PrismaClient {
  return getDatabase().prisma
}
