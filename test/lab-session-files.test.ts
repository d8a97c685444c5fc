// The workbench editor's API on a real server and PostgreSQL: files of the session, Apply, the `kubectl edit`
// round trip through a real terminal and events socket, and the table of requests it must refuse.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as applyRoute from '@/app/api/lab-sessions/[id]/apply/route'
import { MAX_FILE_BODY_BYTES, MAX_FILE_TEXT_BYTES, MAX_PATH_LENGTH, sessionPath } from '@/app/api/lab-sessions/[id]/files/file-input'
import * as filesRoute from '@/app/api/lab-sessions/[id]/files/route'
import * as sessionsRoute from '@/app/api/lab-sessions/route'
import * as signUp from '@/app/api/auth/sign-up/route'
import { SESSION_COOKIE } from '@/lib/auth/cookies'
import { startServer, type RunningServer } from '@/lib/server/start-server'
import { call, sessionFrom, type CallOptions } from './api-client'
import { dbBackends, describeBackends, TEST_DATABASE_URL } from './db-backends'
import { TerminalClient } from './lab-session-client'

const backends = (await dbBackends()).filter((b) => b.name === 'postgres')
const PASSWORD = 'a long enough password'
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: colors
data:
  sky: blue
`

describe('sessionPath', () => {
  it.each([
    ['vs.yaml', '/home/learner/vs.yaml'],
    ['~/labs/./vs.yaml', '/home/learner/labs/vs.yaml'],
    ['~/samples/../notes.txt', '/home/learner/notes.txt'],
    ['/tmp/kubectl-edit-1.yaml', '/tmp/kubectl-edit-1.yaml'],
    ['../../etc/hosts', '/etc/hosts'],
  ])('%s is %s', (raw, want) => expect(sessionPath(raw)).toBe(want))

  it.each(['/../etc/passwd', '../../../x', '~/../../../root', '/', '~/../../..', 'a\u0000b', 'line\nbreak'])('refuses %j', (raw) => {
    expect(sessionPath(raw)).toBeNull()
  })
})

describeBackends('the editor API', backends, () => {
  let server: RunningServer
  let admin: pg.Client
  const schema = `editor_files_${randomBytes(5).toString('hex')}`
  const tokens: Record<string, string> = {}
  let sessionId = ''

  const as = (who: string | null, opts: CallOptions = {}): CallOptions => ({ session: who ? tokens[who] : null, params: { id: sessionId }, ...opts })
  const filePath = (path: string) => `/api/lab-sessions/x/files?path=${encodeURIComponent(path)}`
  const sockHeaders = (who: string) => ({ origin: server.url, cookie: `${SESSION_COOKIE}=${tokens[who]}` })

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
    await admin.connect()
    await admin.query(`CREATE SCHEMA "${schema}"`)
    server = await startServer({ config: { port: 0, host: '127.0.0.1', dev: false, trustProxy: false, shutdownTimeoutMs: 10_000 }, database: { url: TEST_DATABASE_URL, schema }, loadNext: null })
    for (const name of ['lena', 'omar', 'gus', 'hal']) {
      const res = await call(signUp.POST, { body: { email: `${name}@example.test`, name, password: PASSWORD }, ip: `198.51.100.${name.length}` })
      expect(res.status).toBe(201)
      tokens[name] = sessionFrom(res.headers)
    }
    const prisma = server.db.prisma
    const [lena, gus, hal] = await Promise.all(['lena', 'gus', 'hal'].map((n) => prisma.user.findUniqueOrThrow({ where: { email: `${n}@example.test` } })))
    await prisma.user.updateMany({ where: { id: { in: [gus!.id, hal!.id] } }, data: { role: 'grader' } })
    await prisma.cohort.create({ data: { name: 'Spring', inviteCode: 'spring-editor', memberships: { create: [{ userId: lena!.id, role: 'learner' }, { userId: gus!.id, role: 'grader' }] } } })
    await prisma.cohort.create({ data: { name: 'Autumn', inviteCode: 'autumn-editor', memberships: { create: [{ userId: hal!.id, role: 'grader' }] } } })
    const started = await call(sessionsRoute.POST, { session: tokens.lena, body: { lab: 'playground' } })
    expect(started.status).toBe(201)
    sessionId = started.json.session.id
  }, 60_000)

  afterAll(async () => {
    await server?.shutdown('test done')
    await admin?.query(`DROP SCHEMA "${schema}" CASCADE`)
    await admin?.end()
  })

  it('saves a file and reads it back by its resolved path', async () => {
    const saved = await call(filesRoute.PUT, as('lena', { method: 'PUT', body: { path: '~/labs/colors.yaml', text: CONFIGMAP } }))
    expect(saved).toMatchObject({ status: 200, json: { path: '/home/learner/labs/colors.yaml', saved: true } })
    const read = await call(filesRoute.GET, as('lena', { path: filePath('labs/colors.yaml') }))
    expect(read).toMatchObject({ status: 200, json: { path: '/home/learner/labs/colors.yaml', text: CONFIGMAP } })
    expect(read.headers.get('cache-control')).toBe('no-store')
  })

  it('answers 404 JSON for a file that is not there', async () => {
    const res = await call(filesRoute.GET, as('lena', { path: filePath('~/nope.yaml') }))
    expect(res).toMatchObject({ status: 404, json: { error: { code: 'not_found', message: '/home/learner/nope.yaml: No such file' } } })
  })

  it('applies with kubectl\'s own lines and exit code', async () => {
    const created = await call(applyRoute.POST, as('lena', { body: { text: CONFIGMAP } }))
    expect(created).toMatchObject({ status: 200, json: { ok: true, exitCode: 0, stdout: 'configmap/colors created\n', stderr: '' } })
    const again = await call(applyRoute.POST, as('lena', { body: { text: CONFIGMAP } }))
    expect(again.json.stdout).toBe('configmap/colors unchanged\n')
    const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n'
    const noIstio = await call(applyRoute.POST, as('lena', { body: { text: vs } }))
    expect(noIstio.json).toMatchObject({ ok: false, exitCode: 1, stdout: '' })
    expect(noIstio.json.stderr).toContain('no matches for kind "VirtualService" in version "networking.istio.io/v1"')
    const bad = await call(applyRoute.POST, as('lena', { body: { text: CONFIGMAP.replace(/^data:/m, 'dataa:') } }))
    expect(bad.json).toMatchObject({ ok: false, exitCode: 1 })
    expect(bad.json.stderr).toContain('unknown field "dataa"')
  })

  it('completes `kubectl edit` when the editor saves, and cancels it when the editor closes unsaved', async () => {
    const events = await eventsSocket(`${server.url.replace('http', 'ws')}/ws/events/${sessionId}`, sockHeaders('lena'))
    const t = await TerminalClient.open(`${server.url.replace('http', 'ws')}/ws/terminal/${sessionId}`, sockHeaders('lena'))
    await t.waitFor('learner@mesh-dojo:~$ ')

    t.type('kubectl edit configmap colors\r')
    const first = await events.nextEditor()
    expect(first).toMatchObject({ path: '/tmp/kubectl-edit-1.yaml', title: 'configmap/colors' })
    const shown = await call(filesRoute.GET, as('lena', { path: filePath(first.path) }))
    expect(shown.json.text).toContain('sky: blue')
    const put = await call(filesRoute.PUT, as('lena', { method: 'PUT', body: { path: first.path, text: shown.json.text.replace('sky: blue', 'sky: grey') } }))
    expect(put.status).toBe(200)
    await t.waitFor('configmap/colors edited')

    t.type('kubectl edit configmap colors\r')
    const second = await events.nextEditor()
    const closed = await call(filesRoute.DELETE, as('lena', { method: 'DELETE', path: filePath(second.path) }))
    expect(closed).toMatchObject({ status: 200, json: { path: second.path, discarded: true } })
    await t.waitFor('Edit cancelled, no changes made.')
    t.type('kubectl get configmap colors -o jsonpath={.data.sky}; echo\r')
    await t.waitFor(/\r\ngrey\r\n/)
    await t.close()
    events.close()
  })

  const tooLong = 'a'.repeat(MAX_PATH_LENGTH + 1)
  const oversized = 'x'.repeat(MAX_FILE_TEXT_BYTES + 1)
  it.each<[string, () => Parameters<typeof call>, number, string]>([
    ['GET without a path', () => [filesRoute.GET, as('lena', { path: '/api/lab-sessions/x/files' })], 400, 'validation_failed'],
    ['GET climbing above /', () => [filesRoute.GET, as('lena', { path: filePath('/../../etc/passwd') })], 400, 'validation_failed'],
    ['GET a control character', () => [filesRoute.GET, as('lena', { path: filePath('a\u0000b') })], 400, 'validation_failed'],
    ['GET a too long path', () => [filesRoute.GET, as('lena', { path: filePath(tooLong) })], 400, 'validation_failed'],
    ['GET the root directory', () => [filesRoute.GET, as('lena', { path: filePath('/') })], 400, 'validation_failed'],
    ['PUT without text', () => [filesRoute.PUT, as('lena', { method: 'PUT', body: { path: 'a.yaml' } })], 400, 'validation_failed'],
    ['PUT text that is not a string', () => [filesRoute.PUT, as('lena', { method: 'PUT', body: { path: 'a.yaml', text: 42 } })], 400, 'validation_failed'],
    ['PUT traversal', () => [filesRoute.PUT, as('lena', { method: 'PUT', body: { path: '../../../../x', text: '' } })], 400, 'validation_failed'],
    ['PUT invalid JSON', () => [filesRoute.PUT, as('lena', { method: 'PUT', rawBody: '{"path":' })], 400, 'invalid_json'],
    ['PUT as text/plain', () => [filesRoute.PUT, as('lena', { method: 'PUT', rawBody: 'x', headers: { 'content-type': 'text/plain' } })], 415, 'unsupported_media_type'],
    ['PUT a file over 1 MiB', () => [filesRoute.PUT, as('lena', { method: 'PUT', body: { path: 'big.txt', text: oversized } })], 413, 'payload_too_large'],
    ['PUT a body over the limit', () => [filesRoute.PUT, as('lena', { method: 'PUT', rawBody: JSON.stringify({ path: 'a', text: 'y'.repeat(MAX_FILE_BODY_BYTES) }) })], 413, 'payload_too_large'],
    ['PUT onto a directory', () => [filesRoute.PUT, as('lena', { method: 'PUT', body: { path: '~/labs', text: 'x' } })], 400, 'bad_request'],
    ['apply a file over 1 MiB', () => [applyRoute.POST, as('lena', { body: { text: oversized } })], 413, 'payload_too_large'],
    ['apply without text', () => [applyRoute.POST, as('lena', { body: {} })], 400, 'validation_failed'],
    ['signed out', () => [filesRoute.GET, as(null, { path: filePath('a') })], 401, 'unauthenticated'],
    ['another learner reads', () => [filesRoute.GET, as('omar', { path: filePath('~/labs/colors.yaml') })], 403, 'forbidden'],
    ['another learner saves', () => [filesRoute.PUT, as('omar', { method: 'PUT', body: { path: 'x', text: '' } })], 403, 'forbidden'],
    ['another learner applies', () => [applyRoute.POST, as('omar', { body: { text: CONFIGMAP } })], 403, 'forbidden'],
    ['a watching grader saves', () => [filesRoute.PUT, as('gus', { method: 'PUT', body: { path: 'x', text: '' } })], 403, 'forbidden'],
    ['a watching grader discards', () => [filesRoute.DELETE, as('gus', { method: 'DELETE', path: filePath('x') })], 403, 'forbidden'],
    ['a watching grader applies', () => [applyRoute.POST, as('gus', { body: { text: CONFIGMAP } })], 403, 'forbidden'],
    ['a grader of another cohort reads', () => [filesRoute.GET, as('hal', { path: filePath('~/labs/colors.yaml') })], 403, 'forbidden'],
    ['an unknown session', () => [filesRoute.GET, as('lena', { path: filePath('a'), params: { id: UNKNOWN_ID } })], 404, 'not_found'],
    ['a cross-site save', () => [filesRoute.PUT, as('lena', { method: 'PUT', body: { path: 'x', text: '' }, origin: 'http://evil.test' })], 403, 'csrf'],
  ])('refuses %s', async (_name, request, status, code) => {
    const res = await call(...request())
    expect(res.status).toBe(status)
    expect(res.json.error.code).toBe(code)
  })

  it('lets a grader of the learner\'s cohort read the files', async () => {
    const res = await call(filesRoute.GET, as('gus', { path: filePath('~/labs/colors.yaml') }))
    expect(res).toMatchObject({ status: 200, json: { text: CONFIGMAP } })
  })
})

/** The session's /ws/events socket, yielding the `open-editor` UI actions in order. */
async function eventsSocket(url: string, headers: Record<string, string>) {
  const ws = new WebSocket(url, { headers })
  const opened: { path: string; title: string }[] = []
  ws.on('message', (data) => {
    const e = JSON.parse(data.toString()) as { type: string; action?: { action: string; path: string; title: string } }
    if (e.type === 'ui' && e.action?.action === 'open-editor') opened.push(e.action)
  })
  await new Promise((resolve, reject) => (ws.on('open', resolve), ws.on('error', reject)))
  let taken = 0
  return {
    async nextEditor() {
      await expect.poll(() => opened.length, { timeout: 10_000 }).toBeGreaterThan(taken)
      return opened[taken++]!
    },
    close: () => ws.close(),
  }
}
