import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SimSession } from '../../sim/session'
import { accessLogFile, statsInclusionsFor } from './proxy-settings'
import { HTTPBIN_AND_FORTIO, install, newSession, podNamed, run } from './session.test-util'

describe('attachTelemetry in a session (default profile: no access log)', () => {
  let s: SimSession
  beforeAll(async () => {
    s = await newSession(install('default') + HTTPBIN_AND_FORTIO)
    await run(s, 'kubectl run plain --image=curlimages/curl --labels=sidecar.istio.io/inject=false --command -- sleep 3600\nkubectl wait --for=condition=Ready pod/plain --timeout=60s')
  }, 60_000)
  afterAll(() => s.dispose())

  it('the default profile leaves accessLogFile unset; istioctl --set meshConfig.accessLogFile turns it on', async () => {
    expect(accessLogFile(s.store)).toBeUndefined()
    const s2 = await newSession('istioctl install --set profile=minimal --set meshConfig.accessLogFile=/dev/stdout -y\n')
    try {
      expect(accessLogFile(s2.store)).toBe('/dev/stdout')
    } finally {
      s2.dispose()
    }
  }, 60_000)

  it('proxyStatsMatcher comes from the pod\'s proxy.istio.io/config annotation (the fortio sample sets it)', () => {
    expect(statsInclusionsFor(s.store, podNamed(s, 'fortio-deploy')).prefixes).toEqual(['cluster.outbound', 'cluster_manager', 'listener_manager', 'server', 'cluster.xds-grpc'])
    expect(statsInclusionsFor(s.store, podNamed(s, 'sleep')).prefixes).toEqual([])
  })

  it('a client without a sidecar is reported by the destination only, with an unknown source', async () => {
    await run(s, 'kubectl exec plain -- curl -s -o /dev/null http://httpbin.default:8000/get')
    await run(s, 'sleep 20')
    const r = s.telemetry.query('istio_requests_total{destination_workload="httpbin",source_workload="unknown"}', s.clock.now())
    if (r.resultType !== 'vector') throw new Error(r.resultType)
    expect(r.result.map((x) => [x.metric.reporter, x.metric.connection_security_policy, x.metric.destination_service, x.value[1]])).toEqual([
      ['destination', 'none', 'httpbin.default.svc.cluster.local', '1'],
    ])
  }, 60_000)

  it('sidecar to sidecar: both reporters, mutual TLS at the destination; nothing went wrong in the bridge', async () => {
    await run(s, 'kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null http://httpbin:8000/status/418\nsleep 20')
    const r = s.telemetry.query('sum(istio_requests_total{source_workload="sleep",response_code="418"}) by (reporter, connection_security_policy)', s.clock.now())
    if (r.resultType !== 'vector') throw new Error(r.resultType)
    const rows = r.result.map((x) => `${x.metric.reporter}/${x.metric.connection_security_policy}=${x.value[1]}`).sort()
    expect(rows).toEqual(['destination/mutual_tls=1', 'source/unknown=1'])
    expect(s.telemetry.accessLogs.entries()).toEqual([])
  }, 60_000)

  it('telemetry is disposed with its session and stops recording', async () => {
    const s3 = await newSession(install('default') + HTTPBIN_AND_FORTIO)
    const t = s3.telemetry
    s3.dispose()
    expect(t.isDisposed).toBe(true)
    expect(() => t.query('istio_requests_total', 0)).toThrow(/disposed/)
  }, 60_000)
})
