// buildMeshTopology on Bookinfo in the sim, from driver.list() results: the samples' splits, header routes and mTLS modes.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SimDriver } from '../../drivers/sim/sim-driver'
import { buildMeshTopology } from './build-topology'
import { listTopologyObjects } from './topology-objects'
import type { MeshTopology, RouteTable } from './types'

const SAMPLES = path.join(import.meta.dirname, '../../../content/samples/bookinfo')
const sample = (rel: string) => readFileSync(path.join(SAMPLES, rel), 'utf8')

const SETUP = `istioctl install --set profile=demo -y
kubectl label namespace default istio-injection=enabled
kubectl apply -f bookinfo.yaml
kubectl apply -f destination-rule-all.yaml
kubectl apply -f bookinfo-gateway.yaml
kubectl wait --for=condition=Ready pods --all --timeout=300s
kubectl wait --for=condition=Ready pods --all -n istio-system --timeout=300s`

// Istio's "Mutual TLS Migration" task: a namespace-wide STRICT policy.
const STRICT_DEFAULT = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: default, namespace: default }
spec: { mtls: { mode: STRICT } }
`

let driver: SimDriver
beforeAll(async () => {
  driver = new SimDriver()
  await driver.start({
    seed: 3, mode: 'grading', setup: SETUP,
    files: {
      'bookinfo.yaml': sample('platform/kube/bookinfo.yaml'),
      'destination-rule-all.yaml': sample('networking/destination-rule-all.yaml'),
      'bookinfo-gateway.yaml': sample('networking/bookinfo-gateway.yaml'),
    },
  })
}, 60_000)
afterAll(async () => driver?.stop())

async function topology(): Promise<MeshTopology> {
  return buildMeshTopology(await listTopologyObjects(driver))
}

/** The mesh table productpage's sidecar holds for reviews. */
function reviewsFromProductpage(t: MeshTopology): RouteTable {
  const table = t.routes.find((r) => r.via === 'mesh' && r.service === 'reviews.default.svc.cluster.local' && r.sources.includes('default/productpage-v1'))
  if (!table) throw new Error('no reviews table for productpage')
  return table
}

describe('buildMeshTopology on Bookinfo', () => {
  it('lists namespaces, versioned workloads with sidecars, and services with their subsets', async () => {
    const t = await topology()
    expect(t.namespaces.find((n) => n.name === 'default')).toMatchObject({ injection: 'enabled', mtls: { mode: 'PERMISSIVE', source: 'default' } })
    const reviews = t.workloads.filter((w) => w.app === 'reviews').map((w) => [w.id, w.version, w.injected, w.readyPods])
    expect(reviews).toEqual([['default/reviews-v1', 'v1', true, 1], ['default/reviews-v2', 'v2', true, 1], ['default/reviews-v3', 'v3', true, 1]])
    expect(t.workloads.find((w) => w.name === 'istio-ingressgateway')).toMatchObject({ namespace: 'istio-system', gateway: true, kind: 'Deployment' })
    const svc = t.services.find((s) => s.id === 'reviews.default.svc.cluster.local')!
    expect(svc).toMatchObject({ name: 'reviews', namespace: 'default', workloads: ['default/reviews-v1', 'default/reviews-v2', 'default/reviews-v3'], destinationRule: { name: 'reviews', namespace: 'default' } })
    expect(svc.subsets).toEqual([{ name: 'v1', workloads: ['default/reviews-v1'] }, { name: 'v2', workloads: ['default/reviews-v2'] }, { name: 'v3', workloads: ['default/reviews-v3'] }])
    expect(t.workloads.find((w) => w.id === 'default/reviews-v2')!.services).toEqual(['reviews.default.svc.cluster.local'])
  })

  it('without a VirtualService, one default route to the whole service', async () => {
    const table = reviewsFromProductpage(await topology())
    expect(table.branches).toEqual([expect.objectContaining({ match: '', action: 'forward', destinations: [expect.objectContaining({ percent: 100, workloads: ['default/reviews-v1', 'default/reviews-v2', 'default/reviews-v3'] })] })])
    expect(table.branches[0]!.virtualService).toBeUndefined()
  })

  it('labels the 90/10 split of virtual-service-reviews-90-10 with its subsets and workloads', async () => {
    await driver.apply(sample('networking/virtual-service-reviews-90-10.yaml'))
    const t = await topology()
    const table = reviewsFromProductpage(t)
    expect(table.sources).toEqual(expect.arrayContaining(['default/productpage-v1', 'default/reviews-v1', 'default/ratings-v1']))
    expect(table.branches).toHaveLength(1)
    expect(table.branches[0]!.destinations.map((d) => [d.subset, d.percent, d.workloads])).toEqual([['v1', 90, ['default/reviews-v1']], ['v2', 10, ['default/reviews-v2']]])
    expect(table.branches[0]!.virtualService).toEqual({ kind: 'VirtualService', namespace: 'default', name: 'reviews' })
    expect(t.services.find((s) => s.name === 'reviews')!.virtualService).toMatchObject({ name: 'reviews' })
  })

  it('gives the jason header route its own labelled branch before the default', async () => {
    await driver.apply(sample('networking/virtual-service-reviews-test-v2.yaml'))
    const table = reviewsFromProductpage(await topology())
    expect(table.branches.map((b) => [b.match, b.destinations.map((d) => `${d.subset}:${d.percent}`)])).toEqual([
      ['end-user=jason', ['v2:100']],
      ['', ['v1:100']],
    ])
  })

  it("gives the ingress gateway's routes for bookinfo-gateway's hosts", async () => {
    const t = await topology()
    const gw = t.routes.filter((r) => r.via === 'gateway' && r.sources.includes('istio-system/istio-ingressgateway'))
    const branches = gw.flatMap((r) => r.branches)
    expect(branches.map((b) => b.match)).toEqual(expect.arrayContaining(['uri /productpage', 'uri prefix /static']))
    expect(branches.every((b) => b.destinations.every((d) => d.service === 'productpage.default.svc.cluster.local'))).toBe(true)
    expect(branches[0]!.virtualService).toMatchObject({ name: 'bookinfo' })
  })

  it('resolves STRICT from a namespace-wide PeerAuthentication, and a workload policy over it', async () => {
    await driver.apply(STRICT_DEFAULT)
    await driver.apply(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: ratings-permissive, namespace: default }
spec: { selector: { matchLabels: { app: ratings } }, mtls: { mode: PERMISSIVE } }
`)
    const t = await topology()
    expect(t.namespaces.find((n) => n.name === 'default')!.mtls).toEqual({ mode: 'STRICT', source: 'namespace', policy: { kind: 'PeerAuthentication', namespace: 'default', name: 'default' } })
    expect(t.workloads.find((w) => w.id === 'default/reviews-v1')!.mtls.mode).toBe('STRICT')
    const ratings = t.workloads.find((w) => w.id === 'default/ratings-v1')!
    expect(ratings.mtls).toMatchObject({ mode: 'PERMISSIVE', source: 'workload' })
    expect(ratings.policies.map((p) => p.name)).toEqual(['default', 'ratings-permissive'])
    expect(t.workloads.find((w) => w.id === 'istio-system/istio-ingressgateway')!.mtls.mode).toBe('PERMISSIVE')
  })
})
