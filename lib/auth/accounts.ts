// Accounts: sign-up, credential checks, the first admin, password resets.
import type { PrismaClient } from '@/prisma/generated/client'
import { dummyPasswordHash, generatePassword, hashPassword, verifyPassword } from './password'
import type { SignInInput, SignUpInput } from './schemas'
import type { SessionUser } from './sessions'

export class EmailTakenError extends Error {
  constructor() {
    super('An account with that email already exists.')
  }
}

export async function signUp(db: PrismaClient, input: SignUpInput): Promise<SessionUser> {
  const passwordHash = await hashPassword(input.password)
  try {
    const user = await db.user.create({
      data: { email: input.email, name: input.name, passwordHash, role: 'learner' },
    })
    return { id: user.id, email: user.email, name: user.name, role: user.role }
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') throw new EmailTakenError()
    throw err
  }
}

/** Checks credentials in constant-ish time whether or not the email exists. */
export async function verifyCredentials(db: PrismaClient, input: SignInInput): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { email: input.email } })
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()))
  if (!user || !ok || user.disabledAt) return null
  return { id: user.id, email: user.email, name: user.name, role: user.role }
}

export const DEFAULT_ADMIN_EMAIL = 'admin@meshdojo.local'

export interface InitialCredentials {
  password: string
  passwordHash: string
}

/** A random password and its hash; start it early, it runs on libuv's thread pool. */
export async function newInitialCredentials(): Promise<InitialCredentials> {
  const password = generatePassword()
  return { password, passwordHash: await hashPassword(password) }
}

/**
 * On a database with no users, create an admin with a random password and
 * return it (the caller prints it once). Returns null when users exist.
 */
export async function ensureInitialAdmin(
  db: PrismaClient,
  email = DEFAULT_ADMIN_EMAIL,
  credentials: Promise<InitialCredentials> = newInitialCredentials(),
): Promise<{ email: string; password: string } | null> {
  if ((await db.user.count()) > 0) return null
  const { password, passwordHash } = await credentials
  const created = await db
    .$transaction(async (tx) => {
      if ((await tx.user.count()) > 0) return false
      await tx.user.create({ data: { email, name: 'Administrator', passwordHash, role: 'admin' } })
      return true
    })
    // Two instances starting at once on an empty PostgreSQL: the email's unique index lets one win.
    .catch((err: { code?: string }) => (err.code === 'P2002' ? false : Promise.reject(err)))
  return created ? { email, password } : null
}

/** Sets a new random password, signs the user out everywhere, and audits it. */
export async function resetPassword(db: PrismaClient, email: string): Promise<string | null> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } })
  if (!user) return null
  const password = generatePassword()
  const passwordHash = await hashPassword(password)
  await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { passwordHash } }),
    db.session.deleteMany({ where: { userId: user.id } }),
    db.auditEvent.create({
      data: { action: 'user.password_reset', targetType: 'user', targetId: user.id, comment: 'from the server shell' },
    }),
  ])
  return password
}
