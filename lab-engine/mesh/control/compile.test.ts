import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SimSession } from '../../sim/session'
import { compileMesh } from './compile'
import { apply, bookinfoSession, configOf, podOf, remove, sample, vhost } from './mesh-fixture.test-util'
import type { ForwardAction } from './types'

const REVIEWS = 'reviews.default.svc.cluster.local'

let s: SimSession
beforeAll(async () => {
  s = await bookinfoSession()
  await apply(s, sample('networking/destination-rule-all.yaml'))
}, 30_000)
afterAll(() => s.dispose())

function forward(action: unknown): ForwardAction {
  const a = action as ForwardAction
  if (a.kind !== 'forward') throw new Error(`not a forward action: ${a.kind}`)
  return a
}

describe('compileMesh: Bookinfo sidecars', () => {
  it('gives every proxy (4 workloads x versions, 2 gateways) and no config for pods without istio-proxy', () => {
    const snap = compileMesh(s.store)
    expect(snap.proxies().filter((p) => p.kind === 'sidecar').map((p) => p.labels.app).sort()).toEqual(['details', 'productpage', 'ratings', 'reviews', 'reviews', 'reviews'])
    expect(snap.proxies().filter((p) => p.kind === 'gateway')).toHaveLength(2)
    const coredns = s.store.list({ kind: 'Pod', namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' })[0]!
    expect(snap.forPod('kube-system', coredns.metadata.name)).toBeUndefined()
  })

  it('keeps the snapshot across unrelated writes and recompiles after a mesh change (including a delete)', async () => {
    const a = compileMesh(s.store)
    expect(compileMesh(s.store)).toBe(a)
    expect(a.forPod('default', podOf(s, 'productpage'))).toBe(a.forPod('default', podOf(s, 'productpage')))
    await apply(s, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: touch\ndata:\n  a: "1"\n')
    expect(compileMesh(s.store)).toBe(a)
    const extra = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: touch\nspec:\n  hosts: [details]\n  http:\n  - route:\n    - destination: {host: details}\n'
    await apply(s, extra)
    const b = compileMesh(s.store)
    expect(b).not.toBe(a)
    await remove(s, extra)
    expect(compileMesh(s.store)).not.toBe(b)
  })

  it('routes a service without VirtualService to its whole cluster with Istio default retries', () => {
    const cfg = configOf(s, 'productpage')
    const vh = vhost(cfg, '9080', `${REVIEWS}:9080`)
    expect(vh.domains).toEqual([REVIEWS, 'reviews', 'reviews.default.svc', 'reviews.default', expect.stringMatching(/^10\./)])
    const action = forward(vh.routes[0]!.action)
    expect(action.clusters).toEqual([{ cluster: `outbound|9080||${REVIEWS}`, weight: 100, host: REVIEWS, port: 9080 }])
    expect(action.retryPolicy).toMatchObject({ numRetries: 2, retriableStatusCodes: [503] })
    expect(action.timeoutMs).toBe(0)
  })

  it('builds one cluster per DestinationRule subset whose endpoints are the pods with its labels', () => {
    const cfg = configOf(s, 'productpage')
    const v2 = cfg.endpoints.get(`outbound|9080|v2|${REVIEWS}`)!
    expect(v2.map((e) => e.pod?.name)).toEqual([podOf(s, 'reviews', 'default', 'v2')])
    expect(cfg.endpoints.get(`outbound|9080||${REVIEWS}`)).toHaveLength(3)
    expect(cfg.clusters.get(`outbound|9080|v3|${REVIEWS}`)?.destinationRule).toEqual({ kind: 'DestinationRule', name: 'reviews', namespace: 'default' })
    expect(v2[0]).toMatchObject({ port: 9080, health: 'HEALTHY', sidecar: true })
  })

  it('auto mTLS: clusters without a DestinationRule tls setting pick mTLS per endpoint', () => {
    const cfg = configOf(s, 'productpage')
    expect(cfg.clusters.get(`outbound|9080||${REVIEWS}`)).toMatchObject({ autoMtls: true, sidecarEndpoints: 'all' })
    expect(cfg.clusters.get('outbound|443||kubernetes.default.svc.cluster.local')!.sidecarEndpoints).toBe('none')
    expect(cfg.endpoints.get('outbound|443||kubernetes.default.svc.cluster.local')![0]!.sidecar).toBe(false)
  })

  it('Bookinfo jason rule: header match first (v2), catch-all second (v1), with their origin', async () => {
    await apply(s, sample('networking/virtual-service-reviews-test-v2.yaml'))
    const routes = vhost(configOf(s, 'productpage'), '9080', `${REVIEWS}:9080`).routes
    expect(routes).toHaveLength(2)
    expect(routes[0]!.match.headers).toEqual([{ name: 'end-user', match: { kind: 'exact', value: 'jason' } }])
    expect(forward(routes[0]!.action).clusters[0]!.cluster).toBe(`outbound|9080|v2|${REVIEWS}`)
    expect(routes[1]!.match.headers).toEqual([])
    expect(forward(routes[1]!.action).clusters[0]!.cluster).toBe(`outbound|9080|v1|${REVIEWS}`)
    expect(routes.map((r) => [r.origin?.virtualService.name, r.origin?.ruleIndex])).toEqual([['reviews', 0], ['reviews', 1]])
  })

  it('traffic shifting 90/10 keeps both weighted clusters', async () => {
    await apply(s, sample('networking/virtual-service-reviews-90-10.yaml'))
    const action = forward(vhost(configOf(s, 'productpage'), '9080', `${REVIEWS}:9080`).routes[0]!.action)
    expect(action.clusters.map((c) => [c.subset, c.weight])).toEqual([['v1', 90], ['v2', 10]])
  })

  it('gateway proxies get only gateway-bound VirtualServices; sidecars only mesh ones', async () => {
    await apply(s, sample('networking/bookinfo-gateway.yaml'))
    const gw = configOf(s, 'istio-ingressgateway', 'istio-system')
    expect(gw.listeners.map((l) => l.port)).toContain(8080)
    const vhosts = gw.routes.get('http.8080')!.virtualHosts
    expect(vhosts.map((v) => v.name)).toEqual(['*:8080'])
    expect(vhosts[0]!.routes.every((r) => r.origin?.virtualService.name === 'bookinfo')).toBe(true)
    expect(forward(vhosts[0]!.routes[0]!.action).clusters[0]!.cluster).toBe('outbound|9080||productpage.default.svc.cluster.local')
    const sidecarRoutes = [...configOf(s, 'productpage').routes.values()].flatMap((r) => r.virtualHosts).flatMap((v) => v.routes)
    expect(sidecarRoutes.some((r) => r.origin?.virtualService.name === 'bookinfo')).toBe(false)
    expect(configOf(s, 'istio-egressgateway', 'istio-system').routes.has('http.8080')).toBe(false)
  })
})
