// Tests for the stage interpreter and the pod stages it runs.
import { describe, expect, it } from 'vitest'
import { Clock } from '../../core/clock'
import { Rng } from '../../core/rng'
import { ObjectStore } from '../store'
import type { KubeObject } from '../types'
import { EventRecorder } from './event-recorder'
import { startPodLifecycle } from './pod-lifecycle'
import { readPath, stageMatches, StageRunner, type Stage } from './stage'

function setup(seed = 1) {
  const clock = Clock.virtual({ startMs: Date.UTC(2026, 0, 1) })
  const rng = Rng.seeded(seed)
  const store = new ObjectStore({ clock, rng })
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } })
  return { clock, rng, store, recorder: new EventRecorder(store, clock) }
}

const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'web', image: 'nginx' }] } })
const statusOf = (p: KubeObject | undefined) => p?.status as Record<string, any>

describe('readPath and stageMatches', () => {
  const obj = { kind: 'Pod', status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [{ ready: false }] } } as unknown as KubeObject
  it('reads fields, conditions by type and list indexes', () => {
    expect(readPath(obj, '.status.phase')).toBe('Pending')
    expect(readPath(obj, '.status.conditions[Ready].status')).toBe('False')
    expect(readPath(obj, '.status.containerStatuses[0].ready')).toBe(false)
    expect(readPath(obj, '.spec.nodeName')).toBeUndefined()
  })
  it('matches In, NotIn, Exists and DoesNotExist', () => {
    const stage = (expr: Stage['selector']['matchExpressions']): Stage => ({ name: 's', kind: 'Pod', selector: { matchExpressions: expr }, delay: { ms: 0 }, next: () => ({}) })
    expect(stageMatches(stage([{ key: '.status.phase', operator: 'In', values: ['Pending'] }]), obj)).toBe(true)
    expect(stageMatches(stage([{ key: '.status.phase', operator: 'NotIn', values: ['Pending'] }]), obj)).toBe(false)
    expect(stageMatches(stage([{ key: '.spec.nodeName', operator: 'DoesNotExist' }, { key: '.status', operator: 'Exists' }]), obj)).toBe(true)
  })
})

describe('StageRunner', () => {
  it('applies a stage after its delay and moves on to the next', () => {
    const { clock, rng, store, recorder } = setup()
    const stages: Stage[] = [
      { name: 'a', kind: 'ConfigMap', selector: { matchExpressions: [{ key: '.status.step', operator: 'DoesNotExist' }] }, delay: { ms: 100 }, next: () => ({ status: { step: 'one' } }) },
      { name: 'b', kind: 'ConfigMap', selector: { matchExpressions: [{ key: '.status.step', operator: 'In', values: ['one'] }] }, delay: { ms: 50 }, next: () => ({ status: { step: 'two' } }) },
    ]
    const runner = new StageRunner(stages, { clock, rng, store, recorder })
    runner.observe(store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }))
    clock.advanceBy(99)
    expect(store.get({ kind: 'ConfigMap', name: 'c' })!.status).toBeUndefined()
    clock.advanceBy(1)
    expect(store.get({ kind: 'ConfigMap', name: 'c' })!.status).toEqual({ step: 'one' })
    clock.advanceBy(50)
    expect(store.get({ kind: 'ConfigMap', name: 'c' })!.status).toEqual({ step: 'two' })
    expect(clock.pending()).toBe(0)
  })
})

describe('pod lifecycle', () => {
  it('goes Pending -> ContainerCreating -> Running within 3 s, with events', () => {
    const { clock, rng, store, recorder } = setup()
    startPodLifecycle({ clock, rng, store, recorder })
    store.create(pod('web'))
    clock.advanceBy(60)
    const scheduled = store.get({ kind: 'Pod', name: 'web' })!
    expect((scheduled.spec as { nodeName: string }).nodeName).toBe('kind-control-plane')
    expect(statusOf(scheduled).phase).toBe('Pending')
    clock.advanceBy(300)
    expect(statusOf(store.get({ kind: 'Pod', name: 'web' })).containerStatuses[0].state.waiting.reason).toBe('ContainerCreating')
    clock.advanceBy(2640)
    const s = statusOf(store.get({ kind: 'Pod', name: 'web' }))
    expect(s).toMatchObject({ phase: 'Running', hostIP: '172.18.0.2', containerStatuses: [{ ready: true, restartCount: 0, started: true }] })
    expect(s.podIP).toMatch(/^10\.244\.\d+\.\d+$/)
    expect(s.containerStatuses[0].state.running.startedAt).toMatch(/^2026-01-01T00:00:0\dZ$/)
    expect(s.conditions.find((c: { type: string }) => c.type === 'Ready').status).toBe('True')
    const reasons = store.list({ kind: 'Event' }).map((e) => e.reason)
    expect(reasons.sort()).toEqual(['Created', 'Pulled', 'Pulling', 'Scheduled', 'Started'])
    const sched = store.list({ kind: 'Event' }).find((e) => e.reason === 'Scheduled')!
    expect(sched.message).toBe('Successfully assigned default/web to kind-control-plane')
    const msg = (reason: string) => store.list({ kind: 'Event' }).find((e) => e.reason === reason)!.message
    expect(msg('Pulled')).toMatch(/^Successfully pulled image "nginx" in [\d.]+s \([\d.]+s including waiting\)\. Image size: \d+ bytes\.$/)
    expect(msg('Created')).toBe('Created container: web')
    expect(msg('Started')).toBe('Started container web')
  })

  it('never gives two pods the same IP and leaves Running pods alone', () => {
    const { clock, rng, store, recorder } = setup()
    const d = startPodLifecycle({ clock, rng, store, recorder })
    for (let i = 0; i < 30; i++) store.create(pod(`p${i}`))
    clock.runUntilIdle()
    const ips = store.list({ kind: 'Pod' }).map((p) => statusOf(p).podIP)
    expect(new Set(ips).size).toBe(30)
    const rv = store.resourceVersion()
    clock.advanceBy(10_000)
    expect(store.resourceVersion()).toBe(rv)
    d.dispose()
  })

  it('forgets a pod deleted before it runs', () => {
    const { clock, rng, store, recorder } = setup()
    startPodLifecycle({ clock, rng, store, recorder })
    store.create(pod('gone'))
    store.delete({ kind: 'Pod', name: 'gone' })
    expect(clock.pending()).toBe(0)
  })
})
