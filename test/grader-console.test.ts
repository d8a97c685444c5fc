// The grader console's API: the queue, one attempt (checks, hints, commands, recordings), the .cast file, overrides and the grades CSV.
// Attempts are seeded as the lab engine writes them (graded results, hint uses, an asciicast recording in chunks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as queueRoute from '@/app/api/attempts/route'
import * as attemptRoute from '@/app/api/attempts/[id]/route'
import * as overrideRoute from '@/app/api/attempts/[id]/override/route'
import * as castRoute from '@/app/api/attempts/[id]/recordings/[rid]/route'
import * as csvRoute from '@/app/api/cohorts/[id]/grades.csv/route'
import * as signUp from '@/app/api/auth/sign-up/route'
import { AsciicastRecorder, parseAsciicast } from '@/lab-engine/sessions/asciicast'
import { setDatabase } from '@/lib/db/global'
import type { Database } from '@/lib/db/types'
import { QUEUE_PAGE_SIZE } from '@/lib/grading/attempt-queue'
import { SESSION_COOKIE } from '@/lib/auth/cookies'
import { call, ORIGIN, sessionFrom } from './api-client'
import { dbBackends, describeBackends, type FreshDatabase } from './db-backends'

const backends = await dbBackends()
const LAB = 'canary-release'
const UNKNOWN = '00000000-0000-4000-8000-000000000000'
const T0 = Date.UTC(2026, 0, 10, 9, 0, 0)

/** A GET whose answer is not JSON (a .cast or .csv file): the Response itself. */
function raw<P>(handler: (req: Request, ctx: { params: Promise<P> }) => Promise<Response>, session: string, params: P): Promise<Response> {
  return handler(new Request(`${ORIGIN}/api/file`, { headers: { host: 'dojo.test', cookie: `${SESSION_COOKIE}=${session}` } }), { params: Promise.resolve(params) })
}

/** A recording as the session repository stores it: the header, then event chunks. */
function recorded(): { header: object; chunks: string[]; durationMs: number; sizeBytes: number } {
  let now = T0
  const rec = new AsciicastRecorder({ width: 80, height: 24, startedAtMs: T0, now: () => now })
  const at = (ms: number, f: () => void) => { now = T0 + ms; f() }
  at(100, () => rec.output('$ '))
  at(1000, () => rec.input('kubectl get pods'))
  at(1000, () => rec.output('kubectl get pods'))
  at(2500, () => rec.input('\r'))
  at(2600, () => rec.output('\r\nNo resources found in default namespace.\r\n$ '))
  const first = rec.takeChunk()!
  at(5000, () => rec.input('kubectl apply -f canary.yaml\r'))
  at(5100, () => rec.output('virtualservice.networking.istio.io/reviews created\r\n$ '))
  return { header: JSON.parse(rec.header()), chunks: [first, rec.takeChunk()!], durationMs: rec.durationMs, sizeBytes: rec.sizeBytes }
}

describeBackends('grader console API', backends, (backend) => {
  let fresh: FreshDatabase
  let db: Database
  const tokens: Record<string, string> = {}
  const ids: Record<string, string> = {}
  let attemptId = ''
  let recordingId = ''
  let cohortId = ''
  let otherCohortId = ''

  beforeAll(async () => {
    fresh = await backend.fresh()
    db = await fresh.open()
    setDatabase(db)
    for (const name of ['lena', 'lars', 'gus', 'hal', 'ida', 'ada']) {
      const res = await call(signUp.POST, { body: { email: `${name}@example.test`, name, password: 'a long enough password' }, ip: `198.51.100.${name.charCodeAt(0)}` })
      tokens[name] = sessionFrom(res.headers)
      ids[name] = (await db.prisma.user.findUniqueOrThrow({ where: { email: `${name}@example.test` } })).id
    }
    const p = db.prisma
    await p.user.updateMany({ where: { id: { in: [ids.gus!, ids.hal!] } }, data: { role: 'grader' } })
    await p.user.update({ where: { id: ids.ida! }, data: { role: 'instructor' } })
    await p.user.update({ where: { id: ids.ada! }, data: { role: 'admin' } })
    cohortId = (await p.cohort.create({ data: { name: 'Spring, "2026"', inviteCode: 'spring', memberships: { create: [
      { userId: ids.lena!, role: 'learner' }, { userId: ids.lars!, role: 'learner' }, { userId: ids.gus!, role: 'grader' }, { userId: ids.ida!, role: 'instructor' },
    ] } } })).id
    otherCohortId = (await p.cohort.create({ data: { name: 'Autumn', inviteCode: 'autumn', memberships: { create: [{ userId: ids.hal!, role: 'grader' }] } } })).id

    const session = await p.labSession.create({ data: { userId: ids.lena!, labSlug: LAB, driver: 'sim', state: 'stopped' } })
    const at = (s: number) => new Date(T0 + s * 1000)
    const attempt = await p.attempt.create({ data: {
      userId: ids.lena!, labSlug: LAB, labSessionId: session.id, status: 'graded', score: 10, maxScore: 30, startedAt: at(0), submittedAt: at(60), gradedAt: at(60),
      checkResults: { create: [
        { taskId: 'canary-50', checkId: 'split', passed: false, message: 'reviews v3 got 12% of requests, expected 50% ± 8%' },
        { taskId: 'canary-10', checkId: 'vs-exists', passed: true, message: 'VirtualService reviews exists' },
        { taskId: 'canary-10', checkId: 'split', passed: true, message: '10% of requests went to v3' },
      ] },
      hintUses: { create: [{ taskId: 'canary-50', hintIndex: 0, usedAt: at(30) }] },
    } })
    attemptId = attempt.id
    const rec = recorded()
    recordingId = (await p.recording.create({ data: {
      labSessionId: session.id, attemptId, header: rec.header, durationMs: rec.durationMs, sizeBytes: rec.sizeBytes,
      chunks: { create: rec.chunks.map((data, seq) => ({ seq, data })) },
    } })).id
    // Lars: one submitted (waits for review) and a page and more of graded attempts on another lab.
    await p.attempt.create({ data: { userId: ids.lars!, labSlug: LAB, status: 'submitted', maxScore: 30, startedAt: at(0), submittedAt: at(90) } })
    await p.attempt.createMany({ data: Array.from({ length: QUEUE_PAGE_SIZE + 2 }, (_, n) => ({
      userId: ids.lars!, labSlug: 'fault-injection', status: 'graded' as const, score: n % 20, maxScore: 20, startedAt: at(n), submittedAt: at(100 + n), gradedAt: at(100 + n),
    })) })
    await p.attempt.create({ data: { userId: ids.lars!, labSlug: 'mutual-tls', status: 'in_progress', startedAt: at(0) } })
  }, 60_000)
  afterAll(async () => fresh?.dispose())

  describe('the queue', () => {
    it('lists submitted attempts first, then graded ones oldest first, a page at a time', async () => {
      const first = await call(queueRoute.GET, { session: tokens.gus, path: '/api/attempts' })
      expect(first.status).toBe(200)
      expect(first.json.items).toHaveLength(QUEUE_PAGE_SIZE)
      expect(first.json.items[0]).toMatchObject({ status: 'submitted', learner: { name: 'lars' }, lab: { slug: LAB, title: 'Canary release' } })
      expect(first.json.items[1]).toMatchObject({ id: attemptId, status: 'graded', score: 10, maxScore: 30, submittedAt: new Date(T0 + 60_000).toISOString() })
      const times = first.json.items.slice(1).map((i: { submittedAt: string }) => i.submittedAt)
      expect(times).toEqual([...times].sort())
      const second = await call(queueRoute.GET, { session: tokens.gus, path: `/api/attempts?cursor=${first.json.nextCursor}` })
      expect(second.json.items).toHaveLength(QUEUE_PAGE_SIZE + 2 + 2 - QUEUE_PAGE_SIZE)
      expect(second.json.nextCursor).toBeNull()
      const all = [...first.json.items, ...second.json.items].map((i: { id: string }) => i.id)
      expect(new Set(all).size).toBe(all.length)
    })

    it.each([
      ['state', 'state=submitted', 1],
      ['lab', `lab=${LAB}`, 2],
      ['state and lab', 'lab=fault-injection&state=graded', QUEUE_PAGE_SIZE],
      ['in progress', 'state=in_progress', 1],
      ['cohort (empty fields mean any)', 'cohort=COHORT&lab=&state=submitted', 1],
    ])('filters by %s', async (_name, query, count) => {
      const res = await call(queueRoute.GET, { session: tokens.gus, path: `/api/attempts?${query.replace('COHORT', cohortId)}` })
      expect(res.status).toBe(200)
      expect(res.json.items).toHaveLength(count)
    })

    it("shows a grader of another cohort nothing, and refuses them the cohort's filter", async () => {
      expect((await call(queueRoute.GET, { session: tokens.hal, path: '/api/attempts' })).json.items).toEqual([])
      const res = await call(queueRoute.GET, { session: tokens.hal, path: `/api/attempts?cohort=${cohortId}` })
      expect(res.status).toBe(403)
    })

    it('shows admins every attempt', async () => {
      const res = await call(queueRoute.GET, { session: tokens.ada, path: `/api/attempts?lab=${LAB}` })
      expect(res.json.items).toHaveLength(2)
    })
  })

  it('gives the attempt: checks by task in lab order, hints, the typed commands and the recording', async () => {
    const res = await call(attemptRoute.GET, { session: tokens.gus, params: { id: attemptId } })
    expect(res.status).toBe(200)
    const a = res.json.attempt
    expect(a).toMatchObject({ learner: { id: ids.lena, name: 'lena' }, lab: { slug: LAB, title: 'Canary release' }, score: 10, maxScore: 30, override: null })
    expect(a.tasks.map((t: { id: string; passed: boolean }) => [t.id, t.passed])).toEqual([['canary-10', true], ['canary-50', false]])
    expect(a.tasks[1].checks[0]).toEqual({ checkId: 'split', passed: false, message: 'reviews v3 got 12% of requests, expected 50% ± 8%' })
    expect(a.hints).toEqual([{ taskId: 'canary-50', taskTitle: expect.any(String), index: 0, usedAt: new Date(T0 + 30_000).toISOString() }])
    expect(a.recordings).toHaveLength(1)
    expect(a.recordings[0]).toMatchObject({ id: recordingId, url: `/api/attempts/${attemptId}/recordings/${recordingId}.cast` })
    expect(a.recordings[0].commands).toEqual([
      { time: 1, enteredAt: 2.5, command: 'kubectl get pods' },
      { time: 5, enteredAt: 5, command: 'kubectl apply -f canary.yaml' },
    ])
  })

  it("lists a recording its lab session saved only after the submit, and not another session's", async () => {
    const p = db.prisma
    const session = await p.labSession.create({ data: { userId: ids.lena!, labSlug: 'fault-injection', driver: 'sim', state: 'running' } })
    const late = await p.attempt.create({ data: { userId: ids.lena!, labSlug: 'fault-injection', labSessionId: session.id, status: 'graded', score: 0, maxScore: 20, submittedAt: new Date(T0) } })
    const rec = recorded()
    const saved = await p.recording.create({ data: { labSessionId: session.id, header: rec.header, chunks: { create: [{ seq: 0, data: rec.chunks[0]! }] } } })
    const res = await call(attemptRoute.GET, { session: tokens.gus, params: { id: late.id } })
    expect(res.json.attempt.recordings.map((r: { id: string; commands: { command: string }[] }) => [r.id, r.commands.map((c) => c.command)])).toEqual([[saved.id, ['kubectl get pods']]])
    expect((await call(castRoute.GET, { session: tokens.gus, params: { id: attemptId, rid: `${saved.id}.cast` } })).status).toBe(404)
    expect((await raw(castRoute.GET, tokens.gus!, { id: late.id, rid: `${saved.id}.cast` })).status).toBe(200)
  })

  it('serves the recording as an asciicast v2 file', async () => {
    const res = await raw(castRoute.GET, tokens.gus!, { id: attemptId, rid: `${recordingId}.cast` })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/x-asciicast/)
    const cast = parseAsciicast(await res.text())
    expect(cast.header).toMatchObject({ version: 2, width: 80, height: 24 })
    expect(cast.events.filter((e) => e.code === 'i').map((e) => e.data).join('')).toBe('kubectl get pods\rkubectl apply -f canary.yaml\r')
  })

  it.each([
    ['a recording of another attempt', () => `${UNKNOWN}.cast`, 'gus', 404],
    ['no .cast suffix', () => recordingId, 'gus', 404],
    ['a grader of another cohort', () => `${recordingId}.cast`, 'hal', 403],
  ])('refuses the .cast file for %s', async (_name, rid, who, status) => {
    const res = await call(castRoute.GET, { session: tokens[who], params: { id: attemptId, rid: rid() } })
    expect(res.status).toBe(status)
  })

  it('overrides the score with a comment, audited, and the override becomes the effective score', async () => {
    const comment = 'Split was right, measured during a restart; "fair" = 25'
    const res = await call(overrideRoute.POST, { session: tokens.gus, params: { id: attemptId }, body: { score: 25, comment } })
    expect(res.status).toBe(200)
    expect(res.json.override).toMatchObject({ score: 25, maxScore: 30 })
    const detail = (await call(attemptRoute.GET, { session: tokens.gus, params: { id: attemptId } })).json.attempt
    expect(detail).toMatchObject({ score: 25, autoScore: 10, override: { score: 25, comment, by: 'gus' } })
    expect(detail.history).toEqual([{ at: expect.any(String), by: 'gus', comment, before: { score: 10, overrideScore: null, overrideComment: null }, after: { score: 10, overrideScore: 25, overrideComment: comment } }])
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { targetId: attemptId } })
    expect(audit).toMatchObject({ actorId: ids.gus, action: 'attempt.score_overridden', targetType: 'attempt', comment })
    const queue = await call(queueRoute.GET, { session: tokens.gus, path: `/api/attempts?lab=${LAB}&state=graded` })
    expect(queue.json.items[0]).toMatchObject({ id: attemptId, score: 25, overridden: true })
  })

  it('exports the cohort grades as CSV with the override, escaped per RFC 4180', async () => {
    const res = await raw(csvRoute.GET, tokens.gus!, { id: cohortId })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="spring-2026-grades.csv"')
    const lines = (await res.text()).split('\r\n')
    expect(lines[0]).toBe('learner,email,lab,status,score,maxScore,override,comment,submittedAt')
    expect(lines).toContain(`lena,lena@example.test,${LAB},graded,25,30,25,"Split was right, measured during a restart; ""fair"" = 25",${new Date(T0 + 60_000).toISOString()}`)
    // Lars: the submitted canary attempt, the newest graded fault-injection one, the in-progress mutual-tls one.
    expect(lines.filter((l) => l.startsWith('lars,'))).toEqual([
      `lars,lars@example.test,${LAB},submitted,,30,,,${new Date(T0 + 90_000).toISOString()}`,
      `lars,lars@example.test,fault-injection,graded,${(QUEUE_PAGE_SIZE + 1) % 20},20,,,${new Date(T0 + (100 + QUEUE_PAGE_SIZE + 1) * 1000).toISOString()}`,
      'lars,lars@example.test,mutual-tls,in_progress,,,,,',
    ])
    expect(lines.at(-1)).toBe('')
  })

  it.each([
    ['a learner', 'lena', () => ({ score: 5, comment: 'a long enough reason' }), () => attemptId, 403],
    ['an instructor (no grades:review)', 'ida', () => ({ score: 5, comment: 'a long enough reason' }), () => attemptId, 403],
    ['a grader of another cohort', 'hal', () => ({ score: 5, comment: 'a long enough reason' }), () => attemptId, 403],
    ['a missing comment', 'gus', () => ({ score: 5 }), () => attemptId, 400],
    ['a too short comment', 'gus', () => ({ score: 5, comment: 'ok' }), () => attemptId, 400],
    ['a negative score', 'gus', () => ({ score: -1, comment: 'a long enough reason' }), () => attemptId, 400],
    ['a score above maxScore', 'gus', () => ({ score: 31, comment: 'a long enough reason' }), () => attemptId, 400],
    ['a fractional score', 'gus', () => ({ score: 2.5, comment: 'a long enough reason' }), () => attemptId, 400],
    ['a string score', 'gus', () => ({ score: '5', comment: 'a long enough reason' }), () => attemptId, 400],
    ['an unknown field', 'gus', () => ({ score: 5, comment: 'a long enough reason', by: 'x' }), () => attemptId, 400],
    ['an unknown attempt', 'gus', () => ({ score: 5, comment: 'a long enough reason' }), () => UNKNOWN, 404],
    ['a malformed id', 'gus', () => ({ score: 5, comment: 'a long enough reason' }), () => 'nope', 404],
    ['no session', null, () => ({ score: 5, comment: 'a long enough reason' }), () => attemptId, 401],
  ])('refuses an override from/with %s', async (_name, who, body, id, status) => {
    const res = await call(overrideRoute.POST, { session: who ? tokens[who] : null, params: { id: id() }, body: body() })
    expect(res.status).toBe(status)
    expect(res.json.error.message).toEqual(expect.any(String))
    const a = await db.prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } })
    expect(a.overrideScore).toBe(25)
    expect(await db.prisma.auditEvent.count({ where: { targetId: attemptId } })).toBe(1)
  })

  it('refuses to override an attempt still in progress', async () => {
    const open = await db.prisma.attempt.findFirstOrThrow({ where: { status: 'in_progress' } })
    const res = await call(overrideRoute.POST, { session: tokens.gus, params: { id: open.id }, body: { score: 0, comment: 'a long enough reason' } })
    expect(res.status).toBe(409)
  })

  it.each([
    ['GET attempt', () => call(attemptRoute.GET, { session: tokens.hal, params: { id: attemptId } }), 403],
    ['GET attempt as an instructor', () => call(attemptRoute.GET, { session: tokens.ida, params: { id: attemptId } }), 403],
    ['GET attempt as a learner', () => call(attemptRoute.GET, { session: tokens.lena, params: { id: attemptId } }), 403],
    ['GET unknown attempt', () => call(attemptRoute.GET, { session: tokens.gus, params: { id: UNKNOWN } }), 404],
    ['GET queue as a learner', () => call(queueRoute.GET, { session: tokens.lena, path: '/api/attempts' }), 403],
    ['GET queue with a bad state', () => call(queueRoute.GET, { session: tokens.gus, path: '/api/attempts?state=lost' }), 400],
    ['GET queue with a bad cursor', () => call(queueRoute.GET, { session: tokens.gus, path: '/api/attempts?cursor=abc' }), 400],
    ['GET queue without a session', () => call(queueRoute.GET, { path: '/api/attempts' }), 401],
    ['CSV of a foreign cohort', () => call(csvRoute.GET, { session: tokens.hal, params: { id: cohortId } }), 403],
    ['CSV of an unknown cohort', () => call(csvRoute.GET, { session: tokens.gus, params: { id: UNKNOWN } }), 404],
    ['CSV as an instructor', () => call(csvRoute.GET, { session: tokens.ida, params: { id: cohortId } }), 403],
  ])('answers %s with a JSON error', async (_name, request, status) => {
    const res = await request()
    expect(res.status).toBe(status)
    expect(res.json.error.message).toEqual(expect.any(String))
  })

  it('lets a grader export their own other cohort (empty but for the header)', async () => {
    const res = await raw(csvRoute.GET, tokens.hal!, { id: otherCohortId })
    expect(await res.text()).toBe('learner,email,lab,status,score,maxScore,override,comment,submittedAt\r\n')
  })
})
