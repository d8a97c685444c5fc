// Chart geometry: scales, round ticks, gapped line paths, time ticks and number formats.
import { describe, expect, it } from 'vitest'
import { formatMs, formatPercent, formatRate, linePath, linearScale, niceStep, niceTicks, relativeTimeLabel, timeTicks } from './chart-scale'

describe('linearScale', () => {
  it('maps the domain onto the range, inverted ranges included; a flat domain maps to the range start', () => {
    const y = linearScale([0, 10], [100, 0])
    expect([y(0), y(5), y(10)]).toEqual([100, 50, 0])
    expect(linearScale([3, 3], [0, 50])(3)).toBe(0)
  })
})

describe('niceTicks', () => {
  it.each([
    [0, [0, 1]],
    [3.2, [0, 1, 2, 3, 4]],
    [7, [0, 2, 4, 6, 8]],
    [0.37, [0, 0.1, 0.2, 0.3, 0.4]],
    [1200, [0, 500, 1000, 1500]],
  ])('covers %d with round steps from 0', (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks)
  })

  it('steps are 1, 2 or 5 times a power of ten', () => {
    for (const max of [0.013, 4.4, 77, 999, 12345]) expect(String(niceStep(max))).toMatch(/^(1|2|5)(0*|\.0*)$|^0\.0*(1|2|5)$/)
  })
})

describe('linePath', () => {
  it('breaks the line at a null and draws a lone point as a tiny segment', () => {
    expect(linePath([{ x: 0, y: 10 }, { x: 5, y: 20 }, { x: 10, y: null }, { x: 15, y: 30 }])).toBe('M0,10L5,20M15,30h0.01')
    expect(linePath([{ x: 0, y: null }])).toBe('')
  })
})

describe('time axis', () => {
  it('labels ticks relative to the end and picks whole-minute steps', () => {
    expect(relativeTimeLabel(1_000_000, 1_000_000)).toBe('now')
    expect(relativeTimeLabel(970_000, 1_000_000)).toBe('-30s')
    expect(relativeTimeLabel(700_000, 1_000_000)).toBe('-5m')
    expect(timeTicks(0, 300_000)).toEqual([0, 60_000, 120_000, 180_000, 240_000, 300_000])
    expect(timeTicks(10_000, 130_000)).toEqual([10_000, 40_000, 70_000, 100_000, 130_000])
    expect(timeTicks(0, 3_600_000)).toEqual([0, 900_000, 1_800_000, 2_700_000, 3_600_000])
    expect(timeTicks(5, 5)).toEqual([5])
  })
})

describe('formats', () => {
  it('writes latency, rates and shares with units', () => {
    expect(formatMs(0.25)).toBe('250 µs')
    expect(formatMs(4.567)).toBe('4.57 ms')
    expect(formatMs(250)).toBe('250 ms')
    expect(formatMs(2500)).toBe('2.5 s')
    expect(formatRate(0.5)).toBe('0.5 req/s')
    expect(formatPercent(0.25)).toBe('25 %')
    expect(formatPercent(0.005)).toBe('0.5 %')
  })
})
