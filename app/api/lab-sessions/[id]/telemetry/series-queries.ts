// Per-service request rate, 5xx share and latency percentiles over time, asked as Istio's Grafana dashboards ask Prometheus.
//
// Istio's "Istio Service Dashboard" (samples/addons/grafana dashboards): server-side
// (reporter="destination") `sum(rate(istio_requests_total[1m])) by (destination_service)`,
// the same with response_code=~"5.." for errors, and
// `histogram_quantile(q, sum(rate(istio_request_duration_milliseconds_bucket[1m])) by (le, destination_service))`
// for P50/P90/P99. The bucket aggregation is asked once and the three quantiles
// are taken from it (bucket-quantile.ts, Prometheus's algorithm), since it is
// the costly part; the error share is computed here (errors / requests) so an
// idle step is a gap rather than NaN.
import type { ClusterDriver, MetricRange, MetricResult } from '@/lab-engine/drivers/cluster-driver'
import { bucketQuantile, type Bucket } from './bucket-quantile'

/** Points per chart at most: the step grows with the window. */
export const MAX_POINTS = 120
/** Never finer than Prometheus's scrape interval in Istio's addon (and the sim's): 15 s. */
export const MIN_STEP_MS = 15_000
/** Services one answer carries, busiest first. */
export const MAX_SERVICES = 30
export const QUANTILES = [0.5, 0.9, 0.99] as const

export interface SeriesPoint {
  /** Driver clock, epoch ms. */
  t: number
  rps: number | null
  /** 5xx share of requests, 0..1; null when there were none. */
  errorRate: number | null
  p50: number | null
  p90: number | null
  p99: number | null
}

export interface ServiceSeries {
  service: string
  points: SeriesPoint[]
}

/** A range aligned to whole steps, so the points of successive refreshes line up. */
export function rangeFor(nowMs: number, spanMs: number): MetricRange {
  const stepMs = Math.max(MIN_STEP_MS, Math.ceil(spanMs / MAX_POINTS / 1000) * 1000)
  const endMs = Math.floor(nowMs / stepMs) * stepMs
  return { startMs: endMs - Math.ceil(spanMs / stepMs) * stepMs, endMs, stepMs }
}

const selector = (service: string | undefined, extra = '') =>
  `{reporter="destination"${extra}${service ? `,destination_service="${service}"` : ''}}`

/** The three range queries of one refresh (service names are validated host names, so no quoting is needed). */
export function seriesPromQL(service?: string): { rps: string; errors: string; buckets: string } {
  return {
    rps: `sum(rate(istio_requests_total${selector(service)}[1m])) by (destination_service)`,
    errors: `sum(rate(istio_requests_total${selector(service, ',response_code=~"5.."')}[1m])) by (destination_service)`,
    buckets: `sum(rate(istio_request_duration_milliseconds_bucket${selector(service)}[1m])) by (le, destination_service)`,
  }
}

/** What Istio's dashboards ask for each quantile: histogram_quantile(q, <buckets>). */
export function quantilePromQL(q: number, service?: string): string {
  return `histogram_quantile(${q}, ${seriesPromQL(service).buckets})`
}

type Matrix = { metric: Record<string, string>; values: [number, string][] }[]

/** destination_service -> (ms -> value), finite values only. */
export function byService(result: MetricResult): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>()
  if (result.resultType !== 'matrix') return out
  for (const s of result.result as Matrix) {
    const name = s.metric.destination_service ?? 'unknown'
    const points = out.get(name) ?? new Map<number, number>()
    for (const [t, v] of s.values) {
      const n = Number(v)
      if (Number.isFinite(n)) points.set(Math.round(t * 1000), n)
    }
    out.set(name, points)
  }
  return out
}

type ByService = Map<string, Map<number, number>>

/** The bucket series (one per le) -> for each quantile, destination_service -> (ms -> latency). */
export function quantilesByService(result: MetricResult, quantiles: readonly number[] = QUANTILES): ByService[] {
  const buckets = new Map<string, Map<number, Bucket[]>>()
  if (result.resultType === 'matrix') {
    for (const s of result.result as Matrix) {
      const le = s.metric.le === '+Inf' ? Infinity : Number(s.metric.le)
      if (Number.isNaN(le)) continue
      const perTime = buckets.get(s.metric.destination_service ?? 'unknown') ?? new Map<number, Bucket[]>()
      for (const [t, v] of s.values) {
        const at = Math.round(t * 1000)
        const list = perTime.get(at) ?? []
        list.push({ le, count: Number(v) })
        perTime.set(at, list)
      }
      buckets.set(s.metric.destination_service ?? 'unknown', perTime)
    }
  }
  return quantiles.map((q) => {
    const out: ByService = new Map()
    for (const [service, perTime] of buckets) {
      const points = new Map<number, number>()
      for (const [t, list] of perTime) {
        const v = bucketQuantile(q, list)
        if (Number.isFinite(v)) points.set(t, v)
      }
      out.set(service, points)
    }
    return out
  })
}

/** Services by requests over the range, busiest first (then by name), at most MAX_SERVICES. */
export function rankServices(rps: ByService): string[] {
  const total = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0)
  return [...rps.entries()].sort((a, b) => total(b[1]) - total(a[1]) || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_SERVICES).map(([name]) => name)
}

/** Joins the five answers into one point per step for each named service. */
export function joinSeries(range: MetricRange, services: readonly string[], rps: ByService, errors: ByService, quantiles: ByService[]): ServiceSeries[] {
  return services.map((service) => {
    const points: SeriesPoint[] = []
    for (let t = range.startMs; t <= range.endMs; t += range.stepMs) {
      const r = rps.get(service)?.get(t)
      const q = quantiles.map((m) => m.get(service)?.get(t) ?? null)
      const errorRate = r === undefined || r <= 0 ? null : Math.min(1, (errors.get(service)?.get(t) ?? 0) / r)
      points.push({ t, rps: r ?? null, errorRate, p50: q[0] ?? null, p90: q[1] ?? null, p99: q[2] ?? null })
    }
    return { service, points }
  })
}

/** The driver's own clock, as PromQL's time() (the sim's session time, or the Prometheus server's). */
export async function driverNow(driver: ClusterDriver): Promise<number> {
  const r = await driver.queryMetric('time()')
  const value = r.resultType === 'scalar' ? Number((r.result as [number, string])[1]) : NaN
  if (!Number.isFinite(value)) throw new Error(`time() answered ${JSON.stringify(r)}`)
  return value * 1000
}

/** Runs the queries of one refresh and joins them; `service` narrows every query but the one listing services. */
export async function loadSeries(driver: Required<Pick<ClusterDriver, 'queryMetricRange'>>, range: MetricRange, service?: string): Promise<{ services: string[]; series: ServiceSeries[] }> {
  const all = seriesPromQL()
  const q = seriesPromQL(service)
  const ask = (promql: string) => driver.queryMetricRange(promql, range)
  const [rpsAll, errors, buckets] = await Promise.all([ask(all.rps).then(byService), ask(q.errors).then(byService), ask(q.buckets)])
  const services = rankServices(rpsAll)
  return { services, series: joinSeries(range, service ? [service] : services, rpsAll, errors, quantilesByService(buckets)) }
}
