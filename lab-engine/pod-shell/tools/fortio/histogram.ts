// fortio's stats package: a Counter (count, avg, stddev, min, max, sum) and its fixed-bucket Histogram.
//
// Follows fortio/stats/stats.go: values are scaled by (v - offset) / divider and
// fall in buckets ]prev, cur] of a fixed list (0..11 by 1, then 12..20 by 2, 25..50
// by 5, ... up to 100000); the first bucket holds everything <= 0 and one extra
// bucket everything above the last value. The exported first bucket starts at the
// minimum and the last ends at the maximum; percentiles interpolate linearly in
// the bucket that crosses them. Memory is the bucket array, whatever the count.

import { goG, goGPrec, goF } from './go-format'

const BUCKET_VALUES: readonly number[] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
  12, 14, 16, 18, 20,
  25, 30, 35, 40, 45, 50,
  60, 70, 80, 90, 100,
  120, 140, 160, 180, 200,
  250, 300, 350, 400, 450, 500,
  600, 700, 800, 900, 1000,
  2000, 3000, 4000, 5000, 7500, 10000,
  20000, 30000, 40000, 50000, 75000, 100000,
]
const NUM_VALUES = BUCKET_VALUES.length
const NUM_BUCKETS = NUM_VALUES + 1
const LAST_VALUE = BUCKET_VALUES[NUM_VALUES - 1]!

/** Running statistics; fortio's sum of squares uses (v*n)^2, which with n = 1 is the usual one. */
export class Counter {
  count = 0
  min = 0
  max = 0
  sum = 0
  private sumOfSquares = 0

  record(v: number): void {
    if (this.count === 0) { this.min = v; this.max = v } else if (v < this.min) this.min = v
    else if (v > this.max) this.max = v
    this.count++
    this.sum += v
    this.sumOfSquares += v * v
  }

  avg(): number {
    return this.count === 0 ? 0 : this.sum / this.count
  }

  stdDev(): number {
    if (this.count === 0) return 0
    const sigma = (this.sumOfSquares - (this.sum * this.sum) / this.count) / this.count
    return sigma < 0 ? 0 : Math.sqrt(sigma)
  }

  /** Merges another counter in (fortio's Transfer, used to combine the threads' stats). */
  add(other: Counter): void {
    if (other.count === 0) return
    if (this.count === 0) { this.min = other.min; this.max = other.max } else {
      this.min = Math.min(this.min, other.min)
      this.max = Math.max(this.max, other.max)
    }
    this.count += other.count
    this.sum += other.sum
    this.sumOfSquares += other.sumOfSquares
  }

  /** `msg : count N avg A +/- S min m max M sum T` (fortio Counter.Print). */
  line(msg: string): string {
    return `${msg} : count ${this.count} avg ${goGPrec(this.avg(), 8)} +/- ${goGPrec(this.stdDev(), 4)} min ${goG(this.min)} max ${goG(this.max)} sum ${goGPrec(this.sum, 9)}\n`
  }
}

export interface Bucket { start: number; end: number; percent: number; count: number }

export class Histogram extends Counter {
  private readonly hdata = new Array<number>(NUM_BUCKETS).fill(0)

  constructor(readonly offset: number, readonly divider: number) {
    super()
  }

  override record(v: number): void {
    super.record(v)
    this.hdata[this.bucketIndex(v)]!++
  }

  /** Count in the first bucket (scaled value <= 0): the sleep histogram's "falling behind" share. */
  firstBucketCount(): number {
    return this.hdata[0]!
  }

  override add(other: Counter): void {
    super.add(other)
    if (other instanceof Histogram) other.hdata.forEach((n, i) => { this.hdata[i]! += n })
  }

  private bucketIndex(v: number): number {
    const scaled = (v - this.offset) / this.divider
    if (scaled <= 0) return 0
    if (scaled > LAST_VALUE) return NUM_BUCKETS - 1
    // Intervals are open on the left: a value exactly on a boundary belongs to the bucket below.
    let whole = Math.trunc(scaled)
    if (scaled - whole < 1e-12) whole--
    for (let i = 1; i < NUM_VALUES; i++) if (BUCKET_VALUES[i]! > whole) return i
    return NUM_VALUES - 1
  }

  /** fortio's Export(): the non-empty buckets with cumulative percentages. */
  buckets(): Bucket[] {
    const out: Bucket[] = []
    let lastIdx = -1
    for (let i = NUM_BUCKETS - 1; i >= 0; i--) if (this.hdata[i]! > 0) { lastIdx = i; break }
    let prev = BUCKET_VALUES[0]!
    let total = 0
    for (let i = 0; i <= lastIdx; i++) {
      const n = this.hdata[i]!
      if (n === 0) { if (i < NUM_VALUES) prev = BUCKET_VALUES[i]!; continue }
      total += n
      // The first exported bucket starts at the minimum; the overflow bucket always starts at the last value.
      const start = out.length === 0 && i < NUM_VALUES ? this.min : this.divider * prev + this.offset
      let end = this.max
      if (i < NUM_VALUES) { end = this.divider * BUCKET_VALUES[i]! + this.offset; prev = BUCKET_VALUES[i]! }
      out.push({ start, end, percent: (100 * total) / this.count, count: n })
    }
    if (out.length > 0) out[out.length - 1]!.end = this.max
    return out
  }

  /** fortio's CalcPercentile: linear interpolation inside the bucket that reaches p. */
  percentile(p: number, data = this.buckets()): number {
    if (data.length === 0) return 0
    if (p >= 100) return this.max
    let pp = 100 / this.count
    if (p <= pp) return this.min
    for (const b of data) {
      if (p <= b.percent) return b.start + ((p - pp) / (b.percent - pp)) * (b.end - b.start)
      pp = b.percent
    }
    return this.max
  }

  /** HistogramData.Print: the counter line, the bucket table and the `# target` lines, or `msg : no data`. */
  print(msg: string, percentiles: readonly number[]): string {
    const data = this.buckets()
    if (data.length === 0) return `${msg} : no data\n`
    let out = this.line(msg) + '# range, mid point, percentile, count\n'
    data.forEach((b, i) => {
      out += `${i === 0 ? '>=' : '>'} ${goGPrec(b.start, 6)} <= ${goGPrec(b.end, 6)} , ${goGPrec((b.start + b.end) / 2, 6)} , ${goF(b.percent, 2)}, ${b.count}\n`
    })
    for (const p of percentiles) out += this.targetLine(p, data)
    return out
  }

  /** `# target 50% 0.0095` */
  targetLine(p: number, data = this.buckets()): string {
    return `# target ${goG(p)}% ${goGPrec(this.percentile(p, data), 6)}\n`
  }
}
