// The instructor console's API on real databases: assignments (roles, foreign cohorts, bad input, unknown slugs, dates),
// the progress matrix (states, effective scores, pagination, filters), its CSV export and per-lab statistics.
import { afterAll, beforeAll, expect, it } from 'vitest'
import * as assignmentsRoute from '@/app/api/cohorts/[id]/assignments/route'
import * as assignmentRoute from '@/app/api/cohorts/[id]/assignments/[assignmentId]/route'
import * as progressRoute from '@/app/api/cohorts/[id]/progress/route'
import * as csvRoute from '@/app/api/cohorts/[id]/progress.csv/route'
import * as statsRoute from '@/app/api/cohorts/[id]/labs/[slug]/stats/route'
import * as signUp from '@/app/api/auth/sign-up/route'
import { SESSION_COOKIE } from '@/lib/auth/cookies'
import { assignmentsForLearner } from '@/lib/cohorts/assignments'
import { MATRIX_PAGE_SIZE } from '@/lib/cohorts/matrix-query'
import { setDatabase } from '@/lib/db/global'
import type { Database } from '@/lib/db/types'
import { call, ORIGIN, sessionFrom } from './api-client'
import { dbBackends, describeBackends, type FreshDatabase } from './db-backends'

const backends = await dbBackends()
const MODULE = '03-traffic-management'
const LAB = 'canary-release'
const NO_COHORT = '00000000-0000-4000-8000-000000000000'

/** Reads a response body as text (the CSV route answers text/csv, which call() would parse as JSON). */
async function csvOf(session: string, cohortId: string, search = '') {
  const res = await csvRoute.GET(new Request(`${ORIGIN}/api/cohorts/${cohortId}/progress.csv${search}`, { headers: { host: 'dojo.test', cookie: `${SESSION_COOKIE}=${session}` } }), { params: Promise.resolve({ id: cohortId }) })
  return { status: res.status, text: await res.text(), headers: res.headers }
}

describeBackends('instructor console', backends, (backend) => {
  let fresh: FreshDatabase
  let db: Database
  const tokens: Record<string, string> = {}
  const ids: Record<string, string> = {}
  let spring = ''
  let autumn = ''

  async function person(name: string, email = `${name}@example.test`) {
    const res = await call(signUp.POST, { body: { email, name, password: 'a long enough password' }, ip: `198.51.100.${Object.keys(ids).length + 1}` })
    tokens[name] = sessionFrom(res.headers)
    ids[name] = (await db.prisma.user.findUniqueOrThrow({ where: { email } })).id
  }

  beforeAll(async () => {
    fresh = await backend.fresh()
    db = await fresh.open()
    setDatabase(db)
    for (const name of ['ines', 'ivan', 'gwen', 'lena', 'omar']) await person(name)
    await person('=Eve, "the" tester', 'eve@example.test')
    await db.prisma.user.updateMany({ where: { id: { in: [ids.ines!, ids.ivan!] } }, data: { role: 'instructor' } })
    await db.prisma.user.update({ where: { id: ids.gwen! }, data: { role: 'grader' } })
    const learners = ['lena', 'omar', '=Eve, "the" tester'].map((n) => ({ userId: ids[n]!, role: 'learner' as const }))
    spring = (await db.prisma.cohort.create({ data: { name: 'Spring', inviteCode: 'spring-invite-code-1', memberships: { create: [{ userId: ids.ines!, role: 'instructor' }, { userId: ids.gwen!, role: 'grader' }, ...learners] } } })).id
    autumn = (await db.prisma.cohort.create({ data: { name: 'Autumn', inviteCode: 'autumn-invite-code-1', memberships: { create: [{ userId: ids.ivan!, role: 'instructor' }] } } })).id
  }, 60_000)
  afterAll(async () => fresh?.dispose())

  it('assigns a module and a lab with due dates, lists them soonest first, moves a date and removes one', async () => {
    const lab = await call(assignmentsRoute.POST, { session: tokens.ines, params: { id: spring }, body: { moduleSlug: MODULE, labSlug: LAB, dueAt: '2030-03-01T17:00:00Z' } })
    expect(lab.status).toBe(201)
    expect(lab.json.assignment).toMatchObject({ moduleSlug: MODULE, labSlug: LAB, title: expect.any(String), href: `/labs/${LAB}`, dueAt: '2030-03-01T17:00:00.000Z' })
    const mod = await call(assignmentsRoute.POST, { session: tokens.ines, params: { id: spring }, body: { moduleSlug: '01-kubernetes-foundations' } })
    expect(mod.status).toBe(201)
    expect(mod.json.assignment).toMatchObject({ labSlug: null, dueAt: null, href: '/modules/01-kubernetes-foundations' })
    const again = await call(assignmentsRoute.POST, { session: tokens.ines, params: { id: spring }, body: { moduleSlug: '01-kubernetes-foundations' } })
    expect(again.status).toBe(409)

    const moved = await call(assignmentRoute.PATCH, { method: 'PATCH', session: tokens.ines, params: { id: spring, assignmentId: mod.json.assignment.id }, body: { dueAt: '2030-02-01T09:00:00+01:00' } })
    expect(moved.status).toBe(200)
    expect(moved.json.assignment.dueAt).toBe('2030-02-01T08:00:00.000Z')
    const listed = await call(assignmentsRoute.GET, { session: tokens.ines, params: { id: spring } })
    expect(listed.json.assignments.map((a: { labSlug: string | null }) => a.labSlug)).toEqual([null, LAB])

    const mine = await assignmentsForLearner(db.prisma, ids.lena!)
    expect(mine.map((a) => [a.cohortName, a.labSlug, a.dueAt?.toISOString()])).toEqual([['Spring', null, '2030-02-01T08:00:00.000Z'], ['Spring', LAB, '2030-03-01T17:00:00.000Z']])
    expect(await assignmentsForLearner(db.prisma, ids.ines!)).toEqual([])

    const removed = await call(assignmentRoute.DELETE, { method: 'DELETE', session: tokens.ines, params: { id: spring, assignmentId: mod.json.assignment.id } })
    expect(removed.status).toBe(204)
    const after = await call(assignmentsRoute.GET, { session: tokens.ines, params: { id: spring } })
    expect(after.json.assignments).toHaveLength(1)
  })

  it.each([
    ['no session', null, () => spring, { moduleSlug: MODULE }, 401],
    ['a learner', 'lena', () => spring, { moduleSlug: MODULE }, 403],
    ['a grader of the cohort', 'gwen', () => spring, { moduleSlug: MODULE }, 403],
    ['an instructor of another cohort', 'ivan', () => spring, { moduleSlug: MODULE }, 403],
    ['an unknown cohort', 'ines', () => NO_COHORT, { moduleSlug: MODULE }, 404],
    ['a malformed cohort id', 'ines', () => 'nope', { moduleSlug: MODULE }, 404],
    ['an unknown module', 'ines', () => spring, { moduleSlug: '99-nothing' }, 400],
    ['an unknown lab', 'ines', () => spring, { moduleSlug: MODULE, labSlug: 'no-such-lab' }, 400],
    ["a lab under another module", 'ines', () => spring, { moduleSlug: '04-security', labSlug: LAB }, 400],
    ['a slug with capitals', 'ines', () => spring, { moduleSlug: 'Module' }, 400],
    ['a date that is not ISO 8601', 'ines', () => spring, { moduleSlug: MODULE, dueAt: 'next friday' }, 400],
    ['a date without an offset', 'ines', () => spring, { moduleSlug: MODULE, dueAt: '2030-01-01T00:00:00' }, 400],
    ['a date before 2000', 'ines', () => spring, { moduleSlug: MODULE, dueAt: '1999-12-31T00:00:00Z' }, 400],
    ['a date decades ahead', 'ines', () => spring, { moduleSlug: MODULE, dueAt: '2999-01-01T00:00:00Z' }, 400],
    ['an unknown field', 'ines', () => spring, { moduleSlug: MODULE, cohortId: NO_COHORT }, 400],
  ])('refuses to assign for %s', async (_name, who, cohort, body, status) => {
    const res = await call(assignmentsRoute.POST, { session: who ? tokens[who]! : null, params: { id: cohort() }, body })
    expect(res.status).toBe(status)
    expect(res.json.error.message).toEqual(expect.any(String))
  })

  it('refuses to change or remove another cohort’s assignment, and bad dates', async () => {
    const own = await db.prisma.assignment.create({ data: { cohortId: autumn, moduleSlug: MODULE } })
    const foreign = { id: spring, assignmentId: own.id }
    expect((await call(assignmentRoute.PATCH, { method: 'PATCH', session: tokens.ines, params: foreign, body: { dueAt: null } })).status).toBe(404)
    expect((await call(assignmentRoute.DELETE, { method: 'DELETE', session: tokens.ines, params: foreign })).status).toBe(404)
    expect((await call(assignmentRoute.DELETE, { method: 'DELETE', session: tokens.ines, params: { id: autumn, assignmentId: own.id } })).status).toBe(403)
    const bad = await call(assignmentRoute.PATCH, { method: 'PATCH', session: tokens.ivan, params: { id: autumn, assignmentId: own.id }, body: { dueAt: '2030-02-30T00:00:00Z' } })
    expect(bad.status).toBe(400)
    expect((await call(assignmentRoute.PATCH, { method: 'PATCH', session: tokens.ivan, params: { id: autumn, assignmentId: own.id }, body: {} })).status).toBe(400)
  })

  it('shows each learner’s cells: not started, in progress, submitted, graded with the effective score, completed modules', async () => {
    const at = (min: number) => new Date(Date.UTC(2030, 0, 1, 10, min))
    await db.prisma.attempt.createMany({
      data: [
        { userId: ids.lena!, labSlug: LAB, status: 'graded', score: 6, maxScore: 10, startedAt: at(0), submittedAt: at(20) },
        { userId: ids.lena!, labSlug: LAB, status: 'graded', score: 7, maxScore: 10, overrideScore: 10, startedAt: at(30), submittedAt: at(40) },
        { userId: ids.lena!, labSlug: LAB, status: 'in_progress', startedAt: at(50) },
        { userId: ids.lena!, labSlug: 'request-routing', status: 'submitted', startedAt: at(0), submittedAt: at(5) },
        { userId: ids.omar!, labSlug: LAB, status: 'graded', score: 10, maxScore: 10, startedAt: at(0), submittedAt: at(30) },
        { userId: ids.omar!, labSlug: 'fault-injection', status: 'in_progress', startedAt: at(0) },
      ],
    })
    await db.prisma.moduleProgress.create({ data: { userId: ids.omar!, moduleSlug: MODULE, status: 'completed' } })
    await db.prisma.moduleProgress.create({ data: { userId: ids.lena!, moduleSlug: MODULE, status: 'in_progress' } })

    const res = await call(progressRoute.GET, { session: tokens.gwen, params: { id: spring } })
    expect(res.status).toBe(200)
    const { columns, rows, total } = res.json
    expect(total).toBe(3)
    expect(rows.map((r: { learner: { name: string } }) => r.learner.name)).toEqual(['=Eve, "the" tester', 'lena', 'omar'])
    const cell = (name: string, slug: string) => rows.find((r: { learner: { name: string } }) => r.learner.name === name).cells[columns.findIndex((c: { slug: string }) => c.slug === slug)]
    expect(cell('lena', LAB)).toEqual({ state: 'graded', score: 10, maxScore: 10, overridden: true })
    expect(cell('omar', LAB)).toEqual({ state: 'graded', score: 10, maxScore: 10, overridden: false })
    expect(cell('lena', 'request-routing')).toMatchObject({ state: 'submitted', score: null })
    expect(cell('omar', 'fault-injection')).toMatchObject({ state: 'in_progress' })
    expect(cell('omar', 'request-routing')).toMatchObject({ state: 'not_started' })
    expect(cell('omar', MODULE)).toMatchObject({ state: 'completed' })
    expect(cell('lena', MODULE)).toMatchObject({ state: 'in_progress' })
    expect(columns.filter((c: { kind: string }) => c.kind === 'lab')).toHaveLength(17)
  })

  it('filters by search and by state (in one column or any), and pages the rows by name', async () => {
    const get = async (search: string) => (await call(progressRoute.GET, { session: tokens.ines, params: { id: spring }, path: `/api/cohorts/${spring}/progress${search}` })).json
    const names = (m: { rows: { learner: { name: string } }[] }) => m.rows.map((r) => r.learner.name)
    expect(names(await get('?q=OMAR'))).toEqual(['omar'])
    expect(names(await get('?q=eve%40example'))).toEqual(['=Eve, "the" tester'])
    expect(names(await get(`?state=graded&column=${LAB}`))).toEqual(['lena', 'omar'])
    expect(names(await get('?state=submitted'))).toEqual(['lena'])
    expect(names(await get(`?state=not_started&column=${LAB}`))).toEqual(['=Eve, "the" tester'])
    expect(names(await get('?state=completed&q=len'))).toEqual([])

    const extra = await Promise.all(Array.from({ length: MATRIX_PAGE_SIZE }, async (_, i) => (await db.prisma.user.create({ data: { email: `zed${i}@example.test`, name: `zed ${String(i).padStart(3, '0')}`, passwordHash: 'x' } })).id))
    await db.prisma.membership.createMany({ data: extra.map((userId) => ({ cohortId: spring, userId, role: 'learner' as const })) })
    const first = await get('')
    expect(first).toMatchObject({ total: MATRIX_PAGE_SIZE + 3, page: 1, pageCount: 2, pageSize: MATRIX_PAGE_SIZE })
    expect(first.rows).toHaveLength(MATRIX_PAGE_SIZE)
    const second = await get('?page=2')
    expect(names(second)).toEqual(['zed 047', 'zed 048', 'zed 049'])
    expect(names(await get('?q=zed&page=2'))).toEqual([])
    expect((await get('?q=zed&page=1')).total).toBe(MATRIX_PAGE_SIZE)
    await db.prisma.membership.deleteMany({ where: { userId: { in: extra } } })
  })

  it.each([
    ['a learner', 'lena', () => spring, '', 403],
    ['an instructor of another cohort', 'ivan', () => spring, '', 403],
    ['an unknown cohort', 'ines', () => NO_COHORT, '', 404],
    ['an unknown state', 'ines', () => spring, '?state=done', 400],
    ['an unknown column', 'ines', () => spring, '?state=graded&column=no-such-lab', 400],
    ['page zero', 'ines', () => spring, '?page=0', 400],
    ['a fractional page', 'ines', () => spring, '?page=1.5', 400],
    ['an overlong search', 'ines', () => spring, `?q=${'x'.repeat(101)}`, 400],
    ['an unknown parameter', 'ines', () => spring, '?sort=score', 400],
  ])('refuses the matrix to %s', async (_name, who, cohort, search, status) => {
    const res = await call(progressRoute.GET, { session: tokens[who]!, params: { id: cohort() }, path: `/api/cohorts/${cohort()}/progress${search}` })
    expect(res.status).toBe(status)
    expect(res.json.error.code).toEqual(expect.any(String))
  })

  it('exports the whole filtered matrix as RFC 4180 CSV', async () => {
    const csv = await csvOf(tokens.ines!, spring)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="spring-progress.csv"')
    const lines = csv.text.split('\r\n')
    expect(lines.at(-1)).toBe('')
    expect(lines).toHaveLength(5)
    expect(lines[0]).toMatch(new RegExp(`^name,email,01-kubernetes-foundations,.*,${LAB},${LAB} score,`))
    expect(lines[1]).toMatch(/^"'=Eve, ""the"" tester",eve@example\.test,not started,/)
    const header = lines[0]!.split(',')
    const omar = lines[3]!.split(',')
    expect(omar.slice(0, 2)).toEqual(['omar', 'omar@example.test'])
    expect([omar[header.indexOf(LAB)], omar[header.indexOf(`${LAB} score`)], omar[header.indexOf(MODULE)]]).toEqual(['graded', '10', 'completed'])
    const lena = lines[2]!.split(',')
    expect(lena[header.indexOf(`${LAB} score`)]).toBe('10')
    expect(lena[header.indexOf('request-routing score')]).toBe('')

    const filtered = await csvOf(tokens.ines!, spring, '?state=submitted')
    expect(filtered.text.split('\r\n').slice(1, -1).map((l) => l.split(',')[0])).toEqual(['lena'])
    expect((await csvOf(tokens.ivan!, spring)).status).toBe(403)
    expect((await csvOf(tokens.ines!, spring, '?state=nope')).status).toBe(400)
  })

  it('gives per-lab statistics: completion rate, median time, failing checks, hints used', async () => {
    const attempts = await db.prisma.attempt.findMany({ where: { labSlug: LAB, status: 'graded' }, orderBy: { startedAt: 'asc' } })
    for (const a of attempts) {
      await db.prisma.checkResult.createMany({ data: [
        { attemptId: a.id, taskId: 'split', checkId: 'weights', passed: false, message: 'no' },
        { attemptId: a.id, taskId: 'split', checkId: 'subsets', passed: a.userId === ids.omar, message: '?' },
        { attemptId: a.id, taskId: 'split', checkId: 'exists', passed: true, message: 'yes' },
      ] })
      await db.prisma.hintUse.create({ data: { attemptId: a.id, taskId: 'split', hintIndex: 0 } })
    }
    await db.prisma.hintUse.create({ data: { attemptId: attempts[0]!.id, taskId: 'split', hintIndex: 1 } })

    const res = await call(statsRoute.GET, { session: tokens.ines, params: { id: spring, slug: LAB } })
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ learners: 3, attempted: 2, completed: 2, lab: { slug: LAB, moduleSlug: MODULE } })
    expect(res.json.completionRate).toBeCloseTo(2 / 3)
    // lena started at 10:00 and first scored full marks (by override) at 10:40; omar took 30 min: median 35 min.
    expect(res.json.medianMsToComplete).toBe(35 * 60_000)
    expect(res.json.failingChecks).toEqual([
      { taskId: 'split', checkId: 'weights', failures: 3, attempts: 3 },
      { taskId: 'split', checkId: 'subsets', failures: 2, attempts: 2 },
    ])
    expect(res.json.hints).toEqual([{ taskId: 'split', hintIndex: 0, uses: 3 }, { taskId: 'split', hintIndex: 1, uses: 1 }])

    expect((await call(statsRoute.GET, { session: tokens.ines, params: { id: spring, slug: 'no-such-lab' } })).status).toBe(404)
    expect((await call(statsRoute.GET, { session: tokens.ivan, params: { id: spring, slug: LAB } })).status).toBe(403)
    expect((await call(statsRoute.GET, { session: tokens.lena, params: { id: spring, slug: LAB } })).status).toBe(403)
  })
})
