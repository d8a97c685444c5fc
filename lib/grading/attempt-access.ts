// Which attempts a grader may review: those of learners in cohorts where they are staff (instructor or grader); admins all.
//
// Attempts do not carry their cohort yet (Attempt.cohortId stays null when a
// learner starts a lab), so the cohort is the learner's: an attempt belongs to
// every cohort its learner is a learner of, unless it names another cohort.
import type { Prisma, PrismaClient } from '@/prisma/generated/client'
import { ApiError } from '@/lib/api/api-error'
import { requireId } from '@/lib/api/ids'
import type { SessionUser } from '@/lib/auth/sessions'

const STAFF_ROLES = ['instructor', 'grader'] as const

/** Attempts of learners in any cohort `staff` is on the staff of (admins: no restriction). */
export function reviewableAttempts(staff: SessionUser): Prisma.AttemptWhereInput {
  if (staff.role === 'admin') return {}
  return { user: { memberships: { some: { role: 'learner', cohort: { memberships: { some: { userId: staff.id, role: { in: [...STAFF_ROLES] } } } } } } } }
}

/** Attempts that count as `cohortId`'s: its learners' attempts that name no other cohort. */
export function attemptsOfCohort(cohortId: string): Prisma.AttemptWhereInput {
  return {
    user: { memberships: { some: { cohortId, role: 'learner' } } },
    OR: [{ cohortId: null }, { cohortId }],
  }
}

/** The cohort behind `rawId` when `staff` is on its staff (or an admin): 404 unknown, 403 foreign. */
export async function cohortForGrader(prisma: PrismaClient, staff: SessionUser, rawId: string | undefined): Promise<{ id: string; name: string }> {
  const id = requireId(rawId, 'cohort')
  const cohort = await prisma.cohort.findUnique({
    where: { id },
    select: { id: true, name: true, memberships: { where: { userId: staff.id, role: { in: [...STAFF_ROLES] } }, select: { id: true } } },
  })
  if (!cohort) throw new ApiError('not_found', 'No such cohort.')
  if (staff.role !== 'admin' && cohort.memberships.length === 0) throw new ApiError('forbidden', 'You are not on the staff of this cohort.')
  return { id: cohort.id, name: cohort.name }
}

/** The attempt's id when `staff` may review it: 404 for an unknown id, 403 outside their cohorts. */
export async function attemptIdForGrader(prisma: PrismaClient, staff: SessionUser, rawId: string | undefined): Promise<string> {
  const id = requireId(rawId, 'attempt')
  const found = await prisma.attempt.findUnique({ where: { id }, select: { id: true } })
  if (!found) throw new ApiError('not_found', 'No such attempt.')
  const allowed = await prisma.attempt.count({ where: { AND: [{ id }, reviewableAttempts(staff)] } })
  if (allowed === 0) throw new ApiError('forbidden', "This attempt's learner is not in a cohort you grade.")
  return id
}

/** The cohorts a grader may filter by: theirs (admins: every cohort not archived). */
export async function gradableCohorts(prisma: PrismaClient, staff: SessionUser): Promise<{ id: string; name: string }[]> {
  const where: Prisma.CohortWhereInput = staff.role === 'admin'
    ? { archivedAt: null }
    : { memberships: { some: { userId: staff.id, role: { in: [...STAFF_ROLES] } } } }
  return prisma.cohort.findMany({ where, orderBy: { name: 'asc' }, select: { id: true, name: true }, take: 500 })
}
