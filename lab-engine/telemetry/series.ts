// Series history: the values one label set took over simulated time, as a Prometheus scraping it would see them.
//
// Prometheus docs (configuration, scrape_config): a target is scraped every
// scrape_interval; Istio's samples/addons/prometheus.yaml sets 15s. A sample's
// value is the counter as of the scrape instant. We keep one point per scrape
// slot (the last write in a slot wins), so a burst of 100,000 requests inside
// one slot costs one point, and samples between changes are synthesised at
// query time rather than stored.
//
// Prometheus 3 `created-timestamp-zero-ingestion`: a zero sample is added at the
// series' creation, so the first increments show up in rate()/increase(). We
// place it 1 ms before the first write (documented simplification).

/** Istio's sample Prometheus scrapes every 15 s (samples/addons/prometheus.yaml, global.scrape_interval). */
export const DEFAULT_SCRAPE_INTERVAL_MS = 15_000

/** History kept per series; older points are folded into one base point. */
export const DEFAULT_RETENTION_MS = 60 * 60_000

/** Hard cap on stored points per series (matters when scrapeIntervalMs is 0: every write is a point). */
export const MAX_POINTS_PER_SERIES = 512

/** A stored point: slot time and the whole value vector at that time. */
interface Point {
  t: number
  v: Float64Array
}

export interface Sample {
  readonly t: number
  readonly v: number
}

/** Picks one number (a counter, a cumulative bucket, a sum) from a value vector. */
export type Reader = (v: Float64Array) => number

export interface SeriesTiming {
  /** 0 means every write is visible at once (a scrape at every change). */
  readonly scrapeIntervalMs: number
  readonly retentionMs: number
}

/**
 * The history of one label set. `width` is 1 for counters and gauges; a
 * histogram stores its per-bucket counts then sum then count in one vector.
 */
export class SeriesHistory {
  private readonly points: Point[] = []
  private readonly current: Float64Array

  /**
   * `zeroSample`: counters and histograms get the creation zero sample;
   * gauges do not (Prometheus only has created timestamps for counters and histograms).
   */
  constructor(
    readonly width: number,
    readonly createdMs: number,
    private readonly timing: SeriesTiming,
    private readonly zeroSample = true,
  ) {
    this.current = new Float64Array(width)
    this.points.push({ t: createdMs - 1, v: new Float64Array(width) })
  }

  /** An independent copy (the grader's copy of the session state). */
  clone(): SeriesHistory {
    const c = new SeriesHistory(this.width, this.createdMs, this.timing, this.zeroSample)
    c.points.length = 0
    for (const p of this.points) c.points.push({ t: p.t, v: Float64Array.from(p.v) })
    c.current.set(this.current)
    return c
  }

  /**
   * Applies a change at time t; `change` mutates the current vector in place. The newest
   * point shares the current vector while its slot is open (writes in one slot copy
   * nothing); it gets its own copy when a later slot opens.
   */
  write(t: number, change: (v: Float64Array) => void): void {
    const slot = this.slotOf(t)
    const last = this.points[this.points.length - 1]!
    if (slot <= last.t && this.points.length > 1) {
      change(this.current)
      if (last.v !== this.current) last.v.set(this.current)
    } else {
      if (last.v === this.current) last.v = Float64Array.from(this.current)
      change(this.current)
      this.points.push({ t: Math.max(slot, last.t + 1), v: this.current })
    }
    this.trim(t)
  }

  /** The latest value vector (what the proxy's own /stats/prometheus shows now). */
  latest(): Float64Array {
    return this.current
  }

  /** Samples (the value `read` picks from each vector) with start < t <= end, as the scraper recorded them. */
  samples(read: Reader, start: number, end: number, limit: number): Sample[] {
    if (this.timing.scrapeIntervalMs <= 0) return this.changePoints(read, start, end, limit)
    const out: Sample[] = []
    const base = this.points[0]!
    if (this.isZeroPoint(base) && base.t > start && base.t <= end) out.push({ t: base.t, v: 0 })
    const step = this.timing.scrapeIntervalMs
    const first = Math.max(Math.floor(start / step) * step + step, this.slotOf(Math.max(this.createdMs, base.t)))
    let p = 0
    for (let t = first; t <= end; t += step) {
      while (p + 1 < this.points.length && this.points[p + 1]!.t <= t) p++
      out.push({ t, v: read(this.points[p]!.v) })
      if (out.length > limit) throw new RangeError(`query touched more than ${limit} samples`)
    }
    return out
  }

  /** The latest sample at or before t and after t - lookback, or undefined (Prometheus's lookback delta). */
  sampleAt(read: Reader, t: number, lookbackMs: number): Sample | undefined {
    const step = this.timing.scrapeIntervalMs
    const base = this.points[0]!
    // The latest scrape instant at or before t, if the series existed by then; else the creation zero sample.
    const slot = step > 0 ? Math.floor(t / step) * step : t
    const firstSlot = step > 0 ? this.slotOf(Math.max(this.createdMs, base.t)) : base.t
    let at: number
    let p: Point | undefined
    if (slot >= firstSlot) {
      p = this.pointAtOrBefore(slot)
      if (p && this.isPlaceholder(p)) return undefined
      at = step > 0 ? slot : (p?.t ?? slot)
    } else if (this.isZeroPoint(base) && base.t <= t) {
      p = base
      at = base.t
    } else return undefined
    if (!p || at <= t - lookbackMs) return undefined
    return { t: at, v: read(p.v) }
  }

  /** Binary search: the last stored point with time <= t. */
  private pointAtOrBefore(t: number): Point | undefined {
    let lo = 0
    let hi = this.points.length - 1
    if (this.points[0]!.t > t) return undefined
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if (this.points[mid]!.t <= t) lo = mid
      else hi = mid - 1
    }
    return this.points[lo]
  }

  /** scrapeIntervalMs 0: every stored change is a sample. */
  private changePoints(read: Reader, start: number, end: number, limit: number): Sample[] {
    const out: Sample[] = []
    for (const p of this.points) {
      if (this.isPlaceholder(p)) continue
      if (p.t > start && p.t <= end) out.push({ t: p.t, v: read(p.v) })
      if (out.length > limit) throw new RangeError(`query touched more than ${limit} samples`)
    }
    return out
  }

  /** The creation zero sample, still held and reported as a sample. */
  private isZeroPoint(p: Point): boolean {
    return this.zeroSample && p === this.points[0] && p.t === this.createdMs - 1
  }

  /** The initial all-zero point of a gauge: kept as a base for the code, never a sample. */
  private isPlaceholder(p: Point): boolean {
    return !this.zeroSample && p === this.points[0] && p.t === this.createdMs - 1
  }

  private slotOf(t: number): number {
    const step = this.timing.scrapeIntervalMs
    return step > 0 ? Math.ceil(t / step) * step : t
  }

  /** Folds points older than the retention window into one base point and enforces the point cap. */
  private trim(now: number): void {
    const cutoff = now - this.timing.retentionMs
    let drop = 0
    while (drop + 1 < this.points.length && this.points[drop + 1]!.t < cutoff) drop++
    drop = Math.max(drop, this.points.length - MAX_POINTS_PER_SERIES)
    if (drop > 0) this.points.splice(0, drop)
  }
}
