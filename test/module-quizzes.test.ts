// Knowledge checks over the API: graded on the server from the module file, stored per learner (latest answer), bad input refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as answersRoute from '@/app/api/modules/[slug]/answers/route'
import * as quizRoute from '@/app/api/modules/[slug]/quizzes/[quizId]/route'
import * as signUp from '@/app/api/auth/sign-up/route'
import { moduleQuizzes } from '@/lib/content/course'
import { openDatabase, type Database } from '@/lib/db/database'
import { setDatabase } from '@/lib/db/global'
import { call, sessionFrom } from './api-client'

const SLUG = '03-traffic-management'
let db: Database
let token = ''
let quizId = ''
let right: number[] = []
let multiple = false

beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' })
  setDatabase(db)
  const res = await call(signUp.POST, { body: { email: 'quiz@example.test', name: 'Quiz', password: 'a long enough password' } })
  token = sessionFrom(res.headers)
  const [id, quiz] = [...(await moduleQuizzes(SLUG))][0]!
  quizId = id
  multiple = quiz.multiple
  right = quiz.choices.flatMap((c, i) => (c.correct ? [i] : []))
})
afterAll(async () => db?.close())

describe('module quizzes', () => {
  it('grades a wrong answer, then a right one, and keeps the latest with explanations', async () => {
    const wrong = [0, 1, 2, 3].find((i) => !right.includes(i))!
    const first = await call(quizRoute.POST, { session: token, params: { slug: SLUG, quizId }, body: { choices: [wrong] } })
    expect(first.status).toBe(200)
    expect(first.json.result).toMatchObject({ quizId, correct: false, choices: [wrong] })
    expect(first.json.result.explanations.every((e: { explain: string }) => e.explain.length > 0)).toBe(true)
    const second = await call(quizRoute.POST, { session: token, params: { slug: SLUG, quizId }, body: { choices: multiple ? right : [right[0]] } })
    expect(second.json.result.correct).toBe(true)
    const stored = await call(answersRoute.GET, { session: token, params: { slug: SLUG } })
    expect(stored.json.answers).toEqual([expect.objectContaining({ quizId, correct: true })])
    expect(await db.prisma.moduleProgress.findFirst({ where: { moduleSlug: SLUG } })).toMatchObject({ status: 'in_progress' })
  })

  it.each([
    ['no session', { session: null, params: { slug: SLUG, quizId: 'x' }, body: { choices: [0] } }, 401],
    ['an unknown module', { params: { slug: '99-nope', quizId: 'x' }, body: { choices: [0] } }, 404],
    ['an unknown quiz', { params: { slug: SLUG, quizId: 'nope' }, body: { choices: [0] } }, 404],
    ['no choice', { params: { slug: SLUG, quizId: '' }, body: { choices: [] } }, 400],
    ['a choice out of range', { params: { slug: SLUG, quizId: '' }, body: { choices: [9] } }, 400],
  ])('refuses %s with a JSON error', async (_name, opts, status) => {
    const params = { ...opts.params, quizId: opts.params.quizId || quizId }
    const res = await call(quizRoute.POST, { session: 'session' in opts ? opts.session : token, ...opts, params })
    expect(res.status).toBe(status)
    expect(res.json.error.message).toEqual(expect.any(String))
  })
})

describe('module cache', () => {
  it('keeps rendered pages and quiz answers apart for the same file', async () => {
    const { renderModule } = await import('@/lib/content/course')
    const page = await renderModule(SLUG)
    const quizzes = await moduleQuizzes(SLUG)
    expect(page?.meta.slug).toBe(SLUG)
    expect(quizzes.get(quizId)?.choices.length).toBeGreaterThan(1)
  })
})

describe('module progress', () => {
  it('counts sections read and quizzes answered, completes the module when both are done, and knows where to continue', async () => {
    const progressRoute = await import('@/app/api/modules/[slug]/progress/route')
    const { renderModule } = await import('@/lib/content/course')
    const mod = (await renderModule(SLUG))!
    const sections = mod.toc.filter((t) => t.depth === 2).map((t) => t.id)
    const first = await call(progressRoute.POST, { session: token, params: { slug: SLUG }, body: { section: sections[0] } })
    expect(first.json.progress).toMatchObject({ status: 'in_progress', sections: { read: 1, total: sections.length }, continueHref: `/modules/${SLUG}#${sections[0]}` })
    expect((await call(progressRoute.POST, { session: token, params: { slug: SLUG }, body: { section: 'no-such-section' } })).status).toBe(400)
    for (const s of sections) await call(progressRoute.POST, { session: token, params: { slug: SLUG }, body: { section: s } })
    for (const [id, quiz] of await moduleQuizzes(SLUG)) {
      await call(quizRoute.POST, { session: token, params: { slug: SLUG, quizId: id }, body: { choices: [quiz.choices.findIndex((c) => c.correct)] } })
    }
    const done = await call(progressRoute.GET, { session: token, params: { slug: SLUG } })
    expect(done.json.progress).toMatchObject({ status: 'completed', sections: { read: sections.length }, quizzes: { answered: mod.quizzes.length } })
    expect(await db.prisma.moduleProgress.findFirst({ where: { moduleSlug: SLUG } })).toMatchObject({ status: 'completed', completedAt: expect.any(Date) })
  })
})

describe('content version', () => {
  it('is for staff who preview content: a learner gets 403', async () => {
    const versionRoute = await import('@/app/api/content/version/route')
    const res = await call(versionRoute.GET, { session: token })
    expect(res.status).toBe(403)
    expect(res.json.error.code).toBe('forbidden')
  })
})
