// Learner area: any signed-in role. Pages check again in their own loaders.
import type { ReactNode } from 'react'
import { guardLayout } from '@/lib/auth/layout-guard'

export default async function LearnLayout({ children }: { children: ReactNode }) {
  await guardLayout('any')
  return children
}
