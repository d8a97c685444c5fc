// Instructor area: roles that manage cohorts. Pages check again in their own loaders.
import type { ReactNode } from 'react'
import { guardLayout } from '@/lib/auth/layout-guard'
import { rolesWith } from '@/lib/auth/roles'

export default async function InstructorLayout({ children }: { children: ReactNode }) {
  await guardLayout(rolesWith('cohorts:manage'))
  return children
}
