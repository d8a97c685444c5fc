import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SimSession } from '../../sim/session'
import { CIRCUIT_BREAKER_RULE } from '../scenarios/istio-task-manifests.test-util'
import { HTTPBIN_AND_FORTIO, install, newSession, run } from './session.test-util'

const CIRCUIT_BREAKER = CIRCUIT_BREAKER_RULE
const FORTIO = 'kubectl exec "$FORTIO_POD" -c fortio -- /usr/bin/fortio'
const STATS = 'kubectl exec "$FORTIO_POD" -c istio-proxy -- pilot-agent request GET stats'

describe('Envoy admin in the istio-proxy container (Istio circuit-breaking task)', () => {
  let s: SimSession
  beforeAll(async () => {
    s = await newSession(install('demo') + HTTPBIN_AND_FORTIO + CIRCUIT_BREAKER)
  }, 60_000)
  afterAll(() => s.dispose())

  it('`pilot-agent request GET stats | grep httpbin | grep pending` prints the task\'s seven lines, overflow matching fortio\'s 503s', async () => {
    const load = await run(s, `${FORTIO} load -c 3 -qps 0 -n 30 -loglevel Warning http://httpbin:8000/get`)
    const fortio503 = Number(/^Code 503 : (\d+)/m.exec(load.stderr)?.[1] ?? 0)
    expect(fortio503).toBeGreaterThan(0)
    const out = await run(s, `${STATS} | grep httpbin | grep pending`)
    const p = 'cluster.outbound|8000||httpbin.default.svc.cluster.local.'
    const lines = out.stdout.trim().split('\n')
    expect(lines.map((l) => l.slice(0, l.indexOf(':')))).toEqual([
      `${p}circuit_breakers.default.remaining_pending`, `${p}circuit_breakers.default.rq_pending_open`, `${p}circuit_breakers.high.rq_pending_open`,
      `${p}upstream_rq_pending_active`, `${p}upstream_rq_pending_failure_eject`, `${p}upstream_rq_pending_overflow`, `${p}upstream_rq_pending_total`,
    ])
    expect(out.stdout).toContain(`${p}circuit_breakers.default.remaining_pending: 1\n`)
    expect(out.stdout).toContain(`${p}upstream_rq_pending_overflow: ${fortio503}\n`)
  }, 60_000)

  it('upstream_rq_<code> counts what fortio saw; fortio curl of localhost:15000/stats?filter= from the app container agrees', async () => {
    const before = await run(s, `${FORTIO} curl -quiet 'http://localhost:15000/stats?filter=httpbin.*upstream_rq_200$'`)
    const n200 = (t: string) => Number(/upstream_rq_200: (\d+)/.exec(t)?.[1] ?? -1)
    const start = n200(before.stdout)
    expect(start).toBeGreaterThanOrEqual(0)
    await run(s, `${FORTIO} curl -quiet http://httpbin:8000/get`)
    const after = await run(s, `${FORTIO} curl -quiet 'http://localhost:15000/stats?filter=httpbin.*upstream_rq_200$'`)
    expect(n200(after.stdout)).toBe(start + 1)
  }, 60_000)

  it('a 500 ejects the only host: /clusters marks it failed_outlier_check and ejections_active is 1', async () => {
    await run(s, `${FORTIO} curl -quiet http://httpbin:8000/status/500`)
    const clusters = await run(s, 'kubectl exec "$FORTIO_POD" -c istio-proxy -- curl -s localhost:15000/clusters')
    expect(clusters.stdout).toMatch(/^outbound\|8000\|\|httpbin\.default\.svc\.cluster\.local::[\d.]+:8080::health_flags::\/failed_outlier_check$/m)
    expect(clusters.stdout).toContain('outbound|8000||httpbin.default.svc.cluster.local::default_priority::max_connections::1\n')
    const stats = await run(s, `${STATS} | grep httpbin | grep ejections_active`)
    expect(stats.stdout).toBe('cluster.outbound|8000||httpbin.default.svc.cluster.local.outlier_detection.ejections_active: 1\n')
  }, 60_000)
})

describe('Envoy admin ports and pilot-agent', () => {
  let s: SimSession
  beforeAll(async () => {
    s = await newSession(install('demo') + HTTPBIN_AND_FORTIO)
    await run(s, 'kubectl run plain --image=curlimages/curl --labels=sidecar.istio.io/inject=false --command -- sleep 3600\nkubectl wait --for=condition=Ready pod/plain --timeout=60s')
  }, 60_000)
  afterAll(() => s.dispose())

  it('Istio\'s default stats matcher hides cluster.outbound stats on a proxy without proxyStatsMatcher (sleep)', async () => {
    await run(s, 'kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null http://httpbin:8000/get')
    const sleep = await run(s, 'kubectl exec deploy/sleep -c istio-proxy -- pilot-agent request GET stats')
    expect(sleep.stdout).toContain('cluster.xds-grpc.upstream_rq_total: 0\n')
    expect(sleep.stdout).not.toContain('cluster.outbound|')
  }, 60_000)

  it('15021 /healthz/ready answers 200 and 15020 serves the merged Prometheus page with Istio metrics', async () => {
    const ready = await run(s, `kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null -w '%{http_code}' localhost:15021/healthz/ready`)
    expect(ready.stdout).toBe('200')
    await run(s, 'kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null http://httpbin:8000/headers')
    const prom = await run(s, 'kubectl exec deploy/sleep -c sleep -- curl -s localhost:15020/stats/prometheus')
    expect(prom.stdout).toMatch(/^istio_requests_total\{reporter="source",source_workload="sleep",.*destination_workload="httpbin",.*response_code="200".*\} [1-9]\d*$/m)
  }, 60_000)

  it('a pod without a proxy has nothing on 15000 (curl exit 7); pilot-agent errors as cobra does', async () => {
    const plain = await run(s, 'kubectl exec plain -- curl -sS localhost:15000/stats')
    expect(plain.exitCode).toBe(7)
    const bad = await run(s, 'kubectl exec deploy/sleep -c istio-proxy -- pilot-agent request GET')
    expect(bad.stderr).toContain('Error: requires at least 2 arg(s), only received 1\n')
    const missing = await run(s, 'kubectl exec deploy/sleep -c istio-proxy -- pilot-agent request GET no_such_page')
    expect(missing.exitCode).toBe(1)
    expect(missing.stderr).toContain('Error: received unsuccessful status code 404: invalid path.')
  }, 60_000)

  it('config_dump is JSON with the bootstrap node and the compiled clusters; server_info says LIVE', async () => {
    const dump = await run(s, 'kubectl exec deploy/sleep -c istio-proxy -- pilot-agent request GET config_dump')
    const json = JSON.parse(dump.stdout) as { configs: { '@type': string; bootstrap?: { node: { id: string } }; dynamicActiveClusters?: { cluster: { name: string } }[] }[] }
    expect(json.configs.map((c) => c['@type'].split('.').at(-1))).toEqual(['BootstrapConfigDump', 'ClustersConfigDump', 'ListenersConfigDump', 'RoutesConfigDump'])
    expect(json.configs[0]!.bootstrap!.node.id).toMatch(/^sidecar~[\d.]+~sleep-[a-z0-9]+-[a-z0-9]+\.default~default\.svc\.cluster\.local$/)
    expect(json.configs[1]!.dynamicActiveClusters!.map((c) => c.cluster.name)).toContain('outbound|8000||httpbin.default.svc.cluster.local')
    const info = JSON.parse((await run(s, 'kubectl exec deploy/sleep -c istio-proxy -- pilot-agent request GET server_info')).stdout) as { state: string }
    expect(info.state).toBe('LIVE')
  }, 60_000)
})
