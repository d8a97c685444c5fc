import { describe, expect, it } from 'vitest'
import { createTelemetry } from '../../telemetry'
import { grafanaApp, jaegerApp, prometheusApp } from './addons'
import { fakeContext, request, responseHeader, T0 } from './apps.test-util'
import { appForImage } from './catalogue'

function promCtx() {
  const telemetry = createTelemetry()
  const f = fakeContext({ hosts: {} })
  f.ctx.prometheus = { query: (q, t) => telemetry.query(q, t) }
  return f.ctx
}

describe('observability addons', () => {
  it('Prometheus answers /api/v1/query through the session telemetry, GET or POSTed form', async () => {
    const ctx = promCtx()
    const res = await prometheusApp.handle(request('/api/v1/query?query=1%2B1'), ctx)
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ status: 'success', data: { resultType: 'scalar', result: [T0 / 1000, '2'] } })
    const posted = await prometheusApp.handle(request('/api/v1/query', { method: 'POST', body: 'query=3*2&time=1700000000', headers: [['content-type', 'application/x-www-form-urlencoded']] }), ctx)
    expect(JSON.parse(posted.body).data.result).toEqual([1700000000, '6'])
  })

  it('Prometheus reports bad queries as bad_data and has no answers without telemetry', async () => {
    const bad = await prometheusApp.handle(request('/api/v1/query?query=sum(('), promCtx())
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body)).toMatchObject({ status: 'error', errorType: 'bad_data' })
    const none = await prometheusApp.handle(request('/api/v1/query?query=up'), fakeContext({ hosts: {} }).ctx)
    expect([none.status, JSON.parse(none.body).errorType]).toEqual([503, 'unavailable'])
    expect((await prometheusApp.handle(request('/-/ready'), promCtx())).body).toBe('Prometheus Server is Ready.\n')
    expect((await prometheusApp.handle(request('/'), promCtx())).headers).toContainEqual(['Location', '/graph'])
  })

  it('Grafana reports health; Jaeger takes spans on 9411; the catalogue maps the addon images', async () => {
    const ctx = fakeContext({ hosts: {} }).ctx
    const health = await grafanaApp.handle(request('/api/health'), ctx)
    expect(JSON.parse(health.body).database).toBe('ok')
    expect(responseHeader(health, 'content-type')).toBe('application/json; charset=UTF-8')
    expect((await jaegerApp.handle(request('/api/v2/spans', { method: 'POST', port: 9411 }), ctx)).status).toBe(202)
    expect(appForImage('prom/prometheus:v3.2.1').listensOn(9090)).toBe(true)
    expect(appForImage('docker.io/grafana/grafana:11.3.1').listensOn(3000)).toBe(true)
    expect(appForImage('quay.io/kiali/kiali:v2.8').listensOn(20001)).toBe(true)
    expect(appForImage('docker.io/jaegertracing/all-in-one:1.67.0').listensOn(16686)).toBe(true)
  })
})
