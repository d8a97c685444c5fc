// Answering a module's knowledge check: graded on the server against the module file, stored per learner (the latest answer).
import type { PrismaClient } from '@/prisma/generated/client'
import { ApiError } from '@/lib/api/api-error'
import { moduleQuizzes } from './course'
import { settleStatus } from './module-progress'

export interface QuizResult {
  quizId: string
  choices: number[]
  correct: boolean
  /** Every choice with whether it is right and why, revealed once answered. */
  explanations: { text: string; correct: boolean; explain: string }[]
}

export async function answerQuiz(prisma: PrismaClient, userId: string, moduleSlug: string, quizId: string, choices: number[]): Promise<QuizResult> {
  const quiz = (await moduleQuizzes(moduleSlug)).get(quizId)
  if (!quiz) throw new ApiError('not_found', 'No such quiz in this module.')
  const picked = [...new Set(choices)].sort((a, b) => a - b)
  if (picked.some((i) => i < 0 || i >= quiz.choices.length)) throw new ApiError('validation_failed', 'That choice is not one of the answers.')
  if (!quiz.multiple && picked.length !== 1) throw new ApiError('validation_failed', 'Pick one answer.')
  const right = quiz.choices.flatMap((c, i) => (c.correct ? [i] : []))
  const correct = right.length === picked.length && right.every((i, k) => picked[k] === i)
  await prisma.quizAnswer.upsert({
    where: { userId_moduleSlug_quizId: { userId, moduleSlug, quizId } },
    create: { userId, moduleSlug, quizId, choices: picked, correct },
    update: { choices: picked, correct, answeredAt: new Date() },
  })
  await markStarted(prisma, userId, moduleSlug)
  await settleStatus(prisma, userId, moduleSlug)
  return { quizId, choices: picked, correct, explanations: quiz.choices.map((c) => ({ text: c.text, correct: c.correct, explain: c.explain })) }
}

/** The learner's answers in a module, with explanations (they answered already, so nothing is given away). */
export async function answersFor(prisma: PrismaClient, userId: string, moduleSlug: string): Promise<QuizResult[]> {
  const quizzes = await moduleQuizzes(moduleSlug)
  const rows = await prisma.quizAnswer.findMany({ where: { userId, moduleSlug } })
  return rows.flatMap((r) => {
    const quiz = quizzes.get(r.quizId)
    if (!quiz) return []
    return [{ quizId: r.quizId, choices: r.choices as number[], correct: r.correct, explanations: quiz.choices.map((c) => ({ text: c.text, correct: c.correct, explain: c.explain })) }]
  })
}

/** Opening or answering in a module starts it. */
export async function markStarted(prisma: PrismaClient, userId: string, moduleSlug: string): Promise<void> {
  await prisma.moduleProgress.upsert({
    where: { userId_moduleSlug: { userId, moduleSlug } },
    create: { userId, moduleSlug, status: 'in_progress', startedAt: new Date() },
    update: {},
  })
}
