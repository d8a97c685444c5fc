// Staff review of a learner's quiz answers: graders of the learner's cohort see every module's answers; others get 403/404.
import { afterAll, beforeAll, expect, it } from 'vitest'
import * as quizRoute from '@/app/api/modules/[slug]/quizzes/[quizId]/route'
import * as reviewRoute from '@/app/api/learners/[userId]/quiz-answers/route'
import * as signUp from '@/app/api/auth/sign-up/route'
import { moduleQuizzes } from '@/lib/content/course'
import { setDatabase } from '@/lib/db/global'
import type { Database } from '@/lib/db/types'
import { call, sessionFrom } from './api-client'
import { dbBackends, describeBackends, type FreshDatabase } from './db-backends'

const backends = await dbBackends()
const SLUG = '03-traffic-management'

describeBackends('learner quiz review', backends, (backend) => {
  let fresh: FreshDatabase
  let db: Database
  const tokens: Record<string, string> = {}
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    fresh = await backend.fresh()
    db = await fresh.open()
    setDatabase(db)
    for (const name of ['lena', 'gus', 'hal', 'omar']) {
      const res = await call(signUp.POST, { body: { email: `${name}@example.test`, name, password: 'a long enough password' }, ip: `198.51.100.${name.length}` })
      tokens[name] = sessionFrom(res.headers)
      ids[name] = (await db.prisma.user.findUniqueOrThrow({ where: { email: `${name}@example.test` } })).id
    }
    await db.prisma.user.updateMany({ where: { id: { in: [ids.gus!, ids.hal!] } }, data: { role: 'grader' } })
    await db.prisma.cohort.create({ data: { name: 'Spring', inviteCode: 'spring', memberships: { create: [{ userId: ids.lena!, role: 'learner' }, { userId: ids.gus!, role: 'grader' }] } } })
    await db.prisma.cohort.create({ data: { name: 'Autumn', inviteCode: 'autumn', memberships: { create: [{ userId: ids.hal!, role: 'grader' }] } } })
  }, 60_000)
  afterAll(async () => fresh?.dispose())

  it("shows the cohort's grader what the learner picked in each quiz, with the right answers", async () => {
    const [quizId, quiz] = [...(await moduleQuizzes(SLUG))][0]!
    const wrong = quiz.choices.findIndex((c) => !c.correct)
    const answered = await call(quizRoute.POST, { session: tokens.lena, params: { slug: SLUG, quizId }, body: { choices: [wrong] } })
    expect(answered.status).toBe(200)

    const res = await call(reviewRoute.GET, { session: tokens.gus, params: { userId: ids.lena } })
    expect(res.status).toBe(200)
    expect(res.json.learner).toMatchObject({ id: ids.lena, name: 'lena' })
    expect(res.json.modules).toHaveLength(7)
    const mod = res.json.modules.find((m: { slug: string }) => m.slug === SLUG)
    expect(mod).toMatchObject({ answered: 1, correct: 0 })
    const reviewed = mod.quizzes.find((q: { quizId: string }) => q.quizId === quizId)
    expect(reviewed.question).toBe(quiz.question)
    expect(reviewed.answer).toMatchObject({ correct: false })
    expect(reviewed.choices.map((c: { picked: boolean }) => c.picked)).toEqual(quiz.choices.map((_, i) => i === wrong))
    expect(reviewed.choices.map((c: { correct: boolean }) => c.correct)).toEqual(quiz.choices.map((c) => c.correct))
    const unanswered = mod.quizzes.filter((q: { answer: unknown }) => q.answer === null)
    expect(unanswered).toHaveLength(mod.quizzes.length - 1)
  })

  it.each([
    ['a grader of another cohort', 'hal', () => ids.lena, 403],
    ['a learner', 'omar', () => ids.lena, 403],
    ['the learner themselves (not staff)', 'lena', () => ids.lena, 403],
    ['an unknown user id', 'gus', () => '00000000-0000-4000-8000-000000000000', 404],
    ['a malformed id', 'gus', () => 'nope', 404],
    ['no session', null, () => ids.lena, 401],
  ])('refuses %s with a JSON error', async (_name, who, userId, status) => {
    const res = await call(reviewRoute.GET, { session: who ? tokens[who]! : null, params: { userId: userId() } })
    expect(res.status).toBe(status)
    expect(res.json.error.message).toEqual(expect.any(String))
  })
})
