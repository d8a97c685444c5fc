// histogram_quantile over one aggregated bucket series, so one range query of `sum(rate(..._bucket[1m])) by (le, ...)` gives p50, p90 and p99.
//
// The bucket aggregation is the expensive part of Istio's latency panels (every
// bucket of every series at every step); asking PromQL for three quantiles
// evaluates it three times. This is Prometheus's bucketQuantile
// (promql/quantile.go): buckets sorted by upper bound, the +Inf bucket holds the
// total, linear interpolation inside the bucket where the rank falls, the
// lower bound of the first bucket is 0, a rank in the +Inf bucket answers the
// largest finite bound, fewer than two buckets or no observations answer NaN.
// Tests check it against the engine's own histogram_quantile.

export interface Bucket {
  /** Upper bound (`le`), Infinity for +Inf. */
  readonly le: number
  /** Cumulative count (or rate) up to le. */
  readonly count: number
}

export function bucketQuantile(q: number, input: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN
  if (q < 0) return -Infinity
  if (q > 1) return Infinity
  const buckets = [...input].sort((a, b) => a.le - b.le)
  if (buckets.length < 2 || buckets.at(-1)!.le !== Infinity) return NaN
  // Counts must not fall as le grows (Prometheus's ensureMonotonic).
  let max = 0
  const counts = buckets.map((b) => (max = Math.max(max, b.count)))
  const total = counts.at(-1)!
  if (!(total > 0)) return NaN
  let rank = q * total
  const b = counts.findIndex((c) => c >= rank)
  if (b === buckets.length - 1) return buckets[b - 1]!.le
  if (b === 0 && buckets[0]!.le <= 0) return buckets[0]!.le
  const start = b === 0 ? 0 : buckets[b - 1]!.le
  const end = buckets[b]!.le
  const below = b === 0 ? 0 : counts[b - 1]!
  const inBucket = counts[b]! - below
  rank -= below
  return start + (end - start) * (inBucket > 0 ? rank / inBucket : 0)
}
