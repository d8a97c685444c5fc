// istioctl proxy-config and x describe pod, run as a learner types them, over the compiled Bookinfo mesh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SimSession } from '../../sim/session'
import { apply, bookinfoSession, istioctl, podOf, run, sample } from './mesh-fixture.test-util'
import { createProxyConfigSource } from './proxy-config-source'

let s: SimSession
let pp: string
beforeAll(async () => {
  s = await bookinfoSession()
  await apply(s, sample('networking/destination-rule-all.yaml'))
  await apply(s, sample('networking/virtual-service-reviews-test-v2.yaml'))
  await apply(s, sample('networking/bookinfo-gateway.yaml'))
  pp = podOf(s, 'productpage')
}, 30_000)
afterAll(() => s.dispose())

function lines(text: string): string[] {
  return text.split('\n').filter(Boolean)
}

describe('istioctl proxy-config clusters', () => {
  it('prints istioctl 1.26 columns with the subset clusters and their DestinationRule', async () => {
    const r = await istioctl(s, `proxy-config clusters ${pp} --fqdn reviews.default.svc.cluster.local`)
    expect(r.exitCode).toBe(0)
    const rows = lines(r.stdout).map((l) => l.trim().split(/\s{2,}/))
    expect(rows[0]).toEqual(['SERVICE FQDN', 'PORT', 'SUBSET', 'DIRECTION', 'TYPE', 'DESTINATION RULE'])
    expect(rows.slice(1)).toEqual(['-', 'v1', 'v2', 'v3'].map((subset) => ['reviews.default.svc.cluster.local', '9080', subset, 'outbound', 'EDS', 'reviews.default']))
  })

  it('filters by --port and --direction, and lists the inbound cluster with an empty FQDN first', async () => {
    const inbound = await istioctl(s, `pc cluster ${pp} --direction inbound`)
    expect(lines(inbound.stdout).slice(1).map((l) => l.trim().split(/\s+/))).toEqual([['9080', '-', 'inbound', 'ORIGINAL_DST']])
    const p15010 = await istioctl(s, `pc c ${pp}.default --port 15010`)
    expect(lines(p15010.stdout).slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['istiod.istio-system.svc.cluster.local'])
  })

  it('-o json prints Envoy clusters with their EDS service name and circuit breakers', async () => {
    const r = await istioctl(s, `pc clusters ${pp} --fqdn ratings --subset v1 -o json`)
    const parsed = JSON.parse(r.stdout) as { name: string; type: string; edsClusterConfig: { serviceName: string } }[]
    expect(parsed.map((c) => c.name)).toEqual(['outbound|9080|v1|ratings.default.svc.cluster.local'])
    expect(parsed[0]!.edsClusterConfig.serviceName).toBe(parsed[0]!.name)
  })

  it('-o yaml prints sorted keys with unindented sequences, as sigs.k8s.io/yaml does', async () => {
    const out = (await istioctl(s, `pc clusters ${pp} --fqdn ratings --subset v1 -o yaml`)).stdout
    expect(out.startsWith('- circuitBreakers:\n    thresholds:\n    - maxConnections: 4294967295\n')).toBe(true)
    expect(out).toContain('\n  name: outbound|9080|v1|ratings.default.svc.cluster.local\n')
  })

  it('rejects an unknown output format and a bad port like istioctl', async () => {
    expect((await istioctl(s, `pc clusters ${pp} -o table`)).stderr).toContain('output format "table" not supported')
    expect((await istioctl(s, `pc clusters ${pp} --port abc`)).exitCode).toBe(1)
  })
})

describe('istioctl proxy-config routes and listeners', () => {
  it('shows the jason rule and the catch-all as two reviews routes owned by the VirtualService', async () => {
    const r = await istioctl(s, `proxy-config routes ${pp} --name 9080`)
    const rows = lines(r.stdout)
    expect(rows[0]!.split(/\s{2,}/)).toEqual(['NAME', 'VHOST NAME', 'DOMAINS', 'MATCH', 'VIRTUAL SERVICE'])
    const reviews = rows.filter((l) => l.includes('reviews.default.svc.cluster.local:9080'))
    expect(reviews.map((l) => l.trim().split(/\s{2,}/))).toEqual([
      ['9080', 'reviews.default.svc.cluster.local:9080', 'reviews, reviews.default + 1 more...', '/*', 'reviews.default'],
      ['9080', 'reviews.default.svc.cluster.local:9080', 'reviews, reviews.default + 1 more...', '/*', 'reviews.default'],
    ])
    expect(rows.some((l) => l.includes('allow_any'))).toBe(false)
  })

  it('a gateway lists its http.8080 route from the bookinfo VirtualService and the static backend routes', async () => {
    const gw = podOf(s, 'istio-ingressgateway', 'istio-system')
    const rows = lines((await istioctl(s, `pc routes ${gw}.istio-system`)).stdout).map((l) => l.trim().split(/\s{2,}/))
    expect(rows).toContainEqual(['http.8080', '*:8080', '*', '/productpage', 'bookinfo.default'])
    expect(rows).toContainEqual(['backend', '*', '/healthz/ready*'])
  })

  it('-o json of one route configuration carries the weighted destination and the VirtualService metadata', async () => {
    const parsed = JSON.parse((await istioctl(s, `pc routes ${pp} --name 9080 -o json`)).stdout) as { virtualHosts: { name: string; routes: { match: { headers?: unknown[] }; route: { cluster: string }; metadata?: { filterMetadata: { istio: { config: string } } } }[] }[] }[]
    const vh = parsed[0]!.virtualHosts.find((v) => v.name === 'reviews.default.svc.cluster.local:9080')!
    expect(vh.routes[0]!.match.headers).toEqual([{ name: 'end-user', stringMatch: { exact: 'jason' } }])
    expect(vh.routes[0]!.route.cluster).toBe('outbound|9080|v2|reviews.default.svc.cluster.local')
    expect(vh.routes[1]!.metadata!.filterMetadata.istio.config).toBe('/apis/networking.istio.io/v1/namespaces/default/virtual-service/reviews')
  })

  it('listeners: one row per filter chain, 9080 HTTP to route 9080, 15001 to PassthroughCluster', async () => {
    const rows = lines((await istioctl(s, `pc listeners ${pp} --port 9080`)).stdout)
    expect(rows[0]!.split(/\s+/)).toEqual(['ADDRESSES', 'PORT', 'MATCH', 'DESTINATION'])
    expect(rows.slice(1).map((l) => l.split(/\s{2,}|\s(?=\S+:?\s)/)[0])).toEqual(['0.0.0.0', '0.0.0.0'])
    expect(rows[1]).toMatch(/^0\.0\.0\.0 +9080 +App: HTTP +Route: 9080$/)
    expect(rows[2]).toMatch(/^0\.0\.0\.0 +9080 +ALL +PassthroughCluster$/)
    // kube-dns names its TCP port dns-tcp: unknown protocol on a well-known port is plain TCP (no sniffing); metrics (9153) is sniffed.
    const dns = lines((await istioctl(s, `pc listeners ${pp} --port 53`)).stdout).slice(1).map((l) => l.replace(/\s+/g, ' '))
    expect(dns).toEqual(['10.96.0.10 53 ALL Cluster: outbound|53||kube-dns.kube-system.svc.cluster.local'])
    const metrics = lines((await istioctl(s, `pc listeners ${pp} --port 9153`)).stdout).slice(1).map((l) => l.replace(/\s+/g, ' '))
    expect(metrics).toEqual(['10.96.0.10 9153 App: HTTP Route: kube-dns.kube-system.svc.cluster.local:9153', '10.96.0.10 9153 ALL Cluster: outbound|9153||kube-dns.kube-system.svc.cluster.local'])
    const virtual = lines((await istioctl(s, `pc listeners ${pp} --port 15001`)).stdout)
    expect(virtual.slice(1).map((l) => l.replace(/\s+/g, ' '))).toEqual(['0.0.0.0 15001 ALL PassthroughCluster', '0.0.0.0 15001 Addr: *:15001 Non-HTTP/Non-TCP'])
  })
})

describe('istioctl proxy-config listeners -o json', () => {
  it('prints RDS for outbound HTTP and the inline route configuration for 15021', async () => {
    type L = { name: string; filterChains: { filters: { typedConfig: { rds?: { routeConfigName: string }; routeConfig?: { virtualHosts: { routes: { match: { prefix: string } }[] }[] } } }[] }[] }
    const http = JSON.parse((await istioctl(s, `pc listeners ${pp} --port 9080 --address 0.0.0.0 -o json`)).stdout) as L[]
    expect(http.map((l) => l.name)).toEqual(['0.0.0.0_9080'])
    expect(http[0]!.filterChains[0]!.filters[0]!.typedConfig.rds).toEqual({ configSource: { ads: {}, resourceApiVersion: 'V3' }, routeConfigName: '9080' })
    const health = JSON.parse((await istioctl(s, `pc listeners ${pp} --port 15021 -o json`)).stdout) as L[]
    expect(health[0]!.filterChains[0]!.filters[0]!.typedConfig.routeConfig!.virtualHosts[0]!.routes[0]!.match.prefix).toBe('/healthz/ready')
  })
})

describe('istioctl proxy-config endpoints and all', () => {
  it('lists the endpoints of one cluster, healthy, with the pod address', async () => {
    const v2 = s.store.list({ kind: 'Pod', namespace: 'default', labelSelector: 'app=reviews,version=v2' })[0]!
    const ip = (v2.status as { podIP: string }).podIP
    const r = await istioctl(s, `pc endpoints ${pp} --cluster "outbound|9080|v2|reviews.default.svc.cluster.local"`)
    expect(lines(r.stdout).map((l) => l.trim().split(/\s{2,}/))).toEqual([
      ['ENDPOINT', 'STATUS', 'OUTLIER CHECK', 'CLUSTER'],
      [`${ip}:9080`, 'HEALTHY', 'OK', 'outbound|9080|v2|reviews.default.svc.cluster.local'],
    ])
  })

  it('shows OUTLIER CHECK FAILED for hosts the data plane reports ejected', () => {
    const v2 = s.store.list({ kind: 'Pod', namespace: 'default', labelSelector: 'app=reviews,version=v2' })[0]!
    const ip = (v2.status as { podIP: string }).podIP
    const source = createProxyConfigSource(s.store, { endpointStatus: (p) => (p.pod === pp ? (_c, e) => (e.address === ip ? { ejected: true } : undefined) : undefined) })
    const out = source.proxyConfig({ kind: 'endpoints', pod: pp, namespace: 'default', flags: new Map([['cluster', ['outbound|9080||reviews.default.svc.cluster.local']]]) })
    const rows = lines(out).slice(1).map((l) => l.trim().split(/\s{2,}/))
    expect(rows.find((r) => r[0] === `${ip}:9080`)![2]).toBe('FAILED')
    expect(rows.filter((r) => r[2] === 'OK')).toHaveLength(2)
  })

  it('all prints the clusters, listeners, routes and endpoints tables', async () => {
    const out = (await istioctl(s, `pc all ${pp}`)).stdout
    for (const header of ['SERVICE FQDN', 'ADDRESSES', 'VHOST NAME', 'OUTLIER CHECK']) expect(out).toContain(header)
  })
})

describe('istioctl proxy-config secret', () => {
  it('a sidecar holds its workload certificate (24h, renewed at half life) and the root CA', async () => {
    const rows = lines((await istioctl(s, `pc secret ${pp}`)).stdout).map((l) => l.trim().split(/\s{2,}/))
    expect(rows[0]).toEqual(['RESOURCE NAME', 'TYPE', 'STATUS', 'VALID CERT', 'SERIAL NUMBER', 'NOT AFTER', 'NOT BEFORE'])
    expect(rows.map((r) => r.slice(0, 4))).toEqual([rows[0]!.slice(0, 4), ['default', 'Cert Chain', 'ACTIVE', 'true'], ['ROOTCA', 'CA', 'ACTIVE', 'true']])
    const [notAfter, notBefore] = [Date.parse(rows[1]![5]!), Date.parse(rows[1]![6]!)]
    expect(notAfter - notBefore).toBe(24 * 3_600_000 + 120_000)
    expect(rows[1]![4]).toMatch(/^[0-9a-f]{32}$/)
    s.clock.advanceBy(13 * 3_600_000)
    const later = lines((await istioctl(s, `pc secret ${pp}`)).stdout).map((l) => l.trim().split(/\s{2,}/))
    expect(Date.parse(later[1]![6]!) - notBefore).toBe(12 * 3_600_000)
  })

  it('a gateway lists its credentialName secret, WARMING until the Secret exists', async () => {
    await apply(s, 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: secure}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n  - port: {number: 443, name: https, protocol: HTTPS}\n    hosts: [secure.example.com]\n    tls: {mode: SIMPLE, credentialName: secure-cred}\n')
    const gw = `${podOf(s, 'istio-ingressgateway', 'istio-system')}.istio-system`
    expect(lines((await istioctl(s, `pc secret ${gw}`)).stdout)[1]!.replace(/\s+/g, ' ')).toBe('kubernetes://secure-cred WARMING false')
    await run(s, 'kubectl create secret tls secure-cred -n istio-system --cert=/dev/null --key=/dev/null || kubectl create secret generic secure-cred -n istio-system --from-literal=tls.crt=x')
    expect(lines((await istioctl(s, `pc secret ${gw}`)).stdout)[1]).toMatch(/^kubernetes:\/\/secure-cred +Cert Chain +ACTIVE +true +[0-9a-f]{32} /)
  })
})

describe('istioctl x describe pod', () => {
  it('reviews-v1: the DestinationRule subsets and the jason rule that cannot reach it', async () => {
    const out = (await istioctl(s, `x describe pod ${podOf(s, 'reviews', 'default', 'v1')}`)).stdout
    expect(out).toContain('DestinationRule: reviews for "reviews"\n   Matching subsets: v1\n      (Non-matching subsets v2,v3)\n   No Traffic Policy\n')
    expect(out).toContain('VirtualService: reviews\n')
    expect(out).toContain('VirtualService: reviews\n   1 additional destination(s) that will not reach this pod\n      Route to non-matching subset v2 for (when headers are end-user=jason)\n')
  })

  it('productpage: exposed on the ingress gateway through the bookinfo VirtualService', async () => {
    const lb = (s.store.get({ kind: 'Service', name: 'istio-ingressgateway', namespace: 'istio-system' })!.status as { loadBalancer: { ingress: { ip: string }[] } }).loadBalancer.ingress[0]!.ip
    const out = (await istioctl(s, `x describe pod ${podOf(s, 'productpage')}`)).stdout
    expect(out).toContain(`\n\nExposed on Ingress Gateway http://${lb}\nVirtualService: bookinfo\n   /productpage, /static*, /login, /logout, /api/v1/products*\n`)
  })

  it('reviews-v1 under the 90/10 split shows its weight (istioctl-describe docs)', async () => {
    await apply(s, sample('networking/virtual-service-reviews-90-10.yaml'))
    const out = (await istioctl(s, `x describe pod ${podOf(s, 'reviews', 'default', 'v1')}`)).stdout
    expect(out).toContain('VirtualService: reviews\n   Weight 90%\n')
    await apply(s, sample('networking/virtual-service-reviews-test-v2.yaml'))
  })

  it('without the DestinationRule, a route to a subset warns that no rule defines it', async () => {
    await run(s, 'kubectl delete destinationrule reviews')
    const out = (await istioctl(s, `x describe pod ${podOf(s, 'reviews', 'default', 'v1')}`)).stdout
    expect(out).toContain('   WARNING: No destinations match pod subsets (checked 2 HTTP routes)\n      Warning: Route to subset v2 but NO DESTINATION RULE defining subsets!\n')
    await apply(s, sample('networking/destination-rule-all.yaml'))
  })

  it('reviews-v3: no destination matches, so istioctl warns', async () => {
    const out = (await istioctl(s, `x describe pod ${podOf(s, 'reviews', 'default', 'v3')}`)).stdout
    expect(out).toContain('   WARNING: No destinations match pod subsets (checked 2 HTTP routes)\n')
  })
})
