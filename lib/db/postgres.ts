// The PostgreSQL backend: pg + @prisma/adapter-pg, optionally confined to one schema (search_path).
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { logger } from '@/lib/log'
import { runMigrations } from '@/prisma/migrate'
import { pgExecutor } from '@/prisma/sql-executor'
import { PrismaClient } from '@/prisma/generated/client'
import { closeOnce } from './close-once'
import type { Database } from './types'

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

export interface PostgresTarget {
  url: string
  schema?: string
}

/** pg connection settings; the schema comes from `target.schema` or the URL's `?schema=` (Prisma's convention). */
export function pgConnectionConfig(target: PostgresTarget): { config: pg.ClientConfig; schema?: string } {
  const url = new URL(target.url)
  const schema = target.schema ?? (url.searchParams.get('schema') || undefined)
  url.searchParams.delete('schema')
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`PostgreSQL schema name must match ${SCHEMA_NAME}, got "${schema}"`)
  }
  const config: pg.ClientConfig = { connectionString: url.toString(), connectionTimeoutMillis: 10_000 }
  if (schema) config.options = `-c search_path=${schema}`
  return { config, schema }
}

async function createSchema(client: pg.Client, schema: string): Promise<void> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).catch((err: { code?: string }) => {
    // Two processes creating it at once: the loser sees a duplicate, which is fine.
    if (err.code !== '23505' && err.code !== '42P06') throw err
  })
}

/** Applies pending migrations over a dedicated connection (closed afterwards). */
export async function migratePostgres(target: PostgresTarget, opts: { migrationsDir?: string } = {}): Promise<string[]> {
  const { config, schema } = pgConnectionConfig(target)
  const client = new pg.Client(config)
  await client.connect()
  try {
    if (schema) await createSchema(client, schema)
    return (await runMigrations(pgExecutor(client), { dir: opts.migrationsDir })).applied
  } finally {
    await client.end()
  }
}

export async function openPostgres(target: PostgresTarget, opts: { migrationsDir?: string } = {}): Promise<Database> {
  await migratePostgres(target, opts)
  const { config, schema } = pgConnectionConfig(target)
  const pool = new pg.Pool(config)
  pool.on('error', (err) => logger.warn({ err }, 'idle PostgreSQL connection failed'))
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { schema }) })
  return {
    kind: 'postgres',
    prisma,
    ping: async () => {
      await prisma.$queryRaw`SELECT 1`
    },
    close: closeOnce(
      () => prisma.$disconnect(),
      () => pool.end(),
    ),
  }
}
