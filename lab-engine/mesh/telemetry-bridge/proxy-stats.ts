// Envoy cluster stats of one proxy: per-response counters from hops, pool and outlier state from the data plane.
//
// Envoy docs, cluster_manager/cluster_stats and circuit_breaking: upstream_rq_<code>,
// upstream_rq_<N>xx and upstream_rq_completed per upstream answer (a circuit-breaker
// overflow is charged as a 503); upstream_rq_total, upstream_cx_total,
// upstream_rq_pending_total, upstream_rq_pending_overflow and upstream_rq_retry are
// running totals; upstream_cx_active, upstream_rq_active and upstream_rq_pending_active
// are gauges; circuit_breakers.default.remaining_* (Istio sets track_remaining) count
// what is left before a breaker opens and *_open is 1 while it is open;
// outlier_detection.ejections_active counts hosts ejected now. Istio sets every
// default threshold to 4294967295 unless a DestinationRule connectionPool says otherwise.
import type { KubeObject } from '../../cluster/types'
import type { ClusterLimits, EnvoyStats } from '../../telemetry'
import { ISTIO_DEFAULT_CIRCUIT_LIMIT } from '../../telemetry/envoy-stats'
import type { Cluster } from '../control/types'
import type { MeshNetwork } from '../data/network'

/** The circuit-breaker limits a compiled cluster carries (DestinationRule connectionPool). */
export function clusterLimits(c: Cluster | undefined): ClusterLimits {
  const pool = c?.trafficPolicy.connectionPool
  return {
    ...(pool?.maxConnections !== undefined ? { maxConnections: pool.maxConnections } : {}),
    ...(pool?.http1MaxPendingRequests !== undefined ? { maxPendingRequests: pool.http1MaxPendingRequests } : {}),
    ...(pool?.http2MaxRequests !== undefined ? { maxRequests: pool.http2MaxRequests } : {}),
    ...(pool?.maxRetries !== undefined ? { maxRetries: pool.maxRetries } : {}),
  }
}

/** Creates a cluster's stats at zero with its limits, as Envoy does when the cluster is added. */
export function ensureCluster(stats: EnvoyStats, name: string, c: Cluster | undefined): void {
  stats.ensureCluster(name, { limits: clusterLimits(c), outlierDetection: !!c?.trafficPolicy.outlierDetection })
}

/** Raises a counter to a running total kept elsewhere (counters never go down). */
export function raiseCounter(stats: EnvoyStats, name: string, total: number): void {
  const current = stats.value(name) ?? 0
  if (total > current) stats.inc(name, total - current)
}

/** Brings a proxy's cluster stats up to date with the data plane's pools, retries and ejections. */
export function syncClusterStats(net: MeshNetwork, pod: KubeObject, stats: EnvoyStats): void {
  const cfg = net.proxyConfig(pod)
  if (cfg) for (const [name, c] of cfg.clusters) if (c.type !== 'ORIGINAL_DST' && name !== 'BlackHoleCluster') ensureCluster(stats, name, c)
  const now = net.clock.now()
  for (const { cluster, state, stats: counts } of net.proxyClusters(pod)) {
    const c = cfg?.clusters.get(cluster)
    const p = `cluster.${cluster}.`
    raiseCounter(stats, `${p}upstream_rq_total`, state.counters.rqTotal)
    raiseCounter(stats, `${p}upstream_cx_total`, state.counters.cxTotal)
    raiseCounter(stats, `${p}upstream_cx_http1_total`, state.counters.cxTotal)
    raiseCounter(stats, `${p}upstream_rq_pending_total`, state.counters.rqPendingTotal)
    raiseCounter(stats, `${p}upstream_rq_pending_overflow`, state.counters.pendingOverflow)
    raiseCounter(stats, `${p}upstream_rq_retry`, counts.retries)
    const f = state.inFlight
    stats.set(`${p}upstream_cx_active`, f.connections)
    stats.set(`${p}upstream_rq_active`, f.requests)
    stats.set(`${p}upstream_rq_pending_active`, f.pending)
    const l = clusterLimits(c)
    breaker(stats, p, 'cx', l.maxConnections, f.connections)
    breaker(stats, p, 'pending', l.maxPendingRequests, f.pending)
    breaker(stats, p, 'rq', l.maxRequests, f.requests)
    const endpoints = cfg?.endpoints.get(cluster) ?? []
    stats.set(`${p}membership_total`, endpoints.length)
    stats.set(`${p}membership_healthy`, endpoints.filter((e) => e.health === 'HEALTHY').length)
    if (c?.trafficPolicy.outlierDetection) syncOutlier(stats, p, state.counters.ejectionsTotal, state.ejectedCount(endpoints, now))
  }
}

function breaker(stats: EnvoyStats, prefix: string, what: 'cx' | 'pending' | 'rq', limit: number | undefined, used: number): void {
  const max = limit ?? ISTIO_DEFAULT_CIRCUIT_LIMIT
  stats.set(`${prefix}circuit_breakers.default.remaining_${what}`, Math.max(0, max - used))
  const open = what === 'pending' ? 'rq_pending_open' : `${what}_open`
  stats.set(`${prefix}circuit_breakers.default.${open}`, used >= max ? 1 : 0)
}

function syncOutlier(stats: EnvoyStats, prefix: string, ejections: number, active: number): void {
  const o = `${prefix}outlier_detection.`
  for (const name of ['ejections_total', 'ejections_enforced_total', 'ejections_consecutive_5xx', 'ejections_enforced_consecutive_5xx', 'ejections_detected_consecutive_5xx']) {
    raiseCounter(stats, o + name, ejections)
  }
  stats.set(`${o}ejections_active`, active)
}
