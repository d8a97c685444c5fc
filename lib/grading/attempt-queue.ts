// The grading queue: attempts to review, submitted first then graded, oldest submission first, one page at a time.
import { z } from 'zod'
import type { Prisma, PrismaClient } from '@/prisma/generated/client'
import type { SessionUser } from '@/lib/auth/sessions'
import { attemptsOfCohort, cohortForGrader, reviewableAttempts } from './attempt-access'
import { effectiveScore } from './effective-score'
import { labTitle } from './lab-titles'

/** Attempts per page of the queue. */
export const QUEUE_PAGE_SIZE = 25
export const ATTEMPT_STATES = ['submitted', 'graded', 'in_progress'] as const

export const queueQuerySchema = z.object({
  cohort: z.uuid().optional(),
  lab: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(60).optional(),
  state: z.enum(ATTEMPT_STATES).optional(),
  cursor: z.uuid().optional(),
})
export type QueueQuery = z.infer<typeof queueQuerySchema>

export interface QueueItem {
  id: string
  learner: { id: string; name: string; email: string }
  lab: { slug: string; title: string }
  status: (typeof ATTEMPT_STATES)[number]
  score: number | null
  maxScore: number | null
  overridden: boolean
  submittedAt: string | null
}

export interface QueuePage {
  items: QueueItem[]
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null
}

/** Empty strings from a GET form mean "any". */
export function parseQueueQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): QueueQuery {
  const get = (k: string) => (params instanceof URLSearchParams ? params.get(k) : [params[k]].flat()[0]) || undefined
  return queueQuerySchema.parse({ cohort: get('cohort'), lab: get('lab'), state: get('state'), cursor: get('cursor') })
}

export async function attemptQueue(prisma: PrismaClient, staff: SessionUser, q: QueueQuery): Promise<QueuePage> {
  if (q.cohort) await cohortForGrader(prisma, staff, q.cohort)
  const where: Prisma.AttemptWhereInput = {
    AND: [reviewableAttempts(staff), q.cohort ? attemptsOfCohort(q.cohort) : {}],
    status: q.state ?? { in: ['submitted', 'graded'] },
    ...(q.lab ? { labSlug: q.lab } : {}),
  }
  const rows = await prisma.attempt.findMany({
    where,
    // PostgreSQL sorts an enum in declaration order: in_progress, submitted, graded.
    orderBy: [{ status: 'asc' }, { submittedAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
    take: QUEUE_PAGE_SIZE + 1,
    select: {
      id: true, labSlug: true, status: true, score: true, maxScore: true, overrideScore: true, submittedAt: true,
      user: { select: { id: true, name: true, email: true } },
    },
  })
  const page = rows.slice(0, QUEUE_PAGE_SIZE)
  return {
    items: page.map((r) => ({
      id: r.id, learner: r.user, lab: { slug: r.labSlug, title: labTitle(r.labSlug) }, status: r.status,
      score: effectiveScore(r), maxScore: r.maxScore, overridden: r.overrideScore !== null, submittedAt: r.submittedAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > QUEUE_PAGE_SIZE ? page.at(-1)!.id : null,
  }
}

/** The lab slugs that have attempts a grader may see, for the queue's lab filter. */
export async function queueLabs(prisma: PrismaClient, staff: SessionUser): Promise<{ slug: string; title: string }[]> {
  const rows = await prisma.attempt.findMany({ where: reviewableAttempts(staff), distinct: ['labSlug'], select: { labSlug: true }, orderBy: { labSlug: 'asc' } })
  return rows.map((r) => ({ slug: r.labSlug, title: labTitle(r.labSlug) }))
}
