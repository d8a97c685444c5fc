// Admin area. Pages check again in their own loaders.
import type { ReactNode } from 'react'
import { guardLayout } from '@/lib/auth/layout-guard'
import { rolesWith } from '@/lib/auth/roles'

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await guardLayout(rolesWith('users:manage'))
  return children
}
