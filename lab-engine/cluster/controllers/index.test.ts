// Tests for the controllers working together on a kind-like cluster, in virtual time.
import { describe, expect, it } from 'vitest'
import { Clock } from '../../core/clock'
import { Rng } from '../../core/rng'
import { createKindCluster } from '../bootstrap'
import type { KubeObject, ObjectInput } from '../types'
import { startControllers } from './index'

const NAME_RE = /^web-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/

function cluster(seed = 1) {
  const clock = Clock.virtual()
  const rng = Rng.seeded(seed)
  const store = createKindCluster({ clock, rng })
  const controllers = startControllers({ store, clock, rng })
  return { clock, store, controllers }
}

const deployment = (replicas: number, image = 'nginx:1.25'): ObjectInput => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image, ports: [{ name: 'http', containerPort: 80 }] }] } },
  },
})
const service = (type = 'ClusterIP'): ObjectInput => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type, selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
})

type Store = ReturnType<typeof cluster>['store']
const webPods = (store: Store) => store.list({ kind: 'Pod', namespace: 'default', labelSelector: 'app=web' })
const phase = (p: KubeObject) => (p.status as { phase: string }).phase
const podIp = (p: KubeObject) => (p.status as { podIP: string }).podIP
const rsList = (store: Store) => store.list({ kind: 'ReplicaSet', namespace: 'default' })
const epIps = (store: Store) => {
  const ep = store.get({ kind: 'Endpoints', namespace: 'default', name: 'web' })
  return ((ep?.subsets ?? []) as { addresses?: { ip: string }[] }[]).flatMap((s) => (s.addresses ?? []).map((a) => a.ip))
}

describe('startControllers on a fresh kind cluster', () => {
  it('leaves the bootstrap objects alone (no duplicates, nothing pending)', () => {
    const clock = Clock.virtual()
    const rng = Rng.seeded(1)
    const store = createKindCluster({ clock, rng })
    const before = store.list({ kind: 'Pod' }).map((p) => p.metadata.name)
    startControllers({ store, clock, rng })
    clock.advanceBy(10_000)
    expect(store.list({ kind: 'Pod' }).map((p) => p.metadata.name)).toEqual(before)
    expect(store.list({ kind: 'Event' })).toEqual([])
    expect(store.list({ kind: 'ReplicaSet' }).map((r) => r.metadata.name).sort()).toEqual(['coredns-674b8bbfcf', 'local-path-provisioner-7dc846544d'])
    expect(store.get({ kind: 'Service', namespace: 'default', name: 'kubernetes' })!.spec).toMatchObject({ clusterIP: '10.96.0.1' })
    expect(clock.pending()).toBe(0)
  })
})

describe('Deployment -> ReplicaSet -> Pods -> Endpoints', () => {
  it('runs 3 named pods and lists their IPs in the endpoints', () => {
    const { store, clock } = cluster()
    store.create(service())
    store.create(deployment(3))
    expect(webPods(store)).toHaveLength(3)
    expect(webPods(store).every((p) => phase(p) === 'Pending')).toBe(true)
    clock.advanceBy(3000)
    const pods = webPods(store)
    expect(pods.map((p) => p.metadata.name).every((n) => NAME_RE.test(n))).toBe(true)
    expect(pods.every((p) => phase(p) === 'Running')).toBe(true)
    expect(epIps(store).sort()).toEqual(pods.map(podIp).sort())
    expect(new Set(pods.map(podIp)).size).toBe(3)
    const [slice] = store.list({ kind: 'EndpointSlice', namespace: 'default', labelSelector: 'kubernetes.io/service-name=web' })
    expect(slice!.metadata.name).toMatch(/^web-[a-z0-9]{5}$/)
    expect(slice).toMatchObject({ addressType: 'IPv4', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] })
    expect((slice!.endpoints as { addresses: string[]; conditions: { ready: boolean } }[]).map((e) => e.addresses[0]).sort()).toEqual(pods.map(podIp).sort())
    const [rs] = rsList(store).filter((r) => r.metadata.name.startsWith('web-'))
    expect(rs!.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '1' })
    expect(rs!.metadata.ownerReferences).toMatchObject([{ kind: 'Deployment', name: 'web', controller: true }])
    expect(pods[0]!.metadata.ownerReferences).toMatchObject([{ kind: 'ReplicaSet', name: rs!.metadata.name, controller: true }])
    const d = store.get({ kind: 'Deployment', namespace: 'default', name: 'web' })!
    expect(d.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '1' })
    expect(d.status).toMatchObject({ replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1 })
    const conds = (d.status as { conditions: { type: string; status: string; reason: string }[] }).conditions
    expect(conds.map((c) => [c.type, c.status, c.reason])).toEqual([['Available', 'True', 'MinimumReplicasAvailable'], ['Progressing', 'True', 'NewReplicaSetAvailable']])
  })

  it('lists pods that are not ready yet under notReadyAddresses', () => {
    const { store, clock } = cluster()
    store.create(service())
    store.create(deployment(1))
    clock.advanceBy(3000)
    store.mutate({ kind: 'Pod', namespace: 'default', name: webPods(store)[0]!.metadata.name }, (p) => {
      (p.status as { conditions: { type: string; status: string }[] }).conditions.find((c) => c.type === 'Ready')!.status = 'False'
    })
    const ep = store.get({ kind: 'Endpoints', namespace: 'default', name: 'web' })!
    expect(ep.subsets).toMatchObject([{ notReadyAddresses: [{ ip: podIp(webPods(store)[0]!) }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }])
  })

  it('records the controller and kubelet events', () => {
    const { store, clock } = cluster()
    store.create(deployment(3))
    clock.advanceBy(3000)
    const events = store.list({ kind: 'Event', namespace: 'default' })
    const rsName = rsList(store)[0]!.metadata.name
    expect(events.find((e) => e.reason === 'ScalingReplicaSet')!.message).toBe(`Scaled up replica set ${rsName} from 0 to 3`)
    expect(events.filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.message).sort()).toEqual(webPods(store).map((p) => `Created pod: ${p.metadata.name}`).sort())
    for (const reason of ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']) expect(events.filter((e) => e.reason === reason)).toHaveLength(3)
  })

  it('replaces a deleted pod', () => {
    const { store, clock } = cluster()
    store.create(deployment(3))
    clock.advanceBy(3000)
    const victim = webPods(store)[0]!.metadata.name
    store.delete({ kind: 'Pod', namespace: 'default', name: victim })
    expect(webPods(store)).toHaveLength(3)
    clock.advanceBy(3000)
    const names = webPods(store).map((p) => p.metadata.name)
    expect(names).not.toContain(victim)
    expect(webPods(store).every((p) => phase(p) === 'Running')).toBe(true)
  })

  it('scales down to 1 and up again', () => {
    const { store, clock } = cluster()
    store.create(service())
    store.create(deployment(3))
    clock.advanceBy(3000)
    store.mutate({ kind: 'Deployment', namespace: 'default', name: 'web' }, (d) => { (d.spec as { replicas: number }).replicas = 1 })
    expect(webPods(store)).toHaveLength(1)
    expect(epIps(store)).toEqual([podIp(webPods(store)[0]!)])
    expect(store.get({ kind: 'Deployment', namespace: 'default', name: 'web' })!.status).toMatchObject({ replicas: 1, availableReplicas: 1 })
    store.mutate({ kind: 'Deployment', namespace: 'default', name: 'web' }, (d) => { (d.spec as { replicas: number }).replicas = 4 })
    clock.advanceBy(3000)
    expect(webPods(store).filter((p) => phase(p) === 'Running')).toHaveLength(4)
    expect(rsList(store)).toHaveLength(1)
  })

  it('rolls an image change out to a new ReplicaSet, never below 3 available, and the old one ends at 0', () => {
    const { store, clock } = cluster()
    store.create(deployment(3))
    clock.advanceBy(3000)
    const [oldRs] = rsList(store)
    store.mutate({ kind: 'Deployment', namespace: 'default', name: 'web' }, (d) => {
      (d.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image = 'nginx:1.26'
    })
    let minRunning = Infinity
    let maxPods = 0
    for (let t = 0; t < 15_000; t += 100) {
      clock.advanceBy(100)
      const pods = webPods(store)
      minRunning = Math.min(minRunning, pods.filter((p) => phase(p) === 'Running').length)
      maxPods = Math.max(maxPods, pods.length)
    }
    expect(minRunning).toBeGreaterThanOrEqual(3)
    expect(maxPods).toBe(4)
    const sets = rsList(store)
    expect(sets).toHaveLength(2)
    const newRs = sets.find((r) => r.metadata.uid !== oldRs!.metadata.uid)!
    expect(newRs.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '2' })
    expect((sets.find((r) => r.metadata.uid === oldRs!.metadata.uid)!.spec as { replicas: number }).replicas).toBe(0)
    expect(webPods(store).every((p) => p.metadata.name.startsWith(newRs.metadata.name) && phase(p) === 'Running')).toBe(true)
    const d = store.get({ kind: 'Deployment', namespace: 'default', name: 'web' })!
    expect(d.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '2' })
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 })
    const scaled = store.list({ kind: 'Event', namespace: 'default' }).filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message)
    expect(scaled).toContain(`Scaled down replica set ${oldRs!.metadata.name} from 1 to 0`)
  })

  it('rolls back to the old ReplicaSet when the template returns, as revision 3', () => {
    const { store, clock } = cluster()
    store.create(deployment(2))
    clock.advanceBy(3000)
    const setImage = (image: string) => store.mutate({ kind: 'Deployment', namespace: 'default', name: 'web' }, (d) => {
      (d.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image = image
    })
    const first = rsList(store)[0]!.metadata.name
    setImage('nginx:1.26')
    clock.advanceBy(20_000)
    setImage('nginx:1.25')
    clock.advanceBy(20_000)
    expect(rsList(store)).toHaveLength(2)
    const rs = store.get({ kind: 'ReplicaSet', namespace: 'default', name: first })!
    expect(rs.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3' })
    expect((rs.spec as { replicas: number }).replicas).toBe(2)
  })

  it('Recreate: old pods all go before new ones start', () => {
    const { store, clock } = cluster()
    const d = deployment(2)
    ;(d.spec as Record<string, unknown>).strategy = { type: 'Recreate' }
    store.create(d)
    clock.advanceBy(3000)
    const [oldRs] = rsList(store)
    store.mutate({ kind: 'Deployment', namespace: 'default', name: 'web' }, (dep) => {
      (dep.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image = 'nginx:1.26'
    })
    expect(webPods(store).every((p) => !p.metadata.name.startsWith(oldRs!.metadata.name))).toBe(true)
    clock.advanceBy(3000)
    expect(webPods(store).filter((p) => phase(p) === 'Running')).toHaveLength(2)
    expect(rsList(store)).toHaveLength(2)
  })

  it('survives deleting the namespace while pods are starting', () => {
    const { store, clock } = cluster()
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } })
    store.create({ ...deployment(2), metadata: { name: 'web', namespace: 'shop' } })
    store.create({ ...service('LoadBalancer'), metadata: { name: 'web', namespace: 'shop' } })
    clock.advanceBy(500)
    store.delete({ kind: 'Namespace', name: 'shop' })
    clock.advanceBy(5000)
    expect(store.list({ kind: 'Pod', namespace: 'shop' })).toHaveLength(0)
    expect(clock.pending()).toBe(0)
  })

  it('honours maxSurge and maxUnavailable', () => {
    const { store, clock } = cluster()
    const d = deployment(4)
    ;(d.spec as Record<string, unknown>).strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 2 } }
    store.create(d)
    clock.advanceBy(3000)
    store.mutate({ kind: 'Deployment', namespace: 'default', name: 'web' }, (dep) => {
      (dep.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image = 'nginx:1.26'
    })
    let maxPods = 0
    let minRunning = Infinity
    for (let t = 0; t < 15_000; t += 50) {
      clock.advanceBy(50)
      maxPods = Math.max(maxPods, webPods(store).length)
      minRunning = Math.min(minRunning, webPods(store).filter((p) => phase(p) === 'Running').length)
    }
    expect(maxPods).toBe(4)
    expect(minRunning).toBe(2)
    expect(store.get({ kind: 'Deployment', namespace: 'default', name: 'web' })!.status).toMatchObject({ updatedReplicas: 4, availableReplicas: 4 })
  })

  it('deletes ReplicaSets and pods with their Deployment', () => {
    const { store, clock } = cluster()
    store.create(deployment(2))
    clock.advanceBy(3000)
    store.delete({ kind: 'Deployment', namespace: 'default', name: 'web' })
    clock.advanceBy(3000)
    expect(webPods(store)).toHaveLength(0)
    expect(rsList(store)).toHaveLength(0)
  })

  it('is deterministic: same seed, same names and IPs', () => {
    const run = (seed: number) => {
      const { store, clock } = cluster(seed)
      store.create(service('LoadBalancer'))
      store.create(deployment(3))
      clock.advanceBy(3000)
      const svc = store.get({ kind: 'Service', namespace: 'default', name: 'web' })!
      return { pods: webPods(store).map((p) => [p.metadata.name, podIp(p)]), spec: svc.spec }
    }
    expect(run(7)).toEqual(run(7))
    expect(run(7)).not.toEqual(run(8))
  })
})

describe('Services', () => {
  it('allocates a ClusterIP from 10.96.0.0/12, not the bootstrap ones', () => {
    const { store } = cluster()
    store.create(service())
    const spec = store.get({ kind: 'Service', namespace: 'default', name: 'web' })!.spec as { clusterIP: string; clusterIPs: string[]; ports: { targetPort: string }[] }
    expect(spec.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/)
    expect(['10.96.0.1', '10.96.0.10']).not.toContain(spec.clusterIP)
    expect(spec.clusterIPs).toEqual([spec.clusterIP])
  })

  it('gives NodePort services node ports in 30000-32767', () => {
    const { store } = cluster()
    store.create(service('NodePort'))
    const port = (store.get({ kind: 'Service', namespace: 'default', name: 'web' })!.spec as { ports: { nodePort: number }[] }).ports[0]!.nodePort
    expect(port).toBeGreaterThanOrEqual(30000)
    expect(port).toBeLessThanOrEqual(32767)
  })

  it('gives a LoadBalancer an external IP at once, and the next one the next IP', () => {
    const { store } = cluster()
    store.create(service('LoadBalancer'))
    store.create({ ...service('LoadBalancer'), metadata: { name: 'other' } })
    const ip = (name: string) => (store.get({ kind: 'Service', namespace: 'default', name })!.status as { loadBalancer: { ingress: { ip: string }[] } }).loadBalancer.ingress[0]!.ip
    expect(ip('web')).toBe('172.18.255.200')
    expect(ip('other')).toBe('172.18.255.201')
    expect((store.get({ kind: 'Service', namespace: 'default', name: 'web' })!.spec as { ports: { nodePort?: number }[] }).ports[0]!.nodePort).toBeGreaterThanOrEqual(30000)
    store.delete({ kind: 'Service', namespace: 'default', name: 'web' })
    expect(store.get({ kind: 'Endpoints', namespace: 'default', name: 'web' })).toBeUndefined()
    expect(store.list({ kind: 'EndpointSlice', namespace: 'default' }).filter((s) => s.metadata.name.startsWith('web-'))).toEqual([])
    store.create({ ...service('LoadBalancer'), metadata: { name: 'third' } })
    expect(ip('third')).toBe('172.18.255.200')
  })

  it('gives the external IP back when a LoadBalancer becomes a ClusterIP service', () => {
    const { store } = cluster()
    store.create(service('LoadBalancer'))
    store.mutate({ kind: 'Service', namespace: 'default', name: 'web' }, (s) => { (s.spec as { type: string }).type = 'ClusterIP' })
    expect(store.get({ kind: 'Service', namespace: 'default', name: 'web' })!.status).toEqual({ loadBalancer: {} })
    store.create({ ...service('LoadBalancer'), metadata: { name: 'next' } })
    expect(store.get({ kind: 'Service', namespace: 'default', name: 'next' })!.status).toMatchObject({ loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } })
  })

  it('stops when disposed', () => {
    const { store, clock, controllers } = cluster()
    controllers.dispose()
    store.create(deployment(3))
    clock.advanceBy(3000)
    expect(webPods(store)).toHaveLength(0)
    expect(clock.pending()).toBe(0)
  })
})
