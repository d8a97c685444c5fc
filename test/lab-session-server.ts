// A running server on a throwaway PostgreSQL schema with signed-up users, for the lab session API tests.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import * as signUp from '@/app/api/auth/sign-up/route'
import { startServer, type RunningServer } from '@/lib/server/start-server'
import { call, sessionFrom } from './api-client'
import { TEST_DATABASE_URL } from './db-backends'

const PASSWORD = 'a long enough password'

export interface LabSessionServer {
  server: RunningServer
  schema: string
  /** Session tokens by user name (emails are `<name>@example.test`). */
  tokens: Record<string, string>
  dispose(): Promise<void>
}

/** Starts the server on a fresh schema named `<prefix>_<random>` and signs up `names`. */
export async function startLabSessionServer(prefix: string, names: readonly string[]): Promise<LabSessionServer> {
  const schema = `${prefix}_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await admin.connect()
  await admin.query(`CREATE SCHEMA "${schema}"`)
  const server = await startServer({ config: { port: 0, host: '127.0.0.1', dev: false, trustProxy: false, shutdownTimeoutMs: 10_000 }, database: { url: TEST_DATABASE_URL, schema }, loadNext: null })
  const tokens: Record<string, string> = {}
  for (const name of names) {
    const res = await call(signUp.POST, { body: { email: `${name}@example.test`, name, password: PASSWORD }, ip: `198.51.100.${name.length}` })
    tokens[name] = sessionFrom(res.headers)
  }
  return {
    server, schema, tokens,
    dispose: async () => {
      await server.shutdown('test done')
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      await admin.end()
    },
  }
}

/** gus grades lena's cohort (Spring); hal grades another one (Autumn). */
export async function gradersOfTwoCohorts({ server, schema }: LabSessionServer): Promise<void> {
  const prisma = server.db.prisma
  const [lena, gus, hal] = await Promise.all(['lena', 'gus', 'hal'].map((n) => prisma.user.findUniqueOrThrow({ where: { email: `${n}@example.test` } })))
  await prisma.user.updateMany({ where: { id: { in: [gus!.id, hal!.id] } }, data: { role: 'grader' } })
  await prisma.cohort.create({ data: { name: 'Spring', inviteCode: `spring-${schema}`, memberships: { create: [{ userId: lena!.id, role: 'learner' }, { userId: gus!.id, role: 'grader' }] } } })
  await prisma.cohort.create({ data: { name: 'Autumn', inviteCode: `autumn-${schema}`, memberships: { create: [{ userId: hal!.id, role: 'grader' }] } } })
}
