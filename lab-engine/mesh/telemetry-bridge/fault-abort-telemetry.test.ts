// A fault-injected abort in telemetry: the client sidecar's report names the route's service, no workload.
//
// Istio standard metrics (istio_requests_total, reporter=source): an abort answered by the
// client's fault filter carries destination_service from the route's cluster, with
// destination_workload "unknown" (no upstream was picked, no peer metadata came back) and
// response_flags FI (istio/istio#21923). The live graph's edge goes to that service.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SimSession } from '../../sim/session'
import { HTTPBIN_AND_FORTIO, install, newSession, run } from './session.test-util'

const ABORT_HTTPBIN = `kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts:
  - httpbin
  http:
  - fault:
      abort:
        httpStatus: 503
        percentage:
          value: 100
    route:
    - destination:
        host: httpbin
EOF
`

describe('a VirtualService fault abort in telemetry', () => {
  let s: SimSession
  beforeAll(async () => {
    s = await newSession(install('default') + HTTPBIN_AND_FORTIO + ABORT_HTTPBIN)
    s.telemetry.edges.flush(s.clock.now())
    const r = await run(s, 'kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null -w "%{http_code}" http://httpbin:8000/get')
    expect(r.stdout).toBe('503')
    await run(s, 'sleep 20') // Prometheus scrapes the proxies every 15 s
  }, 60_000)
  afterAll(() => s.dispose())

  it('istio_requests_total names the destination service, an unknown workload and flag FI (source report only)', () => {
    const r = s.telemetry.query('istio_requests_total{source_workload="sleep",response_code="503"}', s.clock.now())
    if (r.resultType !== 'vector') throw new Error(r.resultType)
    expect(r.result.map((x) => ({
      reporter: x.metric.reporter, flags: x.metric.response_flags,
      service: x.metric.destination_service, name: x.metric.destination_service_name, namespace: x.metric.destination_service_namespace,
      workload: x.metric.destination_workload, workloadNamespace: x.metric.destination_workload_namespace, value: x.value[1],
    }))).toEqual([{
      reporter: 'source', flags: 'FI',
      service: 'httpbin.default.svc.cluster.local', name: 'httpbin', namespace: 'default',
      workload: 'unknown', workloadNamespace: 'unknown', value: '1',
    }])
  })

  it('the graph edge goes from sleep to the httpbin service, counted as an error', () => {
    const edges = s.telemetry.edges.flush(s.clock.now()).filter((e) => e.from === 'default/sleep')
    expect(edges.map((e) => [e.to, e.requests, e.errors])).toEqual([['httpbin.default.svc.cluster.local', 1, 1]])
  })
})

describe('a route timeout in telemetry', () => {
  it('the client report names the destination service with flag UT, like an abort', async () => {
    const s = await newSession(install('default') + HTTPBIN_AND_FORTIO + ABORT_HTTPBIN.replace(/ {2}- fault:\n(.*\n){4}/, '  - timeout: 1s\n'))
    try {
      const r = await run(s, 'kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null -w "%{http_code}" http://httpbin:8000/delay/3\nsleep 20')
      expect(r.stdout).toBe('504')
      const q = s.telemetry.query('istio_requests_total{reporter="source",source_workload="sleep",response_code="504"}', s.clock.now())
      if (q.resultType !== 'vector') throw new Error(q.resultType)
      expect(q.result.map((x) => [x.metric.response_flags, x.metric.destination_service, x.metric.destination_workload, x.value[1]]))
        .toEqual([['UT', 'httpbin.default.svc.cluster.local', 'unknown', '1']])
    } finally {
      s.dispose()
    }
  }, 60_000)
})
