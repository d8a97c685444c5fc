// Envoy admin stats: one proxy's counters and gauges, and the /stats and /stats/prometheus pages that show them.
//
// Envoy docs, configuration/upstream/cluster_manager/cluster_stats: per-cluster
// stats live under cluster.<name>. (upstream_rq_total, upstream_rq_pending_overflow,
// outlier_detection.ejections_active, circuit_breakers.<priority>.remaining_pending,
// ...), created at zero when the cluster is. Envoy source (server/admin
// stats_request.cc, stats_render.cc): /stats prints `name: value` lines sorted
// by name; ?filter= is a regex searched anywhere in the name (RE2; an invalid one
// gives 400 "Invalid re2 regex"); ?usedonly hides stats never written.
// /stats/prometheus (prometheus_stats.cc): counters then gauges, grouped by
// tag-extracted name in name order, each group `# TYPE envoy_<name> <type>` then
// `envoy_<name>{tags} value` lines and a blank line; names sanitised to [a-zA-Z0-9_].
// Istio's bootstrap (tools/packaging/common/envoy_bootstrap.json) extracts the
// cluster_name, response_code and response_code_class tags, and keeps only stats
// matching its inclusion list unless proxyStatsMatcher adds prefixes.

import { compileRe2 } from './re2'

/** Most stats one proxy may hold; further names are ignored. */
export const MAX_STATS_PER_PROXY = 20_000

/** What Istio's default stats matcher keeps (pkg/bootstrap/config.go plus the bootstrap template). */
export const ISTIO_DEFAULT_STATS_INCLUSION: StatsInclusion = {
  prefixes: ['reporter=', 'cluster_manager', 'listener_manager', 'server', 'cluster.xds-grpc', 'wasm', 'component', 'istio'],
  suffixes: ['rbac.allowed', 'rbac.denied', 'shadow_allowed', 'shadow_denied', 'downstream_cx_active'],
  regexps: ['vhost\\..*\\.route\\..*'],
}

/** Envoy's circuit-breaker default when Istio sets none: the uint32 maximum. */
export const ISTIO_DEFAULT_CIRCUIT_LIMIT = 4_294_967_295

export interface StatsInclusion {
  readonly prefixes: readonly string[]
  readonly suffixes: readonly string[]
  readonly regexps: readonly string[]
}

export interface ClusterLimits {
  maxConnections?: number
  maxPendingRequests?: number
  maxRequests?: number
  maxRetries?: number
}

const CLUSTER_COUNTERS = [
  'upstream_cx_total', 'upstream_cx_http1_total', 'upstream_cx_http2_total', 'upstream_cx_connect_fail', 'upstream_cx_connect_timeout',
  'upstream_cx_overflow', 'upstream_cx_pool_overflow', 'upstream_cx_destroy', 'upstream_cx_destroy_local', 'upstream_cx_destroy_remote',
  'upstream_cx_rx_bytes_total', 'upstream_cx_tx_bytes_total', 'upstream_rq_total', 'upstream_rq_completed', 'upstream_rq_cancelled',
  'upstream_rq_pending_total', 'upstream_rq_pending_overflow', 'upstream_rq_pending_failure_eject', 'upstream_rq_timeout',
  'upstream_rq_per_try_timeout', 'upstream_rq_rx_reset', 'upstream_rq_tx_reset', 'upstream_rq_retry', 'upstream_rq_retry_success',
  'upstream_rq_retry_overflow', 'upstream_rq_retry_limit_exceeded', 'lb_healthy_panic',
]
const CLUSTER_GAUGES = ['upstream_cx_active', 'upstream_rq_active', 'upstream_rq_pending_active', 'membership_healthy', 'membership_total', 'membership_degraded']
const BREAKER_OPEN = ['cx_open', 'cx_pool_open', 'rq_open', 'rq_pending_open', 'rq_retry_open']
const OUTLIER_COUNTERS = [
  'ejections_total', 'ejections_enforced_total', 'ejections_overflow', 'ejections_consecutive_5xx', 'ejections_enforced_consecutive_5xx',
  'ejections_detected_consecutive_5xx', 'ejections_enforced_consecutive_gateway_failure', 'ejections_detected_consecutive_gateway_failure',
]

/** Supplies a proxy's Istio metrics for its Prometheus page (see istio-exposition.ts). */
export type IstioSection = (filter: RegExp | undefined) => { counters: string; histograms: string }

export class StatsQueryError extends Error {
  override name = 'StatsQueryError'
}

interface Stat {
  type: 'counter' | 'gauge'
  value: number
  used: boolean
}

export class EnvoyStats {
  private readonly stats = new Map<string, Stat>()
  private readonly include: (name: string) => boolean
  /** Names the matcher left out (it never changes, so they are asked about once). */
  private readonly excluded = new Set<string>()
  /** The three counter names a response code adds to, per cluster (built once, not per request). */
  private readonly responseNames = new Map<string, Map<number, readonly [string, string, string]>>()

  /** inclusion 'all' keeps every stat (plain Envoy); the default is Istio's matcher plus `extra`. */
  constructor(private readonly opts: { inclusion?: StatsInclusion | 'all'; extra?: Partial<StatsInclusion> } = {}) {
    const inc = opts.inclusion ?? ISTIO_DEFAULT_STATS_INCLUSION
    this.include = inc === 'all' ? () => true : matcher(merge(inc, opts.extra))
  }

  /** An independent copy with the same matcher and values. */
  clone(): EnvoyStats {
    const c = new EnvoyStats(this.opts)
    for (const [name, s] of this.stats) c.stats.set(name, { ...s })
    return c
  }

  /** Adds to a counter (created at zero if new and included). */
  inc(name: string, by = 1): void {
    const s = this.stat(name, 'counter')
    if (s) {
      s.value += by
      s.used = true
    }
  }

  /** Sets a gauge. */
  set(name: string, value: number): void {
    const s = this.stat(name, 'gauge')
    if (s) {
      s.value = value
      s.used = true
    }
  }

  /** Adds to a gauge (negative to decrease). */
  add(name: string, delta: number): void {
    const s = this.stat(name, 'gauge')
    if (s) this.set(name, s.value + delta)
  }

  /** A stat's value, undefined when it does not exist (never created or excluded by the matcher). */
  value(name: string): number | undefined {
    return this.stats.get(name)?.value
  }

  /** Creates a cluster's standard stats at zero, as Envoy does when the cluster is added. */
  ensureCluster(cluster: string, opts: { limits?: ClusterLimits; outlierDetection?: boolean } = {}): void {
    const p = `cluster.${cluster}.`
    for (const c of CLUSTER_COUNTERS) this.stat(p + c, 'counter')
    for (const g of CLUSTER_GAUGES) this.stat(p + g, 'gauge')
    for (const prio of ['default', 'high']) for (const o of BREAKER_OPEN) this.stat(`${p}circuit_breakers.${prio}.${o}`, 'gauge')
    const l = opts.limits ?? {}
    this.initGauge(`${p}circuit_breakers.default.remaining_cx`, l.maxConnections ?? ISTIO_DEFAULT_CIRCUIT_LIMIT)
    this.initGauge(`${p}circuit_breakers.default.remaining_pending`, l.maxPendingRequests ?? ISTIO_DEFAULT_CIRCUIT_LIMIT)
    this.initGauge(`${p}circuit_breakers.default.remaining_rq`, l.maxRequests ?? ISTIO_DEFAULT_CIRCUIT_LIMIT)
    this.initGauge(`${p}circuit_breakers.default.remaining_retries`, l.maxRetries ?? ISTIO_DEFAULT_CIRCUIT_LIMIT)
    if (opts.outlierDetection) {
      for (const c of OUTLIER_COUNTERS) this.stat(`${p}outlier_detection.${c}`, 'counter')
      this.stat(`${p}outlier_detection.ejections_active`, 'gauge')
    }
  }

  /** Adds to cluster.<cluster>.<stat>. */
  clusterInc(cluster: string, stat: string, by = 1): void {
    this.inc(`cluster.${cluster}.${stat}`, by)
  }

  /** Counts a response from upstream: upstream_rq_<code>, upstream_rq_<N>xx and upstream_rq_completed. */
  recordUpstreamResponse(cluster: string, code: number): void {
    let byCode = this.responseNames.get(cluster)
    if (!byCode) {
      if (this.responseNames.size >= MAX_STATS_PER_PROXY) this.responseNames.clear()
      this.responseNames.set(cluster, (byCode = new Map()))
    }
    let names = byCode.get(code)
    if (!names) {
      const p = `cluster.${cluster}.`
      byCode.set(code, (names = [`${p}upstream_rq_${code}`, `${p}upstream_rq_${Math.floor(code / 100)}xx`, `${p}upstream_rq_completed`]))
    }
    this.inc(names[0])
    this.inc(names[1])
    this.inc(names[2])
  }

  /** `curl localhost:15000/stats[?filter=..&usedonly]` text: `name: value` lines sorted by name. */
  renderText(opts: { filter?: string; usedOnly?: boolean } = {}): string {
    return this.selected(opts)
      .map(([name, s]) => `${name}: ${s.value}\n`)
      .join('')
  }

  /**
   * `curl localhost:15000/stats/prometheus` text (Istio's tag extraction).
   * `istio` supplies the proxy's Istio metrics (istioExpositionFor): their
   * counters print after Envoy's counters, their histograms after the gauges.
   */
  renderPrometheus(opts: { filter?: string; usedOnly?: boolean } = {}, istio?: IstioSection): string {
    let out = ''
    const section = istio?.(this.filterRegex(opts.filter))
    for (const type of ['counter', 'gauge'] as const) {
      const groups = new Map<string, string[]>()
      for (const [name, s] of this.selected(opts)) {
        if (s.type !== type) continue
        const { metric, tags } = prometheusName(name)
        groups.set(metric, [...(groups.get(metric) ?? []), `${metric}{${tags}} ${s.value}\n`])
      }
      for (const metric of [...groups.keys()].sort()) out += `# TYPE ${metric} ${type}\n${groups.get(metric)!.join('')}\n`
      if (type === 'counter' && section) out += section.counters
    }
    return section ? out + section.histograms : out
  }

  /** Serves an admin path such as /stats?filter=pending or /stats/prometheus, with Envoy's status and body. */
  handleAdmin(pathAndQuery: string, istio?: IstioSection): { status: number; body: string } {
    const url = new URL(pathAndQuery, 'http://localhost:15000')
    const filter = url.searchParams.get('filter') ?? undefined
    const usedOnly = url.searchParams.has('usedonly')
    try {
      if (url.pathname === '/stats/prometheus') return { status: 200, body: this.renderPrometheus({ filter, usedOnly }, istio) }
      if (url.pathname === '/stats') {
        const format = url.searchParams.get('format')
        if (format === 'prometheus') return { status: 200, body: this.renderPrometheus({ filter, usedOnly }, istio) }
        return { status: 200, body: this.renderText({ filter, usedOnly }) }
      }
    } catch (err) {
      if (err instanceof StatsQueryError) return { status: 400, body: err.message }
      throw err
    }
    return { status: 404, body: '' }
  }

  private filterRegex(filter: string | undefined): RegExp | undefined {
    if (filter === undefined) return undefined
    try {
      return compileRe2(filter, false)
    } catch {
      throw new StatsQueryError('Invalid re2 regex')
    }
  }

  private selected(opts: { filter?: string; usedOnly?: boolean }): [string, Stat][] {
    const re = this.filterRegex(opts.filter)
    return [...this.stats.entries()]
      .filter(([name, s]) => (!opts.usedOnly || s.used) && (!re || re.test(name)))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  }

  private initGauge(name: string, value: number): void {
    const s = this.stat(name, 'gauge')
    if (s && !s.used) s.value = value
  }

  private stat(name: string, type: Stat['type']): Stat | undefined {
    const found = this.stats.get(name)
    if (found) return found.type === type ? found : undefined
    if (this.excluded.has(name)) return undefined
    if (!this.include(name)) {
      if (this.excluded.size >= MAX_STATS_PER_PROXY) this.excluded.clear()
      this.excluded.add(name)
      return undefined
    }
    if (this.stats.size >= MAX_STATS_PER_PROXY) return undefined
    const created: Stat = { type, value: 0, used: false }
    this.stats.set(name, created)
    return created
  }
}

function merge(base: StatsInclusion, extra: Partial<StatsInclusion> | undefined): StatsInclusion {
  return {
    prefixes: [...base.prefixes, ...(extra?.prefixes ?? [])],
    suffixes: [...base.suffixes, ...(extra?.suffixes ?? [])],
    regexps: [...base.regexps, ...(extra?.regexps ?? [])],
  }
}

function matcher(inc: StatsInclusion): (name: string) => boolean {
  const res = inc.regexps.map((r) => new RegExp(`^(?:${r})$`))
  return (name) => inc.prefixes.some((p) => name.startsWith(p)) || inc.suffixes.some((s) => name.endsWith(s)) || res.some((r) => r.test(name))
}

/** Istio's stats_tags: response_code / response_code_class first, then cluster_name; the rest is the metric name. */
export function prometheusName(stat: string): { metric: string; tags: string } {
  let name = stat
  const tags: string[] = []
  const code = /_rq(_(\d{3}))$/.exec(name) ?? undefined
  const cls = code ? undefined : (/_rq(_(\dxx))$/.exec(name) ?? undefined)
  if (code) tags.push(`response_code="${code[2]}"`)
  if (cls) tags.push(`response_code_class="${cls[2]}"`)
  const hit = code ?? cls
  if (hit) name = name.slice(0, hit.index + 3) + name.slice(hit.index + hit[0].length)
  const cluster = /^cluster\.((.+?(\..+?\.svc\.cluster\.local)?)\.)/.exec(name)
  if (cluster) {
    tags.push(`cluster_name="${cluster[2]}"`)
    name = 'cluster.' + name.slice(cluster[0].length)
  }
  return { metric: `envoy_${name.replace(/[^a-zA-Z0-9_]/g, '_')}`, tags: tags.join(',') }
}
