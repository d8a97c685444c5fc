// Assignments: modules and labs a cohort's staff set for its learners, with optional due dates.
import type { PrismaClient } from '@/prisma/generated/client'
import { ApiError } from '@/lib/api/api-error'
import type { SessionUser } from '@/lib/auth/sessions'
import type { CreateAssignmentInput, UpdateAssignmentInput } from './assignment-schemas'
import { cohortForStaff } from './cohorts'
import { courseColumns, type CourseColumn } from './course-columns'

export interface AssignmentView {
  id: string
  moduleSlug: string
  labSlug: string | null
  title: string
  href: string
  dueAt: Date | null
}

type AssignmentRow = { id: string; moduleSlug: string; labSlug: string | null; dueAt: Date | null }

function toView(row: AssignmentRow, columns: CourseColumn[]): AssignmentView {
  const col = columns.find((c) => (row.labSlug ? c.kind === 'lab' && c.slug === row.labSlug : c.kind === 'module' && c.slug === row.moduleSlug))
  const href = row.labSlug ? `/labs/${row.labSlug}` : `/modules/${row.moduleSlug}`
  return { id: row.id, moduleSlug: row.moduleSlug, labSlug: row.labSlug, title: col?.title ?? row.labSlug ?? row.moduleSlug, href, dueAt: row.dueAt }
}

/** Soonest due first, undated last; then in course order. */
function sortViews(views: AssignmentView[], columns: CourseColumn[]): AssignmentView[] {
  const order = (v: AssignmentView) => columns.findIndex((c) => c.slug === (v.labSlug ?? v.moduleSlug))
  return views.sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || order(a) - order(b))
}

/** Only modules and labs that exist, and a lab only under its own module. */
async function requireKnownTarget(input: CreateAssignmentInput): Promise<void> {
  const columns = await courseColumns()
  if (!columns.some((c) => c.kind === 'module' && c.slug === input.moduleSlug)) {
    throw new ApiError('validation_failed', `There is no module "${input.moduleSlug}".`)
  }
  if (input.labSlug && !columns.some((c) => c.kind === 'lab' && c.slug === input.labSlug && c.moduleSlug === input.moduleSlug)) {
    throw new ApiError('validation_failed', `Module "${input.moduleSlug}" has no lab "${input.labSlug}".`)
  }
}

export async function listAssignments(db: PrismaClient, user: SessionUser, cohortId: string): Promise<AssignmentView[]> {
  await cohortForStaff(db, user, cohortId)
  const [rows, columns] = await Promise.all([db.assignment.findMany({ where: { cohortId } }), courseColumns()])
  return sortViews(rows.map((r) => toView(r, columns)), columns)
}

export async function createAssignment(db: PrismaClient, user: SessionUser, cohortId: string, input: CreateAssignmentInput): Promise<AssignmentView> {
  await cohortForStaff(db, user, cohortId)
  await requireKnownTarget(input)
  const existing = await db.assignment.findFirst({ where: { cohortId, moduleSlug: input.moduleSlug, labSlug: input.labSlug } })
  if (existing) throw new ApiError('conflict', 'This cohort already has that assignment; change its due date instead.')
  const row = await db.assignment.create({ data: { cohortId, moduleSlug: input.moduleSlug, labSlug: input.labSlug, dueAt: input.dueAt } })
  await audit(db, user, 'cohort.assignment_created', cohortId, { moduleSlug: row.moduleSlug, labSlug: row.labSlug, dueAt: row.dueAt })
  return toView(row, await courseColumns())
}

async function assignmentOf(db: PrismaClient, user: SessionUser, cohortId: string, assignmentId: string) {
  await cohortForStaff(db, user, cohortId)
  const row = await db.assignment.findFirst({ where: { id: assignmentId, cohortId } })
  if (!row) throw new ApiError('not_found', 'No such assignment in this cohort.')
  return row
}

export async function updateAssignment(db: PrismaClient, user: SessionUser, cohortId: string, assignmentId: string, input: UpdateAssignmentInput) {
  await assignmentOf(db, user, cohortId, assignmentId)
  const row = await db.assignment.update({ where: { id: assignmentId }, data: { dueAt: input.dueAt } })
  await audit(db, user, 'cohort.assignment_updated', cohortId, { id: row.id, dueAt: row.dueAt })
  return toView(row, await courseColumns())
}

export async function deleteAssignment(db: PrismaClient, user: SessionUser, cohortId: string, assignmentId: string): Promise<void> {
  const row = await assignmentOf(db, user, cohortId, assignmentId)
  await db.assignment.delete({ where: { id: row.id } })
  await audit(db, user, 'cohort.assignment_removed', cohortId, { moduleSlug: row.moduleSlug, labSlug: row.labSlug })
}

/** What a learner has been assigned across their cohorts, for the dashboard. */
export async function assignmentsForLearner(db: PrismaClient, userId: string): Promise<(AssignmentView & { cohortName: string })[]> {
  const rows = await db.assignment.findMany({
    where: { cohort: { archivedAt: null, memberships: { some: { userId, role: 'learner' } } } },
    include: { cohort: { select: { name: true } } },
    take: 200,
  })
  const columns = await courseColumns()
  const views = sortViews(rows.map((r) => ({ ...toView(r, columns), cohortName: r.cohort.name })), columns)
  return views as (AssignmentView & { cohortName: string })[]
}

async function audit(db: PrismaClient, user: SessionUser, action: string, cohortId: string, after: object) {
  await db.auditEvent.create({ data: { actorId: user.id, action, targetType: 'cohort', targetId: cohortId, after: JSON.parse(JSON.stringify(after)) } })
}
