// The learners a staff member may review: those in cohorts where they teach or grade (admins: every learner).
import type { PrismaClient } from '@/prisma/generated/client'
import { ApiError } from '@/lib/api/api-error'
import { requireId } from '@/lib/api/ids'
import type { SessionUser } from '@/lib/auth/sessions'
import { mayWatchUser } from '@/lib/lab-sessions/access'

/** Most learners one list shows; a cohort of 500 fits. */
export const LEARNER_LIST_MAX = 1000

export interface StaffLearner {
  id: string
  name: string
  email: string
  cohorts: string[]
}

const STAFF_ROLES = ['instructor', 'grader'] as const

export async function learnersForStaff(prisma: PrismaClient, staff: SessionUser): Promise<StaffLearner[]> {
  const inMyCohorts = { some: { role: 'learner' as const, cohort: { memberships: { some: { userId: staff.id, role: { in: [...STAFF_ROLES] } } } } } }
  const users = await prisma.user.findMany({
    where: staff.role === 'admin' ? { role: 'learner' } : { memberships: inMyCohorts },
    orderBy: { name: 'asc' },
    take: LEARNER_LIST_MAX,
    select: { id: true, name: true, email: true, memberships: { where: { role: 'learner' }, select: { cohort: { select: { name: true } } } } },
  })
  return users.map((u) => ({ id: u.id, name: u.name, email: u.email, cohorts: u.memberships.map((m) => m.cohort.name).sort() }))
}

/** The learner behind `rawId` if `staff` may review them: 404 for no such user, 403 outside the staff member's cohorts. */
export async function learnerForStaff(prisma: PrismaClient, staff: SessionUser, rawId: string | undefined): Promise<{ id: string; name: string; email: string }> {
  const id = requireId(rawId, 'learner')
  const user = await prisma.user.findUnique({ where: { id }, select: { id: true, name: true, email: true } })
  if (!user) throw new ApiError('not_found', 'No such learner.')
  if (!(await mayWatchUser(prisma, { userId: staff.id, role: staff.role }, id))) throw new ApiError('forbidden', 'This learner is not in a cohort you teach or grade.')
  return user
}
