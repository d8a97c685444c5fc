import { describe, expect, it } from 'vitest'
import { binomialInterval, requestsForSplit, requestsToResolve } from './statistics'

describe('distribution statistics', () => {
  it('needs a few hundred requests to tell 90/10 from 80/20, more for 50/50 against 40/60', () => {
    const n9010 = requestsForSplit([0.9, 0.1], 0.1)
    expect(n9010).toBeGreaterThan(400)
    expect(n9010).toBeLessThan(700)
    expect(requestsForSplit([0.5, 0.5], 0.1)).toBeGreaterThan(n9010)
  })

  it('at that N the interval around the expected share excludes the wrong share and vice versa', () => {
    for (const [p, q] of [[0.9, 0.8], [0.5, 0.4], [0.1, 0.2]] as const) {
      const n = requestsToResolve(p, 0.1)
      const expected = binomialInterval(p, n)
      const wrong = binomialInterval(q, n)
      expect(expected.low > wrong.high || expected.high < wrong.low).toBe(true)
    }
  })

  it('gives a degenerate interval for certain outcomes (100% to v3)', () => {
    expect(binomialInterval(1, 100)).toEqual({ low: 1, high: 1 })
  })
})
