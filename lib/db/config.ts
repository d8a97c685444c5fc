// Database configuration from the environment: DATABASE_URL (PostgreSQL) or PGlite in <DATA_DIR>/pglite.
import path from 'node:path'
import type { DatabaseConfig } from './types'

const POSTGRES_SCHEMES = new Set(['postgres:', 'postgresql:'])

function checkedUrl(raw: string): string {
  let scheme: string
  try {
    scheme = new URL(raw).protocol
  } catch {
    throw new Error('DATABASE_URL is not a valid URL; expected postgresql://user:password@host:5432/database')
  }
  if (!POSTGRES_SCHEMES.has(scheme)) {
    throw new Error(`DATABASE_URL must be a PostgreSQL URL (postgresql://…), got a "${scheme.replace(/:$/, '')}" URL`)
  }
  return raw
}

export function databaseConfigFromEnv(env: Record<string, string | undefined> = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim()
  if (url) return { url: checkedUrl(url) }
  return { dataDir: path.join(env.DATA_DIR?.trim() || '.data', 'pglite') }
}
