// EdgeWindow: rates over the data's span, error share, worst p99, mTLS share, and fading out after the window.
import { describe, expect, it } from 'vitest'
import { EdgeWindow, edgeKey, trafficLabel } from './edge-window'
import { sample } from './fixture.test-util'

const A = 'default/productpage-v1'
const B = 'default/reviews-v1'

describe('EdgeWindow', () => {
  it('sums a few seconds of samples into rps, error % and the worst p99', () => {
    const w = new EdgeWindow(10_000)
    w.add([sample(A, B, 10, 0, 12)], 0)
    w.add([sample(A, B, 10, 1, 30, 0.5)], 1_000)
    w.add([sample(A, B, 12, 1, 20)], 2_000)
    const s = w.stats(2_000).get(edgeKey(A, B))!
    expect(s).toMatchObject({ requests: 32, errors: 2, rps: 10.7, errorPercent: 6.3, p99Ms: 30 })
    expect(s.mtlsRatio).toBeCloseTo(27 / 32)
    expect(trafficLabel(s)).toBe('10.7 rps · 6.3% · p99 30ms')
  })

  it('forgets samples older than the window, so an idle edge disappears', () => {
    const w = new EdgeWindow(10_000)
    w.add([sample(A, B, 5)], 0)
    w.add([sample(A, 'default/ratings-v1', 5)], 9_000)
    expect([...w.stats(9_500).keys()]).toHaveLength(2)
    expect([...w.stats(10_500).keys()]).toEqual([edgeKey(A, 'default/ratings-v1')])
    expect(w.prune(20_000)).toBe(true)
    expect(w.stats(20_000).size).toBe(0)
  })

  it('divides by at most the window once it is full', () => {
    const w = new EdgeWindow(10_000)
    for (let t = 0; t < 30_000; t += 1_000) w.add([sample(A, B, 3)], t)
    expect(w.stats(29_000).get(edgeKey(A, B))!.rps).toBe(3)
  })

  it('prints seconds for a slow p99', () => {
    expect(trafficLabel({ rps: 0.5, errorPercent: 100, p99Ms: 7_012 })).toBe('0.5 rps · 100% · p99 7s')
  })
})
