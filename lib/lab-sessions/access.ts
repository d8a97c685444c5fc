// Who may see a lab session: its owner; admins; instructors and graders who are staff in a cohort the owner belongs to (read-only).
import type { PrismaClient } from '@/prisma/generated/client'
import type { StoredLabSession } from '@/lab-engine/sessions/session-repository'
import type { Principal } from '@/lib/auth/authenticate'

export type SessionAccess = 'owner' | 'watcher' | 'none'

export async function sessionAccess(prisma: PrismaClient, who: Principal, session: StoredLabSession): Promise<SessionAccess> {
  if (session.userId === who.userId) return 'owner'
  return (await mayWatchUser(prisma, who, session.userId)) ? 'watcher' : 'none'
}

/** Whether `who` may see `userId`'s sessions: themselves, admins, and staff of a cohort that user is in. */
export async function mayWatchUser(prisma: PrismaClient, who: Principal, userId: string): Promise<boolean> {
  if (who.userId === userId || who.role === 'admin') return true
  if (who.role !== 'instructor' && who.role !== 'grader') return false
  const shared = await prisma.membership.count({
    where: { userId: who.userId, role: { in: ['instructor', 'grader'] }, cohort: { memberships: { some: { userId } } } },
  })
  return shared > 0
}
