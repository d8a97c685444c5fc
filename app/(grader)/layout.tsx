// Grader area: staff who review learners' work (instructors, graders, admins). Pages check again in their own loaders.
import type { ReactNode } from 'react'
import { guardLayout } from '@/lib/auth/layout-guard'
import { rolesWith } from '@/lib/auth/roles'

export default async function GraderLayout({ children }: { children: ReactNode }) {
  await guardLayout(rolesWith('cohorts:view'))
  return children
}
