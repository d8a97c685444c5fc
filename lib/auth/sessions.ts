// Server-side sessions in the database; the cookie holds a random token and
// the table holds only its SHA-256.
import { createHash, randomBytes } from 'node:crypto'
import type { PrismaClient } from '@/prisma/generated/client'
import { SESSION_TTL_MS } from './cookies'
import type { Role } from './roles'

/** Refresh a session's expiry at most this often, so every request is not a write. */
const REFRESH_AFTER_MS = 60 * 60 * 1000

export interface SessionUser {
  id: string
  email: string
  name: string
  role: Role
}

export interface ResolvedSession {
  sessionId: string
  user: SessionUser
  expiresAt: Date
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export async function createSession(
  db: PrismaClient,
  userId: string,
  meta: { userAgent?: string | null; ip?: string | null },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS)
  await db.session.create({
    data: {
      id: hashToken(token),
      userId,
      expiresAt,
      createdAt: now,
      lastSeenAt: now,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip?.slice(0, 64) ?? null,
    },
  })
  return { token, expiresAt }
}

export async function resolveSession(
  db: PrismaClient,
  token: string,
  now = new Date(),
): Promise<ResolvedSession | null> {
  const id = hashToken(token)
  const row = await db.session.findUnique({ where: { id }, include: { user: true } })
  if (!row) return null
  if (row.expiresAt <= now || row.user.disabledAt) {
    await db.session.deleteMany({ where: { id } })
    return null
  }
  let expiresAt = row.expiresAt
  if (now.getTime() - row.lastSeenAt.getTime() > REFRESH_AFTER_MS) {
    expiresAt = new Date(now.getTime() + SESSION_TTL_MS)
    await db.session.updateMany({ where: { id }, data: { lastSeenAt: now, expiresAt } })
  }
  const { id: userId, email, name, role } = row.user
  return { sessionId: id, user: { id: userId, email, name, role }, expiresAt }
}

export async function deleteSession(db: PrismaClient, token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: hashToken(token) } })
}

export async function deleteUserSessions(db: PrismaClient, userId: string): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId } })
  return count
}

export async function deleteExpiredSessions(db: PrismaClient, now = new Date()): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { expiresAt: { lte: now } } })
  return count
}
