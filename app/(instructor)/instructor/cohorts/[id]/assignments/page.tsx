// A cohort's assignments: modules and labs with optional due dates, which its learners see on their dashboard.
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/app/_components/page-header'
import { isUuid } from '@/lib/api/ids'
import { requireUser } from '@/lib/auth/page-session'
import { rolesWith } from '@/lib/auth/roles'
import { listAssignments } from '@/lib/cohorts/assignments'
import { cohortForStaff } from '@/lib/cohorts/cohorts'
import { courseColumns } from '@/lib/cohorts/course-columns'
import { getPrisma } from '@/lib/db/global'
import { pageData } from '@/lib/http/page-api-errors'
import { AssignmentsClient } from './assignments-client'

export const metadata = { title: 'Assignments' }

export default async function AssignmentsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const user = await requireUser(rolesWith('cohorts:manage'), `/instructor/cohorts/${id}/assignments`)
  if (!isUuid(id)) notFound()
  const cohort = await pageData(cohortForStaff(getPrisma(), user, id))
  const [assignments, columns] = await Promise.all([listAssignments(getPrisma(), user, id), courseColumns()])
  return (
    <>
      <PageHeader title={`${cohort.name}: assignments`} description="Learners see these, with their due dates, on their dashboard." />
      <p className="mb-4 text-sm"><Link className="underline" href={`/instructor/cohorts/${id}`}>← {cohort.name}</Link></p>
      <AssignmentsClient
        cohortId={id}
        columns={columns}
        assignments={assignments.map((a) => ({ ...a, dueAt: a.dueAt?.toISOString() ?? null }))}
      />
    </>
  )
}
