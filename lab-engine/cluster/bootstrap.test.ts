// Tests for the fresh kind-like cluster.
import { describe, expect, it } from 'vitest'
import { Clock } from '../core/clock'
import { Rng } from '../core/rng'
import { createKindCluster, KIND_NODE_NAME } from './bootstrap'

const boot = (seed = 1) => createKindCluster({ clock: Clock.virtual(), rng: Rng.seeded(seed) })
const names = (objs: { metadata: { name: string } }[]) => objs.map((o) => o.metadata.name)

describe('createKindCluster', () => {
  it('has one Ready control-plane node', () => {
    const nodes = boot().list({ kind: 'Node' })
    expect(names(nodes)).toEqual([KIND_NODE_NAME])
    const ready = (nodes[0]!.status as { conditions: { type: string; status: string }[] }).conditions.find((c) => c.type === 'Ready')
    expect(ready?.status).toBe('True')
  })

  it('has the namespaces of a fresh kind cluster', () => {
    expect(names(boot().list({ kind: 'Namespace' }))).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage'])
  })

  it('runs the kube-system pods, named as kind names them', () => {
    const pods = names(boot().list({ kind: 'Pod', namespace: 'kube-system' }))
    expect(pods).toHaveLength(8)
    expect(pods.filter((n) => /^coredns-674b8bbfcf-[a-z0-9]{5}$/.test(n))).toHaveLength(2)
    for (const fixed of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) expect(pods).toContain(`${fixed}-${KIND_NODE_NAME}`)
    expect(pods.some((n) => /^kindnet-[a-z0-9]{5}$/.test(n))).toBe(true)
    expect(pods.some((n) => /^kube-proxy-[a-z0-9]{5}$/.test(n))).toBe(true)
    const all = boot().list({ kind: 'Pod' })
    expect(all.every((p) => (p.status as { phase: string }).phase === 'Running')).toBe(true)
  })

  it('runs local-path-provisioner in local-path-storage', () => {
    expect(names(boot().list({ kind: 'Pod', namespace: 'local-path-storage' }))[0]).toMatch(/^local-path-provisioner-7dc846544d-[a-z0-9]{5}$/)
  })

  it('has the kubernetes Service at 10.96.0.1', () => {
    const svc = boot().get({ kind: 'Service', name: 'kubernetes', namespace: 'default' })!
    expect(svc.spec).toMatchObject({ type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ port: 443, targetPort: 6443 }] })
  })

  it('selects coredns pods with the kube-dns selector and owns them through a ReplicaSet', () => {
    const store = boot()
    const dns = store.list({ kind: 'Pod', namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' })
    expect(dns).toHaveLength(2)
    store.delete({ kind: 'Deployment', name: 'coredns', namespace: 'kube-system' })
    expect(store.list({ kind: 'Pod', namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' })).toHaveLength(0)
  })

  it('is the same for the same seed', () => {
    expect(boot(7).snapshot()).toEqual(boot(7).snapshot())
    expect(names(boot(7).list({ kind: 'Pod' }))).not.toEqual(names(boot(8).list({ kind: 'Pod' })))
  })
})
