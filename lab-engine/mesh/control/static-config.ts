// Pieces every Istio proxy has regardless of mesh config: the health (15021) and Prometheus (15090) listeners.
//
// Istio's bootstrap gives each proxy 0.0.0.0:15021 serving /healthz/ready and
// 0.0.0.0:15090 serving /stats/prometheus, each with an inline route configuration whose
// virtual host is "backend" (istioctl prints them as `backend  *  /healthz/ready*`).

import type { FilterChainMatch, Listener, OutboundTrafficPolicyMode, RouteConfiguration } from './types'

/** HTTP as Envoy's http_inspector detects it (ALPN http/1.0, http/1.1, h2c: istioctl prints "App: HTTP"). */
export const HTTP_ALPNS = ['http/1.0', 'http/1.1', 'h2c']
export const HTTP_SNIFF_MATCH: FilterChainMatch = { applicationProtocols: HTTP_ALPNS }

/** Where traffic to unknown destinations goes (meshConfig / Sidecar outboundTrafficPolicy). */
export function policyCluster(mode: OutboundTrafficPolicyMode): string {
  return mode === 'REGISTRY_ONLY' ? 'BlackHoleCluster' : 'PassthroughCluster'
}

/** Key of a static inline route configuration in ProxyConfig.routes (its Envoy name is ""). */
export function staticRouteKey(port: number): string {
  return `static:${port}`
}

export function addStaticListeners(listeners: Listener[], routes: Map<string, RouteConfiguration>): void {
  for (const [port, path, cluster] of [[15021, '/healthz/ready', 'agent'], [15090, '/stats/prometheus', 'prometheus_stats']] as const) {
    const key = staticRouteKey(port)
    routes.set(key, {
      name: '',
      virtualHosts: [{
        name: 'backend', domains: ['*'],
        routes: [{ match: { path: { kind: 'prefix', value: path }, headers: [], queryParams: [] }, action: { kind: 'forward', clusters: [{ cluster, weight: 100, host: '', port: 0 }], timeoutMs: 0, mirrors: [] } }],
      }],
    })
    listeners.push({ name: `0.0.0.0_${port}`, address: '0.0.0.0', port, trafficDirection: 'inbound', filterChains: [{ match: {}, destination: { kind: 'inlineRoute', routeConfigName: key } }] })
  }
}
