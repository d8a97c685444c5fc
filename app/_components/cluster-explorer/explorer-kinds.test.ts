// The explorer's kinds resolve on the server as kubectl resolves them, and only matching events re-list a view.
import { describe, expect, it } from 'vitest'
import { resolveResource } from '@/lab-engine/cluster/kinds'
import type { EngineEvent } from '@/lab-engine/drivers/engine-event'
import { affectsList, affectsSelection, ALL_KINDS, explorerKind } from './explorer-kinds'

type ResourceEvent = Extract<EngineEvent, { type: 'resource' }>
const ev = (kind: string, name: string, namespace?: string, change: ResourceEvent['change'] = 'modified'): ResourceEvent =>
  ({ v: 1, type: 'resource', change, kind, apiVersion: 'v1', name, resourceVersion: '7', ...(namespace ? { namespace } : {}) })

describe('explorer kinds', () => {
  it.each(ALL_KINDS.map((k) => [k.resource, k.kind, k.namespaced] as const))('%s names %s on the server', (resource, kind, namespaced) => {
    expect(resolveResource(resource)).toMatchObject({ kind, namespaced })
  })

  it('re-lists on events of the kind in the namespace shown, or any namespace for "all"', () => {
    const pods = explorerKind('Pod')
    expect(affectsList(ev('Pod', 'web-1', 'default'), pods, 'default')).toBe(true)
    expect(affectsList(ev('Pod', 'web-1', 'istio-system'), pods, 'default')).toBe(false)
    expect(affectsList(ev('Pod', 'web-1', 'istio-system'), pods, '')).toBe(true)
    expect(affectsList(ev('Service', 'web', 'default'), pods, 'default')).toBe(false)
    expect(affectsList(ev('Namespace', 'demo'), explorerKind('Namespace'), 'default')).toBe(true)
  })

  it('reloads the YAML only for the open object', () => {
    const open = { kind: 'VirtualService', namespace: 'default', name: 'reviews' }
    expect(affectsSelection(ev('VirtualService', 'reviews', 'default'), open)).toBe(true)
    expect(affectsSelection(ev('VirtualService', 'reviews', 'prod'), open)).toBe(false)
    expect(affectsSelection(ev('DestinationRule', 'reviews', 'default'), open)).toBe(false)
    expect(affectsSelection(ev('Node', 'kind-control-plane'), { kind: 'Node', name: 'kind-control-plane' })).toBe(true)
    expect(affectsSelection(ev('Pod', 'a', 'default'), null)).toBe(false)
  })
})
