// Tests for the event recorder.
import { describe, expect, it } from 'vitest'
import { Clock } from '../../core/clock'
import { Rng } from '../../core/rng'
import { ObjectStore } from '../store'
import { EventRecorder, MAX_EVENTS } from './event-recorder'

function setup() {
  const clock = Clock.virtual({ startMs: Date.UTC(2026, 0, 1) })
  const store = new ObjectStore({ clock, rng: Rng.seeded(1) })
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } })
  const pod = store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: {} })
  return { clock, store, pod, rec: new EventRecorder(store, clock) }
}

describe('EventRecorder', () => {
  it('writes an Event with the involved object, source and timestamps', () => {
    const { store, pod, rec } = setup()
    rec.record(pod, 'default-scheduler', { reason: 'Scheduled', message: 'Successfully assigned default/web to kind-control-plane' })
    const [ev] = store.list({ kind: 'Event', namespace: 'default' })
    expect(ev!.metadata.name).toMatch(/^web\.[0-9a-f]+$/)
    expect(ev).toMatchObject({
      type: 'Normal', reason: 'Scheduled', count: 1, firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:00Z',
      involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', uid: pod.metadata.uid }, source: { component: 'default-scheduler' },
    })
  })

  it('folds a repeat into count and lastTimestamp', () => {
    const { store, pod, rec, clock } = setup()
    rec.record(pod, 'kubelet', { reason: 'BackOff', message: 'x', type: 'Warning' })
    clock.advanceBy(5000)
    rec.record(pod, 'kubelet', { reason: 'BackOff', message: 'x', type: 'Warning' })
    const evs = store.list({ kind: 'Event' })
    expect(evs).toHaveLength(1)
    expect(evs[0]).toMatchObject({ count: 2, lastTimestamp: '2026-01-01T00:00:05Z', type: 'Warning' })
  })

  it('keeps at most MAX_EVENTS events', () => {
    const { store, pod, rec } = setup()
    for (let i = 0; i < MAX_EVENTS + 5; i++) rec.record(pod, 'kubelet', { reason: 'R', message: `m${i}` })
    expect(store.list({ kind: 'Event' })).toHaveLength(MAX_EVENTS)
  })
})
