// Accounts against a real (in-memory PGlite) database: first admin, password reset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '@/lib/db/database'
import { ensureInitialAdmin, resetPassword, signUp, verifyCredentials } from './accounts'
import { createSession } from './sessions'

let db: Database
beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' })
})
afterAll(() => db?.close())

describe('accounts', () => {
  it('creates exactly one first admin, even when asked twice at once', async () => {
    const [a, b] = await Promise.all([ensureInitialAdmin(db.prisma), ensureInitialAdmin(db.prisma)])
    const created = [a, b].filter(Boolean)
    expect(created).toHaveLength(1)
    expect(await db.prisma.user.count({ where: { role: 'admin' } })).toBe(1)
    expect(await verifyCredentials(db.prisma, { email: created[0]!.email, password: created[0]!.password })).toMatchObject({ role: 'admin' })
    expect(await ensureInitialAdmin(db.prisma)).toBeNull()
  })

  it('resets a password: the old one stops working, sessions end, the reset is audited', async () => {
    const user = await signUp(db.prisma, { email: 'rex@example.test', name: 'Rex', password: 'the old password' })
    await createSession(db.prisma, user.id, {})
    const fresh = await resetPassword(db.prisma, ' REX@example.test ')
    expect(fresh).toMatch(/^\w{20}$/)
    expect(await verifyCredentials(db.prisma, { email: 'rex@example.test', password: 'the old password' })).toBeNull()
    expect(await verifyCredentials(db.prisma, { email: 'rex@example.test', password: fresh! })).toMatchObject({ id: user.id })
    expect(await db.prisma.session.count({ where: { userId: user.id } })).toBe(0)
    expect(await db.prisma.auditEvent.count({ where: { action: 'user.password_reset', targetId: user.id } })).toBe(1)
  })

  it('says so when no account has that email', async () => {
    expect(await resetPassword(db.prisma, 'nobody@example.test')).toBeNull()
  })
})
