// The Database handle and its configuration, shared by the embedded (PGlite) and PostgreSQL backends.
import type { PrismaClient } from '@/prisma/generated/client'

export interface DatabaseConfig {
  /** postgresql://… — when set, PostgreSQL is used instead of the embedded PGlite. */
  url?: string
  /** PGlite data directory (created if missing); default '.data/pglite'; 'memory://' for in-memory. */
  dataDir?: string
  /** PostgreSQL schema (search_path), e.g. for test isolation; created if missing. */
  schema?: string
  /** Migrations directory; default prisma/migrations. */
  migrationsDir?: string
}

export interface Database {
  kind: 'pglite' | 'postgres'
  prisma: PrismaClient
  /** SELECT 1 through Prisma; throws if the database is unreachable. */
  ping(): Promise<void>
  /** Disconnects Prisma and closes PGlite (flushing it) or ends the pool. Idempotent. */
  close(): Promise<void>
}

export const DEFAULT_PGLITE_DIR = '.data/pglite'
