// Graded attempts on the app's database (Prisma): progress, hint uses, final check results.
import type { PrismaClient } from '@/prisma/generated/client'
import type { AttemptRepository, StoredAttempt } from '@/lab-engine/sessions/attempt-repository'
import type { TaskProgress } from '@/lab-engine/sessions/live-progress'

type Row = {
  id: string; userId: string; labSlug: string; labSessionId: string | null; status: StoredAttempt['status']
  score: number | null; maxScore: number | null; labVersion: string | null; progress: unknown; startedAt: Date; submittedAt: Date | null
}

function toStored(r: Row): StoredAttempt {
  return {
    id: r.id, userId: r.userId, labSlug: r.labSlug, labSessionId: r.labSessionId, status: r.status, score: r.score, maxScore: r.maxScore,
    labVersion: r.labVersion, progress: (r.progress as Record<string, TaskProgress> | null) ?? null,
    startedAt: r.startedAt.getTime(), submittedAt: r.submittedAt?.getTime() ?? null,
  }
}

export function prismaAttemptRepository(prisma: PrismaClient): AttemptRepository {
  return {
    async createAttempt({ userId, labSlug, labSessionId, labVersion, atMs }) {
      return toStored(await prisma.attempt.create({ data: { userId, labSlug, labSessionId, labVersion, startedAt: new Date(atMs) } }))
    },
    async attemptForSession(labSessionId) {
      const row = await prisma.attempt.findFirst({ where: { labSessionId }, orderBy: { startedAt: 'desc' } })
      return row ? toStored(row) : null
    },
    async saveProgress(attemptId, progress) {
      await prisma.attempt.update({ where: { id: attemptId }, data: { progress: progress as object } })
    },
    async recordHint(attemptId, taskId, hintIndex, atMs) {
      await prisma.hintUse.upsert({ where: { attemptId_taskId_hintIndex: { attemptId, taskId, hintIndex } }, create: { attemptId, taskId, hintIndex, usedAt: new Date(atMs) }, update: {} })
    },
    async hintsUsed(attemptId) {
      return prisma.hintUse.findMany({ where: { attemptId }, orderBy: [{ taskId: 'asc' }, { hintIndex: 'asc' }], select: { taskId: true, hintIndex: true } })
    },
    async submit(attemptId, { results, score, maxScore, atMs }) {
      const at = new Date(atMs)
      const attempt = await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { labSessionId: true } })
      await prisma.$transaction([
        prisma.checkResult.createMany({ data: results.map((r) => ({ attemptId, taskId: r.taskId, checkId: r.checkId, passed: r.passed, message: r.message, details: (r.details ?? undefined) as object | undefined, createdAt: at })) }),
        prisma.attempt.update({ where: { id: attemptId }, data: { status: 'graded', score, maxScore, submittedAt: at, gradedAt: at } }),
        ...(attempt.labSessionId ? [prisma.recording.updateMany({ where: { labSessionId: attempt.labSessionId }, data: { attemptId } })] : []),
      ])
    },
  }
}
