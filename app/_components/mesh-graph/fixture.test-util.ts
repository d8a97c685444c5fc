// Test support: a small Bookinfo-shaped topology (reviews split 90/10, a jason header route, an ingress gateway) and edge samples.
import type { EdgeSample } from '@/lab-engine/telemetry/edge-stats'
import type { MeshTopology, RouteTable, TopologyWorkload } from '@/lab-engine/mesh/graph/types'

const PERMISSIVE = { mode: 'PERMISSIVE', source: 'default' } as const
const REVIEWS = 'reviews.default.svc.cluster.local'
const PRODUCTPAGE = 'productpage.default.svc.cluster.local'
const VS = { kind: 'VirtualService', namespace: 'default', name: 'reviews' }

function workload(ns: string, name: string, extra: Partial<TopologyWorkload> = {}): TopologyWorkload {
  const [app, version] = name.split(/-(?=v\d)/)
  return { id: `${ns}/${name}`, namespace: ns, name, kind: 'Deployment', app, ...(version ? { version } : {}), pods: 1, readyPods: 1, injected: true, gateway: false, mtls: PERMISSIVE, policies: [], services: [], ...extra }
}

export function reviewsTable(sources: string[], branches: RouteTable['branches']): RouteTable {
  return { via: 'mesh', host: `${REVIEWS}:9080`, service: REVIEWS, port: 9080, sources, branches }
}

export const SPLIT_90_10: RouteTable['branches'] = [{
  match: '', action: 'forward', virtualService: VS, destinations: [
    { host: REVIEWS, service: REVIEWS, subset: 'v1', port: 9080, percent: 90, workloads: ['default/reviews-v1'] },
    { host: REVIEWS, service: REVIEWS, subset: 'v3', port: 9080, percent: 10, workloads: ['default/reviews-v3'] },
  ],
}]

export function topology(routes: RouteTable[] = [reviewsTable(['default/productpage-v1'], SPLIT_90_10)]): MeshTopology {
  return {
    v: 1,
    truncated: false,
    namespaces: [{ name: 'default', injection: 'enabled', mtls: PERMISSIVE }, { name: 'istio-system', injection: 'unset', mtls: PERMISSIVE }],
    workloads: [
      workload('default', 'productpage-v1', { services: [PRODUCTPAGE] }),
      workload('default', 'reviews-v1', { services: [REVIEWS] }),
      workload('default', 'reviews-v2', { services: [REVIEWS] }),
      workload('default', 'reviews-v3', { services: [REVIEWS], mtls: { mode: 'STRICT', source: 'namespace' } }),
      workload('istio-system', 'istio-ingressgateway', { gateway: true }),
      workload('istio-system', 'istiod', { injected: false, services: ['istiod.istio-system.svc.cluster.local'] }),
    ],
    services: [
      { id: PRODUCTPAGE, namespace: 'default', name: 'productpage', ports: [{ port: 9080, name: 'http', protocol: 'HTTP' }], external: false, workloads: ['default/productpage-v1'], subsets: [] },
      { id: REVIEWS, namespace: 'default', name: 'reviews', ports: [{ port: 9080, name: 'http', protocol: 'HTTP' }], external: false, workloads: ['default/reviews-v1', 'default/reviews-v2', 'default/reviews-v3'], virtualService: VS, subsets: [] },
      { id: 'kubernetes.default.svc.cluster.local', namespace: 'default', name: 'kubernetes', ports: [{ port: 443, name: 'https', protocol: 'HTTPS' }], external: false, workloads: [], subsets: [] },
      { id: 'istiod.istio-system.svc.cluster.local', namespace: 'istio-system', name: 'istiod', ports: [], external: false, workloads: ['istio-system/istiod'], subsets: [] },
    ],
    routes: [
      ...routes,
      {
        via: 'gateway', host: '*:80', port: 80, sources: ['istio-system/istio-ingressgateway'], branches: [
          { match: 'uri /productpage', action: 'forward', destinations: [{ host: PRODUCTPAGE, service: PRODUCTPAGE, port: 9080, percent: 100, workloads: ['default/productpage-v1'] }] },
        ],
      },
    ],
  }
}

export function sample(from: string, to: string, requests: number, errors = 0, p99Ms = 12, mtlsRatio = 1): EdgeSample {
  return { from, to, windowStartMs: 0, windowMs: 1000, requests, errors, clientErrors: 0, p50Ms: p99Ms / 2, p99Ms, mtlsRatio }
}
