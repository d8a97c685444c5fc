// Envoy's admin interface and the pilot-agent ports inside a pod with a proxy: 15000, 15020, 15021, 15090.
//
// Istio docs, ops/deployment/application-requirements ("Ports used by Istio"): 15000 is
// Envoy's admin port (localhost only), 15020 the merged Prometheus telemetry of the
// agent, Envoy and the app, 15021 the health checks (/healthz/ready), 15090 Envoy's
// Prometheus telemetry. Envoy docs, operations/admin: /stats, /stats/prometheus,
// /clusters (`cluster::host::stat::value` lines; an outlier-ejected host shows
// health_flags::/failed_outlier_check), /config_dump (JSON), /server_info, /ready.
import type { KubeObject } from '../../cluster/types'
import { ISTIO_VERSION } from '../../istio/version'
import { clusterJson, listenerJson, routeConfigJson } from '../control/config-json'
import type { Cluster, LbEndpoint, ProxyConfig } from '../control/types'
import { hasSidecar } from '../data/directory'
import { clusterLimits, syncClusterStats } from './proxy-stats'
import { ISTIO_DEFAULT_CIRCUIT_LIMIT } from '../../telemetry/envoy-stats'
import type { TelemetryBridge } from './attach-telemetry'
import { workloadInfoOf } from './workload-info'

export const ENVOY_ADMIN_PORT = 15000
export const AGENT_PORTS = [15000, 15020, 15021, 15090] as const

/** The Envoy build Istio 1.26 ships (istio/proxy's Envoy 1.34). */
export const ENVOY_VERSION = '1.34.1-dev'

export interface AdminAnswer { status: number; body: string; contentType: string }

/** Whether a pod serves the agent ports: it runs a proxy (sidecar or gateway). */
export function servesAdmin(pod: KubeObject): boolean {
  return hasSidecar(pod)
}

/** Answers one request to a proxy port of `pod`, or undefined when nothing listens there. */
export function adminRequest(bridge: TelemetryBridge, pod: KubeObject, port: number, method: string, pathAndQuery: string): AdminAnswer | undefined {
  if (!servesAdmin(pod)) return undefined
  const url = new URL(pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`, 'http://localhost')
  if (port === 15021) return url.pathname === '/healthz/ready' ? text(200, '') : text(404, '404 page not found\n')
  if (port === 15020 || port === 15090) {
    if (url.pathname === '/stats/prometheus') return envoyStats(bridge, pod, '/stats/prometheus')
    if (port === 15020 && url.pathname === '/healthz/ready') return text(200, '')
    return text(404, port === 15020 ? '404 page not found\n' : '')
  }
  if (port !== ENVOY_ADMIN_PORT) return undefined
  if (method !== 'GET' && method !== 'HEAD') return text(400, 'This admin endpoint is GET only.\n')
  switch (url.pathname) {
    case '/stats':
    case '/stats/prometheus': return envoyStats(bridge, pod, pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`)
    case '/clusters': return text(200, clustersText(bridge, pod))
    case '/config_dump': return { status: 200, body: JSON.stringify(configDump(bridge, pod), null, 2) + '\n', contentType: 'application/json' }
    case '/server_info': return { status: 200, body: JSON.stringify(serverInfo(bridge, pod), null, 2) + '\n', contentType: 'application/json' }
    case '/ready': return text(200, 'LIVE\n')
    default: return text(404, `invalid path. admin commands are:\n${ADMIN_HELP}`)
  }
}

const ADMIN_HELP = [
  '  /: Admin home page', '  /clusters: upstream cluster status', '  /config_dump: dump current Envoy configs (experimental)',
  '  /ready: print server state, return 200 if LIVE, otherwise return 503', '  /server_info: print server version/status information',
  '  /stats: print server stats', '  /stats/prometheus: print server stats in prometheus format',
].join('\n') + '\n'

function text(status: number, body: string): AdminAnswer {
  return { status, body, contentType: 'text/plain; charset=UTF-8' }
}

function envoyStats(bridge: TelemetryBridge, pod: KubeObject, pathAndQuery: string): AdminAnswer {
  const stats = bridge.statsFor(pod)
  syncClusterStats(bridge.network, pod, stats)
  const w = workloadInfoOf(pod)
  const r = bridge.telemetry.proxyAdmin(pod.metadata.uid, { workload: w.workload, namespace: w.namespace, pod: pod.metadata.name }, pathAndQuery)
  return text(r.status, r.body)
}

/** `/clusters`: limits and per-host lines for every cluster with endpoints, Envoy's text shape. */
export function clustersText(bridge: TelemetryBridge, pod: KubeObject): string {
  const cfg = bridge.network.proxyConfig(pod)
  if (!cfg) return ''
  const states = new Map(bridge.network.proxyClusters(pod).map((c) => [c.cluster, c.state]))
  const now = bridge.network.clock.now()
  let out = ''
  for (const [name, c] of [...cfg.clusters].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out += clusterHeader(name, c)
    for (const e of cfg.endpoints.get(name) ?? []) {
      const ejected = (states.get(name)?.ejectedCount([e], now) ?? 0) > 0
      out += hostLines(bridge, pod, name, e, ejected)
    }
  }
  return out
}

function clusterHeader(name: string, c: Cluster): string {
  const l = clusterLimits(c)
  const lim = (v: number | undefined) => v ?? ISTIO_DEFAULT_CIRCUIT_LIMIT
  const lines = [
    `observability_name::${name}`,
    `default_priority::max_connections::${lim(l.maxConnections)}`, `default_priority::max_pending_requests::${lim(l.maxPendingRequests)}`,
    `default_priority::max_requests::${lim(l.maxRequests)}`, `default_priority::max_retries::${lim(l.maxRetries)}`,
    'high_priority::max_connections::1024', 'high_priority::max_pending_requests::1024', 'high_priority::max_requests::1024', 'high_priority::max_retries::3',
    'added_via_api::true',
    ...(c.type === 'EDS' ? [`eds_service_name::${name}`] : []),
  ]
  return lines.map((l) => `${name}::${l}\n`).join('')
}

function hostLines(bridge: TelemetryBridge, pod: KubeObject, cluster: string, e: LbEndpoint, ejected: boolean): string {
  const host = `${e.hostname ?? e.address}:${e.port}`
  const n = bridge.hosts.get(pod.metadata.uid, cluster, `${e.address}:${e.port}`)
  const flags = [...(e.health === 'HEALTHY' ? [] : ['/failed_eds_health']), ...(ejected ? ['/failed_outlier_check'] : [])]
  const lines = [
    'cx_active::0', 'cx_connect_fail::0', `cx_total::${n.rqTotal}`, 'rq_active::0', `rq_error::${n.rqError}`, `rq_success::${n.rqSuccess}`,
    'rq_timeout::0', `rq_total::${n.rqTotal}`, `hostname::${e.hostname ?? ''}`, `health_flags::${flags.length ? flags.join('') : 'healthy'}`, 'weight::1',
    `region::${e.locality.region}`, `zone::${e.locality.zone}`, `sub_zone::${e.locality.subzone}`, 'canary::false', 'priority::0',
    'success_rate::-1', 'local_origin_success_rate::-1',
  ]
  return lines.map((l) => `${cluster}::${host}::${l}\n`).join('')
}

/** A summarised `/config_dump`: bootstrap node, clusters, listeners and routes of the compiled ProxyConfig. */
export function configDump(bridge: TelemetryBridge, pod: KubeObject): unknown {
  const cfg = bridge.network.proxyConfig(pod)
  return {
    configs: [
      { '@type': 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump', bootstrap: { node: nodeOf(pod) } },
      { '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump', dynamicActiveClusters: [...(cfg?.clusters.values() ?? [])].map((c) => ({ cluster: { '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster', ...(clusterJson(c) as object) } })) },
      { '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump', dynamicListeners: (cfg?.listeners ?? []).map((l) => ({ name: l.name, activeState: { listener: { '@type': 'type.googleapis.com/envoy.config.listener.v3.Listener', ...(listenerJson(l, cfg?.routes) as object) } } })) },
      { '@type': 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump', dynamicRouteConfigs: routeConfigs(cfg) },
    ],
  }
}

function routeConfigs(cfg: ProxyConfig | undefined): unknown[] {
  return [...(cfg?.routes ?? new Map()).entries()].filter(([k]) => !k.startsWith('static:')).map(([, rc]) => ({ routeConfig: { '@type': 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration', ...(routeConfigJson(rc) as object) } }))
}

function nodeOf(pod: KubeObject): unknown {
  const w = workloadInfoOf(pod)
  const ip = (pod.status as { podIP?: string } | undefined)?.podIP ?? ''
  const gateway = (pod.spec as { containers?: { name: string; args?: string[] }[] } | undefined)?.containers?.some((c) => c.name === 'istio-proxy' && (c.args ?? []).includes('router'))
  return {
    id: `${gateway ? 'router' : 'sidecar'}~${ip}~${pod.metadata.name}.${w.namespace}~${w.namespace}.svc.cluster.local`,
    cluster: `${w.app ?? w.workload}.${w.namespace}`,
    metadata: { NAMESPACE: w.namespace, NAME: pod.metadata.name, WORKLOAD_NAME: w.workload, ISTIO_VERSION, LABELS: pod.metadata.labels ?? {}, MESH_ID: 'cluster.local', CLUSTER_ID: 'Kubernetes' },
    userAgentName: 'envoy',
  }
}

function serverInfo(bridge: TelemetryBridge, pod: KubeObject): unknown {
  const started = Date.parse((pod.status as { startTime?: string } | undefined)?.startTime ?? '') || bridge.network.clock.now()
  const uptime = `${Math.max(0, Math.floor((bridge.network.clock.now() - started) / 1000))}s`
  return {
    version: `2d3b2e9e9e2c8d8c0c4c2b1a0f9e8d7c6b5a4f3e/${ENVOY_VERSION}/Clean/RELEASE/BoringSSL`,
    state: 'LIVE', hot_restart_version: 'disabled',
    command_line_options: { base_id: '0', concurrency: 2, config_path: 'etc/istio/proxy/envoy-rev.json', mode: 'Serve', log_level: 'warning', drain_strategy: 'Immediate' },
    node: nodeOf(pod), uptime_current_epoch: uptime, uptime_all_epochs: uptime,
  }
}
