// The lab session manager on a real database (PGlite in memory): limits, the seat queue, deadlines, and unreadable snapshots.
// Time is a hand-moved host clock, so deadlines hours away are tested without waiting.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { HostTimers } from '@/lab-engine/core/clock'
import { playgroundLab, staticCatalog } from '@/lab-engine/sessions/lab-catalog'
import type { LabSessionManager } from '@/lab-engine/sessions/session-manager'
import { openDatabase, type Database } from '@/lib/db/database'
import { createLabEngine } from './create-lab-sessions'

let db: Database
let now = Date.UTC(2026, 10, 24, 9)
const host: HostTimers = { now: () => now, setTimeout: () => 0, clearTimeout: () => {} }
const catalog = staticCatalog([playgroundLab({}), { slug: 'second', title: 'Second lab', drivers: ['sim'], spec: { setup: 'kubectl create namespace second\n' } }, { slug: 'kind-only', title: 'Kind only', drivers: ['kind'], spec: {} }])
const users: Record<string, string> = {}
let manager: LabSessionManager | undefined

async function managerWith(env: Record<string, string> = {}): Promise<LabSessionManager> {
  manager = (await createLabEngine({ prisma: db.prisma, repoRoot: '/nonexistent', env, host, catalog })).sessions
  return manager
}

beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' })
  for (const name of ['ana', 'ben', 'cai']) {
    users[name] = (await db.prisma.user.create({ data: { email: `${name}@example.test`, name, passwordHash: 'x' } })).id
  }
})
afterEach(async () => {
  await manager?.shutdown()
  await db.prisma.labSession.deleteMany()
})
afterAll(async () => db?.close())

describe('LabSessionManager', () => {
  it('queues learners in order when every seat is taken and gives a freed seat to the head of the queue', async () => {
    const m = await managerWith({ LAB_SESSION_CAPACITY: '1' })
    const a = await m.start(users.ana!, 'playground')
    expect(a.kind).toBe('started')
    expect(await m.start(users.ben!, 'playground')).toEqual({ kind: 'queued', position: 1, message: 'All lab seats are busy; you are #1 in the queue.' })
    expect(await m.start(users.cai!, 'playground')).toMatchObject({ kind: 'queued', position: 2 })
    await m.stop((a as { session: { id: string } }).session.id)
    // cai asks first, but ben is at the head of the queue.
    expect(await m.start(users.cai!, 'playground')).toMatchObject({ kind: 'queued', position: 2 })
    expect((await m.start(users.ben!, 'playground')).kind).toBe('started')
  })

  it('limits running sessions per learner and refuses labs this driver cannot run', async () => {
    const m = await managerWith({ LAB_SESSIONS_PER_USER: '1' })
    expect((await m.start(users.ana!, 'playground')).kind).toBe('started')
    await expect(m.start(users.ana!, 'second')).rejects.toThrow('You already have 1 lab sessions running (the limit is 1). Stop one to start another.')
    await expect(m.start(users.ben!, 'kind-only')).rejects.toThrow('needs the kind driver; this server runs sim')
    await expect(m.start(users.ben!, 'nope')).rejects.toThrow('There is no lab called "nope".')
  })

  it('ends a session past its deadline or idle timeout, saying why', async () => {
    const m = await managerWith()
    const started = await m.start(users.ana!, 'second')
    const id = (started as { session: { id: string } }).session.id
    now += 29 * 60_000
    expect((await m.get(id))?.state).toBe('running')
    now += 2 * 60_000
    const ended = await m.get(id)
    expect(ended).toMatchObject({ state: 'expired', notice: 'The session ended after 30 minutes without input.' })
    await expect(m.reset(id)).rejects.toThrow('This lab session has expired: The session ended after 30 minutes without input. Start the lab again to continue.')
  })

  it('counts editor saves and applies (markActive) as activity for the idle timeout', async () => {
    const m = await managerWith()
    const id = ((await m.start(users.ana!, 'second')) as { session: { id: string } }).session.id
    now += 29 * 60_000
    await m.markActive(id)
    now += 2 * 60_000
    expect((await m.get(id))?.state).toBe('running')
    now += 29 * 60_000
    expect((await m.get(id))?.state).toBe('expired')
    await expect(m.markActive(id)).rejects.toThrow('This lab session has expired')
  })

  it('revives a running session after a restart from its snapshot, or resets it and says so when the snapshot is unreadable', async () => {
    const first = await managerWith()
    const id = ((await first.start(users.ana!, 'second')) as { session: { id: string } }).session.id
    const driver = await first.driverFor(id)
    await driver.apply('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: mine, namespace: second }\n')
    await first.shutdown()

    const second = await managerWith()
    const revived = await second.driverFor(id)
    expect(await revived.get({ kind: 'ConfigMap', namespace: 'second', name: 'mine' })).not.toBeNull()
    await second.shutdown()

    await db.prisma.labSession.update({ where: { id }, data: { snapshot: Buffer.from('{"schemaVersion": 1, "spec": {}, "state": {"schemaVersion": 0}}') } })
    const third = await managerWith()
    const fresh = await third.driverFor(id)
    expect(await fresh.get({ kind: 'ConfigMap', namespace: 'second', name: 'mine' })).toBeNull()
    expect(await fresh.get({ kind: 'Namespace', name: 'second' })).not.toBeNull()
    expect((await third.get(id))?.notice).toBe('Your saved lab state could not be read, so the lab was reset to its starting point.')
  })

  it('answers "starting" with the driver\'s stage when a start is slow (a fake slow driver standing in for kind), then runs', async () => {
    const { LabSessionManager } = await import('@/lab-engine/sessions/session-manager')
    const { SimDriver } = await import('@/lab-engine/drivers/sim')
    const { prismaSessionRepository } = await import('./prisma-session-repository')
    const { labSessionConfigFromEnv } = await import('@/lab-engine/sessions/session-config')
    // Host timers that fire when the test says so: the reply wait elapses on demand.
    const timers: (() => void)[] = []
    const slowHost: HostTimers = { now: () => now, setTimeout: (fn) => timers.push(fn), clearTimeout: () => {} }
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const createDriver = () => {
      const sim = new SimDriver({ host: { now: () => now, setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) } })
      const start = sim.start.bind(sim)
      sim.start = async (spec) => {
        spec.onStage?.({ step: 1, steps: 4, label: 'Leasing a kind cluster with Istio' })
        await gate
        return start(spec)
      }
      return sim
    }
    const log = { error: () => {}, info: () => {} }
    manager = new LabSessionManager({ repo: prismaSessionRepository(db.prisma), catalog, config: labSessionConfigFromEnv({}), host: slowHost, driverName: 'sim', createDriver, log })
    let settled = false
    const pending = manager.start(users.ana!, 'second').finally(() => (settled = true))
    // Fire due timers (the deadline sweep, the reply wait) until start() answers.
    await expect.poll(() => (timers.splice(0).forEach((fn) => fn()), settled)).toBe(true)
    const started = await pending
    expect(started).toMatchObject({ kind: 'started', session: { state: 'starting', startStage: { step: 1, steps: 4, label: 'Leasing a kind cluster with Istio' } } })
    const id = (started as { session: { id: string } }).session.id
    release()
    await expect.poll(async () => (await manager!.get(id))?.state).toBe('running')
    expect(manager.view((await manager.get(id))!).startStage).toBeNull()
  })
})
