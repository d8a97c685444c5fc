// Only the kinds the topology reads trigger a re-fetch; of ConfigMaps, only Istio's mesh config.
import { describe, expect, it } from 'vitest'
import type { EngineEvent } from '@/lab-engine/drivers/engine-event'
import { affectsTopology } from './topology-refresh'

const ev = (kind: string, name: string, namespace?: string): Extract<EngineEvent, { type: 'resource' }> =>
  ({ v: 1, type: 'resource', change: 'modified', kind, apiVersion: 'v1', name, resourceVersion: '1', ...(namespace ? { namespace } : {}) })

describe('affectsTopology', () => {
  it.each([
    ['a pod', ev('Pod', 'reviews-v1-abc', 'default'), true],
    ['a VirtualService', ev('VirtualService', 'reviews', 'default'), true],
    ['a PeerAuthentication', ev('PeerAuthentication', 'default', 'istio-system'), true],
    ["Istio's mesh config", ev('ConfigMap', 'istio', 'istio-system'), true],
    ['another ConfigMap', ev('ConfigMap', 'colors', 'default'), false],
    ['an Event', ev('Event', 'reviews.17a', 'default'), false],
    ['a ReplicaSet', ev('ReplicaSet', 'reviews-v1-abc', 'default'), false],
  ])('%s: %s', (_name, event, expected) => {
    expect(affectsTopology(event)).toBe(expected)
  })
})
