// The Prisma client over both backends: relations, cascades, unique violations, ping and close.
import { afterEach, beforeEach, expect, it } from 'vitest'
import { Prisma } from '@/prisma/generated/client'
import { dbBackends, describeBackends, type FreshDatabase } from '@/test/db-backends'
import type { Database } from './types'

const backends = await dbBackends()

function userData(email: string) {
  return { email, name: email.split('@')[0], passwordHash: 'x' }
}

describeBackends('Database', backends, (backend) => {
  let fresh: FreshDatabase
  let db: Database
  beforeEach(async () => {
    fresh = await backend.fresh()
    db = await fresh.open()
  })
  afterEach(async () => {
    await fresh.dispose()
  })

  it(`is a ${backend.name} database`, () => {
    expect(db.kind).toBe(backend.name)
  })

  it('creates and reads users, sessions, cohorts and memberships with their relations', async () => {
    const { prisma } = db
    const ivan = await prisma.user.create({ data: { ...userData('ivan@example.test'), role: 'instructor' } })
    const lena = await prisma.user.create({
      data: { ...userData('lena@example.test'), sessions: { create: { id: 'hash-1', expiresAt: new Date(Date.now() + 60_000) } } },
    })
    const cohort = await prisma.cohort.create({
      data: {
        name: 'Mesh 101',
        inviteCode: 'JOIN-ME',
        createdById: ivan.id,
        memberships: { create: [{ userId: ivan.id, role: 'instructor' }, { userId: lena.id, role: 'learner' }] },
      },
    })
    const found = await prisma.user.findUniqueOrThrow({
      where: { email: 'lena@example.test' },
      include: { sessions: true, memberships: { include: { cohort: true } } },
    })
    expect(found.role).toBe('learner')
    expect(found.createdAt).toBeInstanceOf(Date)
    expect(found.sessions.map((s) => s.id)).toEqual(['hash-1'])
    expect(found.memberships.map((m) => [m.role, m.cohort.name])).toEqual([['learner', 'Mesh 101']])
    const withMembers = await prisma.cohort.findUniqueOrThrow({ where: { id: cohort.id }, include: { memberships: true, createdBy: true } })
    expect(withMembers.memberships).toHaveLength(2)
    expect(withMembers.createdBy?.email).toBe('ivan@example.test')
    const renamed = await prisma.cohort.update({ where: { id: cohort.id }, data: { name: 'Mesh 102' } })
    expect(renamed.name).toBe('Mesh 102')
  })

  it('cascades a user deletion to sessions and memberships, and unlinks cohorts they created', async () => {
    const { prisma } = db
    const ivan = await prisma.user.create({
      data: { ...userData('ivan@example.test'), sessions: { create: { id: 'hash-2', expiresAt: new Date() } } },
    })
    const cohort = await prisma.cohort.create({
      data: { name: 'C', inviteCode: 'CODE-2', createdById: ivan.id, memberships: { create: { userId: ivan.id, role: 'instructor' } } },
    })
    await prisma.user.delete({ where: { id: ivan.id } })
    expect(await prisma.session.count()).toBe(0)
    expect(await prisma.membership.count()).toBe(0)
    expect((await prisma.cohort.findUniqueOrThrow({ where: { id: cohort.id } })).createdById).toBeNull()
    await prisma.cohort.delete({ where: { id: cohort.id } })
    expect(await prisma.cohort.count()).toBe(0)
  })

  it('reports a duplicate email as P2002', async () => {
    await db.prisma.user.create({ data: userData('dup@example.test') })
    const err = await db.prisma.user.create({ data: userData('dup@example.test') }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Prisma.PrismaClientKnownRequestError)
    expect((err as Prisma.PrismaClientKnownRequestError).code).toBe('P2002')
  })

  it('answers ping, and closes idempotently', async () => {
    await expect(db.ping()).resolves.toBeUndefined()
    await Promise.all([db.close(), db.close()])
    await expect(db.close()).resolves.toBeUndefined()
  })
})
