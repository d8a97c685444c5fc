// The fortio histogram's bars and percentile marks.
import { describe, expect, it } from 'vitest'
import { histogramLayout, latencyX } from './histogram-layout'

const buckets = [
  { startMs: 0.8, endMs: 1, percent: 10, count: 2 },
  { startMs: 1, endMs: 2, percent: 60, count: 10 },
  { startMs: 5, endMs: 6, percent: 100, count: 8 },
]

describe('histogramLayout', () => {
  it('gives each bucket an equal slot and a bar as tall as its count on a round count axis', () => {
    const l = histogramLayout(buckets, 300, 100)
    expect(l.slot).toBe(100)
    expect(l.bars.map((b) => Math.round(b.x))).toEqual([8, 108, 208])
    expect(l.yTicks.map((t) => t.value)).toEqual([0, 5, 10])
    const tallest = l.bars[1]!
    expect(tallest.y + tallest.height).toBe(100)
    expect(tallest.height).toBe(100)
    expect(l.bars[2]!.height).toBeCloseTo(80)
    expect(l.bars[0]!.label).toBe('800 µs – 1 ms')
  })

  it('has no bars and a unit axis without data', () => {
    const l = histogramLayout([], 300, 100)
    expect(l.bars).toEqual([])
    expect(l.yTicks.at(-1)!.value).toBeGreaterThan(0)
  })
})

describe('latencyX', () => {
  it('places a latency inside its bucket in proportion, clamped to the axis', () => {
    expect(latencyX(1.5, buckets, 100)).toBe(150)
    expect(latencyX(5.25, buckets, 100)).toBe(225)
    // Between buckets (2..5 ms is empty): the start of the next one.
    expect(latencyX(3, buckets, 100)).toBe(200)
    expect(latencyX(0.1, buckets, 100)).toBe(0)
    expect(latencyX(99, buckets, 100)).toBe(300)
    expect(latencyX(1, [], 100)).toBe(0)
  })
})
