// Cohorts: creation with an invitation code, joining by code, and who may see
// what (staff see only cohorts they belong to; admins see all).
import { randomBytes } from 'node:crypto'
import type { PrismaClient } from '@/prisma/generated/client'
import { ApiError } from '@/lib/api/api-error'
import type { SessionUser } from '@/lib/auth/sessions'
import type { CreateCohortInput } from './schemas'

export type CohortRole = 'learner' | 'instructor' | 'grader'

export function newInviteCode(): string {
  return randomBytes(18).toString('base64url')
}

export function inviteUrl(origin: string, code: string): string {
  return `${origin.replace(/\/$/, '')}/join/${code}`
}

/** A member's role in a cohort follows their account role; admins join as instructors. */
export function cohortRoleFor(user: SessionUser): CohortRole {
  return user.role === 'learner' ? 'learner' : user.role === 'grader' ? 'grader' : 'instructor'
}

export async function createCohort(db: PrismaClient, creator: SessionUser, input: CreateCohortInput) {
  return db.$transaction(async (tx) => {
    const cohort = await tx.cohort.create({
      data: { name: input.name, description: input.description, inviteCode: newInviteCode(), createdById: creator.id },
    })
    await tx.membership.create({ data: { cohortId: cohort.id, userId: creator.id, role: 'instructor' } })
    await tx.auditEvent.create({
      data: { actorId: creator.id, action: 'cohort.created', targetType: 'cohort', targetId: cohort.id, after: { name: cohort.name } },
    })
    return cohort
  })
}

export async function listCohortsFor(db: PrismaClient, user: SessionUser) {
  return db.cohort.findMany({
    where: user.role === 'admin' ? { archivedAt: null } : { archivedAt: null, memberships: { some: { userId: user.id } } },
    orderBy: { createdAt: 'desc' },
    include: { _count: { select: { memberships: true } }, memberships: { where: { userId: user.id }, select: { role: true } } },
    take: 500,
  })
}

/** The cohort with its members, for staff who belong to it (or admins). */
export async function cohortForStaff(db: PrismaClient, user: SessionUser, cohortId: string) {
  const cohort = await db.cohort.findUnique({
    where: { id: cohortId },
    include: { memberships: { include: { user: { select: { id: true, email: true, name: true, role: true } } }, orderBy: { joinedAt: 'asc' } } },
  })
  if (!cohort) throw new ApiError('not_found', 'No such cohort.')
  const mine = cohort.memberships.find((m) => m.userId === user.id)
  if (user.role !== 'admin' && (!mine || mine.role === 'learner')) {
    throw new ApiError('forbidden', 'You are not on the staff of this cohort.')
  }
  return cohort
}

export async function cohortByInvite(db: PrismaClient, code: string) {
  const cohort = await db.cohort.findUnique({ where: { inviteCode: code } })
  if (!cohort || cohort.archivedAt) throw new ApiError('not_found', 'This invitation link is not valid (the cohort may have been archived).')
  return cohort
}

export async function joinCohort(db: PrismaClient, user: SessionUser, code: string) {
  const cohort = await cohortByInvite(db, code)
  const membership = await db.membership.upsert({
    where: { cohortId_userId: { cohortId: cohort.id, userId: user.id } },
    update: {},
    create: { cohortId: cohort.id, userId: user.id, role: cohortRoleFor(user) },
  })
  return { cohort, membership }
}

export async function removeMember(db: PrismaClient, actor: SessionUser, cohortId: string, userId: string) {
  await cohortForStaff(db, actor, cohortId)
  const { count } = await db.membership.deleteMany({ where: { cohortId, userId } })
  if (count === 0) throw new ApiError('not_found', 'That person is not a member of this cohort.')
  await db.auditEvent.create({
    data: { actorId: actor.id, action: 'cohort.member_removed', targetType: 'cohort', targetId: cohortId, before: { userId } },
  })
}
