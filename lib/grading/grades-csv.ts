// A cohort's grades as CSV: one row per learner and lab, the latest graded attempt (or the latest attempt when none is graded yet).
import type { PrismaClient } from '@/prisma/generated/client'
import { attemptsOfCohort } from './attempt-access'
import { csvLine } from './csv'
import { effectiveScore } from './effective-score'

export const GRADES_CSV_COLUMNS = ['learner', 'email', 'lab', 'status', 'score', 'maxScore', 'override', 'comment', 'submittedAt'] as const
/** Attempts read for one export: 500 learners x 17 labs with a dozen tries each. */
export const GRADES_CSV_MAX_ATTEMPTS = 100_000

type Row = {
  userId: string; labSlug: string; status: 'in_progress' | 'submitted' | 'graded'; score: number | null; maxScore: number | null
  overrideScore: number | null; overrideComment: string | null; submittedAt: Date | null; user: { name: string; email: string }
}

export async function gradesCsv(prisma: PrismaClient, cohortId: string): Promise<string> {
  const rows: Row[] = await prisma.attempt.findMany({
    where: attemptsOfCohort(cohortId),
    // Newest first, so the first row seen per learner and lab is the one to keep (see pick).
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: GRADES_CSV_MAX_ATTEMPTS,
    select: {
      userId: true, labSlug: true, status: true, score: true, maxScore: true, overrideScore: true, overrideComment: true, submittedAt: true,
      user: { select: { name: true, email: true } },
    },
  })
  const kept = [...pick(rows).values()].sort((a, b) => a.user.name.localeCompare(b.user.name) || a.user.email.localeCompare(b.user.email) || a.labSlug.localeCompare(b.labSlug))
  return csvLine(GRADES_CSV_COLUMNS) + kept.map(toLine).join('')
}

/** Per learner and lab: the newest graded attempt, else the newest attempt. */
function pick(rows: Row[]): Map<string, Row> {
  const best = new Map<string, Row>()
  for (const r of rows) {
    const key = `${r.userId}\u0000${r.labSlug}`
    const current = best.get(key)
    if (!current || (current.status !== 'graded' && r.status === 'graded')) best.set(key, r)
  }
  return best
}

function toLine(r: Row): string {
  return csvLine([
    r.user.name, r.user.email, r.labSlug, r.status, effectiveScore(r), r.maxScore, r.overrideScore, r.overrideComment, r.submittedAt?.toISOString() ?? null,
  ])
}
