// A grader's manual score: the override fields and an audit event (who, when, before, after, comment), in one transaction.
import { z } from 'zod'
import type { PrismaClient } from '@/prisma/generated/client'
import { ApiError } from '@/lib/api/api-error'
import type { SessionUser } from '@/lib/auth/sessions'
import { OVERRIDE_ACTION, type ScoreState } from './override-history'

/** A comment has to say why; a word or two is not a reason. */
export const OVERRIDE_COMMENT_MIN = 10
export const OVERRIDE_COMMENT_MAX = 2000
/** Scores are whole points; no lab is worth more than this (12 tasks x 100 points). */
export const OVERRIDE_SCORE_MAX = 1200

/** Shared by the form and the route; the upper bound that matters (the attempt's maxScore) is checked against the row. */
export const overrideSchema = z.strictObject({
  score: z.number().int('The score is a whole number.').min(0, 'The score cannot be negative.').max(OVERRIDE_SCORE_MAX),
  comment: z.string().trim()
    .min(OVERRIDE_COMMENT_MIN, `Say why in at least ${OVERRIDE_COMMENT_MIN} characters.`)
    .max(OVERRIDE_COMMENT_MAX, `Keep the comment under ${OVERRIDE_COMMENT_MAX} characters.`),
})
export type OverrideInput = z.infer<typeof overrideSchema>

export interface OverrideResult {
  score: number
  maxScore: number
  overriddenAt: string
}

/** The attempt must have been graded (it has a maxScore); 0 <= score <= maxScore. */
export async function overrideScore(prisma: PrismaClient, actor: SessionUser, attemptId: string, input: OverrideInput): Promise<OverrideResult> {
  return prisma.$transaction(async (tx) => {
    const a = await tx.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { score: true, maxScore: true, overrideScore: true, overrideComment: true, status: true } })
    if (a.status === 'in_progress' || a.maxScore === null) throw new ApiError('conflict', 'This attempt has not been submitted and graded yet.')
    if (input.score > a.maxScore) throw new ApiError('validation_failed', `The score must be between 0 and ${a.maxScore}.`)
    const at = new Date()
    const before: ScoreState = { score: a.score, overrideScore: a.overrideScore, overrideComment: a.overrideComment }
    const after: ScoreState = { score: a.score, overrideScore: input.score, overrideComment: input.comment }
    await tx.attempt.update({ where: { id: attemptId }, data: { overrideScore: input.score, overrideComment: input.comment, overrideById: actor.id, overriddenAt: at } })
    await tx.auditEvent.create({
      data: { actorId: actor.id, action: OVERRIDE_ACTION, targetType: 'attempt', targetId: attemptId, before: { ...before }, after: { ...after }, comment: input.comment, createdAt: at },
    })
    return { score: input.score, maxScore: a.maxScore, overriddenAt: at.toISOString() }
  })
}
