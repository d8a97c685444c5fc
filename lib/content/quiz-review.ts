// A learner's knowledge-check answers for staff: every module's quizzes with what the learner picked, right or wrong.
import type { PrismaClient } from '@/prisma/generated/client'
import { listModules, moduleQuizzes } from './course'

export interface ReviewedChoice {
  text: string
  correct: boolean
  picked: boolean
}

export interface ReviewedQuiz {
  quizId: string
  question: string
  multiple: boolean
  /** null when the learner has not answered this quiz. */
  answer: { correct: boolean; answeredAt: string } | null
  choices: ReviewedChoice[]
}

export interface ModuleQuizReview {
  slug: string
  title: string
  order: number
  answered: number
  correct: number
  quizzes: ReviewedQuiz[]
}

/** Each module's quizzes in file order, with the learner's latest answers (the data graders review). */
export async function quizReview(prisma: PrismaClient, userId: string): Promise<ModuleQuizReview[]> {
  const [modules, rows] = await Promise.all([listModules(), prisma.quizAnswer.findMany({ where: { userId } })])
  const byKey = new Map(rows.map((r) => [`${r.moduleSlug}/${r.quizId}`, r]))
  return Promise.all(
    modules.map(async (m) => {
      const quizzes = [...(await moduleQuizzes(m.slug))].map(([quizId, quiz]): ReviewedQuiz => {
        const row = byKey.get(`${m.slug}/${quizId}`)
        const picked = new Set((row?.choices as number[] | undefined) ?? [])
        return {
          quizId,
          question: quiz.question,
          multiple: quiz.multiple,
          answer: row ? { correct: row.correct, answeredAt: row.answeredAt.toISOString() } : null,
          choices: quiz.choices.map((c, i) => ({ text: c.text, correct: c.correct, picked: picked.has(i) })),
        }
      })
      const answered = quizzes.filter((q) => q.answer)
      return { slug: m.slug, title: m.title, order: m.order, answered: answered.length, correct: answered.filter((q) => q.answer!.correct).length, quizzes }
    }),
  )
}
