// A read-only ObjectStore from listed objects, so the control-plane compiler can run on any driver's list() results.
//
// The compiler (mesh/control) reads an ObjectStore, as istiod reads its informers'
// caches. The graph gets objects from `ClusterDriver.list()` -- the sim's store or a
// real kind cluster -- so it rebuilds a store from them. Objects of kinds the sim
// does not model are left out; server-owned fields a client list may lack are filled
// so the store's indexes work. The clock and Rng are never used: nothing is created.

import { Clock } from '../../core/clock'
import { Rng } from '../../core/rng'
import { kindFor } from '../../cluster/kinds'
import { MAX_OBJECTS_PER_STORE, ObjectStore } from '../../cluster/store'
import type { KubeObject } from '../../cluster/types'

/** What a driver's list() returns: metadata may lack the server-owned fields. */
export type ListedObject = {
  apiVersion: string
  kind: string
  metadata: { name: string; namespace?: string; [k: string]: unknown }
  [k: string]: unknown
}

function completed(o: ListedObject): KubeObject {
  const m = o.metadata
  const ns = typeof m.namespace === 'string' ? m.namespace : ''
  return {
    ...o,
    metadata: {
      ...m,
      uid: typeof m.uid === 'string' && m.uid ? m.uid : `${o.kind}/${ns}/${m.name}`,
      resourceVersion: typeof m.resourceVersion === 'string' ? m.resourceVersion : '0',
      creationTimestamp: typeof m.creationTimestamp === 'string' ? m.creationTimestamp : '',
    },
  } as KubeObject
}

/** A store holding the known-kind objects given; `dropped` counts those past MAX_OBJECTS_PER_STORE. */
export function objectStoreOf(objects: readonly ListedObject[]): { store: ObjectStore; dropped: number } {
  const known = objects.filter((o) => o?.metadata?.name && kindFor(o.apiVersion ?? '', o.kind ?? ''))
  const seen = new Set<string>()
  const unique = known.filter((o) => {
    const key = `${o.apiVersion}|${o.kind}|${o.metadata.namespace ?? ''}|${o.metadata.name}`
    return seen.has(key) ? false : (seen.add(key), true)
  })
  const kept = unique.slice(0, MAX_OBJECTS_PER_STORE).map(completed)
  const store = ObjectStore.restore({ resourceVersion: 0, objects: kept }, { clock: Clock.virtual(), rng: Rng.seeded(0) })
  return { store, dropped: unique.length - kept.length }
}
