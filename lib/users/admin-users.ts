// Administration of accounts: listing and role changes (audited).
import type { PrismaClient } from '@/prisma/generated/client'
import { ApiError } from '@/lib/api/api-error'
import type { Role } from '@/lib/auth/roles'
import type { SessionUser } from '@/lib/auth/sessions'

export const USERS_PAGE_SIZE = 50
export const MAX_USER_QUERY = 100

export async function listUsers(db: PrismaClient, opts: { query?: string; page?: number }) {
  const q = opts.query?.trim().slice(0, MAX_USER_QUERY)
  const where = q
    ? { OR: [{ email: { contains: q, mode: 'insensitive' as const } }, { name: { contains: q, mode: 'insensitive' as const } }] }
    : {}
  const page = Math.max(1, Math.floor(opts.page ?? 1))
  const [total, users] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: { createdAt: 'asc' },
      skip: (page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: { id: true, email: true, name: true, role: true, createdAt: true },
    }),
  ])
  return { users, total, page, pageSize: USERS_PAGE_SIZE }
}

/** Changes a role; the last admin cannot be demoted, so the platform always has one. */
export async function changeRole(db: PrismaClient, actor: SessionUser, userId: string, role: Role) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } })
    if (!user) throw new ApiError('not_found', 'No such user.')
    if (user.role === role) return user
    if (user.role === 'admin' && (await tx.user.count({ where: { role: 'admin' } })) <= 1) {
      throw new ApiError('conflict', 'This is the last admin; promote someone else first.')
    }
    const updated = await tx.user.update({ where: { id: userId }, data: { role } })
    await tx.auditEvent.create({
      data: {
        actorId: actor.id,
        action: 'user.role_changed',
        targetType: 'user',
        targetId: userId,
        before: { role: user.role },
        after: { role },
      },
    })
    return updated
  })
}
