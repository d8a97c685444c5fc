import { describe, expect, it } from 'vitest'
import { createMetrics, routeLabel } from './metrics'

describe('routeLabel', () => {
  it.each([
    ['/api/admin/users/0b6f1f6e-94a5-4d36-9a49-0e7a2c5d9f11', '/api/admin/users/:id'],
    ['/join/AbCdEfGhIjKlMnOpQrStUv', '/join/:id'],
    ['/_next/static/chunks/app.js', '/_next/*'],
    ['/', '/'],
    ['/dashboard', '/dashboard'],
  ])('%s -> %s', (path, label) => expect(routeLabel(path)).toBe(label))
})

describe('metrics registry', () => {
  it('exposes HTTP and WebSocket counters in Prometheus text format', async () => {
    const m = createMetrics()
    m.httpRequests.inc({ method: 'GET', route: '/readyz', status: '200' })
    m.wsConnections.inc({ path: '/ws/ping', outcome: '401' })
    const text = await m.registry.metrics()
    expect(text).toContain('mesh_dojo_http_requests_total{method="GET",route="/readyz",status="200"} 1')
    expect(text).toContain('mesh_dojo_websocket_connections_total{path="/ws/ping",outcome="401"} 1')
  })
})
