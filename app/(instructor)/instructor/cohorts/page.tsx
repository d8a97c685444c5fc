// Instructor's cohorts: create one, copy its invitation link, open it.
import { PageHeader } from '@/app/_components/page-header'
import { requireUser } from '@/lib/auth/page-session'
import { rolesWith } from '@/lib/auth/roles'
import { listCohortsFor } from '@/lib/cohorts/cohorts'
import { getPrisma } from '@/lib/db/global'
import { CohortsClient } from './cohorts-client'

export const metadata = { title: 'Cohorts' }

export default async function CohortsPage() {
  const user = await requireUser(rolesWith('cohorts:manage'), '/instructor/cohorts')
  const cohorts = await listCohortsFor(getPrisma(), user)
  return (
    <>
      <PageHeader title="Cohorts" description="Groups of learners you teach. Share a cohort's invitation link to let people join." />
      <CohortsClient cohorts={cohorts.map((c) => ({ id: c.id, name: c.name, description: c.description, members: c._count.memberships }))} />
    </>
  )
}
