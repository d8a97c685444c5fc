// The fortio histogram as bars: one equal-width bar per bucket (fortio's buckets grow from 1 ms to 10 s wide), and where a percentile falls.
//
// fortio's own report draws the same table ("range, mid point, percentile,
// count"); equal widths keep the narrow low-latency buckets readable, so the x
// axis is by bucket, and a percentile mark is placed inside its bucket in
// proportion to its value, as fortio interpolates it.
import type { LoadTestBucket } from '@/lab-engine/drivers/cluster-driver'
import { formatMs, linearScale, niceTicks } from './chart-scale'

export interface HistogramBar {
  readonly x: number
  readonly width: number
  readonly y: number
  readonly height: number
  readonly bucket: LoadTestBucket
  /** "1 ms – 2 ms" */
  readonly label: string
}

export interface HistogramLayout {
  readonly bars: readonly HistogramBar[]
  /** Count ticks on the y axis, with their y positions. */
  readonly yTicks: readonly { value: number; y: number }[]
  /** Width of one bucket's slot. */
  readonly slot: number
}

/** Bars fill [0, width] x [0, height] (y grows downwards, bars stand on `height`). */
export function histogramLayout(buckets: readonly LoadTestBucket[], width: number, height: number): HistogramLayout {
  const slot = buckets.length ? width / buckets.length : width
  const ticks = niceTicks(Math.max(1, ...buckets.map((b) => b.count)))
  const y = linearScale([0, ticks.at(-1)!], [height, 0])
  const bars = buckets.map((b, i) => ({
    x: i * slot + slot * 0.075,
    width: slot * 0.85,
    y: y(b.count),
    height: height - y(b.count),
    bucket: b,
    label: `${formatMs(b.startMs)} – ${formatMs(b.endMs)}`,
  }))
  return { bars, yTicks: ticks.map((value) => ({ value, y: y(value) })), slot }
}

/** The x of a latency on the bucket axis: its bucket's slot, then linearly inside it; clamped to the ends. */
export function latencyX(ms: number, buckets: readonly LoadTestBucket[], slot: number): number {
  if (buckets.length === 0) return 0
  if (ms <= buckets[0]!.startMs) return 0
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i]!
    if (ms <= b.endMs) {
      const frac = b.endMs > b.startMs ? (ms - b.startMs) / (b.endMs - b.startMs) : 1
      return (i + Math.min(1, Math.max(0, frac))) * slot
    }
  }
  return buckets.length * slot
}
