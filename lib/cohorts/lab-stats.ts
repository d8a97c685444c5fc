// Per-lab statistics for a cohort: completion rate, median time to complete, the checks that fail most, the hints used most.
import type { PrismaClient } from '@/prisma/generated/client'
import { ApiError } from '@/lib/api/api-error'
import type { SessionUser } from '@/lib/auth/sessions'
import { cohortForStaff } from './cohorts'
import { courseColumns } from './course-columns'

/** How many of the most failing checks and most used hints to show. */
export const TOP_N = 10

export interface LabStats {
  cohort: { id: string; name: string }
  lab: { slug: string; title: string; moduleSlug: string }
  learners: number
  /** Learners with at least one attempt. */
  attempted: number
  /** Learners with a full-score graded attempt (the override counts when set). */
  completed: number
  completionRate: number
  /** Median over completing learners of their first start on the lab -> their first full-score submission. */
  medianMsToComplete: number | null
  failingChecks: { taskId: string; checkId: string; failures: number; attempts: number }[]
  hints: { taskId: string; hintIndex: number; uses: number }[]
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

type Row = { userId: string; ms: number }

/**
 * Each completing learner's time from their first start on the lab (any attempt: retries count toward the time it
 * took them) to their first full-score submission.
 */
async function completions(db: PrismaClient, cohortId: string, labSlug: string): Promise<Row[]> {
  return db.$queryRaw<Row[]>`
    WITH mine AS (
      SELECT a.* FROM "Attempt" a
      JOIN "Membership" m ON m."userId" = a."userId" AND m."cohortId" = ${cohortId}::uuid AND m."role" = 'learner'
      WHERE a."labSlug" = ${labSlug}
    ), done AS (
      SELECT "userId", MIN("submittedAt") AS "at" FROM mine
      WHERE "status" = 'graded' AND "submittedAt" IS NOT NULL AND "maxScore" IS NOT NULL AND COALESCE("overrideScore", "score") >= "maxScore"
      GROUP BY "userId"
    )
    SELECT d."userId"::text AS "userId",
      (EXTRACT(EPOCH FROM (d."at" - (SELECT MIN(s."startedAt") FROM mine s WHERE s."userId" = d."userId"))) * 1000)::float8 AS "ms"
    FROM done d`
}

type CheckRow = { taskId: string; checkId: string; failures: number; attempts: number }
type HintRow = { taskId: string; hintIndex: number; uses: number }

async function failingChecks(db: PrismaClient, cohortId: string, labSlug: string): Promise<CheckRow[]> {
  return db.$queryRaw<CheckRow[]>`
    SELECT c."taskId", c."checkId", COUNT(*)::int AS "failures", COUNT(DISTINCT c."attemptId")::int AS "attempts"
    FROM "CheckResult" c JOIN "Attempt" a ON a."id" = c."attemptId"
      JOIN "Membership" m ON m."userId" = a."userId" AND m."cohortId" = ${cohortId}::uuid AND m."role" = 'learner'
    WHERE a."labSlug" = ${labSlug} AND NOT c."passed"
    GROUP BY c."taskId", c."checkId" ORDER BY "failures" DESC, c."taskId", c."checkId" LIMIT ${TOP_N}`
}

async function hintsUsed(db: PrismaClient, cohortId: string, labSlug: string): Promise<HintRow[]> {
  return db.$queryRaw<HintRow[]>`
    SELECT h."taskId", h."hintIndex", COUNT(*)::int AS "uses"
    FROM "HintUse" h JOIN "Attempt" a ON a."id" = h."attemptId"
      JOIN "Membership" m ON m."userId" = a."userId" AND m."cohortId" = ${cohortId}::uuid AND m."role" = 'learner'
    WHERE a."labSlug" = ${labSlug}
    GROUP BY h."taskId", h."hintIndex" ORDER BY "uses" DESC, h."taskId", h."hintIndex" LIMIT ${TOP_N}`
}

async function attemptedCount(db: PrismaClient, cohortId: string, labSlug: string): Promise<number> {
  const rows = await db.attempt.groupBy({ by: ['userId'], where: { labSlug, user: { memberships: { some: { cohortId, role: 'learner' } } } } })
  return rows.length
}

export async function labStats(db: PrismaClient, user: SessionUser, cohortId: string, labSlug: string): Promise<LabStats> {
  const cohort = await cohortForStaff(db, user, cohortId)
  const lab = (await courseColumns()).find((c) => c.kind === 'lab' && c.slug === labSlug)
  if (!lab) throw new ApiError('not_found', 'No such lab.')
  const [done, attempted, checks, hints] = await Promise.all([
    completions(db, cohortId, labSlug), attemptedCount(db, cohortId, labSlug), failingChecks(db, cohortId, labSlug), hintsUsed(db, cohortId, labSlug),
  ])
  const learners = cohort.memberships.filter((m) => m.role === 'learner').length
  return {
    cohort: { id: cohort.id, name: cohort.name },
    lab: { slug: lab.slug, title: lab.title, moduleSlug: lab.moduleSlug },
    learners, attempted, completed: done.length,
    completionRate: learners === 0 ? 0 : done.length / learners,
    medianMsToComplete: median(done.map((d) => Number(d.ms))),
    failingChecks: checks, hints,
  }
}
