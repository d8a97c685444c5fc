// Metric registry: counters, gauges and histograms with label sets, kept over simulated time (Prometheus data model).
//
// Prometheus docs, "Metric types": a histogram exposes cumulative
// `<name>_bucket{le="..."}` series, `<name>_sum` and `<name>_count`. The
// registry stores one history per label set and answers PromQL's selectors
// with those flattened series. Times are simulated epoch milliseconds passed
// in by the caller (the session Clock); nothing here reads a clock.

import { LABEL_NAME_RE, METRIC_NAME_LABEL, METRIC_NAME_RE, formatLabelSet, formatSampleValue, labelsKey, normalizeLabels, type Labels } from './labels'
import { DEFAULT_RETENTION_MS, DEFAULT_SCRAPE_INTERVAL_MS, SeriesHistory, type SeriesTiming } from './series'

/** Label sets the registry holds across all families; further label sets are dropped (see droppedSamples). */
export const DEFAULT_MAX_SERIES = 2_000

/** Upper bound on histogram buckets per family. */
export const MAX_BUCKETS = 64

export type MetricType = 'counter' | 'gauge' | 'histogram'

export interface MetricFamily {
  readonly name: string
  readonly help: string
  readonly type: MetricType
  /** Upper bounds, ascending, without +Inf (histograms only). */
  readonly buckets: readonly number[]
  readonly series: Map<string, LabeledSeries>
}

export interface LabeledSeries {
  readonly labels: Labels
  readonly history: SeriesHistory
}

/** One Prometheus series as PromQL sees it: labels (with __name__) and which component of a history it reads. */
export interface FlatSeries {
  readonly labels: Labels
  readonly history: SeriesHistory
  /** Index into the value vector; for a histogram bucket the cumulative sum up to it is read. */
  readonly index: number
  readonly cumulative: boolean
}

export interface RegistryOptions {
  scrapeIntervalMs?: number
  retentionMs?: number
  maxSeries?: number
}

export class MetricError extends Error {
  override name = 'MetricError'
}

export class MetricRegistry {
  readonly timing: SeriesTiming
  readonly maxSeries: number
  private readonly families = new Map<string, MetricFamily>()
  private seriesCount = 0
  private dropped = 0

  constructor(opts: RegistryOptions = {}) {
    this.timing = {
      scrapeIntervalMs: opts.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS,
      retentionMs: opts.retentionMs ?? DEFAULT_RETENTION_MS,
    }
    this.maxSeries = opts.maxSeries ?? DEFAULT_MAX_SERIES
  }

  /** An independent copy with the same options, families and histories. */
  clone(): MetricRegistry {
    const c = new MetricRegistry({ ...this.timing, maxSeries: this.maxSeries })
    for (const f of this.families.values()) {
      const series = new Map<string, LabeledSeries>()
      for (const [key, s] of f.series) series.set(key, { labels: s.labels, history: s.history.clone() })
      c.families.set(f.name, { ...f, series })
    }
    c.seriesCount = this.seriesCount
    c.dropped = this.dropped
    return c
  }

  /** Number of label sets held. */
  get size(): number {
    return this.seriesCount
  }

  /** Writes refused because the series cap was reached (new label sets only; existing ones keep counting). */
  get droppedSamples(): number {
    return this.dropped
  }

  /** Declares a family; declaring the same name again with the same type is a no-op. */
  define(name: string, type: MetricType, help: string, buckets: readonly number[] = []): MetricFamily {
    const existing = this.families.get(name)
    if (existing) {
      if (existing.type !== type) throw new MetricError(`metric ${name} is already a ${existing.type}`)
      return existing
    }
    if (!METRIC_NAME_RE.test(name)) throw new MetricError(`invalid metric name ${JSON.stringify(name)}`)
    const family: MetricFamily = { name, help, type, buckets: type === 'histogram' ? checkBuckets(buckets) : [], series: new Map() }
    this.families.set(name, family)
    return family
  }

  /**
   * Adds `by` (default 1) to a counter at simulated time t. `key` may carry
   * labelsKey(labels) when the caller writes one label set to several families.
   */
  inc(name: string, labels: Labels, t: number, by = 1, key?: string): void {
    if (!(by >= 0)) throw new MetricError(`counter ${name} can only increase (got ${by})`)
    this.seriesOf(name, 'counter', labels, t, key)?.history.write(t, (v) => (v[0]! += by))
  }

  /** Sets a gauge at simulated time t. */
  set(name: string, labels: Labels, value: number, t: number, key?: string): void {
    this.seriesOf(name, 'gauge', labels, t, key)?.history.write(t, (v) => (v[0] = value))
  }

  /** Records one histogram observation at simulated time t. */
  observe(name: string, labels: Labels, value: number, t: number, key?: string): void {
    const s = this.seriesOf(name, 'histogram', labels, t, key)
    if (!s) return
    const buckets = this.families.get(name)!.buckets
    const n = buckets.length
    let i = 0
    while (i < n && value > buckets[i]!) i++
    s.history.write(t, (v) => {
      v[i]! += 1
      v[n + 1]! += value
      v[n + 2]! += 1
    })
  }

  family(name: string): MetricFamily | undefined {
    return this.families.get(name)
  }

  /** Every family, in name order. */
  allFamilies(): MetricFamily[] {
    return [...this.families.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  }

  /** The Prometheus series named `metricName` (histograms answer to _bucket, _sum and _count). */
  flatSeries(metricName: string): FlatSeries[] {
    const direct = this.families.get(metricName)
    if (direct && direct.type !== 'histogram') return [...direct.series.values()].map((s) => flat(s, metricName, 0, false))
    const m = /^(.*)_(bucket|sum|count)$/.exec(metricName)
    const hist = m ? this.families.get(m[1]!) : undefined
    if (!m || !hist || hist.type !== 'histogram') return []
    const n = hist.buckets.length
    const out: FlatSeries[] = []
    for (const s of hist.series.values()) {
      if (m[2] === 'sum') out.push(flat(s, metricName, n + 1, false))
      else if (m[2] === 'count') out.push(flat(s, metricName, n + 2, false))
      else for (let i = 0; i <= n; i++) out.push(flat(s, metricName, i, true, { le: leLabel(hist.buckets[i]) }))
    }
    return out
  }

  /** Every metric name PromQL can select (histograms expanded). */
  metricNames(): string[] {
    const names: string[] = []
    for (const f of this.allFamilies()) {
      if (f.type === 'histogram') names.push(`${f.name}_bucket`, `${f.name}_count`, `${f.name}_sum`)
      else names.push(f.name)
    }
    return names.sort()
  }

  /** Prometheus text exposition (format 0.0.4) of the current values, as an Istio proxy serves it on :15090. */
  renderExposition(): string {
    const lines: string[] = []
    for (const f of this.allFamilies()) {
      if (f.series.size === 0) continue
      lines.push(`# TYPE ${f.name} ${f.type}`)
      for (const s of f.series.values()) lines.push(...exposeSeries(f, s))
    }
    return lines.length ? `${lines.join('\n')}\n` : ''
  }

  private seriesOf(name: string, type: MetricType, labels: Labels, t: number, key = labelsKey(labels)): LabeledSeries | undefined {
    const family = this.families.get(name)
    if (!family) throw new MetricError(`metric ${name} is not defined`)
    if (family.type !== type) throw new MetricError(`metric ${name} is a ${family.type}, not a ${type}`)
    const found = family.series.get(key)
    if (found) return found
    if (this.seriesCount >= this.maxSeries) {
      this.dropped++
      return undefined
    }
    checkLabelNames(labels)
    const width = type === 'histogram' ? family.buckets.length + 3 : 1
    const created: LabeledSeries = { labels: normalizeLabels(labels), history: new SeriesHistory(width, t, this.timing, type !== 'gauge') }
    family.series.set(key, created)
    this.seriesCount++
    return created
  }
}

function flat(s: LabeledSeries, name: string, index: number, cumulative: boolean, extra: Labels = {}): FlatSeries {
  return { labels: { ...s.labels, ...extra, [METRIC_NAME_LABEL]: name }, history: s.history, index, cumulative }
}

/** Reads a flat series' value from a value vector (bucket series are cumulative). */
export function readComponent(series: FlatSeries, vector: ArrayLike<number>): number {
  if (!series.cumulative) return vector[series.index]!
  let sum = 0
  for (let i = 0; i <= series.index; i++) sum += vector[i]!
  return sum
}

/** A Reader bound to one flat series, for SeriesHistory.samples(). */
export function readerOf(series: FlatSeries): (v: Float64Array) => number {
  return (v) => readComponent(series, v)
}

/** The `le` label value for a bucket bound (Go's %g-like shortest form; +Inf for the last). */
export function leLabel(bound: number | undefined): string {
  return bound === undefined ? '+Inf' : formatSampleValue(bound)
}

function exposeSeries(f: MetricFamily, s: LabeledSeries): string[] {
  const v = s.history.latest()
  if (f.type !== 'histogram') return [`${f.name}${formatLabelSet(s.labels)} ${formatSampleValue(v[0]!)}`]
  const n = f.buckets.length
  const lines: string[] = []
  let cumulative = 0
  for (let i = 0; i <= n; i++) {
    cumulative += v[i]!
    lines.push(`${f.name}_bucket${formatLabelSet({ ...s.labels, le: leLabel(f.buckets[i]) }, [...Object.keys(s.labels).sort(), 'le'])} ${formatSampleValue(cumulative)}`)
  }
  lines.push(`${f.name}_sum${formatLabelSet(s.labels)} ${formatSampleValue(v[n + 1]!)}`)
  lines.push(`${f.name}_count${formatLabelSet(s.labels)} ${formatSampleValue(v[n + 2]!)}`)
  return lines
}

function checkBuckets(buckets: readonly number[]): readonly number[] {
  if (buckets.length === 0 || buckets.length > MAX_BUCKETS) throw new MetricError(`a histogram needs 1..${MAX_BUCKETS} buckets`)
  for (let i = 0; i < buckets.length; i++) {
    if (!Number.isFinite(buckets[i]!) || (i > 0 && buckets[i]! <= buckets[i - 1]!)) {
      throw new MetricError('histogram buckets must be finite and strictly ascending')
    }
  }
  return [...buckets]
}

function checkLabelNames(labels: Labels): void {
  for (const name of Object.keys(labels)) {
    if (!LABEL_NAME_RE.test(name) || name.startsWith('__') || name === 'le') throw new MetricError(`invalid label name ${JSON.stringify(name)}`)
  }
}
