// Lab sessions end to end on the raw server: the HTTP API (through its route handlers), real WebSockets to the
// terminal, reconnects, a server restart on the same database, and what other users may not do.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as extendRoute from '@/app/api/lab-sessions/[id]/extend/route'
import * as resetRoute from '@/app/api/lab-sessions/[id]/reset/route'
import * as oneRoute from '@/app/api/lab-sessions/[id]/route'
import * as sessionsRoute from '@/app/api/lab-sessions/route'
import * as signUp from '@/app/api/auth/sign-up/route'
import { SESSION_COOKIE } from '@/lib/auth/cookies'
import type { DatabaseConfig } from '@/lib/db/types'
import { startServer, type RunningServer } from '@/lib/server/start-server'
import { call, sessionFrom } from './api-client'
import { dbBackends, describeBackends, TEST_DATABASE_URL } from './db-backends'
import { TerminalClient } from './lab-session-client'
import WebSocket from 'ws'
import { parseAsciicast } from '@/lab-engine/sessions/asciicast'

const backends = await dbBackends()
const PASSWORD = 'a long enough password'

/** A database that outlives one server: PGlite in a temporary directory, or a fresh PostgreSQL schema. */
async function durableDatabase(kind: 'pglite' | 'postgres'): Promise<{ config: DatabaseConfig; dispose(): Promise<void> }> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'lab-sessions-'))
    return { config: { dataDir: path.join(dir, 'pglite') }, dispose: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const schema = `lab_sessions_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await admin.connect()
  await admin.query(`CREATE SCHEMA "${schema}"`)
  return {
    config: { url: TEST_DATABASE_URL, schema },
    dispose: async () => {
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`)
      await admin.end()
    },
  }
}

describeBackends('lab sessions', backends, (backend) => {
  let db: Awaited<ReturnType<typeof durableDatabase>>
  let server: RunningServer
  const tokens: Record<string, string> = {}
  let sessionId = ''

  const boot = async () => {
    server = await startServer({ config: { port: 0, host: '127.0.0.1', dev: false, trustProxy: false, shutdownTimeoutMs: 10_000 }, database: db.config, loadNext: null })
  }
  const headers = (who: string) => ({ origin: server.url, cookie: `${SESSION_COOKIE}=${tokens[who]}` })
  const terminal = (who: string, id = sessionId) => TerminalClient.open(`${server.url.replace('http', 'ws')}/ws/terminal/${id}`, headers(who))

  beforeAll(async () => {
    db = await durableDatabase(backend.name)
    await boot()
    for (const name of ['lena', 'omar', 'gus', 'hal']) {
      const res = await call(signUp.POST, { body: { email: `${name}@example.test`, name, password: PASSWORD }, ip: `198.51.100.${name.length}` })
      expect(res.status).toBe(201)
      tokens[name] = sessionFrom(res.headers)
    }
    // gus grades lena's cohort; hal grades another one.
    const prisma = server.db.prisma
    const [lena, gus, hal] = await Promise.all(['lena', 'gus', 'hal'].map((n) => prisma.user.findUniqueOrThrow({ where: { email: `${n}@example.test` } })))
    await prisma.user.updateMany({ where: { id: { in: [gus!.id, hal!.id] } }, data: { role: 'grader' } })
    await prisma.cohort.create({ data: { name: 'Spring', inviteCode: `spring-${backend.name}`, memberships: { create: [{ userId: lena!.id, role: 'learner' }, { userId: gus!.id, role: 'grader' }] } } })
    await prisma.cohort.create({ data: { name: 'Autumn', inviteCode: `autumn-${backend.name}`, memberships: { create: [{ userId: hal!.id, role: 'grader' }] } } })
  }, 60_000)

  afterAll(async () => {
    await server?.shutdown('test done')
    await db?.dispose()
  })

  it('starts the playground and returns the same running session when asked again', async () => {
    const first = await call(sessionsRoute.POST, { session: tokens.lena, body: { lab: 'playground' } })
    expect(first.status).toBe(201)
    expect(first.json.session).toMatchObject({ labSlug: 'playground', title: 'Playground', driver: 'sim', state: 'running', capabilities: { snapshots: true } })
    sessionId = first.json.session.id
    const again = await call(sessionsRoute.POST, { session: tokens.lena, body: { lab: 'playground' } })
    expect(again.status).toBe(200)
    expect(again.json.session.id).toBe(sessionId)
    const list = await call(sessionsRoute.GET, { session: tokens.lena })
    expect(list.json.sessions.map((s: { id: string }) => s.id)).toEqual([sessionId])
  })

  it('runs typed commands in the sim over a real WebSocket, samples in the home directory', async () => {
    const t = await terminal('lena')
    await t.waitFor('learner@mesh-dojo:~$ ')
    t.type('ls samples\r')
    await t.waitFor(/bookinfo\r\n(.|\r\n)*httpbin/)
    t.type('kubectl create deployment web --image=nginx && echo kept > notes.txt\r')
    await t.waitFor('deployment.apps/web created')
    await t.close()
  })

  it('streams resource events on /ws/events/:id as the learner changes the cluster', async () => {
    const events = new WebSocket(`${server.url.replace('http', 'ws')}/ws/events/${sessionId}`, { headers: headers('lena') })
    const seen: { type: string; kind?: string; name?: string; change?: string }[] = []
    events.on('message', (data) => seen.push(JSON.parse(data.toString())))
    await new Promise((resolve, reject) => (events.on('open', resolve), events.on('error', reject)))
    const t = await terminal('lena')
    t.type('kubectl create configmap colors --from-literal=sky=blue\r')
    await t.waitFor('configmap/colors created')
    await expect.poll(() => seen.find((e) => e.type === 'resource' && e.kind === 'ConfigMap' && e.name === 'colors')).toMatchObject({ change: 'added' })
    events.close()
    await t.close()
  })

  it('lets a grader of the learner\'s cohort watch read-only, and no other grader', async () => {
    const watcher = await terminal('gus')
    await watcher.waitFor('configmap/colors created')
    watcher.type('kubectl delete configmap colors\r')
    const learner = await terminal('lena')
    learner.type('kubectl get configmap colors -o name\r')
    await learner.waitFor('configmap/colors\r\n')
    await watcher.waitFor('kubectl get configmap colors -o name')
    expect(watcher.raw).not.toContain('deleted')
    await Promise.all([watcher.close(), learner.close()])
    await expect(terminal('hal')).rejects.toThrow('HTTP 403')
    expect((await call(oneRoute.GET, { session: tokens.gus, params: { id: sessionId } })).status).toBe(200)
    expect((await call(resetRoute.POST, { session: tokens.gus, params: { id: sessionId }, body: {} })).status).toBe(403)
  })

  it('redraws the same screen after a dropped connection, and keeps what was typed meanwhile', async () => {
    const a = await terminal('lena')
    a.type('echo before-drop\r')
    await a.waitFor('before-drop\r\n')
    await a.waitFor(/before-drop\r\n.*learner@mesh-dojo:~\$ $/s)
    const seen = await a.visible()
    a.ws.terminate()
    const b = await terminal('lena')
    await b.waitFor('before-drop')
    await new Promise((r) => setTimeout(r, 100))
    expect(await b.visible()).toEqual(seen)
    await b.close()
    // Typed the moment the socket opens, while the server is still looking the session up: not lost.
    const c = await terminal('lena')
    c.type('echo after-reconnect\r')
    await c.waitFor('after-reconnect\r\n')
    await c.close()
  })

  it('closes a socket that sends an oversized frame with 1009 and keeps the session usable', async () => {
    const big = await terminal('lena')
    big.type('x'.repeat(200 * 1024))
    await expect.poll(() => big.closed?.code).toBe(1009)
    const t = await terminal('lena')
    t.type('echo still-here\r')
    await t.waitFor('still-here\r\n')
    await t.close()
  })

  it('keeps pods, files and history across a server restart', async () => {
    await server.shutdown('restart')
    await boot()
    const t = await terminal('lena')
    await t.waitFor('learner@mesh-dojo:~$ ')
    t.type('kubectl get deployments -o name; cat notes.txt\r')
    await t.waitFor('deployment.apps/web\r\nkept\r\n')
    // Up twice: a command typed before the restart, from the restored history.
    t.type('\x1b[A\x1b[A')
    await t.waitFor('echo still-here')
    await t.close()
  }, 60_000)

  it('refuses another learner: 403 on the API and on the socket; 404 for unknown ids', async () => {
    expect((await call(oneRoute.GET, { session: tokens.omar, params: { id: sessionId } })).status).toBe(403)
    expect((await call(resetRoute.POST, { session: tokens.omar, params: { id: sessionId }, body: {} })).status).toBe(403)
    await expect(terminal('omar')).rejects.toThrow('HTTP 403')
    await expect(terminal('lena', '00000000-0000-4000-8000-000000000000')).rejects.toThrow('HTTP 404')
    await expect(terminal('lena', 'not-a-uuid')).rejects.toThrow('HTTP 404')
  })

  it.each([
    ['no body', undefined, 400],
    ['an unknown lab', { lab: 'no-such-lab' }, 404],
    ['a malformed slug', { lab: '../etc/passwd' }, 400],
  ])('answers a start with %s with a JSON error', async (_name, body, status) => {
    const res = await call(sessionsRoute.POST, { session: tokens.omar, body, rawBody: body === undefined ? '' : undefined })
    expect(res.status).toBe(status)
    expect(res.json.error.message).toEqual(expect.any(String))
  })

  it('extends the deadline up to the maximum, then refuses', async () => {
    const before = (await call(oneRoute.GET, { session: tokens.lena, params: { id: sessionId } })).json.session
    let last = before
    for (let i = 0; i < 10 && last.canExtend; i++) last = (await call(extendRoute.POST, { session: tokens.lena, params: { id: sessionId }, body: {} })).json.session
    expect(Date.parse(last.expiresAt)).toBeGreaterThan(Date.parse(before.expiresAt))
    expect(Date.parse(last.expiresAt) - Date.parse(last.createdAt)).toBe(4 * 60 * 60_000)
    const refused = await call(extendRoute.POST, { session: tokens.lena, params: { id: sessionId }, body: {} })
    expect(refused.status).toBe(409)
    expect(refused.json.error.message).toMatch(/maximum duration/)
  })

  it('resets to the lab start and then stops; a stopped session refuses the terminal', async () => {
    const reset = await call(resetRoute.POST, { session: tokens.lena, params: { id: sessionId }, body: {} })
    expect(reset.status).toBe(200)
    const t = await terminal('lena')
    await t.waitFor('learner@mesh-dojo:~$ ')
    t.type('kubectl get deployments; ls notes.txt\r')
    await t.waitFor(/No resources found in default namespace\.\r\nls: cannot access 'notes\.txt': No such file or directory/)
    await t.close()
    const stopped = await call(oneRoute.DELETE, { method: 'DELETE', session: tokens.lena, params: { id: sessionId } })
    expect(stopped.json.session.state).toBe('stopped')
    await expect(terminal('lena')).rejects.toThrow('HTTP 409')
  })

  it('kept an asciicast v2 recording of the terminal: input, output and timing', async () => {
    const recordings = await server.db.prisma.recording.findMany({ where: { labSessionId: sessionId }, orderBy: { createdAt: 'asc' }, include: { chunks: { orderBy: { seq: 'asc' } } } })
    expect(recordings.length).toBeGreaterThanOrEqual(2) // one per server lifetime of the session
    const first = recordings[0]!
    const cast = parseAsciicast([JSON.stringify(first.header), ...first.chunks.map((c) => c.data)].join('\n'))
    expect(cast.header).toMatchObject({ version: 2, width: expect.any(Number), height: expect.any(Number) })
    expect(cast.events.filter((e) => e.code === 'i').map((e) => e.data).join('')).toContain('ls samples\r')
    expect(cast.events.filter((e) => e.code === 'o').map((e) => e.data).join('')).toContain('bookinfo')
    expect(first.sizeBytes).toBeGreaterThan(0)
  })
})
