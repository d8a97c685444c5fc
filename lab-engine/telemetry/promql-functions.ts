// PromQL functions: the subset we support, with their argument types and Prometheus's semantics.
//
// Prometheus docs, "Query functions". rate()/increase() follow promql/functions.go
// extrapolatedRate: counter resets are corrected, and the result is extrapolated
// to the window's edges when the first/last samples are within 1.1 average
// sample intervals of them (else by half an interval), never below zero for a
// counter. histogram_quantile() follows bucketQuantile: linear interpolation
// inside the bucket that holds the rank; the highest finite bound when the rank
// falls in the +Inf bucket.

import { METRIC_NAME_LABEL, withoutLabels, type Labels } from './labels'
import type { Sample } from './series'
import { scalar, vector, type Value, type ValueType, type VectorSample } from './promql-values'

export interface FunctionDef {
  readonly args: readonly ValueType[]
  /** How many trailing args may be left out. */
  readonly optional?: number
  readonly returns: ValueType
  readonly call: (args: readonly Value[], evalTimeMs: number) => Value
}

type Matrix = Extract<Value, { type: 'matrix' }>

const dropName = (labels: Labels): Labels => withoutLabels(labels, [METRIC_NAME_LABEL])

/** Applies fn to each series' samples; series where fn returns undefined are left out. */
function overRange(fn: (s: readonly Sample[], m: Matrix) => number | undefined) {
  return (args: readonly Value[]): Value => {
    const m = args[0] as Matrix
    const out: VectorSample[] = []
    for (const series of m.series) {
      const v = fn(series.samples, m)
      if (v !== undefined) out.push({ labels: dropName(series.labels), v })
    }
    return vector(out)
  }
}

function mapVector(fn: (v: number, args: readonly Value[]) => number) {
  return (args: readonly Value[]): Value => {
    const samples = (args[0] as Extract<Value, { type: 'vector' }>).samples
    return vector(samples.map((s) => ({ labels: dropName(s.labels), v: fn(s.v, args) })))
  }
}

const num = (args: readonly Value[], i: number, fallback: number): number => {
  const a = args[i]
  return a && a.type === 'scalar' ? a.v : fallback
}

/** promql/functions.go extrapolatedRate, for one series over the window (startMs, endMs]. */
export function extrapolatedRate(samples: readonly Sample[], startMs: number, endMs: number, isRate: boolean, isCounter = true): number | undefined {
  if (samples.length < 2) return undefined
  const first = samples[0]!
  const last = samples[samples.length - 1]!
  let result = last.v - first.v
  let prev = first.v
  for (const s of isCounter ? samples : []) {
    if (s.v < prev) result += prev
    prev = s.v
  }
  let durationToStart = (first.t - startMs) / 1000
  const durationToEnd = (endMs - last.t) / 1000
  const sampledInterval = (last.t - first.t) / 1000
  const averageBetween = sampledInterval / (samples.length - 1)
  if (isCounter && result > 0 && first.v >= 0) {
    const durationToZero = sampledInterval * (first.v / result)
    if (durationToZero < durationToStart) durationToStart = durationToZero
  }
  const threshold = averageBetween * 1.1
  let extrapolateTo = sampledInterval
  extrapolateTo += durationToStart < threshold ? durationToStart : averageBetween / 2
  extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetween / 2
  result *= extrapolateTo / sampledInterval
  return isRate ? result / ((endMs - startMs) / 1000) : result
}

function irate(samples: readonly Sample[]): number | undefined {
  if (samples.length < 2) return undefined
  const last = samples[samples.length - 1]!
  const prev = samples[samples.length - 2]!
  const dt = (last.t - prev.t) / 1000
  if (dt === 0) return undefined
  return (last.v < prev.v ? last.v : last.v - prev.v) / dt
}

interface Bucket {
  upper: number
  count: number
}

/** promql/quantile.go bucketQuantile for classic histograms. */
export function bucketQuantile(q: number, input: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN
  if (q < 0) return -Infinity
  if (q > 1) return Infinity
  const sorted = [...input].sort((a, b) => a.upper - b.upper)
  if (sorted.length === 0 || sorted[sorted.length - 1]!.upper !== Infinity) return NaN
  const buckets: Bucket[] = []
  for (const b of sorted) {
    const top = buckets[buckets.length - 1]
    if (top && top.upper === b.upper) top.count += b.count
    else buckets.push({ ...b })
  }
  for (let i = 1; i < buckets.length; i++) buckets[i]!.count = Math.max(buckets[i]!.count, buckets[i - 1]!.count)
  if (buckets.length < 2) return NaN
  const observations = buckets[buckets.length - 1]!.count
  if (observations === 0) return NaN
  let rank = q * observations
  let b = buckets.findIndex((x, i) => i < buckets.length - 1 && x.count >= rank)
  if (b === -1) b = buckets.length - 1
  if (b === buckets.length - 1) return buckets[buckets.length - 2]!.upper
  if (b === 0 && buckets[0]!.upper <= 0) return buckets[0]!.upper
  let start = 0
  let count = buckets[b]!.count
  if (b > 0) {
    start = buckets[b - 1]!.upper
    count -= buckets[b - 1]!.count
    rank -= buckets[b - 1]!.count
  }
  return start + (buckets[b]!.upper - start) * (rank / count)
}

function histogramQuantile(args: readonly Value[]): Value {
  const q = num(args, 0, NaN)
  const samples = (args[1] as Extract<Value, { type: 'vector' }>).samples
  const groups = new Map<string, { labels: Labels; buckets: Bucket[] }>()
  for (const s of samples) {
    const le = s.labels.le
    if (le === undefined) continue
    const upper = le === '+Inf' ? Infinity : Number(le)
    if (Number.isNaN(upper)) continue
    const labels = withoutLabels(s.labels, ['le', METRIC_NAME_LABEL])
    const key = JSON.stringify(Object.entries(labels).sort())
    const g = groups.get(key) ?? { labels, buckets: [] }
    g.buckets.push({ upper, count: s.v })
    groups.set(key, g)
  }
  return vector([...groups.values()].map((g) => ({ labels: g.labels, v: bucketQuantile(q, g.buckets) })))
}

const sumOf = (s: readonly Sample[]) => s.reduce((a, x) => a + x.v, 0)

function countSteps(s: readonly Sample[], counts: (prev: number, next: number) => boolean): number {
  let n = 0
  for (let i = 1; i < s.length; i++) if (counts(s[i - 1]!.v, s[i]!.v)) n++
  return n
}

/** Real PromQL functions this simulator does not implement, so the error can say so. */
export const UNSUPPORTED_FUNCTIONS: ReadonlySet<string> = new Set([
  'label_replace', 'label_join', 'predict_linear', 'deriv', 'idelta', 'holt_winters', 'double_exponential_smoothing', 'timestamp',
  'quantile_over_time', 'stddev_over_time', 'stdvar_over_time', 'present_over_time', 'absent_over_time', 'mad_over_time',
  'histogram_count', 'histogram_sum', 'histogram_avg', 'histogram_fraction', 'histogram_stddev', 'histogram_stdvar',
  'day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year',
  'acos', 'asin', 'atan', 'cos', 'sin', 'tan', 'acosh', 'asinh', 'atanh', 'cosh', 'sinh', 'tanh', 'deg', 'rad', 'pi',
  'count_values', 'limitk', 'limit_ratio', 'info', 'sort_by_label', 'sort_by_label_desc',
])

export const FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  rate: { args: ['matrix'], returns: 'vector', call: overRange((s, m) => extrapolatedRate(s, m.startMs, m.endMs, true)) },
  increase: { args: ['matrix'], returns: 'vector', call: overRange((s, m) => extrapolatedRate(s, m.startMs, m.endMs, false)) },
  irate: { args: ['matrix'], returns: 'vector', call: overRange((s) => irate(s)) },
  delta: { args: ['matrix'], returns: 'vector', call: overRange((s, m) => extrapolatedRate(s, m.startMs, m.endMs, false, false)) },
  changes: { args: ['matrix'], returns: 'vector', call: overRange((s) => (s.length ? countSteps(s, (a, b) => b !== a) : undefined)) },
  resets: { args: ['matrix'], returns: 'vector', call: overRange((s) => (s.length ? countSteps(s, (a, b) => b < a) : undefined)) },
  last_over_time: { args: ['matrix'], returns: 'vector', call: overRange((s) => (s.length ? s[s.length - 1]!.v : undefined)) },
  sum_over_time: { args: ['matrix'], returns: 'vector', call: overRange((s) => (s.length ? sumOf(s) : undefined)) },
  avg_over_time: { args: ['matrix'], returns: 'vector', call: overRange((s) => (s.length ? sumOf(s) / s.length : undefined)) },
  max_over_time: { args: ['matrix'], returns: 'vector', call: overRange((s) => (s.length ? Math.max(...s.map((x) => x.v)) : undefined)) },
  min_over_time: { args: ['matrix'], returns: 'vector', call: overRange((s) => (s.length ? Math.min(...s.map((x) => x.v)) : undefined)) },
  count_over_time: { args: ['matrix'], returns: 'vector', call: overRange((s) => (s.length ? s.length : undefined)) },
  histogram_quantile: { args: ['scalar', 'vector'], returns: 'vector', call: histogramQuantile },
  abs: { args: ['vector'], returns: 'vector', call: mapVector(Math.abs) },
  ceil: { args: ['vector'], returns: 'vector', call: mapVector(Math.ceil) },
  floor: { args: ['vector'], returns: 'vector', call: mapVector(Math.floor) },
  sqrt: { args: ['vector'], returns: 'vector', call: mapVector(Math.sqrt) },
  exp: { args: ['vector'], returns: 'vector', call: mapVector(Math.exp) },
  ln: { args: ['vector'], returns: 'vector', call: mapVector(Math.log) },
  round: {
    args: ['vector', 'scalar'],
    optional: 1,
    returns: 'vector',
    call: mapVector((v, a) => {
      const inv = 1 / num(a, 1, 1)
      return Math.floor(v * inv + 0.5) / inv
    }),
  },
  clamp_min: { args: ['vector', 'scalar'], returns: 'vector', call: mapVector((v, a) => Math.max(v, num(a, 1, NaN))) },
  clamp_max: { args: ['vector', 'scalar'], returns: 'vector', call: mapVector((v, a) => Math.min(v, num(a, 1, NaN))) },
  clamp: {
    args: ['vector', 'scalar', 'scalar'],
    returns: 'vector',
    call: (a) => (num(a, 1, NaN) > num(a, 2, NaN) ? vector([]) : mapVector((v, b) => Math.max(num(b, 1, NaN), Math.min(num(b, 2, NaN), v)))(a)),
  },
  log2: { args: ['vector'], returns: 'vector', call: mapVector(Math.log2) },
  log10: { args: ['vector'], returns: 'vector', call: mapVector(Math.log10) },
  sgn: { args: ['vector'], returns: 'vector', call: mapVector(Math.sign) },
  time: { args: [], returns: 'scalar', call: (_a, t) => scalar(t / 1000) },
  vector: { args: ['scalar'], returns: 'vector', call: (a) => vector([{ labels: {}, v: num(a, 0, NaN) }]) },
  scalar: {
    args: ['vector'],
    returns: 'scalar',
    call: (a) => {
      const s = (a[0] as Extract<Value, { type: 'vector' }>).samples
      return scalar(s.length === 1 ? s[0]!.v : NaN)
    },
  },
  sort: { args: ['vector'], returns: 'vector', call: (a) => sortVector(a[0]!, 1) },
  sort_desc: { args: ['vector'], returns: 'vector', call: (a) => sortVector(a[0]!, -1) },
  // absent() needs its argument's matchers; the evaluator handles it and this entry only types it.
  absent: { args: ['vector'], returns: 'vector', call: () => vector([]) },
}

function sortVector(v: Value, dir: 1 | -1): Value {
  const samples = [...(v as Extract<Value, { type: 'vector' }>).samples]
  samples.sort((a, b) => (Number.isNaN(a.v) ? 1 : Number.isNaN(b.v) ? -1 : dir * (a.v - b.v)))
  return vector(samples)
}
