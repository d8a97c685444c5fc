// Istio's documented rules, each checked on a compiled Bookinfo mesh built with real commands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SimSession } from '../../sim/session'
import { apply, bookinfoSession, configOf, remove, run, sample, vhost } from './mesh-fixture.test-util'
import type { ForwardAction, ProxyConfig } from './types'

const REVIEWS = 'reviews.default.svc.cluster.local'
const RATINGS = 'ratings.default.svc.cluster.local'

let s: SimSession
beforeAll(async () => {
  s = await bookinfoSession()
  await run(s, 'kubectl create namespace other\nkubectl label namespace other istio-injection=enabled')
  await apply(s, sample('networking/destination-rule-all.yaml'))
}, 30_000)
afterAll(() => s.dispose())

function forward(action: unknown): ForwardAction {
  const a = action as ForwardAction
  if (a.kind !== 'forward') throw new Error(`not a forward action: ${a.kind}`)
  return a
}

function firstCluster(cfg: ProxyConfig, host: string): string {
  return forward(vhost(cfg, '9080', `${host}:9080`).routes[0]!.action).clusters[0]!.cluster
}

const vs = (name: string, body: string, ns = 'default') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${body}`

describe('VirtualService rules', () => {
  it('expands a short host in the VirtualService namespace: "ratings" in namespace other is not ratings.default', async () => {
    const own = vs('ratings-other', '  hosts: [ratings]\n  http:\n  - route:\n    - destination: {host: ratings, subset: v2}\n', 'other')
    await apply(s, own)
    expect(firstCluster(configOf(s, 'productpage'), RATINGS)).toBe(`outbound|9080||${RATINGS}`)
    await remove(s, own)
  })

  it('exportTo "." hides a VirtualService from other namespaces but not its own', async () => {
    const hidden = vs('ratings-private', `  hosts: [${RATINGS}]\n  exportTo: ["."]\n  http:\n  - route:\n    - destination: {host: ${RATINGS}, subset: v1}\n`, 'other')
    await apply(s, hidden)
    expect(firstCluster(configOf(s, 'productpage'), RATINGS)).toBe(`outbound|9080||${RATINGS}`)
    await apply(s, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: client\n  namespace: other\n  labels: {app: client}\nspec:\n  containers:\n  - name: curl\n    image: curlimages/curl\n')
    await run(s, 'kubectl wait --for=condition=Ready pod/client -n other --timeout=60s')
    expect(firstCluster(configOf(s, 'client', 'other'), RATINGS)).toBe(`outbound|9080|v1|${RATINGS}`)
    await remove(s, hidden)
  })

  it('a Service annotated networking.istio.io/exportTo "." is invisible to other namespaces', async () => {
    await apply(s, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: secret-svc\n  namespace: other\n  annotations: {networking.istio.io/exportTo: "."}\nspec:\n  selector: {app: client}\n  ports:\n  - {name: http, port: 7070}\n')
    expect(configOf(s, 'productpage').clusters.has('outbound|7070||secret-svc.other.svc.cluster.local')).toBe(false)
    expect(configOf(s, 'client', 'other').clusters.has('outbound|7070||secret-svc.other.svc.cluster.local')).toBe(true)
  })

  it('a wildcard VirtualService host covers ServiceEntry hosts under it; an exact host beats it', async () => {
    await apply(s, 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: example}\nspec:\n  hosts: [api.example.com, www.example.com]\n  ports: [{number: 80, name: http, protocol: HTTP}]\n  resolution: DNS\n')
    const wild = vs('example-wild', '  hosts: ["*.example.com"]\n  http:\n  - timeout: 3s\n    route:\n    - destination: {host: api.example.com}\n')
    const exact = vs('example-www', '  hosts: [www.example.com]\n  http:\n  - timeout: 1s\n    route:\n    - destination: {host: www.example.com}\n')
    await apply(s, wild)
    await apply(s, exact)
    const cfg = configOf(s, 'productpage')
    expect(vhost(cfg, '80', 'api.example.com:80').routes[0]!.origin?.virtualService.name).toBe('example-wild')
    expect(vhost(cfg, '80', 'www.example.com:80').routes[0]!.origin?.virtualService.name).toBe('example-www')
    await remove(s, wild)
    await remove(s, exact)
  })

  it('a VirtualService host outside the registry gets a virtual host on port 80 only', async () => {
    const google = vs('google', '  hosts: [www.google.com]\n  http:\n  - timeout: 2s\n    route:\n    - destination: {host: www.google.com}\n')
    await apply(s, google)
    const cfg = configOf(s, 'productpage')
    const vh = vhost(cfg, '80', 'www.google.com:80')
    expect(vh.domains).toEqual(['www.google.com'])
    expect(forward(vh.routes[0]!.action)).toMatchObject({ timeoutMs: 2000, clusters: [{ cluster: 'outbound|80||www.google.com' }] })
    expect(cfg.routes.get('9080')!.virtualHosts.some((v) => v.name.startsWith('www.google.com'))).toBe(false)
    await remove(s, google)
  })

  it('meshConfig defaultServiceExportTo ["."] hides services from other namespaces unless annotated', async () => {
    s.store.mutate({ kind: 'ConfigMap', name: 'istio', namespace: 'istio-system' }, (cm) => {
      (cm.data as Record<string, string>).mesh += '\ndefaultServiceExportTo: ["."]\n'
    })
    expect(configOf(s, 'client', 'other').clusters.has(`outbound|9080||${REVIEWS}`)).toBe(false)
    expect(configOf(s, 'productpage').clusters.has(`outbound|9080||${REVIEWS}`)).toBe(true)
    s.store.mutate({ kind: 'ConfigMap', name: 'istio', namespace: 'istio-system' }, (cm) => {
      const data = cm.data as Record<string, string>
      data.mesh = data.mesh!.replace('\ndefaultServiceExportTo: ["."]\n', '')
    })
    expect(configOf(s, 'client', 'other').clusters.has(`outbound|9080||${REVIEWS}`)).toBe(true)
  })

  it('with two VirtualServices for one host on sidecars, the older one wins', async () => {
    const first = vs('reviews-a', '  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v3}\n')
    await apply(s, first)
    s.clock.advanceBy(2000)
    const second = vs('reviews-b', '  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v2}\n')
    await apply(s, second)
    expect(firstCluster(configOf(s, 'productpage'), REVIEWS)).toBe(`outbound|9080|v3|${REVIEWS}`)
    await remove(s, first)
    expect(firstCluster(configOf(s, 'productpage'), REVIEWS)).toBe(`outbound|9080|v2|${REVIEWS}`)
    await remove(s, second)
  })

  it('match blocks: AND within a block, one route per block (OR) in order; sourceLabels and gateways drop blocks at compile time', async () => {
    const rule = vs('ratings-match', `  hosts: [ratings]
  http:
  - name: tests
    match:
    - name: jason-get
      headers: {end-user: {exact: jason}}
      method: {exact: GET}
    - uri: {prefix: /test}
    - sourceLabels: {app: details}
    - gateways: [bookinfo-gateway]
    route:
    - destination: {host: ratings, subset: v2}
  - route:
    - destination: {host: ratings, subset: v1}
`)
    await apply(s, rule)
    const routes = vhost(configOf(s, 'productpage'), '9080', `${RATINGS}:9080`).routes
    expect(routes.map((r) => r.name ?? '')).toEqual(['tests.jason-get', 'tests', ''])
    expect(routes[0]!.match).toMatchObject({ headers: [{ name: 'end-user' }], method: { kind: 'exact', value: 'GET' } })
    expect(routes[1]!.match.path).toEqual({ kind: 'prefix', value: '/test' })
    expect(routes.map((r) => r.origin?.matchIndex)).toEqual([0, 1, undefined])
    expect(vhost(configOf(s, 'details'), '9080', `${RATINGS}:9080`).routes).toHaveLength(4)
    await remove(s, rule)
  })

  it('fault, timeout, retries, mirror, rewrite, headers and redirect carry over', async () => {
    const rule = vs('details-all', `  hosts: [details]
  http:
  - match: [{uri: {exact: /old}}]
    redirect: {uri: /new, authority: example.com}
  - fault:
      delay: {fixedDelay: 7s, percentage: {value: 50}}
      abort: {httpStatus: 500, percentage: {value: 10}}
    timeout: 0.5s
    retries: {attempts: 3, perTryTimeout: 2s, retryOn: "gateway-error,connect-failure,503"}
    mirror: {host: details, subset: v2}
    mirrorPercentage: {value: 25}
    rewrite: {uri: /v1}
    headers:
      request: {set: {x-test: "1"}}
    route:
    - destination: {host: details, subset: v1}
`)
    await apply(s, rule)
    const [redirect, main] = vhost(configOf(s, 'productpage'), '9080', 'details.default.svc.cluster.local:9080').routes
    expect(redirect!.action).toEqual({ kind: 'redirect', redirect: { uri: '/new', authority: 'example.com', responseCode: 301 } })
    expect(main!.fault).toEqual({ delay: { fixedDelayMs: 7000, percentage: 50 }, abort: { httpStatus: 500, percentage: 10 } })
    const action = forward(main!.action)
    expect(action.timeoutMs).toBe(500)
    expect(action.retryPolicy).toMatchObject({ numRetries: 3, perTryTimeoutMs: 2000, retryOn: ['gateway-error', 'connect-failure', 'retriable-status-codes'], retriableStatusCodes: [503] })
    expect(action.mirrors).toEqual([{ cluster: 'outbound|9080|v2|details.default.svc.cluster.local', host: 'details.default.svc.cluster.local', port: 9080, subset: 'v2', percentage: 25 }])
    expect(action.rewrite).toEqual({ uri: '/v1' })
    expect(main!.headers).toEqual({ request: { set: { 'x-test': '1' } } })
    await remove(s, rule)
  })
})

describe('DestinationRules', () => {
  const dr = (name: string, ns: string, body: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${body}`

  it('subset policy overrides the top level; portLevelSettings override their level', async () => {
    const rule = dr('reviews', 'default', `  host: reviews
  trafficPolicy:
    loadBalancer: {simple: RANDOM}
    connectionPool:
      tcp: {maxConnections: 100}
    portLevelSettings:
    - port: {number: 9080}
      outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 3m, maxEjectionPercent: 100}
  subsets:
  - name: v1
    labels: {version: v1}
    trafficPolicy:
      connectionPool:
        http: {http1MaxPendingRequests: 1}
  - name: v2
    labels: {version: v2}
`)
    await apply(s, rule)
    const cfg = configOf(s, 'productpage')
    const base = cfg.clusters.get(`outbound|9080||${REVIEWS}`)!.trafficPolicy
    expect(base.loadBalancer).toEqual({ kind: 'simple', simple: 'RANDOM' })
    expect(base.connectionPool.maxConnections).toBe(100)
    expect(base.outlierDetection).toMatchObject({ consecutive5xxErrors: 1, intervalMs: 1000, baseEjectionTimeMs: 180_000, maxEjectionPercent: 100 })
    const v1 = cfg.clusters.get(`outbound|9080|v1|${REVIEWS}`)!.trafficPolicy
    expect(v1.connectionPool).toEqual({ connectTimeoutMs: 10_000, http1MaxPendingRequests: 1 })
    expect(v1.loadBalancer).toEqual({ kind: 'simple', simple: 'RANDOM' })
    expect(cfg.clusters.get(`outbound|9080|v2|${REVIEWS}`)!.trafficPolicy.connectionPool.maxConnections).toBe(100)
    await apply(s, sample('networking/destination-rule-all.yaml'))
  })

  it('lookup order: client namespace, then service namespace, then root; workload selector first', async () => {
    const clientNs = dr('ratings-from-other', 'other', `  host: ${RATINGS}\n  trafficPolicy:\n    loadBalancer: {simple: ROUND_ROBIN}\n`)
    const scoped = dr('ratings-for-client', 'other', `  host: ${RATINGS}\n  workloadSelector: {matchLabels: {app: client}}\n  trafficPolicy:\n    tls: {mode: DISABLE}\n`)
    const root = dr('ratings-root', 'istio-system', `  host: ${RATINGS}\n  trafficPolicy:\n    loadBalancer: {simple: RANDOM}\n`)
    await apply(s, root)
    await apply(s, clientNs)
    const fromDefault = configOf(s, 'productpage').clusters.get(`outbound|9080||${RATINGS}`)!
    expect(fromDefault.destinationRule?.name).toBe('ratings')
    await apply(s, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: client2\n  namespace: other\n  labels: {app: client2}\nspec:\n  containers:\n  - name: curl\n    image: curlimages/curl\n')
    await run(s, 'kubectl wait --for=condition=Ready pod/client2 -n other --timeout=60s')
    expect(configOf(s, 'client2', 'other').clusters.get(`outbound|9080||${RATINGS}`)!.destinationRule?.name).toBe('ratings-from-other')
    await apply(s, scoped)
    const client = configOf(s, 'client', 'other').clusters.get(`outbound|9080||${RATINGS}`)!
    expect(client.destinationRule?.name).toBe('ratings-for-client')
    expect(client.trafficPolicy.tls).toEqual({ mode: 'DISABLE' })
    expect(client.autoMtls).toBe(false)
    await remove(s, scoped)
    await remove(s, clientNs)
    await run(s, 'kubectl delete destinationrule ratings -n default')
    expect(configOf(s, 'productpage').clusters.get(`outbound|9080||${RATINGS}`)!.destinationRule?.name).toBe('ratings-root')
    await remove(s, root)
    await apply(s, sample('networking/destination-rule-all.yaml'))
  })
})

describe('outbound traffic policy, ServiceEntry and Sidecar', () => {
  it('REGISTRY_ONLY turns the catch-alls into BlackHoleCluster and a 502 block_all virtual host', async () => {
    const before = configOf(s, 'productpage')
    expect(before.routes.get('9080')!.virtualHosts.at(-1)!.name).toBe('allow_any')
    s.store.mutate({ kind: 'ConfigMap', name: 'istio', namespace: 'istio-system' }, (cm) => {
      (cm.data as Record<string, string>).mesh += '\noutboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n'
    })
    const after = configOf(s, 'productpage')
    expect(after.outboundTrafficPolicy).toBe('REGISTRY_ONLY')
    expect(after.routes.get('9080')!.virtualHosts.at(-1)).toMatchObject({ name: 'block_all', routes: [{ action: { kind: 'directResponse', status: 502 } }] })
    expect(after.listeners.find((l) => l.name === 'virtualOutbound')!.filterChains[0]!.destination).toEqual({ kind: 'cluster', cluster: 'BlackHoleCluster' })
    s.store.mutate({ kind: 'ConfigMap', name: 'istio', namespace: 'istio-system' }, (cm) => {
      const data = cm.data as Record<string, string>
      data.mesh = data.mesh!.replace('\noutboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n', '')
    })
    expect(configOf(s, 'productpage').outboundTrafficPolicy).toBe('ALLOW_ANY')
  })

  it('a DNS ServiceEntry opens its host: STRICT_DNS cluster, hostname endpoint, HTTP virtual host and TLS by SNI', async () => {
    await apply(s, `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: httpbin-ext
spec:
  hosts: [httpbin.org]
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
  - {number: 80, name: http, protocol: HTTP}
  - {number: 443, name: https, protocol: TLS}
`)
    const cfg = configOf(s, 'productpage')
    expect(cfg.clusters.get('outbound|80||httpbin.org')).toMatchObject({ type: 'STRICT_DNS', location: 'MESH_EXTERNAL' })
    expect(cfg.endpoints.get('outbound|443||httpbin.org')).toEqual([expect.objectContaining({ address: 'httpbin.org', hostname: 'httpbin.org', port: 443, sidecar: false })])
    expect(vhost(cfg, '80', 'httpbin.org:80').domains).toEqual(['httpbin.org'])
    const tls = cfg.listeners.find((l) => l.name === '0.0.0.0_443')!
    expect(tls.filterChains[0]).toMatchObject({ match: { serverNames: ['httpbin.org'] }, destination: { kind: 'cluster', cluster: 'outbound|443||httpbin.org' } })
  })

  it('a headless service gets an ORIGINAL_DST cluster and, for TCP ports, one listener per pod address', async () => {
    await apply(s, 'apiVersion: v1\nkind: Service\nmetadata: {name: ratings-db}\nspec:\n  clusterIP: None\n  selector: {app: ratings}\n  ports: [{name: tcp-db, port: 5432}]\n')
    const cfg = configOf(s, 'productpage')
    const ip = configOf(s, 'ratings').proxy.ip
    expect(cfg.clusters.get('outbound|5432||ratings-db.default.svc.cluster.local')!.type).toBe('ORIGINAL_DST')
    expect(cfg.endpoints.has('outbound|5432||ratings-db.default.svc.cluster.local')).toBe(false)
    expect(cfg.listeners.find((l) => l.name === `${ip}_5432`)!.filterChains[0]!.destination).toEqual({ kind: 'cluster', cluster: 'outbound|5432||ratings-db.default.svc.cluster.local' })
  })

  it('a Sidecar egress of ./* and istio-system/* hides other namespaces and can override the outbound policy', async () => {
    const sidecar = `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: default
  namespace: other
spec:
  egress:
  - hosts: ["./*", "istio-system/*"]
  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
`
    await apply(s, sidecar)
    const cfg = configOf(s, 'client', 'other')
    expect(cfg.sidecarScope).toEqual({ kind: 'Sidecar', name: 'default', namespace: 'other' })
    expect(cfg.outboundTrafficPolicy).toBe('REGISTRY_ONLY')
    expect(cfg.clusters.has(`outbound|9080||${REVIEWS}`)).toBe(false)
    expect(cfg.clusters.has('outbound|15010||istiod.istio-system.svc.cluster.local')).toBe(true)
    expect(configOf(s, 'productpage').clusters.has(`outbound|9080||${REVIEWS}`)).toBe(true)
    await remove(s, sidecar)
  })

  it('a workload-selected Sidecar applies to its workload only; the others in the namespace use the root namespace default', async () => {
    const root = 'apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: default, namespace: istio-system}\nspec:\n  egress:\n  - hosts: ["*/*"]\n'
    const scoped = 'apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: default, namespace: other}\nspec:\n  workloadSelector: {labels: {app: client}}\n  egress:\n  - hosts: ["./*"]\n'
    await apply(s, root)
    await apply(s, scoped)
    expect(configOf(s, 'client', 'other')).toMatchObject({ sidecarScope: { name: 'default', namespace: 'other' } })
    expect(configOf(s, 'client', 'other').clusters.has(`outbound|9080||${REVIEWS}`)).toBe(false)
    expect(configOf(s, 'client2', 'other')).toMatchObject({ sidecarScope: { name: 'default', namespace: 'istio-system' } })
    expect(configOf(s, 'client2', 'other').clusters.has(`outbound|9080||${REVIEWS}`)).toBe(true)
    await remove(s, scoped)
    await remove(s, root)
  })
})

describe('gateways', () => {
  it('binds only VirtualServices naming the Gateway, honours server host namespaces, merges per host and redirects to https', async () => {
    await apply(s, `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: web
  namespace: default
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["default/*.example.com"]
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["secure.example.com"]
    tls: {mode: SIMPLE, credentialName: secure-cert}
`)
    await apply(s, vs('web-a', '  hosts: [a.example.com]\n  gateways: [web]\n  http:\n  - match: [{uri: {prefix: /a}}]\n    route:\n    - destination: {host: reviews}\n'))
    s.clock.advanceBy(1500)
    await apply(s, vs('web-b', '  hosts: [a.example.com]\n  gateways: [default/web]\n  http:\n  - route:\n    - destination: {host: ratings}\n'))
    await apply(s, vs('web-other', '  hosts: [b.example.com]\n  gateways: [default/web]\n  http:\n  - route:\n    - destination: {host: ratings.default.svc.cluster.local}\n', 'other'))
    await apply(s, vs('web-secure', '  hosts: [secure.example.com]\n  gateways: [default/web]\n  http:\n  - route:\n    - destination: {host: productpage}\n'))
    const gw = configOf(s, 'istio-ingressgateway', 'istio-system')
    const http = gw.routes.get('http.8080')!.virtualHosts
    // b.example.com's VirtualService lives in `other`, which the server's "default/" host prefix excludes.
    expect(http.map((v) => v.name)).toEqual(['a.example.com:80', 'secure.example.com:80'])
    expect(http[0]!.domains).toEqual(['a.example.com', 'a.example.com:*'])
    expect(http[0]!.routes.map((r) => r.origin?.virtualService.name)).toEqual(['web-a', 'web-b'])
    const https = gw.routes.get('https.443.https.web.default')!
    expect(https.virtualHosts.map((v) => v.name)).toEqual(['secure.example.com:443'])
    const l8443 = gw.listeners.find((l) => l.port === 8443)!
    expect(l8443.filterChains[0]).toMatchObject({ match: { serverNames: ['secure.example.com'] }, tls: { mode: 'SIMPLE', credentialName: 'secure-cert' } })
    await apply(s, `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: web
  namespace: default
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*.example.com"]
    tls: {httpsRedirect: true}
`)
    const redirected = configOf(s, 'istio-ingressgateway', 'istio-system').routes.get('http.8080')!.virtualHosts
    expect(redirected.map((v) => v.name).sort()).toEqual(['a.example.com:80', 'b.example.com:80', 'secure.example.com:80'])
    expect(redirected[0]!.routes[0]!.action).toEqual({ kind: 'redirect', redirect: { scheme: 'https', responseCode: 301 } })
  })

  it('a Gateway server with no bound VirtualService answers from the blackhole virtual host', async () => {
    await apply(s, 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: empty\n  namespace: istio-system\nspec:\n  selector: {istio: egressgateway}\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: ["*"]\n')
    const egress = configOf(s, 'istio-egressgateway', 'istio-system')
    expect(egress.routes.get('http.8080')!.virtualHosts).toEqual([{ name: 'blackhole:80', domains: ['*'], routes: [] }])
  })
})

describe('TCP traffic shifting (Istio "TCP Traffic Shifting" task)', () => {
  it('splits tcp-echo 80/20 on the ingress gateway port 31400 and on sidecars', async () => {
    await apply(s, `apiVersion: v1
kind: Service
metadata: {name: tcp-echo, labels: {app: tcp-echo}}
spec:
  selector: {app: tcp-echo}
  ports: [{name: tcp, port: 9000}]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: tcp-echo-gateway}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 31400, name: tcp, protocol: TCP}
    hosts: ["*"]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: tcp-echo-destination}
spec:
  host: tcp-echo
  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: tcp-echo}
spec:
  hosts: ["*"]
  gateways: [tcp-echo-gateway]
  tcp:
  - match: [{port: 31400}]
    route:
    - destination: {host: tcp-echo, port: {number: 9000}, subset: v1}
      weight: 80
    - destination: {host: tcp-echo, port: {number: 9000}, subset: v2}
      weight: 20
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: tcp-echo-mesh}
spec:
  hosts: [tcp-echo]
  tcp:
  - route:
    - destination: {host: tcp-echo, subset: v2}
`)
    const gw = configOf(s, 'istio-ingressgateway', 'istio-system').listeners.find((l) => l.port === 31400)!
    const dest = gw.filterChains[0]!.destination
    expect(dest.kind === 'weightedClusters' && dest.clusters.map((c) => [c.cluster, c.weight])).toEqual([
      ['outbound|9000|v1|tcp-echo.default.svc.cluster.local', 80], ['outbound|9000|v2|tcp-echo.default.svc.cluster.local', 20],
    ])
    const ip = (s.store.get({ kind: 'Service', name: 'tcp-echo', namespace: 'default' })!.spec as { clusterIP: string }).clusterIP
    const sidecar = configOf(s, 'productpage').listeners.find((l) => l.name === `${ip}_9000`)!
    expect(sidecar.filterChains[0]!.destination).toEqual({ kind: 'cluster', cluster: 'outbound|9000|v2|tcp-echo.default.svc.cluster.local' })
  })
})

describe('egress gateway for TLS (Istio "Egress Gateways" task)', () => {
  it('routes the sidecar by SNI to the egress gateway, and the gateway on to the external host', async () => {
    await apply(s, `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: cnn}
spec:
  hosts: [edition.cnn.com]
  ports: [{number: 443, name: tls, protocol: TLS}]
  resolution: DNS
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: istio-egressgateway}
spec:
  selector: {istio: egressgateway}
  servers:
  - port: {number: 443, name: tls, protocol: TLS}
    hosts: [edition.cnn.com]
    tls: {mode: PASSTHROUGH}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: direct-cnn-through-egress-gateway}
spec:
  hosts: [edition.cnn.com]
  gateways: [mesh, istio-egressgateway]
  tls:
  - match: [{gateways: [mesh], port: 443, sniHosts: [edition.cnn.com]}]
    route: [{destination: {host: istio-egressgateway.istio-system.svc.cluster.local, port: {number: 443}}}]
  - match: [{gateways: [istio-egressgateway], port: 443, sniHosts: [edition.cnn.com]}]
    route: [{destination: {host: edition.cnn.com, port: {number: 443}}, weight: 100}]
`)
    const sidecar = configOf(s, 'productpage').listeners.find((l) => l.name === '0.0.0.0_443')!
    expect(sidecar.filterChains.find((c) => c.match.serverNames?.includes('edition.cnn.com'))!.destination).toEqual({ kind: 'cluster', cluster: 'outbound|443||istio-egressgateway.istio-system.svc.cluster.local' })
    expect(sidecar.filterChains.at(-1)!.match).toEqual({})
    const egress = configOf(s, 'istio-egressgateway', 'istio-system').listeners.find((l) => l.port === 8443)!
    expect(egress.filterChains).toEqual([{ match: { serverNames: ['edition.cnn.com'] }, destination: { kind: 'cluster', cluster: 'outbound|443||edition.cnn.com' }, tls: { mode: 'PASSTHROUGH' } }])
  })
})
