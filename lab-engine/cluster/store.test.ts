// Tests for the object store: identity, versions, watches, cascades, namespaces and limits.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Clock } from '../core/clock'
import { Rng } from '../core/rng'
import { ApiError } from './api-error'
import { ObjectStore, type StoreDeps } from './store'
import type { KubeObject, ObjectInput, WatchEvent } from './types'

function deps(extra: Partial<StoreDeps> = {}): StoreDeps {
  return { clock: Clock.virtual({ startMs: Date.UTC(2026, 0, 1) }), rng: Rng.seeded(1), ...extra }
}

function fresh(extra: Partial<StoreDeps> = {}): ObjectStore {
  const store = new ObjectStore(deps(extra))
  store.create(ns('default'))
  return store
}

const ns = (name: string): ObjectInput => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })
const cm = (name: string, data: Record<string, string> = {}, namespace?: string): ObjectInput => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data,
})
const deploy = (name: string, replicas = 1): ObjectInput => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, labels: { app: name } }, spec: { replicas },
})
const owned = (kind: string, apiVersion: string, name: string, owners: KubeObject[]): ObjectInput => ({
  apiVersion, kind, metadata: {
    name,
    ownerReferences: owners.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid, controller: true })),
  },
})

function apiError(fn: () => unknown): ApiError {
  try { fn() } catch (err) { if (err instanceof ApiError) return err; throw err }
  throw new Error('expected an ApiError')
}

describe('create and get', () => {
  it('fills server-owned metadata from the clock and the rng', () => {
    const store = fresh()
    const d = store.create({ ...deploy('web'), metadata: { name: 'web', uid: 'mine', resourceVersion: '99' } })
    expect(d.metadata).toMatchObject({ name: 'web', namespace: 'default', generation: 1, creationTimestamp: '2026-01-01T00:00:00Z' })
    expect(d.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(d.metadata.resourceVersion).toBe('2')
    expect(store.get({ kind: 'Deployment', name: 'web' })).toBe(d)
    expect(Object.isFrozen(d.metadata)).toBe(true)
  })

  it('is deterministic for a seed', () => {
    const uids = () => { const s = fresh(); return [s.create(cm('a')).metadata.uid, s.create(cm('b')).metadata.uid] }
    expect(uids()).toEqual(uids())
  })

  it('keeps cluster-scoped kinds out of namespaces', () => {
    const store = fresh()
    const node = store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', namespace: 'default' } })
    expect(node.metadata.namespace).toBeUndefined()
    expect(store.get({ kind: 'Node', name: 'n1', namespace: 'anything' })).toBe(node)
  })

  it('serves one object under every Istio version', () => {
    const store = fresh()
    const vs = { apiVersion: 'networking.istio.io/v1alpha3', kind: 'VirtualService', metadata: { name: 'r' }, spec: {} }
    // Istio kinds are served only once their CRD exists (istioctl install creates it).
    expect(apiError(() => store.create(vs)).message).toBe('no matches for kind "VirtualService" in version "networking.istio.io/v1alpha3"')
    store.create({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'virtualservices.networking.istio.io' } })
    store.create(vs)
    expect(store.get({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', name: 'r' })).toBeDefined()
    expect(apiError(() => store.create({ apiVersion: 'networking.istio.io/v1beta1', kind: 'VirtualService', metadata: { name: 'r' } })).reason).toBe('AlreadyExists')
  })

  it('answers with the API server wording', () => {
    const store = fresh()
    store.create(deploy('web'))
    expect(apiError(() => store.create(deploy('web'))).kubectlMessage()).toBe('Error from server (AlreadyExists): deployments.apps "web" already exists')
    expect(apiError(() => store.mustGet({ kind: 'Pod', name: 'x' })).kubectlMessage()).toBe('Error from server (NotFound): pods "x" not found')
    expect(apiError(() => store.create(cm('x', {}, 'nope'))).kubectlMessage()).toBe('Error from server (NotFound): namespaces "nope" not found')
    expect(apiError(() => store.create({ apiVersion: 'authentication.istio.io/v1alpha1', kind: 'MeshPolicy', metadata: { name: 'default' } })).message)
      .toBe('no matches for kind "MeshPolicy" in version "authentication.istio.io/v1alpha1"')
    expect(apiError(() => store.create(cm('Bad_Name'))).message).toMatch(/^The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/)
    expect(apiError(() => store.create(cm(''))).message).toBe('The ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required')
  })

  it('names objects from generateName', () => {
    const store = fresh()
    const p = store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'web-7d4b9c8f5d-' } })
    expect(p.metadata.name).toMatch(/^web-7d4b9c8f5d-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
  })
})

describe('resourceVersion and generation', () => {
  it('bumps nothing and emits nothing when nothing changed', () => {
    const store = fresh()
    const d = store.create(deploy('web'))
    const events: WatchEvent[] = []
    store.watch((e) => events.push(e))
    expect(store.update({ ...d, metadata: { ...d.metadata } })).toBe(d)
    expect(store.mutate({ kind: 'Deployment', name: 'web' }, () => {})).toBe(d)
    expect(events).toEqual([])
  })

  it('bumps generation only when spec changes, resourceVersion on every change', () => {
    const store = fresh()
    const d = store.create(deploy('web'))
    const scaled = store.mutate({ kind: 'Deployment', name: 'web' }, (o) => { (o.spec as { replicas: number }).replicas = 3 })
    expect(scaled.metadata.generation).toBe(2)
    expect(Number(scaled.metadata.resourceVersion)).toBeGreaterThan(Number(d.metadata.resourceVersion))
    const labelled = store.mutate({ kind: 'Deployment', name: 'web' }, (o) => { o.metadata.labels = { app: 'web', tier: 'x' } })
    expect(labelled.metadata.generation).toBe(2)
    expect(Number(labelled.metadata.resourceVersion)).toBe(Number(scaled.metadata.resourceVersion) + 1)
    const status = store.mutate({ kind: 'Deployment', name: 'web' }, (o) => { o.status = { readyReplicas: 3 } })
    expect(status.metadata.generation).toBe(2)
    expect(status.metadata.uid).toBe(d.metadata.uid)
    expect(status.metadata.creationTimestamp).toBe(d.metadata.creationTimestamp)
  })

  it('sets generation only on kinds whose API strategy tracks one', () => {
    const store = fresh()
    const svc = store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } })
    const changed = store.mutate({ kind: 'Service', name: 's' }, (o) => { o.spec = { ports: [{ port: 81 }] } })
    expect([svc.metadata, changed.metadata, store.get({ kind: 'Namespace', name: 'default' })!.metadata].map((m) => 'generation' in m)).toEqual([false, false, false])
    expect(store.create(deploy('web')).metadata.generation).toBe(1)
  })

  it('gives kinds without spec no generation, even when the client sends one', () => {
    const store = fresh()
    const created = store.create({ ...cm('c', { a: '1' }), metadata: { name: 'c', generation: 4 } })
    expect(created.metadata).not.toHaveProperty('generation')
    const updated = store.update({ ...cm('c', { a: '2' }), metadata: { name: 'c', generation: 7 } })
    expect(updated.data).toEqual({ a: '2' })
    expect(Number(updated.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion))
    expect(updated.metadata).not.toHaveProperty('generation')
  })

  it('refuses a stale resourceVersion with Conflict and keeps the object', () => {
    const store = fresh()
    const d = store.create(deploy('web'))
    store.mutate({ kind: 'Deployment', name: 'web' }, (o) => { o.spec = { replicas: 2 } })
    const err = apiError(() => store.update({ ...d, spec: { replicas: 9 } }))
    expect(err.reason).toBe('Conflict')
    expect(store.get({ kind: 'Deployment', name: 'web' })!.spec).toEqual({ replicas: 2 })
  })

  it('shares one resourceVersion counter across kinds', () => {
    const store = fresh()
    const a = store.create(cm('a'))
    const b = store.create(deploy('b'))
    expect(Number(b.metadata.resourceVersion)).toBe(Number(a.metadata.resourceVersion) + 1)
    expect(store.resourceVersion()).toBe(b.metadata.resourceVersion)
  })
})

describe('list and watch', () => {
  it('lists by namespace and label selector, sorted', () => {
    const store = fresh()
    store.create(ns('other'))
    store.create(deploy('b'))
    store.create(deploy('a'))
    store.create({ ...deploy('c'), metadata: { name: 'c', namespace: 'other', labels: { app: 'c' } } })
    expect(store.list({ kind: 'Deployment', namespace: 'default' }).map((o) => o.metadata.name)).toEqual(['a', 'b'])
    expect(store.list({ kind: 'Deployment' }).map((o) => o.metadata.name)).toEqual(['a', 'b', 'c'])
    expect(store.list({ kind: 'Deployment', labelSelector: 'app in (a,c)' }).map((o) => o.metadata.name)).toEqual(['a', 'c'])
  })

  it('delivers ADDED, MODIFIED, DELETED in order, filtered, until disposed', () => {
    const store = fresh()
    const seen: string[] = []
    const w = store.watch((e) => seen.push(`${e.type} ${e.object.metadata.name}`), { kind: 'ConfigMap' })
    store.create(deploy('ignored'))
    store.create(cm('c', { a: '1' }))
    store.update(cm('c', { a: '2' }))
    store.delete({ kind: 'ConfigMap', name: 'c' })
    w.dispose()
    store.create(cm('later'))
    expect(seen).toEqual(['ADDED c', 'MODIFIED c', 'DELETED c'])
  })

  it('queues changes made by a listener behind the current event', () => {
    const store = fresh()
    const seen: string[] = []
    store.watch((e) => {
      seen.push(`${e.type} ${e.object.metadata.name}`)
      if (e.object.metadata.name === 'a' && e.type === 'ADDED') store.create(cm('b'))
    })
    store.create(cm('a'))
    expect(seen).toEqual(['ADDED a', 'ADDED b'])
  })
})

describe('cascading delete', () => {
  function chain(store: ObjectStore) {
    const d = store.create(deploy('web'))
    const rs = store.create(owned('ReplicaSet', 'apps/v1', 'web-abc', [d]))
    const pods = [store.create(owned('Pod', 'v1', 'web-abc-1', [rs])), store.create(owned('Pod', 'v1', 'web-abc-2', [rs]))]
    return { d, rs, pods }
  }

  it('deletes dependents after the owner in the background', () => {
    const store = fresh()
    chain(store)
    const removed = store.delete({ kind: 'Deployment', name: 'web' })
    expect(removed.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/web', 'ReplicaSet/web-abc', 'Pod/web-abc-1', 'Pod/web-abc-2'])
    expect(store.list({ kind: 'Pod' })).toEqual([])
  })

  it('deletes dependents first in the foreground', () => {
    const store = fresh()
    chain(store)
    const removed = store.delete({ kind: 'Deployment', name: 'web' }, { propagationPolicy: 'Foreground' })
    expect(removed.map((o) => o.kind)).toEqual(['Pod', 'Pod', 'ReplicaSet', 'Deployment'])
  })

  it('orphans dependents with the Orphan policy', () => {
    const store = fresh()
    chain(store)
    store.delete({ kind: 'Deployment', name: 'web' }, { propagationPolicy: 'Orphan' })
    const rs = store.get({ kind: 'ReplicaSet', name: 'web-abc' })!
    expect(rs.metadata.ownerReferences).toEqual([])
    expect(store.list({ kind: 'Pod' })).toHaveLength(2)
  })

  it('keeps a dependent while another owner remains', () => {
    const store = fresh()
    const a = store.create(cm('a'))
    const b = store.create(cm('b'))
    store.create(owned('Secret', 'v1', 's', [a, b]))
    store.delete({ kind: 'ConfigMap', name: 'a' })
    expect(store.get({ kind: 'Secret', name: 's' })).toBeDefined()
    store.delete({ kind: 'ConfigMap', name: 'b' })
    expect(store.get({ kind: 'Secret', name: 's' })).toBeUndefined()
  })
})

describe('namespace deletion', () => {
  it('deletes everything in the namespace, then the namespace', () => {
    const store = fresh()
    store.create(ns('shop'))
    store.create(cm('x', {}, 'shop'))
    store.create({ ...deploy('web'), metadata: { name: 'web', namespace: 'shop' } })
    store.create(cm('keep'))
    const removed = store.delete({ kind: 'Namespace', name: 'shop' })
    expect(removed.map((o) => o.kind)).toEqual(['Deployment', 'ConfigMap', 'Namespace'])
    expect(store.list({ kind: 'ConfigMap' }).map((o) => o.metadata.name)).toEqual(['keep'])
  })

  it('refuses to delete default, kube-system and kube-public', () => {
    const store = fresh()
    expect(apiError(() => store.delete({ kind: 'Namespace', name: 'default' })).kubectlMessage())
      .toBe('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted')
  })
})

describe('limits and snapshots', () => {
  it('refuses past the object limit with a clear error and changes nothing', () => {
    const store = fresh({ maxObjects: 3 })
    store.create(cm('a'))
    store.create(cm('b'))
    const before = store.snapshot()
    const err = apiError(() => store.create(cm('c')))
    expect(err.reason).toBe('Forbidden')
    expect(err.message).toContain('object limit reached: this session holds at most 3 objects')
    expect(store.snapshot()).toEqual(before)
  })

  it('restores to an equal store that continues the resourceVersion sequence', () => {
    const store = fresh()
    store.create(deploy('web'))
    const state = JSON.parse(JSON.stringify(store.snapshot()))
    const copy = ObjectStore.restore(state, deps())
    expect(copy.snapshot()).toEqual(store.snapshot())
    expect(copy.create(cm('n')).metadata.resourceVersion).toBe(store.create(cm('n')).metadata.resourceVersion)
  })
})

describe('random operations', () => {
  it('leave the store unchanged whenever an operation fails', () => {
    const name = fc.constantFrom('a', 'b', 'Bad_Name', '', 'web')
    const nsName = fc.constantFrom('default', 'shop', 'nope', 'kube-system')
    const op = fc.oneof(
      fc.record({ t: fc.constant('ns' as const), ns: nsName }),
      fc.record({ t: fc.constant('create' as const), name, ns: nsName, v: fc.nat(3) }),
      fc.record({ t: fc.constant('update' as const), name, ns: nsName, v: fc.nat(3), rv: fc.option(fc.constantFrom('1', '999')) }),
      fc.record({ t: fc.constant('delete' as const), name, ns: nsName }),
      fc.record({ t: fc.constant('delns' as const), ns: nsName }),
    )
    fc.assert(fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
      const store = fresh({ maxObjects: 6 })
      for (const o of ops) {
        const before = JSON.stringify(store.snapshot())
        try {
          if (o.t === 'ns') store.create(ns(o.ns))
          else if (o.t === 'create') store.create(cm(o.name, { v: String(o.v) }, o.ns))
          else if (o.t === 'update') store.update({ ...cm(o.name, { v: String(o.v) }, o.ns), metadata: { name: o.name, namespace: o.ns, ...(o.rv ? { resourceVersion: o.rv } : {}) } })
          else if (o.t === 'delete') store.delete({ kind: 'ConfigMap', name: o.name, namespace: o.ns })
          else store.delete({ kind: 'Namespace', name: o.ns })
        } catch (err) {
          if (!(err instanceof ApiError)) throw err
          expect(JSON.stringify(store.snapshot())).toBe(before)
        }
        expect(store.size()).toBeLessThanOrEqual(6)
      }
    }), { numRuns: 300 })
  })
})

describe('list index', () => {
  const kinds = [
    { kind: 'Namespace', apiVersion: 'v1' },
    { kind: 'ConfigMap', apiVersion: 'v1' },
    { kind: 'Deployment', apiVersion: 'apps/v1' },
    { kind: 'ReplicaSet', apiVersion: 'apps/v1' },
    { kind: 'Pod', apiVersion: 'v1' },
    { kind: 'Node', apiVersion: 'v1' },
  ]
  const namespaces = ['default', 'a', 'b']
  const names = ['x', 'y', 'z']
  const policies = ['Background', 'Foreground', 'Orphan'] as const

  type Op =
    | { op: 'ns'; name: string }
    | { op: 'create'; kind: number; name: string; namespace: string; owner: number }
    | { op: 'update'; kind: number; name: string; namespace: string; v: number }
    | { op: 'delete'; kind: number; name: string; namespace: string; policy: number }

  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ op: fc.constant('ns' as const), name: fc.constantFrom('a', 'b') }),
    fc.record({ op: fc.constant('create' as const), kind: fc.nat(kinds.length - 1), name: fc.constantFrom(...names), namespace: fc.constantFrom(...namespaces), owner: fc.nat(20) }),
    fc.record({ op: fc.constant('update' as const), kind: fc.nat(kinds.length - 1), name: fc.constantFrom(...names), namespace: fc.constantFrom(...namespaces), v: fc.nat(3) }),
    fc.record({ op: fc.constant('delete' as const), kind: fc.nat(kinds.length - 1), name: fc.constantFrom(...names), namespace: fc.constantFrom(...namespaces), policy: fc.nat(2) }),
  )

  function apply(store: ObjectStore, o: Op): void {
    try {
      if (o.op === 'ns') { store.create(ns(o.name)); return }
      const k = kinds[o.kind]
      const ref = { ...k, name: o.name, namespace: o.namespace }
      if (o.op === 'create') {
        const all = store.snapshot().objects
        const owner = o.owner < all.length ? [all[o.owner]] : []
        store.create({ ...owned(k.kind, k.apiVersion, o.name, owner), metadata: { ...owned(k.kind, k.apiVersion, o.name, owner).metadata, namespace: o.namespace, labels: { v: '0' } } })
      } else if (o.op === 'update') {
        store.mutate(ref, (d) => { d.metadata.labels = { v: String(o.v) } })
      } else {
        store.delete(ref, { propagationPolicy: policies[o.policy] })
      }
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
    }
  }

  function expectConsistent(store: ObjectStore): void {
    const scan = store.snapshot().objects
    for (const k of kinds) {
      const want = scan.filter((o) => o.kind === k.kind)
      expect(store.list({ kind: k.kind })).toEqual(want)
      for (const n of namespaces) {
        const inNs = k.kind === 'Namespace' || k.kind === 'Node' ? want : want.filter((o) => o.metadata.namespace === n)
        expect(store.list({ kind: k.kind, namespace: n })).toEqual(inNs)
        expect(store.list({ kind: k.kind, namespace: n, labelSelector: 'v=1' })).toEqual(inNs.filter((o) => o.metadata.labels?.v === '1'))
      }
    }
  }

  it('matches a full scan after creates, updates, deletes, cascades and namespace deletion', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const store = fresh()
        for (const o of ops) {
          apply(store, o)
          expectConsistent(store)
        }
        expectConsistent(ObjectStore.restore(store.snapshot(), deps()))
      }),
      { numRuns: 200 },
    )
  })
})

describe('Secret stringData (merged into data on write)', () => {
  const secret = (extra: Record<string, unknown>): ObjectInput => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', ...extra })

  it('base64-encodes stringData into data on create, stringData winning, and drops it', () => {
    const store = fresh()
    const s = store.create(secret({ data: { keep: 'a2VlcA==', user: 'b2xk' }, stringData: { user: 'admin', pass: 'caf\u00e9' } }))
    expect(s.data).toEqual({ keep: 'a2VlcA==', user: 'YWRtaW4=', pass: 'Y2Fmw6k=' })
    expect(s).not.toHaveProperty('stringData')
    expect(s.metadata).not.toHaveProperty('generation')
  })

  it('merges on update and on mutate too', () => {
    const store = fresh()
    const first = store.create(secret({ stringData: { a: '1' } }))
    const updated = store.update({ ...first, stringData: { b: '2' } })
    expect(updated.data).toEqual({ a: 'MQ==', b: 'Mg==' })
    expect(updated).not.toHaveProperty('stringData')
    const mutated = store.mutate({ kind: 'Secret', name: 's' }, (o) => { o.stringData = { a: 'x' } })
    expect(mutated.data).toEqual({ a: 'eA==', b: 'Mg==' })
  })

  it('defaults an absent type to Opaque, and keeps the stored type on an update without one', () => {
    const store = fresh()
    expect(store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'plain' }, data: {} }).type).toBe('Opaque')
    const tls = store.create(secret({ type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'c', 'tls.key': 'k' } }))
    const { type: _t, ...untyped } = tls
    expect(store.update({ ...untyped, data: { ...(tls.data as object), extra: 'eA==' } }).type).toBe('kubernetes.io/tls')
  })

  it('changes nothing when stringData repeats what data holds', () => {
    const store = fresh()
    const first = store.create(secret({ stringData: { a: '1' } }))
    expect(store.update({ ...first, stringData: { a: '1' } })).toBe(first)
  })
})
