// The matrix's cells from the database in three set-based queries: learners, best attempt per lab, module progress.
import type { PrismaClient } from '@/prisma/generated/client'
import type { CellState } from './matrix-query'

export interface MatrixLearner {
  id: string
  name: string
  email: string
}

export interface MatrixCell {
  state: CellState
  /** Effective score: the override when a grader set one, else the graded score. */
  score: number | null
  maxScore: number | null
  overridden: boolean
}

export const EMPTY_CELL: MatrixCell = Object.freeze({ state: 'not_started', score: null, maxScore: null, overridden: false }) as MatrixCell

/** The cohort's learners matching a name/email search, by name then email. */
export async function cohortLearners(db: PrismaClient, cohortId: string, search?: string): Promise<MatrixLearner[]> {
  const match = search ? { OR: [{ name: { contains: search, mode: 'insensitive' as const } }, { email: { contains: search, mode: 'insensitive' as const } }] } : {}
  return db.user.findMany({
    where: { memberships: { some: { cohortId, role: 'learner' } }, ...match },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: 'asc' }, { email: 'asc' }],
  })
}

interface BestAttemptRow {
  userId: string
  labSlug: string
  status: 'in_progress' | 'submitted' | 'graded'
  score: number | null
  maxScore: number | null
  overrideScore: number | null
}

/**
 * Each learner's most advanced attempt per lab (graded, then submitted, then in progress), and among
 * graded ones the best effective score: one DISTINCT ON query for all the given learners.
 */
async function bestAttempts(db: PrismaClient, userIds: string[]): Promise<BestAttemptRow[]> {
  if (userIds.length === 0) return []
  return db.$queryRaw<BestAttemptRow[]>`
    SELECT DISTINCT ON ("userId", "labSlug") "userId"::text AS "userId", "labSlug", "status"::text AS "status", "score", "maxScore", "overrideScore"
    FROM "Attempt"
    WHERE "userId" = ANY(${userIds}::uuid[])
    ORDER BY "userId", "labSlug",
      CASE "status" WHEN 'graded' THEN 0 WHEN 'submitted' THEN 1 ELSE 2 END,
      COALESCE("overrideScore", "score") DESC NULLS LAST,
      "submittedAt" DESC NULLS LAST, "startedAt" DESC`
}

function attemptCell(row: BestAttemptRow): MatrixCell {
  const overridden = row.status === 'graded' && row.overrideScore !== null
  const score = row.status === 'graded' ? (row.overrideScore ?? row.score) : null
  return { state: row.status, score, maxScore: row.status === 'graded' ? row.maxScore : null, overridden }
}

export function cellKey(userId: string, kind: 'module' | 'lab', slug: string): string {
  return `${userId}:${kind}:${slug}`
}

const MODULE_STATE: Record<string, CellState> = { not_started: 'not_started', in_progress: 'in_progress', completed: 'completed' }

/** Cells keyed by cellKey() for modules and labs; absent keys are not started. */
export async function loadCells(db: PrismaClient, userIds: string[]): Promise<Map<string, MatrixCell>> {
  const [attempts, modules] = await Promise.all([
    bestAttempts(db, userIds),
    userIds.length === 0 ? [] : db.moduleProgress.findMany({ where: { userId: { in: userIds } }, select: { userId: true, moduleSlug: true, status: true } }),
  ])
  const cells = new Map<string, MatrixCell>()
  for (const m of modules) cells.set(cellKey(m.userId, 'module', m.moduleSlug), { ...EMPTY_CELL, state: MODULE_STATE[m.status] ?? 'not_started' })
  for (const a of attempts) cells.set(cellKey(a.userId, 'lab', a.labSlug), attemptCell(a))
  return cells
}
