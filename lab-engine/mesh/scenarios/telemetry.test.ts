// Scenarios from Istio's observability tasks, run in a real sim session: Bookinfo traffic through the mesh,
// then the session's telemetry queried as Prometheus, the proxies' access logs and Envoy admin read as a learner would.
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { sampleFiles } from '../../cli'
import { createSimSession, type SimSession } from '../../sim/session'

const ROOT = path.resolve(import.meta.dirname, '../../..')
const FILES = sampleFiles(path.join(ROOT, 'content/samples'))

const DEMO = `istioctl install --set profile=demo -y
kubectl wait --for=condition=Ready pods --all -n istio-system --timeout=300s
`
const BOOKINFO = `kubectl label namespace default istio-injection=enabled
kubectl apply -f samples/bookinfo/platform/kube/bookinfo.yaml
kubectl apply -f samples/sleep/sleep.yaml
kubectl wait --for=condition=Ready pods --all --timeout=300s
`
/** The task's traffic: productpage fetched from the sleep pod, N times. */
const traffic = (n: number) => `for i in $(seq 1 ${n}); do kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null http://productpage:9080/productpage; done\n`

let session: SimSession | undefined
afterEach(() => session?.dispose())

async function run(script: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const results = await session!.run(script)
  return { stdout: results.map((r) => r.stdout).join(''), stderr: results.map((r) => r.stderr).join(''), exitCode: results.at(-1)?.exitCode ?? 0 }
}

async function bookinfo(seed = 1): Promise<SimSession> {
  session = createSimSession({ seed, files: FILES })
  await session.run(DEMO + BOOKINFO)
  return session
}

describe('telemetry from mesh traffic (Istio tasks/observability)', () => {
  it('Querying Metrics: istio_requests_total by destination_version answers after Bookinfo traffic', async () => {
    const s = await bookinfo()
    await run(traffic(12))
    await run('sleep 20') // one Prometheus scrape interval (15 s) later
    const r = s.telemetry.query('sum(istio_requests_total{destination_app="reviews",reporter="destination"}) by (destination_version)', s.clock.now())
    if (r.resultType !== 'vector') throw new Error(r.resultType)
    const byVersion = Object.fromEntries(r.result.map((x) => [x.metric.destination_version, Number(x.value[1])]))
    // productpage calls reviews once per page; no VirtualService: the three versions share the 12 calls.
    expect(Object.values(byVersion).reduce((a, b) => a + b, 0)).toBe(12)
    expect(Object.keys(byVersion).sort()).toEqual(['v1', 'v2', 'v3'])
  }, 60_000)

  it('the Prometheus addon answers /api/v1/query from the mesh metrics, as the task queries it from the cluster', async () => {
    await bookinfo()
    await run('kubectl apply -f samples/addons/prometheus.yaml\nkubectl wait --for=condition=Ready pods --all -n istio-system --timeout=300s\n' + traffic(7) + 'sleep 20\n')
    const r = await run(`kubectl exec deploy/sleep -c sleep -- curl -s 'http://prometheus.istio-system:9090/api/v1/query?query=sum(istio_requests_total%7Breporter%3D%22destination%22,destination_app%3D%22productpage%22%7D)'`)
    const body = JSON.parse(r.stdout) as { status: string; data: { resultType: string; result: { value: [number, string] }[] } }
    expect(body.status).toBe('success')
    expect(body.data.resultType).toBe('vector')
    expect(body.data.result[0]!.value[1]).toBe('7')
  }, 60_000)

  it('access logs of denials: the server sidecar logs RBAC and jwt_authn details, the client sees via_upstream', async () => {
    await bookinfo()
    const policy = `kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: deny-get, namespace: default }
spec:
  selector: { matchLabels: { app: details } }
  action: DENY
  rules: [{ to: [{ operation: { methods: [GET] } }] }]
---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: { name: jwt, namespace: default }
spec:
  selector: { matchLabels: { app: ratings } }
  jwtRules: [{ issuer: testing@secure.istio.io, jwksUri: "https://raw.githubusercontent.com/istio/istio/release-1.26/security/tools/jwt/samples/jwks.json" }]
EOF
`
    await run(policy)
    const denied = await run("kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null -w '%{http_code}' http://details:9080/details/0")
    expect(denied.stdout).toBe('403')
    const badToken = await run("kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer not.a.jwt' http://ratings:9080/ratings/0")
    expect(badToken.stdout).toBe('401')
    const details = await run('kubectl logs deploy/details-v1 -c istio-proxy | tail -1')
    expect(details.stdout).toMatch(/" 403 - rbac_access_denied_matched_policy\[ns\[default\]-policy\[deny-get\]-rule\[0\]\] - "-" 0 19 \d+ - .* "-" inbound\|9080\|\| /)
    const ratings = await run('kubectl logs deploy/ratings-v1 -c istio-proxy | tail -1')
    expect(ratings.stdout).toMatch(/" 401 - jwt_authn_access_denied\{Jwt_header_is_an_invalid_JSON\} /)
    const client = await run('kubectl logs deploy/sleep -c istio-proxy | tail -2')
    expect(client.stdout).toMatch(/" 403 - via_upstream /)
    expect(client.stdout).toMatch(/" 401 - via_upstream /)
  }, 60_000)

  it('labels carry workload, principal and mutual_tls as Istio reports them', async () => {
    const s = await bookinfo()
    await run(traffic(1))
    await run('sleep 20')
    const r = s.telemetry.query('istio_requests_total{reporter="destination",destination_app="details"}', s.clock.now())
    if (r.resultType !== 'vector') throw new Error(r.resultType)
    expect(r.result).toHaveLength(1)
    expect(r.result[0]!.metric).toMatchObject({
      source_workload: 'productpage-v1', source_app: 'productpage', destination_workload: 'details-v1', destination_version: 'v1',
      destination_service: 'details.default.svc.cluster.local', connection_security_policy: 'mutual_tls', response_code: '200',
      source_principal: 'spiffe://cluster.local/ns/default/sa/bookinfo-productpage',
    })
  }, 60_000)

  it('Envoy access logs (demo profile sets accessLogFile): outbound line on sleep, inbound line on productpage', async () => {
    await bookinfo()
    const before = await run('kubectl logs deploy/sleep -c istio-proxy')
    await run(traffic(1))
    const out = await run('kubectl logs deploy/sleep -c istio-proxy')
    const added = out.stdout.slice(before.stdout.length).trim().split('\n')
    expect(added).toHaveLength(1)
    expect(added[0]).toMatch(/^\[\d{4}-\d\d-\d\dT[\d:.]+Z\] "GET \/productpage HTTP\/1\.1" 200 - via_upstream - "-" 0 \d+ \d+ \d+ "-" "curl\/[\d.]+" "[0-9a-f-]{36}" "productpage:9080" "[\d.]+:9080" outbound\|9080\|\|productpage\.default\.svc\.cluster\.local [\d.:]+ [\d.]+:9080 [\d.:]+ - default$/)
    const inbound = (await run('kubectl logs deploy/productpage-v1 -c istio-proxy')).stdout
    expect(inbound).toMatch(/"GET \/productpage HTTP\/1\.1" 200 - via_upstream .* inbound\|9080\|\| 127\.0\.0\.6:\d+ [\d.]+:9080 [\d.]+:\d+ outbound_\.9080_\._\.productpage\.default\.svc\.cluster\.local default/)
    expect(inbound).toMatch(/"GET \/reviews\/0 HTTP\/1\.1" 200 .* outbound\|9080\|\|reviews\.default\.svc\.cluster\.local/)
  }, 60_000)

  it('no access-log lines when the mesh config leaves accessLogFile unset (default profile)', async () => {
    session = createSimSession({ seed: 1, files: FILES })
    await session.run(DEMO.replace('profile=demo', 'profile=default') + BOOKINFO)
    const before = await run('kubectl logs deploy/sleep -c istio-proxy')
    await run(traffic(2))
    expect((await run('kubectl logs deploy/sleep -c istio-proxy')).stdout).toBe(before.stdout)
    expect(session.telemetry.accessLogs.entries()).toHaveLength(0)
    expect(session.telemetry.metrics.family('istio_requests_total')?.series.size).toBeGreaterThan(0)
  }, 60_000)

  it('one trace per page: productpage, details, reviews and ratings spans share the trace id and nest', async () => {
    const s = await bookinfo(3)
    await run(traffic(1))
    const ids = s.telemetry.spans.recentTraceIds(5)
    expect(ids).toHaveLength(1)
    const spans = s.telemetry.spans.trace(ids[0]!)
    const services = new Set(spans.map((x) => x.service))
    expect([...services].sort()).toEqual(expect.arrayContaining(['details.default', 'productpage.default', 'reviews.default', 'sleep.default']))
    const byId = new Map(spans.map((x) => [x.spanId, x]))
    const detailsClient = spans.find((x) => x.kind === 'client' && x.service === 'productpage.default' && x.operation.startsWith('details'))!
    // productpage's call to details is a child of productpage's server span, itself a child of sleep's client span.
    const parent = byId.get(detailsClient.parentSpanId!)!
    expect(parent).toMatchObject({ kind: 'server', service: 'productpage.default' })
    expect(byId.get(parent.parentSpanId!)).toMatchObject({ kind: 'client', service: 'sleep.default' })
  }, 60_000)
})
