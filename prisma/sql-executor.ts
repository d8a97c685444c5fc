// SqlExecutor: the few SQL operations the migration runner needs, over PGlite or one pg connection.
import type { PGlite, Transaction } from '@electric-sql/pglite'
import type { ClientBase } from 'pg'

export interface SqlExecutor {
  readonly dialect: 'pglite' | 'postgres'
  /** Runs a script of one or more statements (simple query protocol). */
  exec(script: string): Promise<void>
  /** Runs one parameterised statement and returns its rows. */
  query<Row extends object>(text: string, params?: unknown[]): Promise<Row[]>
  /** Runs `fn` in a transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>
}

type PgliteQueryable = Pick<PGlite, 'exec' | 'query'> | Transaction

function pgliteQueries(db: PgliteQueryable): Omit<SqlExecutor, 'transaction'> {
  return {
    dialect: 'pglite',
    exec: async (script) => {
      await db.exec(script)
    },
    query: async <Row extends object>(text: string, params: unknown[] = []) => (await db.query<Row>(text, params)).rows,
  }
}

/** An executor over a PGlite instance; its transactions hold PGlite's exclusive lock. */
export function pgliteExecutor(pglite: PGlite): SqlExecutor {
  return {
    ...pgliteQueries(pglite),
    transaction: (fn) =>
      pglite.transaction((tx) => {
        const inner: SqlExecutor = { ...pgliteQueries(tx), transaction: (nested) => nested(inner) }
        return fn(inner)
      }),
  }
}

/** An executor over one pg connection (a Client, or a client checked out of a Pool). */
export function pgExecutor(client: ClientBase): SqlExecutor {
  let queue: Promise<unknown> = Promise.resolve()
  const base: Omit<SqlExecutor, 'transaction'> = {
    dialect: 'postgres',
    exec: async (script) => {
      await client.query(script)
    },
    query: async <Row extends object>(text: string, params: unknown[] = []) => (await client.query<Row & Record<string, unknown>>(text, params)).rows,
  }
  const inTransaction = async <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> => {
    const inner: SqlExecutor = { ...base, transaction: (nested) => nested(inner) }
    await client.query('BEGIN')
    try {
      const result = await fn(inner)
      await client.query('COMMIT')
      return result
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw err
    }
  }
  return {
    ...base,
    // Serialised: two transactions must not interleave on one connection.
    transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> => {
      const run = queue.then(() => inTransaction(fn))
      queue = run.catch(() => undefined)
      return run
    },
  }
}
