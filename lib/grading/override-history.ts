// The audit trail of an attempt's score overrides: who changed it, when, from what to what, and why.
import type { PrismaClient } from '@/prisma/generated/client'

export const OVERRIDE_ACTION = 'attempt.score_overridden'
/** Most audit entries one attempt page lists. */
export const OVERRIDE_HISTORY_MAX = 100

/** What an override audit event keeps as `before` and `after`. */
export interface ScoreState {
  score: number | null
  overrideScore: number | null
  overrideComment: string | null
}

export interface OverrideEntry {
  at: string
  by: string | null
  before: ScoreState | null
  after: ScoreState | null
  comment: string
}

/** Newest first. */
export async function overrideHistory(prisma: PrismaClient, attemptId: string): Promise<OverrideEntry[]> {
  const rows = await prisma.auditEvent.findMany({
    where: { targetType: 'attempt', targetId: attemptId, action: OVERRIDE_ACTION },
    orderBy: { createdAt: 'desc' },
    take: OVERRIDE_HISTORY_MAX,
    select: { createdAt: true, before: true, after: true, comment: true, actor: { select: { name: true } } },
  })
  return rows.map((r) => ({
    at: r.createdAt.toISOString(), by: r.actor?.name ?? null,
    before: r.before as ScoreState | null, after: r.after as ScoreState | null, comment: r.comment ?? '',
  }))
}
