// Prometheus metrics for /metrics: HTTP requests and WebSocket connections.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

export interface ServerMetrics {
  registry: Registry
  httpRequests: Counter<'method' | 'route' | 'status'>
  httpDuration: Histogram<'method' | 'route'>
  wsConnections: Counter<'path' | 'outcome'>
  wsOpen: Gauge<'path'>
  wsMessages: Counter<'path'>
  wsErrors: Counter<'path'>
}

export function createMetrics(): ServerMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'mesh_dojo_' })
  return {
    registry,
    httpRequests: new Counter({ name: 'mesh_dojo_http_requests_total', help: 'HTTP requests by method, route and status', labelNames: ['method', 'route', 'status'], registers: [registry] }),
    httpDuration: new Histogram({ name: 'mesh_dojo_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry] }),
    wsConnections: new Counter({ name: 'mesh_dojo_websocket_connections_total', help: 'WebSocket upgrade attempts by path and outcome', labelNames: ['path', 'outcome'], registers: [registry] }),
    wsOpen: new Gauge({ name: 'mesh_dojo_websocket_open', help: 'Open WebSocket connections', labelNames: ['path'], registers: [registry] }),
    wsMessages: new Counter({ name: 'mesh_dojo_websocket_messages_total', help: 'WebSocket messages received', labelNames: ['path'], registers: [registry] }),
    wsErrors: new Counter({ name: 'mesh_dojo_websocket_errors_total', help: 'WebSocket protocol errors (oversized or malformed frames)', labelNames: ['path'], registers: [registry] }),
  }
}

const ID_SEGMENT = /^(?:[0-9a-f]{8}-[0-9a-f-]{27}|[A-Za-z0-9_-]{20,}|\d+)$/i

/** A low-cardinality route label: ids become `:id`, static assets collapse. */
export function routeLabel(pathname: string): string {
  if (pathname.startsWith('/_next/')) return '/_next/*'
  const segments = pathname.split('/').slice(0, 6).map((s) => (ID_SEGMENT.test(s) ? ':id' : s))
  return segments.join('/') || '/'
}
