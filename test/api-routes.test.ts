// API behaviour, including the negative cases, as tables: bad body, wrong role,
// foreign id, oversized, cross-site, expired session, throttling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as adminUser from '@/app/api/admin/users/[id]/route'
import * as adminUsers from '@/app/api/admin/users/route'
import * as unknownRoute from '@/app/api/[...path]/route'
import * as signIn from '@/app/api/auth/sign-in/route'
import * as signOut from '@/app/api/auth/sign-out/route'
import * as signUp from '@/app/api/auth/sign-up/route'
import * as cohort from '@/app/api/cohorts/[id]/route'
import * as join from '@/app/api/cohorts/join/route'
import * as cohorts from '@/app/api/cohorts/route'
import * as me from '@/app/api/me/route'
import { ensureInitialAdmin } from '@/lib/auth/accounts'
import { hashToken } from '@/lib/auth/sessions'
import { openDatabase, type Database } from '@/lib/db/database'
import { setDatabase } from '@/lib/db/global'
import { call, sessionFrom } from './api-client'

let db: Database
const PASSWORD = 'a long enough password'
const s: Record<string, string> = {}
const ids: Record<string, string> = {}

async function account(name: string, ip = `198.51.100.${Object.keys(s).length + 1}`) {
  const res = await call(signUp.POST, { body: { email: `${name}@example.test`, name, password: PASSWORD }, ip })
  expect(res.status).toBe(201)
  s[name] = sessionFrom(res.headers)
  ids[name] = res.json.user.id
}

beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' })
  setDatabase(db)
  const admin = await ensureInitialAdmin(db.prisma)
  const res = await call(signIn.POST, { body: admin })
  s.admin = sessionFrom(res.headers)
  ids.admin = res.json.user.id
  await account('lena')
  await account('ivan')
  await call(adminUser.PATCH, { method: 'PATCH', session: s.admin, params: { id: ids.ivan }, body: { role: 'instructor' } })
  await account('olga')
  await call(adminUser.PATCH, { method: 'PATCH', session: s.admin, params: { id: ids.olga }, body: { role: 'instructor' } })
})

afterAll(async () => {
  await db?.close()
})

describe('accounts', () => {
  it.each([
    ['malformed JSON', { rawBody: '{"email":' }, 400, 'invalid_json'],
    ['missing fields', { body: {} }, 400, 'validation_failed'],
    ['bad email', { body: { email: 'not-an-email', name: 'X', password: PASSWORD } }, 400, 'validation_failed'],
    ['short password', { body: { email: 'short@example.test', name: 'X', password: 'short' } }, 400, 'validation_failed'],
    ['oversized body', { body: { email: 'big@example.test', name: 'x'.repeat(1024 * 1024), password: PASSWORD } }, 413, 'payload_too_large'],
    ['form encoding', { rawBody: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported_media_type'],
    ['no Origin header', { body: { email: 'o@example.test', name: 'X', password: PASSWORD }, origin: null }, 403, 'csrf'],
    ['foreign Origin', { body: { email: 'o@example.test', name: 'X', password: PASSWORD }, origin: 'http://evil.test' }, 403, 'csrf'],
    ['taken email (any case)', { body: { email: 'LENA@example.test', name: 'X', password: PASSWORD } }, 409, 'conflict'],
  ])('sign-up refuses %s', async (_name, opts, status, code) => {
    const before = await db.prisma.user.count()
    const res = await call(signUp.POST, { ip: '192.0.2.50', ...opts })
    expect(res.status).toBe(status)
    expect(res.json.error.code).toBe(code)
    expect(typeof res.json.error.message).toBe('string')
    expect(await db.prisma.user.count()).toBe(before)
  })

  it('new accounts are learners', async () => {
    const res = await call(me.GET, { session: s.lena })
    expect(res.json.user).toMatchObject({ email: 'lena@example.test', role: 'learner', name: 'lena' })
    expect(res.json.user.passwordHash).toBeUndefined()
  })

  it('signs in with any email case and refuses a wrong password', async () => {
    expect((await call(signIn.POST, { body: { email: 'Lena@Example.test', password: PASSWORD } })).status).toBe(200)
    const wrong = await call(signIn.POST, { body: { email: 'lena@example.test', password: 'nope nope nope' } })
    expect(wrong.status).toBe(401)
    expect(wrong.json.error.message).toBe('Wrong email or password.')
  })

  it('throttles repeated failed sign-ins per address and email', async () => {
    const body = { email: 'ivan@example.test', password: 'wrong password!' }
    for (let i = 0; i < 10; i++) expect((await call(signIn.POST, { body, ip: '192.0.2.77' })).status).toBe(401)
    const limited = await call(signIn.POST, { body: { ...body, password: PASSWORD }, ip: '192.0.2.77' })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await call(signIn.POST, { body: { ...body, password: PASSWORD }, ip: '192.0.2.78' })).status).toBe(200)
  })

  it('sign-out ends the session server-side', async () => {
    const res = await call(signIn.POST, { body: { email: 'lena@example.test', password: PASSWORD } })
    const token = sessionFrom(res.headers)
    expect((await call(me.GET, { session: token })).status).toBe(200)
    const out = await call(signOut.POST, { session: token, method: 'POST' })
    expect(out.status).toBe(204)
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0')
    expect((await call(me.GET, { session: token })).status).toBe(401)
  })

  it.each([
    ['no cookie', null],
    ['an unknown token', 'x'.repeat(43)],
  ])('GET /api/me with %s is 401 JSON', async (_n, token) => {
    const res = await call(me.GET, { session: token })
    expect(res.status).toBe(401)
    expect(res.json.error.code).toBe('unauthenticated')
  })

  it('an expired session is refused and deleted', async () => {
    const res = await call(signIn.POST, { body: { email: 'lena@example.test', password: PASSWORD } })
    const token = sessionFrom(res.headers)
    await db.prisma.session.update({ where: { id: hashToken(token) }, data: { expiresAt: new Date(Date.now() - 1000) } })
    expect((await call(me.GET, { session: token })).status).toBe(401)
    expect(await db.prisma.session.findUnique({ where: { id: hashToken(token) } })).toBeNull()
  })
})

describe('admin: users and roles', () => {
  it.each([
    ['lena', 403],
    ['ivan', 403],
    ['admin', 200],
  ])('GET /api/admin/users as %s -> %i', async (who, status) => {
    expect((await call(adminUsers.GET, { session: s[who] })).status).toBe(status)
  })

  it('searches users', async () => {
    const res = await call(adminUsers.GET, { session: s.admin, path: '/api/admin/users?q=LEN' })
    expect(res.json.users.map((u: { email: string }) => u.email)).toEqual(['lena@example.test'])
  })

  it.each([
    ['a learner changing roles', () => ({ session: s.lena, params: { id: ids.lena }, body: { role: 'admin' } }), 403, 'forbidden'],
    ['an unknown role', () => ({ session: s.admin, params: { id: ids.lena }, body: { role: 'root' } }), 400, 'validation_failed'],
    ['a malformed id', () => ({ session: s.admin, params: { id: 'lena' }, body: { role: 'grader' } }), 404, 'not_found'],
    ['a foreign id', () => ({ session: s.admin, params: { id: '00000000-0000-4000-8000-000000000000' }, body: { role: 'grader' } }), 404, 'not_found'],
    ['demoting the last admin', () => ({ session: s.admin, params: { id: ids.admin }, body: { role: 'learner' } }), 409, 'conflict'],
  ])('PATCH role refuses %s', async (_n, opts, status, code) => {
    const res = await call(adminUser.PATCH, { method: 'PATCH', ...opts() })
    expect(res.status).toBe(status)
    expect(res.json.error.code).toBe(code)
  })

  it('a role change takes effect on the user\'s live session and is audited', async () => {
    await account('gina')
    const res = await call(adminUser.PATCH, { method: 'PATCH', session: s.admin, params: { id: ids.gina }, body: { role: 'grader' } })
    expect(res.json.user.role).toBe('grader')
    expect((await call(me.GET, { session: s.gina })).json.user.role).toBe('grader')
    const audit = await db.prisma.auditEvent.findFirst({ where: { action: 'user.role_changed', targetId: ids.gina } })
    expect(audit).toMatchObject({ actorId: ids.admin, before: { role: 'learner' }, after: { role: 'grader' } })
  })
})

describe('cohorts and invitations', () => {
  let cohortId = ''
  let code = ''

  it('only instructors and admins create cohorts', async () => {
    expect((await call(cohorts.POST, { session: s.lena, body: { name: 'Nope' } })).status).toBe(403)
    const res = await call(cohorts.POST, { session: s.ivan, body: { name: 'Spring mesh', description: 'Istio in 6 weeks' } })
    expect(res.status).toBe(201)
    cohortId = res.json.cohort.id
    code = /\/join\/([\w-]+)$/.exec(res.json.inviteUrl)![1]
    expect(res.json.inviteUrl).toBe(`http://dojo.test/join/${code}`)
  })

  it.each([
    ['a malformed code', 'x', 400],
    ['an unknown code', 'A'.repeat(24), 404],
  ])('joining with %s fails', async (_n, badCode, status) => {
    expect((await call(join.POST, { session: s.lena, body: { code: badCode } })).status).toBe(status)
  })

  it('a learner joins through the link, once', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await call(join.POST, { session: s.lena, body: { code } })
      expect(res.json).toMatchObject({ cohort: { id: cohortId, name: 'Spring mesh' }, role: 'learner' })
    }
    expect(await db.prisma.membership.count({ where: { cohortId } })).toBe(2)
  })

  it('staff see only their own cohorts; learners never see members', async () => {
    expect((await call(cohort.GET, { session: s.ivan, params: { id: cohortId } })).json.members).toHaveLength(2)
    expect((await call(cohort.GET, { session: s.olga, params: { id: cohortId } })).status).toBe(403)
    expect((await call(cohort.GET, { session: s.lena, params: { id: cohortId } })).status).toBe(403)
    expect((await call(cohort.GET, { session: s.admin, params: { id: cohortId } })).status).toBe(200)
    expect((await call(cohorts.GET, { session: s.olga })).json.cohorts).toEqual([])
    expect((await call(cohorts.GET, { session: s.lena })).json.cohorts.map((c: { name: string }) => c.name)).toEqual(['Spring mesh'])
  })
})

it('unknown API routes answer 404 JSON', async () => {
  const res = await call(unknownRoute.GET, { path: '/api/nope' })
  expect(res.status).toBe(404)
  expect(res.json.error.message).toBe('No API route GET /api/nope.')
})
