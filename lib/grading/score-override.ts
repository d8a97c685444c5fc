// A grader's manual score: the override fields and an audit event (who, when, before, after, comment), in one transaction.
import type { PrismaClient } from '@/prisma/generated/client'
import { ApiError } from '@/lib/api/api-error'
import type { SessionUser } from '@/lib/auth/sessions'
import { OVERRIDE_ACTION, type ScoreState } from './override-history'
import type { OverrideInput } from './override-schema'

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
