// Test backends for the data layer: PGlite in memory, and the real PostgreSQL in a throwaway schema.
import { randomBytes } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { describe, it } from 'vitest'
import { pgliteDatabase } from '@/lib/db/pglite'
import { openPostgres, pgConnectionConfig } from '@/lib/db/postgres'
import type { Database } from '@/lib/db/types'
import { pgExecutor, pgliteExecutor, type SqlExecutor } from '@/prisma/sql-executor'

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/test'

export interface Connection {
  sql: SqlExecutor
  close(): Promise<void>
}

/** One empty database: PGlite in memory, or a fresh schema on PostgreSQL. */
export interface FreshDatabase {
  /** Another connection (a SqlExecutor) to this database. */
  connect(): Promise<Connection>
  /** openDatabase() on this database: migrations run, Prisma ready. */
  open(opts?: { migrationsDir?: string }): Promise<Database>
  /** Closes what this helper opened and drops the schema. */
  dispose(): Promise<void>
}

export interface TestBackend {
  name: 'pglite' | 'postgres'
  /** Why this backend cannot run here, or null. */
  unavailable: string | null
  fresh(): Promise<FreshDatabase>
}

async function freshPglite(): Promise<FreshDatabase> {
  const pglite = new PGlite()
  let db: Database | undefined
  return {
    connect: async () => ({ sql: pgliteExecutor(pglite), close: async () => undefined }),
    open: async (opts) => (db = await pgliteDatabase(pglite, opts)),
    dispose: async () => {
      await db?.close()
      if (!pglite.closed) await pglite.close()
    },
  }
}

async function pgClient(schema?: string): Promise<pg.Client> {
  const client = new pg.Client(pgConnectionConfig({ url: TEST_DATABASE_URL, schema }).config)
  await client.connect()
  return client
}

async function freshPostgres(): Promise<FreshDatabase> {
  const schema = `mesh_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  const admin = await pgClient()
  await admin.query(`CREATE SCHEMA "${schema}"`)
  const opened: Array<{ close(): Promise<void> }> = []
  return {
    connect: async () => {
      const client = await pgClient(schema)
      const conn = { sql: pgExecutor(client), close: () => client.end() }
      opened.push(conn)
      return conn
    },
    open: async (opts) => {
      const db = await openPostgres({ url: TEST_DATABASE_URL, schema }, opts)
      opened.push(db)
      return db
    },
    dispose: async () => {
      await Promise.allSettled(opened.map((c) => c.close()))
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`)
      await admin.end()
    },
  }
}

async function postgresProblem(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3_000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return null
  } catch (err) {
    const reason = err instanceof Error ? err.message || err.name : String(err)
    return `PostgreSQL at ${TEST_DATABASE_URL.replace(/\/\/[^@/]*@/, '//…@')} is unreachable (${reason}); set TEST_DATABASE_URL`
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** The backends to test on; PostgreSQL is probed once (use with top-level await). */
export async function dbBackends(): Promise<TestBackend[]> {
  return [
    { name: 'pglite', unavailable: null, fresh: freshPglite },
    { name: 'postgres', unavailable: await postgresProblem(), fresh: freshPostgres },
  ]
}

/**
 * describe.each over the backends. An unavailable one is skipped with the reason in its name,
 * or, under CI=true, fails with it: never a silent pass.
 */
export function describeBackends(title: string, backends: TestBackend[], body: (backend: TestBackend) => void): void {
  const usable = backends.filter((b) => !b.unavailable)
  if (usable.length > 0) describe.each(usable.map((b) => [b.name, b] as const))(`${title} on %s`, (_name, b) => body(b))
  for (const b of backends.filter((b) => b.unavailable)) {
    if (process.env.CI === 'true') {
      describe(`${title} on ${b.name}`, () => {
        it(`needs ${b.name}`, () => {
          throw new Error(`${b.unavailable} (CI=true: a missing database fails the run)`)
        })
      })
    } else {
      describe.skip(`${title} on ${b.name} — skipped: ${b.unavailable}`, () => {
        it(`needs ${b.name}`, () => undefined)
      })
    }
  }
}
